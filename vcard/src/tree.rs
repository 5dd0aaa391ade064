//! The tree: [`Document`], [`VCard`], [`Property`].
//!
//! Every node keeps the exact input text it was read from, so writing an
//! unmodified tree reproduces the input byte for byte. A change through any
//! `set_*`/`*_mut` method drops that text for the node changed, which is
//! then written canonically (see [`crate::write`]). Values are kept as
//! written (escaped, still QUOTED-PRINTABLE or base64 where the input was);
//! typed values are decoded on request.
//!
//! Equality (`==`) compares content: names (ignoring ASCII case), groups,
//! parameters, values and nested cards, in order. It ignores the kept input
//! text and spans, so a tree equals the tree read back from its output.

use std::borrow::Cow;
use std::fmt;
use std::ops::Range;

use kalends_ical_core::Parameter;

use crate::version::Version;

/// A whole file: any number of vCards.
#[derive(Debug, Clone, Default)]
pub struct Document<'a> {
    /// The cards in order.
    pub cards: Vec<VCard<'a>>,
    /// Text after the last card (trailing blank lines), kept for writing.
    pub(crate) trailing: Cow<'a, str>,
}

impl<'a> Document<'a> {
    /// A document of the given cards.
    pub fn new(cards: Vec<VCard<'a>>) -> Document<'a> {
        Document {
            cards,
            trailing: Cow::Borrowed(""),
        }
    }

    /// Writes the document: kept input text where nothing changed,
    /// canonical text elsewhere.
    pub fn write_to(&self, out: &mut String) {
        for c in &self.cards {
            c.write_to(out);
        }
        out.push_str(&self.trailing);
    }

    /// Converts into a document that owns all its text.
    pub fn into_owned(self) -> Document<'static> {
        Document {
            cards: self.cards.into_iter().map(VCard::into_owned).collect(),
            trailing: Cow::Owned(self.trailing.into_owned()),
        }
    }
}

impl PartialEq for Document<'_> {
    fn eq(&self, other: &Self) -> bool {
        self.cards == other.cards
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

/// One vCard: `BEGIN:VCARD`, properties, `END:VCARD`.
///
/// A vCard 2.1 `AGENT` may embed a whole vCard after its line; such cards
/// are kept in [`VCard::nested`], in their place.
///
/// ```
/// use kalends_vcard::{Property, VCard, Version};
/// let mut card = VCard::new(Version::V4_0);
/// card.push(Property::text("FN", "Doe, Jane", Version::V4_0));
/// assert_eq!(card.to_string(), "BEGIN:VCARD\r\nVERSION:4.0\r\nFN:Doe\\, Jane\r\nEND:VCARD\r\n");
/// ```
#[derive(Debug, Clone)]
pub struct VCard<'a> {
    pub(crate) name: Cow<'a, str>,
    pub(crate) properties: Vec<Property<'a>>,
    pub(crate) nested: Vec<VCard<'a>>,
    /// How many of the parent's properties stood before this card in the
    /// input; `usize::MAX` for a card added in code.
    pub(crate) position: usize,
    pub(crate) raw_begin: Option<Cow<'a, str>>,
    pub(crate) raw_end: Option<Cow<'a, str>>,
    pub(crate) span: Range<usize>,
}

impl<'a> VCard<'a> {
    /// A card with just its VERSION property.
    pub fn new(version: Version) -> VCard<'a> {
        let mut card = VCard::empty();
        card.push(Property::new("VERSION", version.as_str()));
        card
    }

    /// A card without any property (not even VERSION).
    pub fn empty() -> VCard<'a> {
        VCard::named("VCARD")
    }

    /// A component with another name (the reader keeps non-VCARD components
    /// it finds, so that nothing is lost).
    pub fn named(name: impl Into<Cow<'a, str>>) -> VCard<'a> {
        VCard {
            name: name.into(),
            properties: Vec::new(),
            nested: Vec::new(),
            position: usize::MAX,
            raw_begin: None,
            raw_end: None,
            span: 0..0,
        }
    }

    /// The component name as written (`VCARD`).
    pub fn component_name(&self) -> &str {
        &self.name
    }

    /// True for a `VCARD` component (ignoring case).
    pub fn is_vcard(&self) -> bool {
        self.name.eq_ignore_ascii_case("VCARD")
    }

    /// The version from the VERSION property. A card without a readable
    /// VERSION is read as 4.0 (RFC 6350), the reading chosen here; use
    /// [`VCard::declared_version`] to tell.
    pub fn version(&self) -> Version {
        self.declared_version().unwrap_or(Version::V4_0)
    }

    /// The version the VERSION property names, if it names one.
    pub fn declared_version(&self) -> Option<Version> {
        self.property("VERSION")
            .and_then(|p| Version::from_value(p.value()))
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

    /// Replaces every property named like `property` with it (at the first
    /// one's place), or appends it.
    pub fn set(&mut self, property: Property<'a>) {
        match self.properties.iter().position(|p| p.is(property.name())) {
            Some(i) => {
                let name = property.name().to_owned();
                let mut index = 0;
                self.properties.retain(|p| {
                    let keep = !p.is(&name) || index == i;
                    index += 1;
                    keep
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

    /// Cards embedded in this one (vCard 2.1 AGENT), in order.
    pub fn nested(&self) -> &[VCard<'a>] {
        &self.nested
    }

    /// The embedded cards, to change.
    pub fn nested_mut(&mut self) -> &mut Vec<VCard<'a>> {
        &mut self.nested
    }

    /// Byte range in the input from `BEGIN` to the end of `END`'s line
    /// (`0..0` for a card built in code).
    pub fn span(&self) -> Range<usize> {
        self.span.clone()
    }

    /// True when the card and everything in it still has its input text,
    /// that is, it will be written back exactly as it was read.
    pub fn is_unchanged(&self) -> bool {
        self.raw_begin.is_some()
            && self.raw_end.is_some()
            && self.properties.iter().all(|p| p.raw.is_some())
            && self.nested.iter().all(VCard::is_unchanged)
    }

    /// Writes the card (see [`crate::write`]).
    pub fn write_to(&self, out: &mut String) {
        crate::writer::write_card(self, out);
    }

    /// Converts into a card that owns all its text (the kept input text too).
    pub fn into_owned(self) -> VCard<'static> {
        VCard {
            name: Cow::Owned(self.name.into_owned()),
            properties: self
                .properties
                .into_iter()
                .map(Property::into_owned)
                .collect(),
            nested: self.nested.into_iter().map(VCard::into_owned).collect(),
            position: self.position,
            raw_begin: self.raw_begin.map(|r| Cow::Owned(r.into_owned())),
            raw_end: self.raw_end.map(|r| Cow::Owned(r.into_owned())),
            span: self.span,
        }
    }
}

impl PartialEq for VCard<'_> {
    fn eq(&self, other: &Self) -> bool {
        self.name.eq_ignore_ascii_case(&other.name)
            && self.properties == other.properties
            && self.nested == other.nested
    }
}

impl Eq for VCard<'_> {}

impl fmt::Display for VCard<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut s = String::new();
        self.write_to(&mut s);
        f.write_str(&s)
    }
}

/// A property: `[group "."] name *(";" param) ":" value`.
///
/// The value is the text after the colon, unfolded but still escaped (and
/// still QUOTED-PRINTABLE or base64 where the input used them; a vCard 2.1
/// QUOTED-PRINTABLE value has its soft line breaks removed). Decoding
/// follows the card's version: see [`Property::text_value`] and
/// [`Property::typed_value`].
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
    /// A property whose value is `value` exactly as it should be written (no
    /// escaping is added: use [`Property::text`] for TEXT).
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

    /// A property with a TEXT value escaped for `version` (in vCard 2.1,
    /// text with newlines or non-ASCII characters is QUOTED-PRINTABLE
    /// encoded with `CHARSET=UTF-8`).
    pub fn text(name: impl Into<Cow<'a, str>>, text: &str, version: Version) -> Property<'a> {
        let mut p = Property::new(name, "");
        p.set_text(text, version);
        p
    }

    /// Adds a parameter (builder style).
    #[must_use]
    pub fn with_param(mut self, param: Parameter<'a>) -> Property<'a> {
        self.raw = None;
        self.params.push(param);
        self
    }

    /// Sets the group (builder style), as in `item1.TEL`.
    #[must_use]
    pub fn with_group(mut self, group: impl Into<Cow<'a, str>>) -> Property<'a> {
        self.raw = None;
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

    /// Sets or clears the group.
    pub fn set_group(&mut self, group: Option<Cow<'a, str>>) {
        self.raw = None;
        self.group = group;
    }

    /// Renames the property.
    pub fn set_name(&mut self, name: impl Into<Cow<'a, str>>) {
        self.raw = None;
        self.name = name.into();
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

    /// Every decoded value of every parameter named `name`, in order
    /// (`TYPE=work;TYPE=voice` and `TYPE=work,voice` give the same).
    pub fn param_values<'s>(&'s self, name: &'s str) -> impl Iterator<Item = Cow<'s, str>> + 's {
        self.params
            .iter()
            .filter(move |p| p.is(name))
            .flat_map(Parameter::values)
    }

    /// Replaces every parameter named like `param` with it (or appends it).
    pub fn set_param(&mut self, param: Parameter<'a>) {
        self.raw = None;
        match self.params.iter().position(|p| p.is(param.name())) {
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

    /// The value text as written (escapes and transfer encodings kept).
    pub fn value(&self) -> &str {
        &self.value
    }

    /// Replaces the value with `value`, written as given.
    pub fn set_value(&mut self, value: impl Into<Cow<'a, str>>) {
        self.raw = None;
        self.value = value.into();
    }

    /// Replaces the value with TEXT escaped for `version`. Any transfer
    /// encoding is removed first; in vCard 2.1, text with newlines or
    /// non-ASCII characters is QUOTED-PRINTABLE encoded with `CHARSET=UTF-8`.
    pub fn set_text(&mut self, text: &str, version: Version) {
        self.remove_param("ENCODING");
        self.remove_param("CHARSET");
        self.params
            .retain(|p| !(p.raw_value().is_none() && is_encoding_token(p.name())));
        self.raw = None;
        if version == Version::V2_1
            && text.contains(|c: char| c == '\n' || c == '\r' || !c.is_ascii())
        {
            self.params
                .push(Parameter::new("ENCODING", "QUOTED-PRINTABLE"));
            self.params.push(Parameter::new("CHARSET", "UTF-8"));
            self.value = Cow::Owned(crate::codec::qp_encode(&crate::text::escape(text, version)));
        } else {
            self.value = Cow::Owned(crate::text::escape(text, version).into_owned());
        }
    }

    /// Byte range of the property in the input (`0..0` when built in code).
    pub fn span(&self) -> Range<usize> {
        self.span.clone()
    }

    /// The exact input text this property was read from, while unchanged.
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

/// vCard 2.1 bare encoding tokens (`NOTE;QUOTED-PRINTABLE:…`).
pub(crate) fn is_encoding_token(name: &str) -> bool {
    ["QUOTED-PRINTABLE", "BASE64", "8BIT", "7BIT", "B"]
        .iter()
        .any(|t| name.eq_ignore_ascii_case(t))
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
            && self.params.iter().zip(&other.params).all(|(a, b)| {
                a.name().eq_ignore_ascii_case(b.name())
                    && a.raw_value().is_some() == b.raw_value().is_some()
                    && if crate::property::is_list_param(a.name()) {
                        // `TYPE="work,voice"` and `TYPE=work,voice` are the same two values.
                        a.values()
                            .flat_map(split_owned)
                            .eq(b.values().flat_map(split_owned))
                    } else {
                        a.values().eq(b.values())
                    }
            })
    }
}

fn split_owned(v: Cow<'_, str>) -> Vec<String> {
    v.split(',').map(str::to_owned).collect()
}

impl Eq for Property<'_> {}
