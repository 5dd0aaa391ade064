//! The tree: [`Document`], [`Component`], [`Property`].
//!
//! Every node keeps the exact input text it was read from, so writing an
//! unmodified tree reproduces the input byte for byte. A change through any
//! `set_*`/`*_mut` method drops that text for the node changed, which is
//! then written canonically. Values are kept as text; typed values are
//! decoded on request (see [`crate::value`]).
//!
//! Equality (`==`) compares content: names (ignoring ASCII case), groups,
//! parameters, values and children, in order. It ignores the kept input
//! text and spans, so a tree equals the tree read back from its output.

use std::borrow::Cow;
use std::fmt;
use std::ops::Range;

use crate::contentline::Parameter;

/// A whole file: one or more top-level components (normally one VCALENDAR,
/// or any number of VCARDs).
#[derive(Debug, Clone, Default)]
pub struct Document<'a> {
    /// The top-level components in order.
    pub components: Vec<Component<'a>>,
    /// Text after the last component (trailing blank lines), kept for writing.
    pub(crate) trailing: Cow<'a, str>,
}

impl<'a> Document<'a> {
    /// A document of the given components.
    pub fn new(components: Vec<Component<'a>>) -> Document<'a> {
        Document {
            components,
            trailing: Cow::Borrowed(""),
        }
    }

    /// The first top-level component named `name` (case-insensitive).
    pub fn component(&self, name: &str) -> Option<&Component<'a>> {
        self.components.iter().find(|c| c.is(name))
    }

    /// The first VCALENDAR.
    pub fn calendar(&self) -> Option<&Component<'a>> {
        self.component("VCALENDAR")
    }

    /// Writes the document: kept input text where nothing changed,
    /// canonical text elsewhere (see [`crate::write`]).
    pub fn write_to(&self, out: &mut String) {
        for c in &self.components {
            c.write_to(out);
        }
        out.push_str(&self.trailing);
    }

    /// Drops the kept input text of every node, so that the whole document
    /// is written in canonical form (CRLF, folding at 75 octets) rather
    /// than as it was read.
    ///
    /// ```
    /// let mut doc = kalends_ical_core::parse_with(
    ///     "BEGIN:VCALENDAR\nVERSION:2.0\nEND:VCALENDAR\n",
    ///     &kalends_ical_core::ParseOptions::lenient(),
    ///     &mut (),
    /// )?;
    /// doc.canonicalize();
    /// assert_eq!(doc.to_string(), "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nEND:VCALENDAR\r\n");
    /// # Ok::<(), kalends_ical_core::Error>(())
    /// ```
    pub fn canonicalize(&mut self) {
        for c in &mut self.components {
            c.canonicalize();
        }
        self.trailing = Cow::Borrowed("");
    }

    /// Converts into a document that owns all its text.
    pub fn into_owned(self) -> Document<'static> {
        Document {
            components: self
                .components
                .into_iter()
                .map(Component::into_owned)
                .collect(),
            trailing: Cow::Owned(self.trailing.into_owned()),
        }
    }
}

impl PartialEq for Document<'_> {
    fn eq(&self, other: &Self) -> bool {
        self.components == other.components
    }
}

impl Eq for Document<'_> {}

impl fmt::Display for Document<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut s = String::new();
        self.write_to(&mut s);
        f.write_str(&s)
    }
}

/// A component: `BEGIN:NAME`, properties, sub-components, `END:NAME`.
///
/// ```
/// use kalends_ical_core::{Component, Property};
/// let mut event = Component::new("VEVENT");
/// event.push(Property::new("UID", "1@example.com"));
/// event.push(Property::text("SUMMARY", "Lunch, with Jo"));
/// assert_eq!(event.property("summary").map(|p| p.value()), Some("Lunch\\, with Jo"));
/// assert_eq!(
///     event.to_string(),
///     "BEGIN:VEVENT\r\nUID:1@example.com\r\nSUMMARY:Lunch\\, with Jo\r\nEND:VEVENT\r\n"
/// );
/// ```
#[derive(Debug, Clone)]
pub struct Component<'a> {
    pub(crate) name: Cow<'a, str>,
    pub(crate) properties: Vec<Property<'a>>,
    pub(crate) components: Vec<Component<'a>>,
    /// How many of the parent's properties stood before this component in
    /// the input; `usize::MAX` for a component added in code (written after
    /// the parent's properties).
    pub(crate) position: usize,
    pub(crate) raw_begin: Option<Cow<'a, str>>,
    pub(crate) raw_end: Option<Cow<'a, str>>,
    pub(crate) span: Range<usize>,
}

impl<'a> Component<'a> {
    /// An empty component named `name` (`VEVENT`, `VCARD`, `X-FOO` …).
    pub fn new(name: impl Into<Cow<'a, str>>) -> Component<'a> {
        Component {
            name: name.into(),
            properties: Vec::new(),
            components: Vec::new(),
            position: usize::MAX,
            raw_begin: None,
            raw_end: None,
            span: 0..0,
        }
    }

    /// The name as written.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// True when the name equals `name`, ignoring ASCII case.
    pub fn is(&self, name: &str) -> bool {
        self.name.eq_ignore_ascii_case(name)
    }

    /// Renames the component (its BEGIN and END are then written canonically).
    pub fn set_name(&mut self, name: impl Into<Cow<'a, str>>) {
        self.name = name.into();
        self.raw_begin = None;
        self.raw_end = None;
    }

    /// The properties in order.
    pub fn properties(&self) -> &[Property<'a>] {
        &self.properties
    }

    /// The properties, to change, add or remove.
    pub fn properties_mut(&mut self) -> &mut Vec<Property<'a>> {
        &mut self.properties
    }

    /// The first property named `name` (case-insensitive).
    pub fn property(&self, name: &str) -> Option<&Property<'a>> {
        self.properties.iter().find(|p| p.is(name))
    }

    /// The first property named `name`, to change.
    pub fn property_mut(&mut self, name: &str) -> Option<&mut Property<'a>> {
        self.properties.iter_mut().find(|p| p.is(name))
    }

    /// Every property named `name`, in order.
    pub fn properties_named<'s>(
        &'s self,
        name: &'s str,
    ) -> impl Iterator<Item = &'s Property<'a>> + 's {
        self.properties.iter().filter(move |p| p.is(name))
    }

    /// Appends a property.
    pub fn push(&mut self, property: Property<'a>) {
        self.properties.push(property);
    }

    /// Replaces every property named like `property` with it (or appends it).
    pub fn set(&mut self, property: Property<'a>) {
        match self.properties.iter().position(|p| p.is(property.name())) {
            Some(i) => {
                let mut seen = false;
                self.properties.retain(|p| {
                    if p.is(&property.name) {
                        let first = !seen;
                        seen = true;
                        first
                    } else {
                        true
                    }
                });
                if let Some(slot) = self.properties.get_mut(i) {
                    *slot = property;
                }
            }
            None => self.properties.push(property),
        }
    }

    /// Removes every property named `name`; returns how many there were.
    pub fn remove(&mut self, name: &str) -> usize {
        let before = self.properties.len();
        self.properties.retain(|p| !p.is(name));
        before - self.properties.len()
    }

    /// The sub-components in order.
    pub fn components(&self) -> &[Component<'a>] {
        &self.components
    }

    /// The sub-components, to change, add or remove.
    pub fn components_mut(&mut self) -> &mut Vec<Component<'a>> {
        &mut self.components
    }

    /// Every sub-component named `name`, in order.
    pub fn components_named<'s>(
        &'s self,
        name: &'s str,
    ) -> impl Iterator<Item = &'s Component<'a>> + 's {
        self.components.iter().filter(move |c| c.is(name))
    }

    /// Appends a sub-component.
    pub fn push_component(&mut self, component: Component<'a>) {
        self.components.push(component);
    }

    /// Byte range in the input, from `BEGIN` to the end of `END`'s line
    /// (`0..0` for a component built in code).
    pub fn span(&self) -> Range<usize> {
        self.span.clone()
    }

    /// Drops the kept input text of this component and everything in it
    /// (see [`Document::canonicalize`]).
    pub fn canonicalize(&mut self) {
        self.raw_begin = None;
        self.raw_end = None;
        for p in &mut self.properties {
            p.raw = None;
        }
        for c in &mut self.components {
            c.canonicalize();
        }
    }

    /// Writes the component (see [`crate::write`]).
    pub fn write_to(&self, out: &mut String) {
        crate::writer::write_component(self, out);
    }

    /// Converts into a component that owns all its text (the kept input
    /// text too, so writing still reproduces the input).
    pub fn into_owned(self) -> Component<'static> {
        Component {
            name: Cow::Owned(self.name.into_owned()),
            properties: self
                .properties
                .into_iter()
                .map(Property::into_owned)
                .collect(),
            components: self
                .components
                .into_iter()
                .map(Component::into_owned)
                .collect(),
            position: self.position,
            raw_begin: self.raw_begin.map(|r| Cow::Owned(r.into_owned())),
            raw_end: self.raw_end.map(|r| Cow::Owned(r.into_owned())),
            span: self.span,
        }
    }
}

impl PartialEq for Component<'_> {
    fn eq(&self, other: &Self) -> bool {
        self.name.eq_ignore_ascii_case(&other.name)
            && self.properties == other.properties
            && self.components == other.components
    }
}

impl Eq for Component<'_> {}

impl fmt::Display for Component<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut s = String::new();
        self.write_to(&mut s);
        f.write_str(&s)
    }
}

/// A property: `[group.]NAME *(;param) : value`.
///
/// The value is the text after the colon, unfolded but still escaped as
/// its value type requires (a TEXT value keeps its `\,`). Use
/// [`Property::text_value`] for decoded TEXT and the [`crate::value`] types
/// for the rest.
#[derive(Debug, Clone)]
pub struct Property<'a> {
    pub(crate) group: Option<Cow<'a, str>>,
    pub(crate) name: Cow<'a, str>,
    pub(crate) params: Vec<Parameter<'a>>,
    pub(crate) value: Cow<'a, str>,
    pub(crate) raw: Option<Cow<'a, str>>,
    pub(crate) span: Range<usize>,
}

impl<'a> Property<'a> {
    /// A property whose value is `value` exactly as it should be written
    /// (no escaping is added: use [`Property::text`] for TEXT).
    pub fn new(name: impl Into<Cow<'a, str>>, value: impl Into<Cow<'a, str>>) -> Property<'a> {
        Property {
            group: None,
            name: name.into(),
            params: Vec::new(),
            value: value.into(),
            raw: None,
            span: 0..0,
        }
    }

    /// A property with a TEXT value, escaped as RFC 5545 §3.3.11 requires.
    pub fn text(name: impl Into<Cow<'a, str>>, text: &str) -> Property<'a> {
        Property::new(name, crate::value::escape_text(text).into_owned())
    }

    /// Adds a parameter (builder style).
    #[must_use]
    pub fn with_param(mut self, param: Parameter<'a>) -> Property<'a> {
        self.params.push(param);
        self
    }

    /// Sets the group (builder style), as in vCard's `item1.TEL`.
    #[must_use]
    pub fn with_group(mut self, group: impl Into<Cow<'a, str>>) -> Property<'a> {
        self.group = Some(group.into());
        self
    }

    /// The name as written.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// True when the name equals `name`, ignoring ASCII case.
    pub fn is(&self, name: &str) -> bool {
        self.name.eq_ignore_ascii_case(name)
    }

    /// The group, if any.
    pub fn group(&self) -> Option<&str> {
        self.group.as_deref()
    }

    /// The parameters in order.
    pub fn params(&self) -> &[Parameter<'a>] {
        &self.params
    }

    /// The parameters, to change (the property is then written canonically).
    pub fn params_mut(&mut self) -> &mut Vec<Parameter<'a>> {
        self.raw = None;
        &mut self.params
    }

    /// The first parameter named `name` (case-insensitive).
    pub fn param(&self, name: &str) -> Option<&Parameter<'a>> {
        self.params.iter().find(|p| p.is(name))
    }

    /// The first decoded value of the parameter `name`.
    pub fn param_value(&self, name: &str) -> Option<Cow<'_, str>> {
        self.param(name).and_then(Parameter::value)
    }

    /// Replaces every parameter named like `param` with it (or appends it).
    pub fn set_param(&mut self, param: Parameter<'a>) {
        self.raw = None;
        let first = self.params.iter().position(|p| p.is(param.name()));
        match first {
            Some(i) => {
                let name = param.name().to_owned();
                let mut index = 0;
                self.params.retain(|p| {
                    let keep = !p.is(&name) || index == i;
                    index += 1;
                    keep
                });
                if let Some(slot) = self.params.get_mut(i) {
                    *slot = param;
                }
            }
            None => self.params.push(param),
        }
    }

    /// Removes every parameter named `name`; returns how many there were.
    pub fn remove_param(&mut self, name: &str) -> usize {
        let before = self.params.len();
        self.params.retain(|p| !p.is(name));
        let removed = before - self.params.len();
        if removed > 0 {
            self.raw = None;
        }
        removed
    }

    /// The value text, unfolded, as written (escapes kept).
    pub fn value(&self) -> &str {
        &self.value
    }

    /// The value decoded as TEXT (RFC 5545 §3.3.11): `\n`, `\,`, `\;`, `\\` unescaped.
    pub fn text_value(&self) -> Cow<'_, str> {
        crate::value::unescape_text(&self.value)
    }

    /// Replaces the value with `value`, written as given.
    pub fn set_value(&mut self, value: impl Into<Cow<'a, str>>) {
        self.raw = None;
        self.value = value.into();
    }

    /// Replaces the value with TEXT, escaped.
    pub fn set_text(&mut self, text: &str) {
        self.set_value(crate::value::escape_text(text).into_owned());
    }

    /// Byte range of the property in the input (`0..0` when built in code).
    pub fn span(&self) -> Range<usize> {
        self.span.clone()
    }

    /// The exact input text this property was read from, while it is unchanged.
    pub fn raw(&self) -> Option<&str> {
        self.raw.as_deref()
    }

    /// Converts into a property that owns its text (kept input text included).
    pub fn into_owned(self) -> Property<'static> {
        Property {
            group: self.group.map(|g| Cow::Owned(g.into_owned())),
            name: Cow::Owned(self.name.into_owned()),
            params: self.params.into_iter().map(Parameter::into_owned).collect(),
            value: Cow::Owned(self.value.into_owned()),
            raw: self.raw.map(|r| Cow::Owned(r.into_owned())),
            span: self.span,
        }
    }
}

impl PartialEq for Property<'_> {
    fn eq(&self, other: &Self) -> bool {
        self.name.eq_ignore_ascii_case(&other.name)
            && match (&self.group, &other.group) {
                (None, None) => true,
                (Some(a), Some(b)) => a.eq_ignore_ascii_case(b),
                _ => false,
            }
            && self.value == other.value
            && self.params.len() == other.params.len()
            && self
                .params
                .iter()
                .zip(&other.params)
                .all(|(a, b)| a.name().eq_ignore_ascii_case(b.name()) && a.values().eq(b.values()))
    }
}

impl Eq for Property<'_> {}
