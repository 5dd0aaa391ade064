//! Parse options: named tolerances for real-world quirks, and resource limits.

/// Options of the iCalendar and vCard readers.
///
/// The default reads what RFC 5545 allows and reports every deviation.
/// Each tolerated deviation is its own named option, off by default, with a
/// test named after a producer that needs it; [`ParseOptions::lenient`]
/// turns them all on.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct ParseOptions {
    /// Accept lines that end in a bare LF instead of CRLF (RFC 5545 §3.1).
    /// Files saved by many Unix tools and web services.
    pub allow_bare_lf: bool,
    /// Accept folds made of a bare LF followed by a space or tab.
    pub allow_lf_folding: bool,
    /// Accept a file that ends before its components are closed, closing
    /// them silently (truncated downloads, some exporters).
    pub allow_missing_end: bool,
    /// Accept lowercase and mixed-case names without a report. RFC 5545 §2
    /// makes names case-insensitive, so this is on by default; turn it off to
    /// have producers checked for the upper case the RFCs write.
    pub allow_lowercase_names: bool,
    /// Accept empty lines between content lines (they are kept in the raw
    /// text of the next line, so writing reproduces them).
    pub allow_blank_lines: bool,
    /// Accept parameters without `=value`, as vCard 2.1 writes them
    /// (`TEL;HOME;VOICE:…`). The vCard reader turns this on for 2.1.
    pub allow_bare_parameters: bool,
    /// Resource limits; exceeding one always ends the parse with
    /// [`crate::ErrorKind::LimitExceeded`].
    pub limits: Limits,
}

impl Default for ParseOptions {
    fn default() -> ParseOptions {
        ParseOptions {
            allow_bare_lf: false,
            allow_lf_folding: false,
            allow_missing_end: false,
            allow_lowercase_names: true,
            allow_blank_lines: false,
            allow_bare_parameters: false,
            limits: Limits::default(),
        }
    }
}

impl ParseOptions {
    /// RFC 5545 as written: every quirk off (lowercase names are allowed, as the RFC allows them).
    pub fn strict() -> ParseOptions {
        ParseOptions::default()
    }

    /// Every quirk on: reads what real producers write.
    pub fn lenient() -> ParseOptions {
        ParseOptions {
            allow_bare_lf: true,
            allow_lf_folding: true,
            allow_missing_end: true,
            allow_lowercase_names: true,
            allow_blank_lines: true,
            allow_bare_parameters: true,
            limits: Limits::default(),
        }
    }
}

/// Resource limits of the readers. Defaults are far above what real
/// calendars need and low enough that hostile input cannot exhaust memory.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct Limits {
    /// Deepest nesting of components (VCALENDAR > VEVENT > VALARM is 3). Default 32.
    pub max_depth: usize,
    /// Components in one document. Default 1,000,000.
    pub max_components: usize,
    /// Properties in one component. Default 100,000.
    pub max_properties_per_component: usize,
    /// Parameters on one property. Default 256.
    pub max_params_per_property: usize,
    /// Bytes in one logical line's value (after unfolding). Default 16 MiB.
    pub max_value_len: usize,
}

impl Default for Limits {
    fn default() -> Limits {
        Limits {
            max_depth: 32,
            max_components: 1_000_000,
            max_properties_per_component: 100_000,
            max_params_per_property: 256,
            max_value_len: 16 << 20,
        }
    }
}
