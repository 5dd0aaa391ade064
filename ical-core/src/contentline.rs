//! Content lines (RFC 5545 §3.1, RFC 6350 §3.3): unfolding, then
//! `[group "."] name *(";" param) ":" value`.
//!
//! The reader borrows from the input: every name, parameter and value is a
//! slice of the input, except one that a fold cuts in two, which is
//! unfolded into an owned string. Parameter values are kept as written
//! (quotes and RFC 6868 `^` escapes included) and decoded on request by
//! [`Parameter::values`], so reading does no work for parameters nobody asks
//! about.

use std::borrow::Cow;
use std::ops::Range;

use std::cell::Cell;

use crate::error::{Error, ErrorKind, ErrorSink, LineStart, Location};
use crate::options::ParseOptions;

/// One property parameter: `NAME=value[,value…]`, as written.
///
/// The value text is kept exactly as it stood in the input (with any double
/// quotes and RFC 6868 escapes); [`Parameter::values`] decodes it.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Parameter<'a> {
    name: Cow<'a, str>,
    /// `None` for a vCard 2.1 bare parameter such as `TEL;HOME:…`.
    raw_value: Option<Cow<'a, str>>,
}

impl<'a> Parameter<'a> {
    /// A parameter with one value, quoted and RFC 6868-encoded as needed.
    ///
    /// ```
    /// use kalends_ical_core::Parameter;
    /// let p = Parameter::new("CN", "Doe, Jane");
    /// assert_eq!(p.raw_value(), Some("\"Doe, Jane\""));
    /// assert_eq!(p.value().as_deref(), Some("Doe, Jane"));
    /// ```
    pub fn new(name: impl Into<Cow<'a, str>>, value: &str) -> Parameter<'a> {
        Parameter::with_values(name, [value])
    }

    /// A multi-valued parameter (`MEMBER="a","b"`, `TYPE=work,voice`).
    pub fn with_values<'v>(
        name: impl Into<Cow<'a, str>>,
        values: impl IntoIterator<Item = &'v str>,
    ) -> Parameter<'a> {
        let mut raw = String::new();
        for (i, v) in values.into_iter().enumerate() {
            if i > 0 {
                raw.push(',');
            }
            encode_param_value(v, &mut raw);
        }
        Parameter {
            name: name.into(),
            raw_value: Some(Cow::Owned(raw)),
        }
    }

    /// A parameter from its name and its value text exactly as it should be
    /// written (no quoting or escaping is added).
    pub fn from_raw(
        name: impl Into<Cow<'a, str>>,
        raw_value: Option<Cow<'a, str>>,
    ) -> Parameter<'a> {
        Parameter {
            name: name.into(),
            raw_value,
        }
    }

    /// A vCard 2.1 bare parameter without `=value` (`TEL;HOME;VOICE:`).
    pub fn bare(name: impl Into<Cow<'a, str>>) -> Parameter<'a> {
        Parameter {
            name: name.into(),
            raw_value: None,
        }
    }

    /// The name as written. Compare with [`Parameter::is`] (names are case-insensitive).
    pub fn name(&self) -> &str {
        &self.name
    }

    /// True when the name equals `name`, ignoring ASCII case (RFC 5545 §3.2).
    #[inline]
    pub fn is(&self, name: &str) -> bool {
        let (a, b) = (self.name.as_bytes(), name.as_bytes());
        // Lengths first: most names asked about differ in length from most
        // parameters' names; then byte by byte, stopping at the first difference.
        a.len() == b.len()
            && a.iter()
                .zip(b)
                .all(|(x, y)| x == y || x.eq_ignore_ascii_case(y))
    }

    /// The value text as written, with quotes and escapes; `None` for a bare parameter.
    pub fn raw_value(&self) -> Option<&str> {
        self.raw_value.as_deref()
    }

    /// The decoded values: split at commas outside quotes, quotes removed,
    /// RFC 6868 `^n`, `^^`, `^'` decoded. A bare parameter has none.
    ///
    /// ```
    /// use kalends_ical_core::Parameter;
    /// use std::borrow::Cow;
    /// let p = Parameter::from_raw("MEMBER", Some(Cow::Borrowed("\"mailto:a@x\",\"mailto:b@x\"")));
    /// let v: Vec<_> = p.values().collect();
    /// assert_eq!(v, ["mailto:a@x", "mailto:b@x"]);
    /// ```
    pub fn values(&self) -> ParamValues<'_> {
        ParamValues {
            rest: self.raw_value.as_deref().unwrap_or(""),
            done: self.raw_value.is_none(),
        }
    }

    /// The first decoded value, or `None` for a bare parameter.
    #[inline]
    pub fn value(&self) -> Option<Cow<'_, str>> {
        self.values().next()
    }

    /// Converts into a parameter that owns its text.
    pub fn into_owned(self) -> Parameter<'static> {
        Parameter {
            name: Cow::Owned(self.name.into_owned()),
            raw_value: self.raw_value.map(|v| Cow::Owned(v.into_owned())),
        }
    }
}

/// Iterator over the decoded values of a [`Parameter`].
#[derive(Debug, Clone)]
pub struct ParamValues<'p> {
    rest: &'p str,
    done: bool,
}

impl<'p> Iterator for ParamValues<'p> {
    type Item = Cow<'p, str>;

    fn next(&mut self) -> Option<Cow<'p, str>> {
        if self.done {
            return None;
        }
        let s = self.rest;
        // One search per item finds its end and any `^` in it: an item
        // without a `^` (almost all of them) is borrowed as it is.
        let (item, caret, rest) = if let Some(inner) = s.strip_prefix('"') {
            match find_end(inner.as_bytes(), b'"') {
                (Some(q), caret) => {
                    let item = inner.get(..q).unwrap_or("");
                    let after = inner.get(q.saturating_add(1)..).unwrap_or("");
                    // Anything between the closing quote and the next comma is
                    // not allowed by the grammar; the reader reports it, here we skip it.
                    let rest = after
                        .bytes()
                        .position(|b| b == b',')
                        .map(|c| after.get(c.saturating_add(1)..).unwrap_or(""));
                    (item, caret, rest)
                }
                (None, caret) => (inner, caret, None),
            }
        } else {
            match find_end(s.as_bytes(), b',') {
                (Some(c), caret) => (
                    s.get(..c).unwrap_or(""),
                    caret,
                    Some(s.get(c.saturating_add(1)..).unwrap_or("")),
                ),
                (None, caret) => (s, caret, None),
            }
        };
        match rest {
            Some(r) => self.rest = r,
            None => self.done = true,
        }
        Some(match caret {
            Some(first) => Cow::Owned(decode_rfc6868_from(item, first)),
            None => Cow::Borrowed(item),
        })
    }
}

/// The position of the first `end` byte in `bytes` and that of the first
/// `^` before it (or anywhere, when there is no `end`).
#[inline]
fn find_end(bytes: &[u8], end: u8) -> (Option<usize>, Option<usize>) {
    let (end_word, caret_word) = (splat(end), splat(b'^'));
    match find_byte(bytes, 0, |w| {
        zero_bytes(w ^ end_word) | zero_bytes(w ^ caret_word)
    }) {
        None => (None, None),
        Some(at) if bytes.get(at) == Some(&end) => (Some(at), None),
        Some(caret) => (
            find_byte(bytes, caret, |w| zero_bytes(w ^ end_word)),
            Some(caret),
        ),
    }
}

/// Decodes RFC 6868 §3 escapes: `^n` → newline, `^^` → `^`, `^'` → `"`.
/// A `^` followed by anything else is kept as it is (RFC 6868 §3).
pub fn decode_rfc6868(s: &str) -> Cow<'_, str> {
    match find_byte(s.as_bytes(), 0, carets) {
        Some(first) => Cow::Owned(decode_rfc6868_from(s, first)),
        None => Cow::Borrowed(s),
    }
}

/// Marks the `^` in a word (see [`zero_bytes`]).
#[inline(always)]
fn carets(word: u64) -> u64 {
    zero_bytes(word ^ splat(b'^'))
}

/// [`decode_rfc6868`] of `s`, whose first `^` is at `first`: the runs
/// between carets are copied whole.
fn decode_rfc6868_from(s: &str, first: usize) -> String {
    let bytes = s.as_bytes();
    // Decoding only shortens the text.
    let mut out = String::with_capacity(s.len());
    // `s[..done]` is decoded into `out`.
    let mut done = 0;
    let mut at = first;
    loop {
        out.push_str(s.get(done..at).unwrap_or(""));
        let (decoded, used) = match bytes.get(at.saturating_add(1)) {
            Some(b'n' | b'N') => ('\n', 2),
            Some(b'^') => ('^', 2),
            Some(b'\'') => ('"', 2),
            // Another character (copied with the next run) or nothing.
            _ => ('^', 1),
        };
        out.push(decoded);
        done = at.saturating_add(used);
        match find_byte(bytes, done, carets) {
            Some(next) => at = next,
            None => break,
        }
    }
    out.push_str(s.get(done..).unwrap_or(""));
    out
}

/// One parameter value as [`encode_param_value`] writes it, borrowing
/// `value` when that is the value itself (no quotes, no RFC 6868
/// encoding: the common case).
///
/// ```
/// use kalends_ical_core::contentline::encoded_param_value;
/// use std::borrow::Cow;
/// assert!(matches!(encoded_param_value("Bob Example"), Cow::Borrowed("Bob Example")));
/// assert_eq!(encoded_param_value("Doe, Jane"), "\"Doe, Jane\"");
/// assert_eq!(encoded_param_value("a\"b^c"), "a^'b^^c");
/// ```
pub fn encoded_param_value(value: &str) -> Cow<'_, str> {
    if param_class(value) == 0 {
        return Cow::Borrowed(value);
    }
    let mut out = String::new();
    encode_param_value(value, &mut out);
    Cow::Owned(out)
}

/// The union of the [`PARAM_CLASS`] bits of `value`'s bytes.
fn param_class(value: &str) -> u8 {
    value.bytes().fold(0, |class, b| {
        class | PARAM_CLASS.get(usize::from(b)).copied().unwrap_or(0)
    })
}

/// Appends one parameter value to `out`: RFC 6868-encoded, and quoted when it
/// contains `;`, `:` or `,` (RFC 5545 §3.2) or an encoded character.
pub fn encode_param_value(value: &str, out: &mut String) {
    // One pass over the bytes says whether anything is to be done; the
    // characters concerned are all ASCII.
    let class = param_class(value);
    if class == 0 {
        out.push_str(value);
        return;
    }
    let quoted = class & PARAM_QUOTE != 0;
    if class & PARAM_ESCAPE == 0 {
        out.reserve(value.len().saturating_add(2));
        out.push('"');
        out.push_str(value);
        out.push('"');
        return;
    }
    out.reserve(
        value
            .len()
            .saturating_add(value.len() / 4)
            .saturating_add(2),
    );
    if quoted {
        out.push('"');
    }
    let bytes = value.as_bytes();
    // `value[..done]` is encoded into `out`.
    let mut done = 0;
    for (at, &b) in bytes.iter().enumerate() {
        let encoded = match b {
            b'^' => "^^",
            b'"' => "^'",
            b'\n' => "^n",
            // CR LF is one line break, written by its LF.
            b'\r' if bytes.get(at.saturating_add(1)) == Some(&b'\n') => "",
            b'\r' => "^n",
            _ => continue,
        };
        out.push_str(value.get(done..at).unwrap_or(""));
        out.push_str(encoded);
        done = at.saturating_add(1);
    }
    out.push_str(value.get(done..).unwrap_or(""));
    if quoted {
        out.push('"');
    }
}

/// In [`PARAM_CLASS`]: the byte makes a parameter value quoted.
const PARAM_QUOTE: u8 = 1;
/// In [`PARAM_CLASS`]: the byte is RFC 6868-encoded in a parameter value.
const PARAM_ESCAPE: u8 = 2;

/// What writing a byte of a parameter value takes: quoting for `;`, `:`
/// and `,` (RFC 5545 §3.2), RFC 6868 §3 encoding for `^`, `"`, LF and CR.
// Indexing is checked at compile time here: `b` stays below 256.
#[allow(clippy::indexing_slicing)]
static PARAM_CLASS: [u8; 256] = {
    let mut t = [0; 256];
    t[b';' as usize] = PARAM_QUOTE;
    t[b':' as usize] = PARAM_QUOTE;
    t[b',' as usize] = PARAM_QUOTE;
    t[b'^' as usize] = PARAM_ESCAPE;
    t[b'"' as usize] = PARAM_ESCAPE;
    t[b'\n' as usize] = PARAM_ESCAPE;
    t[b'\r' as usize] = PARAM_ESCAPE;
    t
};

/// One logical content line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ContentLine<'a> {
    /// The group (`item1` in `item1.TEL`), used by vCard.
    pub group: Option<Cow<'a, str>>,
    /// The name as written.
    pub name: Cow<'a, str>,
    /// The parameters in order.
    pub params: Vec<Parameter<'a>>,
    /// The value, unfolded, still escaped as the value type requires.
    pub value: Cow<'a, str>,
    /// Byte range of the line in the input, from its first character to
    /// the end of its line ending (fold points included).
    pub span: Range<usize>,
    /// The exact input text that produced this line: any blank lines the
    /// reader skipped before it, the line, its folds and its line ending.
    pub raw: &'a str,
}

/// Reads logical content lines from a text, reporting problems to a sink.
///
/// ```
/// use kalends_ical_core::contentline::ContentLines;
/// use kalends_ical_core::{ParseOptions, Strict};
/// let text = "DTSTART;TZID=Europe/Berlin:20240101T090000\r\nSUMMARY:Lunch\r\n  with Jo\r\n";
/// let options = ParseOptions::default();
/// let mut lines = ContentLines::new(text, &options);
/// let first = lines.next_line(&mut Strict)?.expect("one line");
/// assert_eq!(first.name, "DTSTART");
/// assert_eq!(first.params[0].value().as_deref(), Some("Europe/Berlin"));
/// let second = lines.next_line(&mut Strict)?.expect("two lines");
/// assert_eq!(second.value, "Lunch with Jo");
/// assert!(lines.next_line(&mut Strict)?.is_none());
/// # Ok::<(), kalends_ical_core::Error>(())
/// ```
#[derive(Debug)]
pub struct ContentLines<'a, 'o> {
    src: &'a str,
    pos: usize,
    options: &'o ParseOptions,
    reported_bare_lf: bool,
    reported_lf_fold: bool,
    /// Segments of the current logical line: (start, end) in `src`.
    segments: Vec<(usize, usize)>,
    /// False when no physical line of the current logical line has a byte
    /// below U+0020 or U+007F but its line ending: then its value has no
    /// control character, and need not be searched for one.
    maybe_control: bool,
    /// The unfolded text of the current line when it was folded, reused
    /// from line to line so that unfolding allocates nothing.
    unfolded: String,
    /// Parameter name and value ranges of the current line, reused so that
    /// reading a line allocates only its list of parameters and the pieces
    /// that a fold cuts.
    param_ranges: Vec<(Range<usize>, Option<Range<usize>>)>,
    /// The line start of the last problem located, so that locating the
    /// problems of a file costs linear time in all.
    last_located: Cell<LineStart>,
}

impl<'a, 'o> ContentLines<'a, 'o> {
    /// A reader over `src`.
    pub fn new(src: &'a str, options: &'o ParseOptions) -> ContentLines<'a, 'o> {
        // A UTF-8 byte order mark is not content; skip it (it stays in the
        // raw text of the first line, so writing reproduces it).
        ContentLines {
            src,
            pos: 0,
            options,
            reported_bare_lf: false,
            reported_lf_fold: false,
            segments: Vec::new(),
            maybe_control: false,
            unfolded: String::new(),
            param_ranges: Vec::new(),
            last_located: Cell::new(LineStart::FIRST),
        }
    }

    /// The byte offset of the next unread line.
    pub fn position(&self) -> usize {
        self.pos
    }

    /// The rest of the input from the current position (text after the
    /// last line, such as trailing blank lines).
    pub fn remainder(&self) -> &'a str {
        self.src.get(self.pos..).unwrap_or("")
    }

    /// Reads the next logical line. Problems go to `sink`; when the sink
    /// accepts them the reader recovers and goes on. Returns `Ok(None)` at
    /// the end of the input. Limit errors are returned directly.
    pub fn next_line<S: ErrorSink + ?Sized>(
        &mut self,
        sink: &mut S,
    ) -> Result<Option<ContentLine<'a>>, Error> {
        let src = self.src;
        let bytes = src.as_bytes();
        let raw_start = self.pos;
        loop {
            if self.pos >= bytes.len() {
                self.pos = bytes.len();
                return Ok(None);
            }
            let line_start = self.pos;
            let mut content_start = line_start;
            if line_start == 0 && src.starts_with('\u{feff}') {
                content_start = 3;
            }
            self.segments.clear();
            self.maybe_control = false;
            let (first_end, mut next) = self.physical_line(content_start, sink)?;
            if first_end == content_start {
                // A blank physical line.
                let is_last = next >= bytes.len();
                self.pos = next;
                if !self.options.allow_blank_lines && !is_last_trailing(src, next) {
                    sink.report(self.error_at(
                        ErrorKind::BlankLine,
                        "an empty line stands where a content line was expected (RFC 5545 §3.1 has no empty lines).",
                        line_start..line_start,
                    ))?;
                }
                if is_last {
                    return Ok(None);
                }
                continue;
            }
            let orphan = matches!(bytes.get(content_start), Some(b' ' | b'\t'));
            if orphan {
                sink.report(self.error_at(
                    ErrorKind::OrphanContinuation,
                    "a continuation line (starting with a space or tab) has no content line before it to continue.",
                    content_start..first_end,
                ))?;
            }
            self.segments.push((content_start, first_end));
            let mut total = first_end - content_start;
            while matches!(bytes.get(next), Some(b' ' | b'\t')) {
                let cont_start = next + 1;
                let (end, after) = self.physical_line(cont_start, sink)?;
                total = total.saturating_add(end.saturating_sub(cont_start));
                if total > self.options.limits.max_value_len {
                    return Err(limit_error(
                        src,
                        line_start..end,
                        format!(
                            "a content line is longer than the limit of {} bytes.",
                            self.options.limits.max_value_len
                        ),
                    ));
                }
                self.segments.push((cont_start, end));
                next = after;
            }
            if orphan {
                self.skip_leading_blanks();
            }
            self.pos = next;
            let span = content_start..next;
            let raw = src.get(raw_start..next).unwrap_or("");
            let mut unfolded = std::mem::take(&mut self.unfolded);
            let line = self.logical_text(&mut unfolded);
            let mut ranges = std::mem::take(&mut self.param_ranges);
            ranges.clear();
            let result = self.split_line(line, span, raw, &mut ranges, sink);
            self.param_ranges = ranges;
            self.unfolded = unfolded;
            return result.map(Some);
        }
    }

    /// Finds the end of the physical line starting at `start`: returns the
    /// end of its content and the start of the next line. Sets
    /// `maybe_control` when the line has a control character or a tab.
    fn physical_line<S: ErrorSink + ?Sized>(
        &mut self,
        start: usize,
        sink: &mut S,
    ) -> Result<(usize, usize), Error> {
        let bytes = self.src.as_bytes();
        // One pass over the line finds its end and tells whether its value
        // is to be searched for control characters ([`find_control`]): it
        // stops at every control character, the line's CR and LF included.
        let mut from = start;
        let nl = loop {
            // NUL is marked too, and `find_byte` pads the last word with
            // NULs: a mark past the end is that padding.
            match find_byte(bytes, from, controls).filter(|&at| at < bytes.len()) {
                None => return Ok((bytes.len(), bytes.len())),
                Some(at) => match bytes.get(at..) {
                    Some([b'\r', b'\n', ..]) => return Ok((at, at + 2)),
                    Some([b'\n', ..]) => break at,
                    _ => {
                        self.maybe_control = true;
                        from = at + 1;
                    }
                },
            }
        };
        if nl > start && bytes.get(nl - 1) == Some(&b'\r') {
            return Ok((nl - 1, nl + 1));
        }
        self.bare_lf(nl, sink)?;
        Ok((nl, nl + 1))
    }

    /// Reports the LF at `nl`, which has no CR before it, unless the
    /// options allow it or one was reported already. Kept out of
    /// [`ContentLines::physical_line`], which is the hot path.
    #[cold]
    fn bare_lf<S: ErrorSink + ?Sized>(&mut self, nl: usize, sink: &mut S) -> Result<(), Error> {
        let folds = matches!(self.src.as_bytes().get(nl + 1), Some(b' ' | b'\t'));
        if folds && !self.options.allow_lf_folding && !self.reported_lf_fold {
            self.reported_lf_fold = true;
            sink.report(self.error_at(
                ErrorKind::BareLf,
                "a line is folded with a bare LF; RFC 5545 §3.1 folds with CRLF followed by a space (allow_lf_folding accepts this).",
                nl..nl + 1,
            ))?;
        } else if !folds && !self.options.allow_bare_lf && !self.reported_bare_lf {
            self.reported_bare_lf = true;
            sink.report(self.error_at(
                ErrorKind::BareLf,
                "a line ends with a bare LF; RFC 5545 §3.1 requires CRLF (allow_bare_lf accepts this; later lines are not reported again).",
                nl..nl + 1,
            ))?;
        }
        Ok(())
    }

    /// Recovers from an orphan continuation: the logical line is read
    /// without its leading blanks (they stay in `raw`), since a name that
    /// starts with a blank would be written back as a fold of the line
    /// before. Empty segments left in front are dropped.
    fn skip_leading_blanks(&mut self) {
        let bytes = self.src.as_bytes();
        while let Some((s, e)) = self.segments.first_mut() {
            while *s < *e && matches!(bytes.get(*s), Some(b' ' | b'\t')) {
                *s += 1;
            }
            if *s < *e || self.segments.len() == 1 {
                break;
            }
            self.segments.remove(0);
        }
    }

    /// The text of the current logical line: a slice of the input, or for a
    /// folded line its segments joined in `unfolded`.
    fn logical_text<'u>(&self, unfolded: &'u mut String) -> &'u str
    where
        'a: 'u,
    {
        let src = self.src;
        match self.segments.as_slice() {
            [(s, e)] => src.get(*s..*e).unwrap_or(""),
            segments => {
                unfolded.clear();
                for (s, e) in segments {
                    unfolded.push_str(src.get(*s..*e).unwrap_or(""));
                }
                unfolded
            }
        }
    }

    /// The input range of `range` of the logical line, when it lies within
    /// one segment (a piece that a fold does not cut).
    fn source_range(&self, range: Range<usize>) -> Option<Range<usize>> {
        // `base` is the offset in the logical line of segment `(s, e)`.
        let mut base = 0;
        for &(s, e) in &self.segments {
            let end = base + (e - s);
            if range.end <= end {
                // `range.start >= base`: it did not start in an earlier segment.
                return Some(s + (range.start - base)..s + (range.end - base));
            }
            if range.start < end {
                return None;
            }
            base = end;
        }
        None
    }

    /// Maps an offset in the unfolded logical line back to the input.
    fn source_offset(&self, mut offset: usize) -> usize {
        for (s, e) in &self.segments {
            let len = e - s;
            if offset <= len {
                return s + offset;
            }
            offset -= len;
        }
        self.segments.last().map_or(0, |(_, e)| *e)
    }

    fn error(&self, kind: ErrorKind, message: String, range: Range<usize>) -> Error {
        let span = self.source_offset(range.start)..self.source_offset(range.end);
        self.error_at(kind, message, span)
    }

    /// An error at `span` of the input, located in time linear in the
    /// distance from the previous problem (problems come in input order).
    pub(crate) fn error_at(
        &self,
        kind: ErrorKind,
        message: impl Into<String>,
        span: Range<usize>,
    ) -> Error {
        let (location, line) = Location::from_span_after(self.src, span, self.last_located.get());
        self.last_located.set(line);
        Error::new(kind, message).with_location(location)
    }

    fn split_line<S: ErrorSink + ?Sized>(
        &self,
        text: &str,
        span: Range<usize>,
        raw: &'a str,
        params_ranges: &mut Vec<(Range<usize>, Option<Range<usize>>)>,
        sink: &mut S,
    ) -> Result<ContentLine<'a>, Error> {
        let bytes = text.as_bytes();
        let limits = &self.options.limits;

        // Name, with an optional group before a dot, up to the first `;`
        // or `:`: one pass finds its end and classifies its bytes. The
        // upper-case letters, nearly all of a name, are passed over a word
        // at a time; every other byte is looked at.
        let mut name_end = bytes.len();
        let mut dot = None;
        let mut bad_name_char = None;
        let mut lowercase = false;
        let mut from = 0;
        while let Some(at) = find_byte(bytes, from, not_upper) {
            // A mark past the end is the NUL padding of the last word.
            let Some(&b) = bytes.get(at) else { break };
            from = at + 1;
            match NAME_CLASS.get(usize::from(b)).copied().unwrap_or(NAME_BAD) {
                // A digit, `-` or `_`.
                NAME_UPPER => {}
                NAME_LOWER => lowercase = true,
                NAME_END => {
                    name_end = at;
                    break;
                }
                NAME_DOT if dot.is_none() => dot = Some(at),
                _ => {
                    if bad_name_char.is_none() {
                        bad_name_char = Some(at);
                    }
                }
            }
        }
        let mut i = name_end;
        let (group_range, name_range) = match dot {
            Some(d) => (Some(0..d), d + 1..name_end),
            None => (None, 0..name_end),
        };
        if name_range.is_empty() {
            sink.report(self.error(
                ErrorKind::InvalidName,
                format!(
                    "the content line `{}` has no name before its `{}`.",
                    excerpt(text),
                    delimiter(bytes.get(i))
                ),
                0..name_end.max(1).min(text.len()),
            ))?;
        } else if let Some(at) = bad_name_char.filter(|_| text.contains(':')) {
            let name = text.get(..name_end).unwrap_or("");
            sink.report(self.error(
                ErrorKind::InvalidName,
                format!(
                    "the name `{}` has a character that is not a letter, digit or `-`.",
                    excerpt(name)
                ),
                at..at + 1,
            ))?;
        } else if lowercase && !self.options.allow_lowercase_names {
            sink.report(self.error(
                ErrorKind::LowercaseName,
                format!(
                    "the name `{}` is not in upper case.",
                    excerpt(text.get(..name_end).unwrap_or(""))
                ),
                0..name_end,
            ))?;
        }

        // Parameters.
        let mut value_start = None;
        while let Some(&b) = bytes.get(i) {
            if b == b':' {
                value_start = Some(i + 1);
                break;
            }
            // b == b';': a parameter follows.
            i += 1;
            let pname_start = i;
            // The name runs to `=`, `;` or `:`; the offset of its first byte
            // that is not a letter, digit, `-` or `_` is noted on the way.
            // Upper-case letters are passed over a word at a time (a mark
            // past the end is the NUL padding of the last word).
            let mut bad_pname_char = None;
            loop {
                i = find_byte(bytes, i, not_upper).map_or(bytes.len(), |at| at.min(bytes.len()));
                let Some(&c) = bytes.get(i) else { break };
                match NAME_CLASS.get(usize::from(c)).copied().unwrap_or(NAME_BAD) {
                    NAME_UPPER | NAME_LOWER => {}
                    NAME_END | NAME_EQUALS => break,
                    _ => {
                        if bad_pname_char.is_none() {
                            bad_pname_char = Some(i - pname_start);
                        }
                    }
                }
                i += 1;
            }
            let pname = pname_start..i;
            if params_ranges.len() >= limits.max_params_per_property {
                return Err(self.error(
                    ErrorKind::LimitExceeded,
                    format!(
                        "the property `{}` has more than the limit of {} parameters.",
                        excerpt(text.get(name_range.clone()).unwrap_or("")),
                        limits.max_params_per_property
                    ),
                    pname.clone(),
                ));
            }
            if pname.is_empty() {
                sink.report(self.error(
                    ErrorKind::InvalidParameter,
                    format!(
                        "the property `{}` has an empty parameter name.",
                        excerpt(text.get(..name_end).unwrap_or(""))
                    ),
                    pname.start..pname.start,
                ))?;
            } else if let Some(off) = bad_pname_char {
                sink.report(self.error(
                    ErrorKind::InvalidName,
                    format!(
                        "the parameter name `{}` has a character that is not a letter, digit or `-`.",
                        excerpt(text.get(pname.clone()).unwrap_or(""))
                    ),
                    pname.start + off..pname.start + off + 1,
                ))?;
            }
            if bytes.get(i) != Some(&b'=') {
                if !self.options.allow_bare_parameters {
                    sink.report(self.error(
                        ErrorKind::InvalidParameter,
                        format!(
                            "the parameter `{}` has no `=` and no value.",
                            excerpt(text.get(pname.clone()).unwrap_or(""))
                        ),
                        pname.clone(),
                    ))?;
                }
                params_ranges.push((pname, None));
                continue;
            }
            i += 1;
            let pvalue_start = i;
            // One or more values separated by commas, each quoted or not.
            loop {
                if bytes.get(i) == Some(&b'"') {
                    let open = i;
                    i += 1;
                    match find_byte(bytes, i, quotes) {
                        Some(q) => i = q + 1,
                        None => {
                            sink.report(self.error(
                                ErrorKind::UnterminatedQuote,
                                format!(
                                    "the quoted value of parameter `{}` has no closing `\"`.",
                                    excerpt(text.get(pname.clone()).unwrap_or(""))
                                ),
                                open..open + 1,
                            ))?;
                            // Recover: the value runs to the last colon.
                            i = text.rfind(':').filter(|&c| c > open).unwrap_or(text.len());
                            break;
                        }
                    }
                    // After a closing quote only `,`, `;` or `:` may follow.
                    if let Some(&c) = bytes.get(i)
                        && !matches!(c, b',' | b';' | b':')
                    {
                        sink.report(self.error(
                            ErrorKind::InvalidParameter,
                            format!(
                                "the quoted value of parameter `{}` is followed by `{}` instead of `,`, `;` or `:`.",
                                excerpt(text.get(pname.clone()).unwrap_or("")),
                                char::from(c).escape_default()
                            ),
                            i..i + 1,
                        ))?;
                        while let Some(&c) = bytes.get(i) {
                            if matches!(c, b',' | b';' | b':') {
                                break;
                            }
                            i += 1;
                        }
                    }
                } else {
                    // To the value's end, or to a misplaced quote (reported
                    // below, after which the search goes on byte by byte).
                    i = find_byte(bytes, i, param_value_stops).unwrap_or(bytes.len());
                    while let Some(&c) = bytes.get(i) {
                        if matches!(c, b',' | b';' | b':') {
                            break;
                        }
                        if c == b'"' {
                            sink.report(self.error(
                                ErrorKind::InvalidParameter,
                                format!(
                                    "the value of parameter `{}` has a `\"` inside it; quotes may only surround a whole value.",
                                    excerpt(text.get(pname.clone()).unwrap_or(""))
                                ),
                                i..i + 1,
                            ))?;
                        }
                        i += 1;
                    }
                }
                if bytes.get(i) == Some(&b',') {
                    i += 1;
                    continue;
                }
                break;
            }
            params_ranges.push((pname, Some(pvalue_start..i)));
        }

        let value_range = match value_start {
            Some(v) => v..text.len(),
            None => {
                // Point at the first character that cannot be part of a
                // name: usually where the colon was meant to be.
                let at = bad_name_char.unwrap_or(text.len());
                sink.report(self.error(
                    ErrorKind::MissingColon,
                    format!(
                        "the content line `{}` has no `:` between its name and its value.",
                        excerpt(text)
                    ),
                    at..at + 1,
                ))?;
                text.len()..text.len()
            }
        };
        if value_range.len() > limits.max_value_len {
            return Err(self.error(
                ErrorKind::LimitExceeded,
                format!(
                    "a value is longer than the limit of {} bytes.",
                    limits.max_value_len
                ),
                value_range.start..value_range.start,
            ));
        }
        if let Some(off) = text
            .get(value_range.clone())
            .filter(|_| self.maybe_control)
            .and_then(|v| find_control(v.as_bytes()))
        {
            let at = value_range.start + off;
            let b = bytes.get(at).copied().unwrap_or(0);
            sink.report(self.error(
                ErrorKind::ControlCharacter,
                format!(
                    "the value of `{}` has the control character U+{:04X}, which RFC 5545 §3.1 does not allow.",
                    excerpt(text.get(name_range.clone()).unwrap_or("")),
                    b
                ),
                at..at + 1,
            ))?;
        }

        // Pieces that lie within one physical line (all of an unfolded
        // line's, and nearly all of a folded one's but its value) are
        // borrowed from the input; only a piece cut by a fold is copied out
        // of the unfolded text.
        let src = self.src;
        let (first_start, first_end) = self.segments.first().copied().unwrap_or((0, 0));
        let piece = |r: Range<usize>| -> Cow<'a, str> {
            // Pieces in the first physical line (every piece of an unfolded
            // line) are mapped without a walk over the segments.
            let in_src = if r.end <= first_end - first_start {
                Some(first_start + r.start..first_start + r.end)
            } else {
                self.source_range(r.clone())
            };
            match in_src.and_then(|s| src.get(s)) {
                Some(s) => Cow::Borrowed(s),
                None => Cow::Owned(text.get(r).unwrap_or("").to_owned()),
            }
        };
        // Most lines have no parameter: skip the collecting machinery.
        let params = if params_ranges.is_empty() {
            Vec::new()
        } else {
            params_ranges
                .drain(..)
                .map(|(n, v)| Parameter {
                    name: piece(n),
                    raw_value: v.map(&piece),
                })
                .collect()
        };
        let group = group_range.map(&piece);
        let name = piece(name_range);
        let value = piece(value_range);
        Ok(ContentLine {
            group,
            name,
            params,
            value,
            span,
            raw,
        })
    }
}

const NAME_BAD: u8 = 0;
const NAME_UPPER: u8 = 1;
const NAME_LOWER: u8 = 2;
const NAME_DOT: u8 = 3;
/// `;` and `:`, which end a name or a parameter name.
const NAME_END: u8 = 4;
/// `=`, which ends a parameter name (and is a bad byte in a name).
const NAME_EQUALS: u8 = 5;

/// Byte classes of names (RFC 5545 §3.1 `name`, with vCard's group dot)
/// and of the bytes that end them. `_` counts as a name character: vCard
/// 2.1 and many producers use it in X- names, and nothing is gained by
/// refusing to read them.
// Indexing is checked at compile time here: `b` stays below 256.
#[allow(clippy::indexing_slicing)]
static NAME_CLASS: [u8; 256] = {
    let mut t = [NAME_BAD; 256];
    let mut b = 0;
    while b < 256 {
        t[b] = match b as u8 {
            b'A'..=b'Z' | b'0'..=b'9' | b'-' | b'_' => NAME_UPPER,
            b'a'..=b'z' => NAME_LOWER,
            b'.' => NAME_DOT,
            b';' | b':' => NAME_END,
            b'=' => NAME_EQUALS,
            _ => NAME_BAD,
        };
        b += 1;
    }
    t
};

/// The position of the first control character that RFC 5545 §3.1 does
/// not allow in a value (any below U+0020 but HTAB, and U+007F). Checks
/// eight bytes at a time: values are most of a file's bytes.
fn find_control(bytes: &[u8]) -> Option<usize> {
    // Not `find_byte`: NUL is one of the bytes looked for, and that pads
    // the last word with NULs.
    let mut chunks = bytes.chunks_exact(8);
    let mut offset = 0;
    for chunk in &mut chunks {
        let mut word = [0u8; 8];
        word.copy_from_slice(chunk);
        let x = u64::from_le_bytes(word);
        if controls(x) != 0 {
            // Tabs are allowed: look at this chunk byte by byte.
            if let Some(i) = chunk.iter().position(|&b| is_control(b)) {
                return Some(offset + i);
            }
        }
        offset += 8;
    }
    chunks
        .remainder()
        .iter()
        .position(|&b| is_control(b))
        .map(|i| offset + i)
}

/// Marks the bytes below 0x20 and the bytes equal to 0x7F in a word (tabs
/// included). The lowest mark is exact, as [`find_byte`] needs: a byte
/// below 0x20 sets its high bit in `word - 0x20…`, and subtracting borrows
/// only from such a byte; `& !word` drops the bytes that had the high bit
/// set. 0x7F is found as a byte equal to 0x7F ([`zero_bytes`]).
#[inline(always)]
fn controls(word: u64) -> u64 {
    (word.wrapping_sub(splat(0x20)) & !word & HIGH_BITS) | zero_bytes(word ^ splat(0x7f))
}

/// Marks the bytes of a word that are not ASCII upper-case letters, NUL
/// included. The lowest mark is exact, as [`find_byte`] needs: below `A`,
/// subtracting `A…` borrows only from such a byte and sets its high bit
/// (`& !word` drops the bytes that had it set); above `Z`, adding 0x25
/// sets the high bit of 0x5B to 0x7F and carries only out of a byte of
/// 0xDB or more; and the bytes with the high bit set are marked as they
/// are.
#[inline(always)]
fn not_upper(word: u64) -> u64 {
    ((word.wrapping_sub(splat(b'A')) & !word) | word.wrapping_add(splat(0x25)) | word) & HIGH_BITS
}

/// Marks the double quotes in a word (see [`zero_bytes`]).
#[inline(always)]
fn quotes(word: u64) -> u64 {
    zero_bytes(word ^ splat(b'"'))
}

/// Marks the bytes that end an unquoted parameter value (`,`, `;`, `:`)
/// and the quotes that may not stand in one (see [`zero_bytes`]).
#[inline(always)]
fn param_value_stops(word: u64) -> u64 {
    zero_bytes(word ^ splat(b','))
        | zero_bytes(word ^ splat(b';'))
        | zero_bytes(word ^ splat(b':'))
        | quotes(word)
}

/// Eight one bits, one in each byte of a word.
const LOW_BITS: u64 = 0x0101_0101_0101_0101;
/// The high bit of each byte of a word.
const HIGH_BITS: u64 = 0x8080_8080_8080_8080;

/// `b` in each byte of a word.
pub(crate) const fn splat(b: u8) -> u64 {
    LOW_BITS * b as u64
}

/// The high bit of each zero byte of `word` set. Exact for the lowest zero
/// byte; a byte above a zero byte may be marked too, which is harmless
/// since [`find_byte`] uses only the lowest mark.
#[inline(always)]
pub(crate) fn zero_bytes(word: u64) -> u64 {
    word.wrapping_sub(LOW_BITS) & !word & HIGH_BITS
}

/// The position of the first byte of `bytes` at or after `from` that
/// `marks` marks, reading eight bytes at a time (bytes in little-endian
/// order, so the lowest mark is the first byte). `marks` marks bytes equal
/// to some needles with [`zero_bytes`], or in some range, and its lowest
/// mark must be exact. The last word is padded with zeros: when `marks`
/// marks NUL, a position at or past `bytes.len()` is that padding, and the
/// caller treats it as not found. Beats a vectorised search on the short
/// runs of calendar text (values, parameters, names, lines).
#[inline(always)]
pub(crate) fn find_byte(bytes: &[u8], from: usize, marks: impl Fn(u64) -> u64) -> Option<usize> {
    let mut chunks = bytes.get(from..)?.chunks_exact(8);
    let mut offset = from;
    for chunk in &mut chunks {
        let mut word = [0u8; 8];
        word.copy_from_slice(chunk);
        let marked = marks(u64::from_le_bytes(word));
        if marked != 0 {
            return Some(offset.saturating_add((marked.trailing_zeros() / 8) as usize));
        }
        offset = offset.saturating_add(8);
    }
    // The last 0 to 7 bytes, in the low bytes of a word.
    let rest = chunks.remainder();
    if rest.is_empty() {
        return None;
    }
    let word = rest
        .iter()
        .rev()
        .fold(0, |word, &b| (word << 8) | u64::from(b));
    let marked = marks(word);
    (marked != 0).then(|| offset.saturating_add((marked.trailing_zeros() / 8) as usize))
}

fn is_control(b: u8) -> bool {
    (b < 0x20 && b != b'\t') || b == 0x7f
}

/// True when everything from `pos` on is line endings only (trailing blank
/// lines at the end of a file are common and harmless; they are reported
/// only when something follows them).
fn is_last_trailing(src: &str, pos: usize) -> bool {
    src.get(pos..)
        .is_some_and(|r| r.bytes().all(|b| b == b'\r' || b == b'\n'))
}

fn delimiter(b: Option<&u8>) -> char {
    b.map_or(':', |&b| char::from(b))
}

fn limit_error(src: &str, span: Range<usize>, message: String) -> Error {
    Error::at(ErrorKind::LimitExceeded, message, src, span)
}

/// At most 60 characters of `s`, for quoting in messages.
pub(crate) fn excerpt(s: &str) -> Cow<'_, str> {
    match s.char_indices().nth(60) {
        Some((i, _)) => Cow::Owned(format!("{}…", s.get(..i).unwrap_or(""))),
        None => Cow::Borrowed(s),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::Strict;

    fn lines(src: &str, options: &ParseOptions) -> (Vec<ContentLine<'static>>, Vec<Error>) {
        let mut errors = Vec::new();
        let mut reader = ContentLines::new(src, options);
        let mut out = Vec::new();
        while let Some(l) = reader.next_line(&mut errors).unwrap() {
            out.push(ContentLine {
                group: l.group.map(|g| Cow::Owned(g.into_owned())),
                name: Cow::Owned(l.name.into_owned()),
                params: l.params.into_iter().map(Parameter::into_owned).collect(),
                value: Cow::Owned(l.value.into_owned()),
                span: l.span,
                raw: "",
            });
        }
        (out, errors)
    }

    #[test]
    fn unfolds_crlf_space_and_tab() {
        let (l, e) = lines(
            "DESCRIPTION:This is a lo\r\n ng description\r\n\t that exists\r\n",
            &ParseOptions::default(),
        );
        assert!(e.is_empty());
        assert_eq!(l[0].value, "This is a long description that exists");
        assert_eq!(l[0].span, 0..58);
    }

    #[test]
    fn splits_group_params_and_value() {
        let (l, e) = lines(
            "item1.TEL;TYPE=work,voice;PREF=1:+1 555\r\nATTENDEE;CN=\"Doe, J\";MEMBER=\"mailto:a@x\",\"mailto:b@x\":mailto:j@x\r\n",
            &ParseOptions::default(),
        );
        assert!(e.is_empty(), "{e:?}");
        assert_eq!(l[0].group.as_deref(), Some("item1"));
        assert_eq!(l[0].name, "TEL");
        assert_eq!(
            l[0].params[0].values().collect::<Vec<_>>(),
            ["work", "voice"]
        );
        assert_eq!(l[0].value, "+1 555");
        assert_eq!(l[1].params[0].value().as_deref(), Some("Doe, J"));
        assert_eq!(
            l[1].params[1].values().collect::<Vec<_>>(),
            ["mailto:a@x", "mailto:b@x"]
        );
        assert_eq!(l[1].value, "mailto:j@x");
    }

    #[test]
    fn value_may_contain_colons_and_semicolons() {
        let (l, _) = lines(
            "URL;VALUE=URI:http://x.example/a;b:c\r\n",
            &ParseOptions::default(),
        );
        assert_eq!(l[0].value, "http://x.example/a;b:c");
    }

    #[test]
    fn rfc6868_examples() {
        // RFC 6868 §4 examples.
        let (l, e) = lines(
            "ATTENDEE;CN=George Herman ^'Babe^' Ruth:mailto:babe@example.com\r\nGEO;X-ADDRESS=Pittsburgh Pirates^n115 Federal St^nPittsburgh, PA 15212:40.446816,-80.00566\r\n",
            &ParseOptions::default(),
        );
        assert!(e.is_empty());
        assert_eq!(
            l[0].params[0].value().as_deref(),
            Some("George Herman \"Babe\" Ruth")
        );
        assert_eq!(
            l[1].params[0].value().as_deref(),
            Some("Pittsburgh Pirates\n115 Federal St\nPittsburgh")
        );
        assert_eq!(decode_rfc6868("a^b^^c"), "a^b^c");
    }

    #[test]
    fn encode_quotes_and_escapes() {
        let mut s = String::new();
        encode_param_value("Say \"hi\"; ok", &mut s);
        assert_eq!(s, "\"Say ^'hi^'; ok\"");
        let p = Parameter::new("X", "a^b\nc");
        assert_eq!(p.raw_value(), Some("a^^b^nc"));
        assert_eq!(p.value().as_deref(), Some("a^b\nc"));
    }

    #[test]
    fn missing_colon_is_reported_with_location() {
        let src = "BEGIN:VCALENDAR\r\nSUMMARY Lunch\r\n";
        let options = ParseOptions::default();
        let mut r = ContentLines::new(src, &options);
        r.next_line(&mut Strict).unwrap();
        let err = r.next_line(&mut Strict).unwrap_err();
        assert_eq!(err.kind(), ErrorKind::MissingColon);
        assert_eq!((err.line(), err.column()), (Some(2), Some(8)));
    }

    #[test]
    fn bare_lf_is_reported_once_unless_allowed() {
        let src = "A:1\nB:2\nC:3\n";
        let (l, e) = lines(src, &ParseOptions::default());
        assert_eq!(l.len(), 3);
        assert_eq!(e.len(), 1);
        assert_eq!(e[0].kind(), ErrorKind::BareLf);
        let (_, e) = lines(
            src,
            &ParseOptions {
                allow_bare_lf: true,
                ..ParseOptions::default()
            },
        );
        assert!(e.is_empty());
    }

    #[test]
    fn unterminated_quote_recovers() {
        let (l, e) = lines("ATTENDEE;CN=\"Jo:mailto:j@x\r\n", &ParseOptions::default());
        assert_eq!(e[0].kind(), ErrorKind::UnterminatedQuote);
        assert_eq!(l[0].value, "j@x");
    }

    #[test]
    fn control_characters_are_reported() {
        let (_, e) = lines("SUMMARY:a\u{0}b\r\n", &ParseOptions::default());
        assert_eq!(e[0].kind(), ErrorKind::ControlCharacter);
        assert_eq!(e[0].column(), Some(10));
    }

    #[test]
    fn find_control_agrees_with_a_byte_loop() {
        for len in 0..40 {
            for at in 0..len {
                for bad in [0u8, 1, 0x1f, 0x7f, b'\t', b' ', 0x80, 0xff] {
                    let mut v = vec![b'a'; len];
                    v[at] = bad;
                    assert_eq!(
                        find_control(&v),
                        v.iter().position(|&b| is_control(b)),
                        "{len} {at} {bad}"
                    );
                }
            }
        }
    }

    #[test]
    fn word_marks_agree_with_byte_loops() {
        for len in 0..20 {
            for at in 0..len {
                for b in 0..=255u8 {
                    let mut v = vec![b'Q'; len];
                    v[at] = b;
                    let found =
                        |marks: fn(u64) -> u64| find_byte(&v, 0, marks).filter(|&i| i < v.len());
                    assert_eq!(
                        found(not_upper),
                        v.iter().position(|c| !c.is_ascii_uppercase()),
                        "{len} {at} {b}"
                    );
                    assert_eq!(
                        found(controls),
                        v.iter().position(|&c| c < 0x20 || c == 0x7f),
                        "{len} {at} {b}"
                    );
                    assert_eq!(
                        found(param_value_stops),
                        v.iter().position(|c| b",;:\"".contains(c)),
                        "{len} {at} {b}"
                    );
                }
            }
        }
    }

    #[test]
    fn control_characters_are_found_on_every_physical_line() {
        let kinds = |src: &str| {
            let (_, e) = lines(src, &ParseOptions::lenient());
            e.iter().map(|e| (e.kind(), e.column())).collect::<Vec<_>>()
        };
        // In a continuation line, after a tab, and a CR without LF.
        assert_eq!(
            kinds("X:a\r\n b\u{7f}\r\n"),
            [(ErrorKind::ControlCharacter, Some(3))]
        );
        assert_eq!(
            kinds("X:a\tb\u{1}\r\n"),
            [(ErrorKind::ControlCharacter, Some(6))]
        );
        assert_eq!(
            kinds("X:a\rb\r\n"),
            [(ErrorKind::ControlCharacter, Some(4))]
        );
        assert_eq!(kinds("X:ab\r"), [(ErrorKind::ControlCharacter, Some(5))]);
        // Tabs alone are allowed; parameters are not searched.
        assert_eq!(kinds("X:a\tb\r\nY;P=a\u{1}b:c\r\n"), []);
        // The flag is per line: the next line is not searched again.
        let (l, e) = lines("X;P=\u{1}:a\r\nY:b\u{2}\r\n", &ParseOptions::lenient());
        assert_eq!((l.len(), e.len()), (2, 1));
        assert_eq!(e[0].line(), Some(2));
    }

    #[test]
    fn pieces_within_one_physical_line_are_borrowed() {
        let options = ParseOptions::default();
        let src =
            "ATTENDEE;RSVP=\r\n FALSE;CN=\"Doe, J\";X=a\r\n b:mailto:j@\r\n x\r\nA;B=1:\r\n v\r\n";
        let mut r = ContentLines::new(src, &options);
        let l = r.next_line(&mut Strict).unwrap().unwrap();
        let params: Vec<_> = l.params.iter().map(|p| (p.name(), p.raw_value())).collect();
        assert_eq!(
            params,
            [
                ("RSVP", Some("FALSE")),
                ("CN", Some("\"Doe, J\"")),
                ("X", Some("ab"))
            ]
        );
        assert!(matches!(l.params[0].raw_value, Some(Cow::Borrowed(_))));
        assert!(matches!(l.params[1].name, Cow::Borrowed(_)));
        assert!(matches!(l.params[1].raw_value, Some(Cow::Borrowed(_))));
        assert!(matches!(l.params[2].raw_value, Some(Cow::Owned(_))));
        assert_eq!(l.value, "mailto:j@x");
        assert!(matches!(l.value, Cow::Owned(_)));
        // A value that starts a continuation line and ends there.
        let l = r.next_line(&mut Strict).unwrap().unwrap();
        assert_eq!((&*l.value, l.params[0].raw_value()), ("v", Some("1")));
        assert!(matches!(l.value, Cow::Borrowed(_)));
    }

    #[test]
    fn names_with_digits_dots_and_lower_case() {
        let options = ParseOptions {
            allow_lowercase_names: false,
            ..ParseOptions::default()
        };
        let (l, e) = lines(
            "item1.X-A1_B;X-P2=1:v\r\nDtStart:1\r\nA.B.C:1\r\nP;Ab\u{e9}=1:2\r\n",
            &options,
        );
        assert_eq!(l[0].group.as_deref(), Some("item1"));
        assert_eq!((&*l[0].name, l[0].params[0].name()), ("X-A1_B", "X-P2"));
        let kinds: Vec<_> = e.iter().map(|e| (e.kind(), e.column())).collect();
        assert_eq!(
            kinds,
            [
                // The group counts too.
                (ErrorKind::LowercaseName, Some(1)),
                (ErrorKind::LowercaseName, Some(1)),
                (ErrorKind::InvalidName, Some(4)),
                (ErrorKind::InvalidName, Some(5)),
            ]
        );
    }

    #[test]
    fn folded_lines_borrow_their_name_and_parameters() {
        let options = ParseOptions::default();
        let src = "ATTENDEE;CN=Jo:mailto:jo@exam\r\n ple.com\r\n";
        let mut r = ContentLines::new(src, &options);
        let l = r.next_line(&mut Strict).unwrap().unwrap();
        assert!(matches!(l.name, Cow::Borrowed(_)));
        assert!(matches!(l.params[0].raw_value, Some(Cow::Borrowed(_))));
        assert_eq!(l.value, "mailto:jo@example.com");
        let src = "X;P=a\r\n b:v\r\n";
        let mut r = ContentLines::new(src, &options);
        let l = r.next_line(&mut Strict).unwrap().unwrap();
        assert_eq!((l.params[0].raw_value(), &*l.value), (Some("ab"), "v"));
    }

    #[test]
    fn value_length_limit_is_fatal() {
        let mut o = ParseOptions::default();
        o.limits.max_value_len = 4;
        let mut r = ContentLines::new("A:12345\r\n", &o);
        let err = r.next_line(&mut ()).unwrap_err();
        assert!(err.is_limit());
    }
}
