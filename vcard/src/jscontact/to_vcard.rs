//! JSContact → vCard 4.0 (RFC 9555 §3).

use std::collections::{HashMap, HashSet};

use kalends_ical_core::Parameter;
use serde_json::{Map, Value as Json};

use super::from_vcard::{ADR_KINDS, N_KINDS};
use super::model::*;
use super::patch::{apply_patch, pointer_from_tokens, pointer_tokens};
use crate::error::Error;
use crate::jcard::property_from_jcard;
use crate::text::{escape, format_structured};
use crate::tree::{Property, VCard};
use crate::version::Version;

const V4: Version = Version::V4_0;

/// Converts a JSContact Card to a vCard 4.0 as RFC 9555 §3 defines. See the
/// module documentation for the readings chosen.
pub fn from_jscontact(card: &Card) -> Result<VCard<'static>, Error> {
    let mut cx = Cx::new(card)?;
    cx.run()?;
    Ok(cx.finish())
}

/// A part of a Card that localizations can patch and vCard alternatives express.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
enum Unit {
    Name,
    Obj(&'static str, String),
    Pronouns(String),
    Place(String),
}

#[derive(Debug, Default, Clone)]
struct UnitPatch {
    value: bool,
    full: bool,
    phonetic: bool,
}

struct Localized {
    lang: String,
    card: Card,
    units: HashMap<Unit, UnitPatch>,
}

struct Cx<'c> {
    card: &'c Card,
    props: Vec<Property<'static>>,
    jsprops: Vec<(String, Json)>,
    localized: Vec<Localized>,
    altids: HashMap<Unit, String>,
    groups_used: HashSet<String>,
    group_counter: u32,
    org_groups: HashMap<String, String>,
    /// Top-level properties that some vCard property recreates.
    converted: HashSet<String>,
}

/// Languages of `localizations` written as vCard alternatives at most
/// (RFC 9555 §2.3.11); the others become JSPROP.
pub const MAX_LOCALIZED_LANGUAGES: usize = 64;

const COLLECTIONS: [&str; 6] = [
    "titles",
    "nicknames",
    "notes",
    "organizations",
    "addresses",
    "personalInfo",
];

fn classify(tokens: &[String]) -> Option<(Unit, UnitPatch)> {
    let t = |i: usize| tokens.get(i).map(String::as_str);
    let phonetic_tail = |from: usize| {
        matches!(t(from), Some("phoneticSystem" | "phoneticScript"))
            || (t(from) == Some("components")
                && tokens.len() == from + 3
                && t(from + 2) == Some("phonetic"))
    };
    match t(0)? {
        "name" => {
            let mut p = UnitPatch::default();
            match t(1) {
                None => {
                    p.value = true;
                    p.full = true;
                }
                Some("full") => p.full = true,
                Some(_) if phonetic_tail(1) => p.phonetic = true,
                Some("components") => p.value = true,
                _ => return None,
            }
            Some((Unit::Name, p))
        }
        "speakToAs" if t(1) == Some("pronouns") => Some((
            Unit::Pronouns(t(2)?.to_owned()),
            UnitPatch {
                value: true,
                ..UnitPatch::default()
            },
        )),
        "anniversaries" if t(2) == Some("place") => Some((
            Unit::Place(t(1)?.to_owned()),
            UnitPatch {
                value: true,
                ..UnitPatch::default()
            },
        )),
        c => {
            let coll = COLLECTIONS.iter().find(|x| **x == c)?;
            let id = t(1)?.to_owned();
            let phonetic = *coll == "addresses" && phonetic_tail(2);
            Some((
                Unit::Obj(coll, id),
                UnitPatch {
                    value: !phonetic,
                    phonetic,
                    full: false,
                },
            ))
        }
    }
}

/// A URI for a vCard value: control characters, which cannot stand in a
/// content line, are percent-encoded (RFC 3986 §2.1).
fn uri_text(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if c.is_control() && (c as u32) < 0x80 {
            out.push_str(&format!("%{:02X}", c as u32));
        } else {
            out.push(c);
        }
    }
    out
}

fn looks_like_uri(s: &str) -> bool {
    let Some((scheme, rest)) = s.split_once(':') else {
        return false;
    };
    !rest.is_empty()
        && !s.contains(char::is_whitespace)
        && scheme
            .chars()
            .next()
            .is_some_and(|c| c.is_ascii_alphabetic())
        && scheme
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
}

fn is_name(s: &str) -> bool {
    !s.is_empty() && s.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
}

/// A TEXT property; control characters other than tab and newlines, which
/// vCard text cannot carry (RFC 6350 §3.3), become U+FFFD.
fn text(name: &'static str, v: &str) -> Property<'static> {
    let clean: String = v
        .chars()
        .map(|c| {
            if c.is_control() && !matches!(c, '\t' | '\n' | '\r') && (c as u32) < 0x80 {
                '\u{fffd}'
            } else {
                c
            }
        })
        .collect();
    Property::new(name, escape(&clean, V4).into_owned())
}

fn contexts_types(ctx: Option<&BoolSet>, extra: &[&str]) -> (Vec<String>, bool) {
    let mut types = Vec::new();
    let mut unknown = false;
    for (k, v) in ctx.into_iter().flat_map(|c| c.iter()) {
        if !*v {
            continue;
        }
        match k {
            "private" => types.push("home".to_owned()),
            "work" => types.push("work".to_owned()),
            k if extra.contains(&k) => types.push(k.to_owned()),
            _ => unknown = true,
        }
    }
    (types, unknown)
}

fn add_types(p: &mut Property<'static>, types: &[String]) {
    for t in types {
        p.add_type(t);
    }
}

fn add_pref(p: &mut Property<'static>, pref: Option<u32>) {
    if let Some(n) = pref {
        p.params.push(Parameter::new("PREF", &n.to_string()));
    }
}

impl<'c> Cx<'c> {
    fn new(card: &'c Card) -> Result<Self, Error> {
        let mut cx = Cx {
            card,
            props: vec![Property::new("VERSION", "4.0")],
            jsprops: Vec::new(),
            localized: Vec::new(),
            altids: HashMap::new(),
            groups_used: HashSet::new(),
            group_counter: 0,
            org_groups: HashMap::new(),
            converted: HashSet::new(),
        };
        cx.collect_groups();
        cx.prepare_localizations()?;
        Ok(cx)
    }

    fn collect_groups(&mut self) {
        let root = serde_json::to_value(self.card).unwrap_or(Json::Null);
        fn walk(v: &Json, out: &mut HashSet<String>) {
            match v {
                Json::Object(m) => {
                    if let Some(Json::Object(p)) = m.get("vCardParams")
                        && let Some(Json::String(g)) = p.get("group")
                    {
                        out.insert(g.to_ascii_uppercase());
                    }
                    m.values().for_each(|x| walk(x, out));
                }
                Json::Array(a) => {
                    if let Some(Json::Object(p)) = a.get(1)
                        && let Some(Json::String(g)) = p.get("group")
                    {
                        out.insert(g.to_ascii_uppercase());
                    }
                    a.iter().for_each(|x| walk(x, out));
                }
                _ => {}
            }
        }
        walk(&root, &mut self.groups_used);
    }

    fn new_group(&mut self) -> String {
        loop {
            self.group_counter = self.group_counter.saturating_add(1);
            let g = format!("G{}", self.group_counter);
            if self.groups_used.insert(g.clone()) {
                return g;
            }
        }
    }

    fn prepare_localizations(&mut self) -> Result<(), Error> {
        let Some(locs) = &self.card.localizations else {
            return Ok(());
        };
        let base = serde_json::to_value(self.card)?;
        let mut unconvertible: Vec<(String, PatchObject)> = Vec::new();
        let mut converted_any = false;
        for (lang, patch) in locs.iter() {
            let mut units: HashMap<Unit, UnitPatch> = HashMap::new();
            let mut ok = true;
            for key in patch.keys() {
                match pointer_tokens(key).ok().as_deref().and_then(classify) {
                    Some((unit, p)) if self.unit_exists(&unit) => {
                        let e = units.entry(unit).or_default();
                        e.value |= p.value;
                        e.full |= p.full;
                        e.phonetic |= p.phonetic;
                    }
                    _ => ok = false,
                }
            }
            // Each language costs a copy of the Card; past a limit the
            // remaining languages are kept as JSPROP.
            if self.localized.len() >= MAX_LOCALIZED_LANGUAGES {
                ok = false;
            }
            if !ok {
                unconvertible.push((lang.to_owned(), patch.clone()));
                continue;
            }
            let mut localized = base.clone();
            if let Some(m) = localized.as_object_mut() {
                m.remove("localizations");
            }
            let card = if ok && apply_patch(&mut localized, patch).is_ok() {
                serde_json::from_value::<Card>(localized).ok()
            } else {
                None
            };
            match card {
                Some(card) => {
                    converted_any = true;
                    let mut keys: Vec<&Unit> = units.keys().collect();
                    keys.sort_by_key(|u| format!("{u:?}"));
                    for u in keys {
                        let n = self.altids.len() + 1;
                        self.altids
                            .entry(u.clone())
                            .or_insert_with(|| n.to_string());
                    }
                    self.localized.push(Localized {
                        lang: lang.to_owned(),
                        card,
                        units,
                    });
                }
                None => unconvertible.push((lang.to_owned(), patch.clone())),
            }
        }
        if !unconvertible.is_empty() {
            if converted_any {
                for (lang, patch) in unconvertible {
                    self.jsprops.push((
                        pointer_from_tokens(&["localizations", lang.as_str()]),
                        Json::Object(patch),
                    ));
                }
            } else {
                let all: Map<String, Json> = unconvertible
                    .into_iter()
                    .map(|(l, p)| (l, Json::Object(p)))
                    .collect();
                self.jsprops
                    .push(("localizations".to_owned(), Json::Object(all)));
            }
        }
        Ok(())
    }

    fn unit_exists(&self, u: &Unit) -> bool {
        let c = self.card;
        match u {
            Unit::Name => c.name.is_some(),
            Unit::Pronouns(id) => c
                .speak_to_as
                .as_ref()
                .and_then(|s| s.pronouns.as_ref())
                .is_some_and(|p| p.contains_key(id)),
            Unit::Place(id) => c
                .anniversaries
                .as_ref()
                .and_then(|a| a.get(id))
                .is_some_and(|a| {
                    matches!(a.kind.as_deref(), Some("birth" | "death")) && a.date.is_some()
                }),
            Unit::Obj(coll, id) => match *coll {
                "titles" => c.titles.as_ref().is_some_and(|m| m.contains_key(id)),
                "nicknames" => c.nicknames.as_ref().is_some_and(|m| m.contains_key(id)),
                "notes" => c.notes.as_ref().is_some_and(|m| m.contains_key(id)),
                "organizations" => c.organizations.as_ref().is_some_and(|m| m.contains_key(id)),
                "addresses" => c
                    .addresses
                    .as_ref()
                    .and_then(|m| m.get(id))
                    .is_some_and(|a| a.components.is_some() || a.full.is_some()),
                "personalInfo" => c.personal_info.as_ref().is_some_and(|m| m.contains_key(id)),
                _ => false,
            },
        }
    }

    /// Adds a converted property: PROP-ID, vCardParams, ALTID, label, and
    /// JSPROP for the object's unknown properties.
    #[allow(clippy::too_many_arguments)]
    fn push(
        &mut self,
        mut p: Property<'static>,
        path: &[&str],
        id: Option<&str>,
        params: Option<&Map<String, Json>>,
        extra: &Map<String, Json>,
        label: Option<&str>,
        unit: Option<&Unit>,
    ) {
        if let Some(first) = path.first() {
            self.converted.insert((*first).to_owned());
        }
        if let Some(id) = id {
            p.params.push(Parameter::new("PROP-ID", id));
        }
        if let Some(u) = unit
            && let Some(a) = self.altids.get(u)
        {
            p.params.push(Parameter::new("ALTID", a));
        }
        apply_params(&mut p, params);
        for (k, v) in extra {
            let mut tokens: Vec<&str> = path.to_vec();
            tokens.push(k);
            self.jsprops.push((pointer_from_tokens(&tokens), v.clone()));
        }
        if let Some(label) = label {
            let g = match p.group() {
                Some(g) => g.to_owned(),
                None => {
                    let g = self.new_group();
                    p.group = Some(g.clone().into());
                    g
                }
            };
            self.props.push(p);
            self.props
                .push(Property::new("X-ABLabel", escape(label, V4).into_owned()).with_group(g));
        } else {
            self.props.push(p);
        }
    }

    fn jsprop(&mut self, path: &[&str], v: &impl serde::Serialize) {
        if let Ok(json) = serde_json::to_value(v) {
            self.jsprops.push((pointer_from_tokens(path), json));
        }
    }

    fn run(&mut self) -> Result<(), Error> {
        let c = self.card;
        if let Some(uid) = &c.uid {
            let mut p = Property::new("UID", uri_text(uid));
            if !looks_like_uri(uid) {
                p = text("UID", uid).with_param(Parameter::new("VALUE", "text"));
            }
            self.props.push(p);
        }
        if let Some(k) = &c.kind {
            self.props.push(text("KIND", k));
        }
        if let Some(l) = &c.language {
            self.props
                .push(Property::new("LANGUAGE", escape(l, V4).into_owned()));
        }
        if let Some(p) = &c.prod_id {
            self.props.push(text("PRODID", p));
        }
        for (name, v) in [("CREATED", &c.created), ("REV", &c.updated)] {
            if let Some(v) = v {
                match crate::value::Timestamp::from_utc_string(v) {
                    Ok(ts) => self.props.push(Property::new(name, ts.to_string())),
                    Err(_) => self.jsprop(
                        &[if name == "CREATED" {
                            "created"
                        } else {
                            "updated"
                        }],
                        v,
                    ),
                }
            }
        }
        self.name();
        self.collection_props();
        self.addresses();
        self.anniversaries();
        if let Some(k) = &c.keywords {
            let list: Vec<&str> = k.iter().filter(|(_, v)| **v).map(|(k, _)| k).collect();
            if !list.is_empty() {
                self.props.push(Property::new(
                    "CATEGORIES",
                    crate::text::format_list(&list, V4),
                ));
            }
        }
        if let Some(m) = &c.members {
            for (uid, _) in m.iter().filter(|(_, v)| **v) {
                self.props.push(Property::new("MEMBER", uri_text(uid)));
            }
        }
        if let Some(r) = &c.related_to {
            for (key, rel) in r.iter() {
                let mut p = if looks_like_uri(key) {
                    Property::new("RELATED", uri_text(key))
                } else {
                    text("RELATED", key).with_param(Parameter::new("VALUE", "text"))
                };
                let types: Vec<String> = rel
                    .relation
                    .iter()
                    .flat_map(|s| s.iter())
                    .filter(|(_, v)| **v)
                    .map(|(k, _)| k.to_owned())
                    .collect();
                add_types(&mut p, &types);
                self.push(
                    p,
                    &["relatedTo", key],
                    None,
                    rel.vcard_params.as_ref(),
                    &rel.extra,
                    None,
                    None,
                );
            }
        }
        if let Some(props) = &c.vcard_props {
            for jp in props {
                match property_from_jcard(jp, V4) {
                    Ok(p) => self.props.push(p),
                    Err(_) => self
                        .jsprops
                        .push(("vCardProps".to_owned(), Json::Array(props.clone()))),
                }
            }
        }
        for (k, v) in &c.extra {
            self.jsprops
                .push((pointer_from_tokens(&[k.as_str()]), v.clone()));
        }
        Ok(())
    }

    fn name(&mut self) {
        let c = self.card;
        let Some(name) = &c.name else {
            self.props.push(Property::new("FN", ""));
            return;
        };
        self.converted.insert("name".to_owned());
        let unit = Unit::Name;
        let fn_prop = match (&name.full, derive_full(name)) {
            (Some(full), _) => Some(text("FN", full)),
            (None, Some(d)) => Some(text("FN", &d).with_param(Parameter::new("DERIVED", "TRUE"))),
            (None, None) => Some(Property::new("FN", "")),
        };
        let n_prop = name
            .components
            .as_ref()
            .map(|comps| n_property(name, comps));
        if let Some(mut f) = fn_prop {
            if let Some(a) = self.altids.get(&unit).filter(|_| name.full.is_some()) {
                f.params.push(Parameter::new("ALTID", a));
            }
            // The Name's vCardParams came from FN and N (RFC 9555 §2.15.2);
            // both get them back, unless FN is derived or empty here.
            // The Name's vCardParams (from FN and N, RFC 9555 §2.15.2) go to
            // N when there is one, else to FN.
            if n_prop.is_none() {
                apply_params(&mut f, name.vcard_params.as_ref());
            }
            self.props.push(f);
        }
        let phonetic_here = name.phonetic_system.is_some()
            || name.phonetic_script.is_some()
            || name
                .components
                .iter()
                .flatten()
                .any(|c| c.phonetic.is_some());
        if phonetic_here && !self.altids.contains_key(&unit) {
            let n = self.altids.len() + 1;
            self.altids.insert(unit.clone(), n.to_string());
        }
        if let Some(n) = n_prop {
            self.push(
                n,
                &["name"],
                None,
                name.vcard_params.as_ref(),
                &Map::new(),
                None,
                Some(&unit),
            );
        }
        for (k, v) in &name.extra {
            self.jsprops
                .push((pointer_from_tokens(&["name", k.as_str()]), v.clone()));
        }
        let altid = self.altids.get(&unit).cloned();
        if phonetic_here && let Some(p) = phonetic_n(name, altid.as_deref(), None) {
            self.props.push(p);
        }
        // Alternatives in other languages.
        let mut alts = Vec::new();
        for l in &self.localized {
            let Some(up) = l.units.get(&unit) else {
                continue;
            };
            let Some(ln) = &l.card.name else { continue };
            if up.full
                && let Some(full) = &ln.full
            {
                let mut p = text("FN", full);
                p.params
                    .extend(altid.iter().map(|a| Parameter::new("ALTID", a)));
                p.params.push(Parameter::new("LANGUAGE", &l.lang));
                alts.push(p);
            }
            if up.value
                && let Some(comps) = &ln.components
            {
                let mut p = n_property(ln, comps);
                p.params.retain(|x| !x.is("JSCOMPS") && !x.is("SORT-AS"));
                p.params
                    .extend(altid.iter().map(|a| Parameter::new("ALTID", a)));
                p.params.push(Parameter::new("LANGUAGE", &l.lang));
                alts.push(p);
            }
            if up.phonetic
                && let Some(p) = phonetic_n(ln, altid.as_deref(), Some(&l.lang))
            {
                alts.push(p);
            }
        }
        self.props.extend(alts);
    }

    fn alternates(&mut self, unit: &Unit, make: impl Fn(&Card) -> Option<Property<'static>>) {
        let Some(a) = self.altids.get(unit).cloned() else {
            return;
        };
        let mut alts = Vec::new();
        for l in &self.localized {
            if !l.units.contains_key(unit) {
                continue;
            }
            if let Some(mut p) = make(&l.card) {
                p.params.retain(|x| !x.is("PROP-ID"));
                p.params.push(Parameter::new("ALTID", &a));
                p.params.push(Parameter::new("LANGUAGE", &l.lang));
                alts.push(p);
            }
        }
        self.props.extend(alts);
    }

    fn collection_props(&mut self) {
        let c = self.card;
        if let Some(m) = &c.nicknames {
            for (id, n) in m.iter() {
                let Some(name) = &n.name else {
                    self.jsprop(&["nicknames", id], n);
                    continue;
                };
                let mut p = text("NICKNAME", name);
                add_types(&mut p, &contexts_types(n.contexts.as_ref(), &[]).0);
                add_pref(&mut p, n.pref);
                let unit = Unit::Obj("nicknames", id.to_owned());
                self.push(
                    p,
                    &["nicknames", id],
                    Some(id),
                    n.vcard_params.as_ref(),
                    &n.extra,
                    None,
                    Some(&unit),
                );
                self.unknown_contexts(&["nicknames", id], n.contexts.as_ref(), &[]);
                self.alternates(&unit, |c| {
                    Some(text(
                        "NICKNAME",
                        c.nicknames.as_ref()?.get(id)?.name.as_deref()?,
                    ))
                });
            }
        }
        // Groups that tie titles to their organization (§2.9.6).
        if let Some(t) = &c.titles {
            for title in t.values() {
                if let Some(org) = &title.organization_id
                    && c.organizations
                        .as_ref()
                        .is_some_and(|o| o.contains_key(org))
                    && !self.org_groups.contains_key(org)
                {
                    let g = self.new_group();
                    self.org_groups.insert(org.clone(), g);
                }
            }
        }
        if let Some(m) = &c.organizations {
            for (id, o) in m.iter() {
                let mut p = org_property(o);
                add_types(&mut p, &contexts_types(o.contexts.as_ref(), &[]).0);
                if let Some(g) = self.org_groups.get(id) {
                    p.group = Some(g.clone().into());
                }
                let unit = Unit::Obj("organizations", id.to_owned());
                self.push(
                    p,
                    &["organizations", id],
                    Some(id),
                    o.vcard_params.as_ref(),
                    &o.extra,
                    None,
                    Some(&unit),
                );
                self.unknown_contexts(&["organizations", id], o.contexts.as_ref(), &[]);
                self.alternates(&unit, |c| {
                    Some(org_property(c.organizations.as_ref()?.get(id)?))
                });
            }
        }
        if let Some(m) = &c.titles {
            for (id, t) in m.iter() {
                let Some(name) = &t.name else {
                    self.jsprop(&["titles", id], t);
                    continue;
                };
                let pname = if t.kind.as_deref() == Some("role") {
                    "ROLE"
                } else {
                    "TITLE"
                };
                let mut p = text(pname, name);
                match t
                    .organization_id
                    .as_ref()
                    .and_then(|o| self.org_groups.get(o))
                {
                    Some(g) => p.group = Some(g.clone().into()),
                    None => {
                        if let Some(o) = &t.organization_id {
                            self.jsprops.push((
                                pointer_from_tokens(&["titles", id, "organizationId"]),
                                Json::String(o.clone()),
                            ));
                        }
                    }
                }
                if t.kind
                    .as_deref()
                    .is_some_and(|k| k != "role" && k != "title")
                {
                    self.jsprop(&["titles", id, "kind"], &t.kind);
                }
                let unit = Unit::Obj("titles", id.to_owned());
                self.push(
                    p,
                    &["titles", id],
                    Some(id),
                    t.vcard_params.as_ref(),
                    &t.extra,
                    None,
                    Some(&unit),
                );
                self.alternates(&unit, |c| {
                    Some(text(pname, c.titles.as_ref()?.get(id)?.name.as_deref()?))
                });
            }
        }
        if let Some(s) = &c.speak_to_as {
            if s.grammatical_gender.is_some() || s.pronouns.as_ref().is_some_and(|p| !p.is_empty())
            {
                self.converted.insert("speakToAs".to_owned());
            }
            if let Some(g) = &s.grammatical_gender {
                self.props.push(text("GRAMGENDER", g));
            }
            if let Some(m) = &s.pronouns {
                for (id, pr) in m.iter() {
                    let Some(v) = &pr.pronouns else {
                        self.jsprop(&["speakToAs", "pronouns", id], pr);
                        continue;
                    };
                    let mut p = text("PRONOUNS", v);
                    add_types(&mut p, &contexts_types(pr.contexts.as_ref(), &[]).0);
                    add_pref(&mut p, pr.pref);
                    let unit = Unit::Pronouns(id.to_owned());
                    self.push(
                        p,
                        &["speakToAs", "pronouns", id],
                        Some(id),
                        pr.vcard_params.as_ref(),
                        &pr.extra,
                        None,
                        Some(&unit),
                    );
                    self.unknown_contexts(
                        &["speakToAs", "pronouns", id],
                        pr.contexts.as_ref(),
                        &[],
                    );
                    self.alternates(&unit, |c| {
                        Some(text(
                            "PRONOUNS",
                            c.speak_to_as
                                .as_ref()?
                                .pronouns
                                .as_ref()?
                                .get(id)?
                                .pronouns
                                .as_deref()?,
                        ))
                    });
                }
            }
            for (k, v) in &s.extra {
                self.jsprops
                    .push((pointer_from_tokens(&["speakToAs", k.as_str()]), v.clone()));
            }
        }
        if let Some(m) = &c.emails {
            for (id, e) in m.iter() {
                let Some(a) = &e.address else {
                    self.jsprop(&["emails", id], e);
                    continue;
                };
                let mut p = text("EMAIL", a);
                add_types(&mut p, &contexts_types(e.contexts.as_ref(), &[]).0);
                add_pref(&mut p, e.pref);
                self.push(
                    p,
                    &["emails", id],
                    Some(id),
                    e.vcard_params.as_ref(),
                    &e.extra,
                    e.label.as_deref(),
                    None,
                );
                self.unknown_contexts(&["emails", id], e.contexts.as_ref(), &[]);
            }
        }
        if let Some(m) = &c.online_services {
            for (id, o) in m.iter() {
                let impp = o
                    .vcard_name
                    .as_deref()
                    .is_some_and(|n| n.eq_ignore_ascii_case("impp"))
                    && o.uri.is_some();
                let mut p = match (&o.uri, &o.user) {
                    (Some(uri), user) => {
                        let mut p = Property::new(
                            if impp { "IMPP" } else { "SOCIALPROFILE" },
                            uri_text(uri),
                        );
                        if let Some(u) = user {
                            p.params.push(Parameter::new("USERNAME", u));
                        }
                        p
                    }
                    (None, Some(user)) => {
                        text("SOCIALPROFILE", user).with_param(Parameter::new("VALUE", "text"))
                    }
                    (None, None) => {
                        self.jsprop(&["onlineServices", id], o);
                        continue;
                    }
                };
                if let Some(s) = &o.service {
                    p.params.push(Parameter::new("SERVICE-TYPE", s));
                }
                add_types(&mut p, &contexts_types(o.contexts.as_ref(), &[]).0);
                add_pref(&mut p, o.pref);
                self.push(
                    p,
                    &["onlineServices", id],
                    Some(id),
                    o.vcard_params.as_ref(),
                    &o.extra,
                    o.label.as_deref(),
                    None,
                );
                self.unknown_contexts(&["onlineServices", id], o.contexts.as_ref(), &[]);
            }
        }
        if let Some(m) = &c.phones {
            for (id, ph) in m.iter() {
                let Some(number) = &ph.number else {
                    self.jsprop(&["phones", id], ph);
                    continue;
                };
                let mut p = if looks_like_uri(number) {
                    Property::new("TEL", uri_text(number))
                        .with_param(Parameter::new("VALUE", "uri"))
                } else {
                    text("TEL", number)
                };
                let mut types = contexts_types(ph.contexts.as_ref(), &[]).0;
                let mut unknown_feature = false;
                for (f, on) in ph.features.iter().flat_map(|s| s.iter()) {
                    if !*on {
                        continue;
                    }
                    match f {
                        "mobile" => types.push("cell".to_owned()),
                        "voice" | "fax" | "pager" | "text" | "textphone" | "video"
                        | "main-number" => types.push(f.to_owned()),
                        _ => unknown_feature = true,
                    }
                }
                add_types(&mut p, &types);
                add_pref(&mut p, ph.pref);
                self.push(
                    p,
                    &["phones", id],
                    Some(id),
                    ph.vcard_params.as_ref(),
                    &ph.extra,
                    ph.label.as_deref(),
                    None,
                );
                self.unknown_contexts(&["phones", id], ph.contexts.as_ref(), &[]);
                if unknown_feature {
                    self.jsprop(&["phones", id, "features"], &ph.features);
                }
            }
        }
        if let Some(m) = &c.preferred_languages {
            for (id, l) in m.iter() {
                let Some(lang) = &l.language else {
                    self.jsprop(&["preferredLanguages", id], l);
                    continue;
                };
                let mut p = Property::new("LANG", escape(lang, V4).into_owned());
                add_types(&mut p, &contexts_types(l.contexts.as_ref(), &[]).0);
                add_pref(&mut p, l.pref);
                self.push(
                    p,
                    &["preferredLanguages", id],
                    Some(id),
                    l.vcard_params.as_ref(),
                    &l.extra,
                    None,
                    None,
                );
                self.unknown_contexts(&["preferredLanguages", id], l.contexts.as_ref(), &[]);
            }
        }
        self.resources("calendars", |k| match k {
            Some("calendar") | None => Some("CALURI"),
            Some("freeBusy") => Some("FBURL"),
            _ => None,
        });
        if let Some(m) = &c.scheduling_addresses {
            for (id, s) in m.iter() {
                let Some(uri) = &s.uri else {
                    self.jsprop(&["schedulingAddresses", id], s);
                    continue;
                };
                let mut p = Property::new("CALADRURI", uri_text(uri));
                add_types(&mut p, &contexts_types(s.contexts.as_ref(), &[]).0);
                add_pref(&mut p, s.pref);
                self.push(
                    p,
                    &["schedulingAddresses", id],
                    Some(id),
                    s.vcard_params.as_ref(),
                    &s.extra,
                    s.label.as_deref(),
                    None,
                );
                self.unknown_contexts(&["schedulingAddresses", id], s.contexts.as_ref(), &[]);
            }
        }
        self.resources("cryptoKeys", |_| Some("KEY"));
        self.resources("directories", |k| match k {
            Some("entry") => Some("SOURCE"),
            Some("directory") => Some("ORG-DIRECTORY"),
            _ => None,
        });
        self.resources("links", |k| match k {
            Some("contact") => Some("CONTACT-URI"),
            None => Some("URL"),
            _ => None,
        });
        self.resources("media", |k| match k {
            Some("photo") => Some("PHOTO"),
            Some("logo") => Some("LOGO"),
            Some("sound") => Some("SOUND"),
            _ => None,
        });
        if let Some(m) = &c.notes {
            for (id, n) in m.iter() {
                let Some(p) = note_property(n) else {
                    self.jsprop(&["notes", id], n);
                    continue;
                };
                let unit = Unit::Obj("notes", id.to_owned());
                self.push(
                    p,
                    &["notes", id],
                    Some(id),
                    n.vcard_params.as_ref(),
                    &n.extra,
                    None,
                    Some(&unit),
                );
                if let Some(a) = &n.author {
                    for (k, v) in &a.extra {
                        self.jsprops.push((
                            pointer_from_tokens(&["notes", id, "author", k.as_str()]),
                            v.clone(),
                        ));
                    }
                }
                self.alternates(&unit, |c| {
                    let mut p = note_property(c.notes.as_ref()?.get(id)?)?;
                    p.params.clear();
                    Some(p)
                });
            }
        }
        if let Some(m) = &c.personal_info {
            for (id, pi) in m.iter() {
                let Some(p) = personal_property(pi) else {
                    self.jsprop(&["personalInfo", id], pi);
                    continue;
                };
                let unit = Unit::Obj("personalInfo", id.to_owned());
                let name = p.name().to_owned();
                self.push(
                    p,
                    &["personalInfo", id],
                    Some(id),
                    pi.vcard_params.as_ref(),
                    &pi.extra,
                    pi.label.as_deref(),
                    Some(&unit),
                );
                self.alternates(&unit, |c| {
                    let v = c.personal_info.as_ref()?.get(id)?.value.as_deref()?;
                    Some(Property::new(name.clone(), escape(v, V4).into_owned()))
                });
            }
        }
    }

    fn unknown_contexts(&mut self, path: &[&str], ctx: Option<&BoolSet>, extra: &[&str]) {
        if contexts_types(ctx, extra).1 {
            let mut p = path.to_vec();
            p.push("contexts");
            self.jsprop(&p, &ctx);
        }
    }

    fn resources(
        &mut self,
        coll: &'static str,
        name_of: impl Fn(Option<&str>) -> Option<&'static str>,
    ) {
        let c = self.card;
        let m = match coll {
            "calendars" => &c.calendars,
            "cryptoKeys" => &c.crypto_keys,
            "directories" => &c.directories,
            "links" => &c.links,
            _ => &c.media,
        };
        let Some(m) = m else { return };
        for (id, r) in m.iter() {
            let (Some(name), Some(uri)) = (name_of(r.kind.as_deref()), &r.uri) else {
                self.jsprop(&[coll, id], r);
                continue;
            };
            let mut p = Property::new(name, uri_text(uri));
            if let Some(mt) = &r.media_type {
                p.params.push(Parameter::new("MEDIATYPE", mt));
            }
            if let Some(i) = r.list_as {
                p.params.push(Parameter::new("INDEX", &i.to_string()));
            }
            add_types(&mut p, &contexts_types(r.contexts.as_ref(), &[]).0);
            add_pref(&mut p, r.pref);
            self.push(
                p,
                &[coll, id],
                Some(id),
                r.vcard_params.as_ref(),
                &r.extra,
                r.label.as_deref(),
                None,
            );
            self.unknown_contexts(&[coll, id], r.contexts.as_ref(), &[]);
        }
    }

    fn addresses(&mut self) {
        let c = self.card;
        let Some(m) = &c.addresses else { return };
        for (id, a) in m.iter() {
            let unit = Unit::Obj("addresses", id.to_owned());
            let types = contexts_types(a.contexts.as_ref(), &["billing", "delivery"]).0;
            let Some(mut p) = adr_property(a) else {
                // No components and no full address: GEO and TZ properties,
                // grouped so that they are read back as one Address, and not
                // as part of any other (RFC 9555 §2.8.3).
                let group = if a.coordinates.is_some() || a.time_zone.is_some() {
                    Some(self.new_group())
                } else {
                    None
                };
                let mut any = false;
                for (name, v) in [("GEO", &a.coordinates), ("TZ", &a.time_zone)] {
                    let Some(v) = v else { continue };
                    any = true;
                    let mut p = if name == "GEO" {
                        Property::new("GEO", uri_text(v))
                    } else {
                        text("TZ", v)
                    };
                    if let Some(g) = &group {
                        p.group = Some(g.clone().into());
                    }
                    add_types(&mut p, &types);
                    add_pref(&mut p, a.pref);
                    let params = a.vcard_params.as_ref();
                    self.push(
                        p,
                        &["addresses", id],
                        Some(id),
                        params,
                        &Map::new(),
                        None,
                        None,
                    );
                }
                if any {
                    for (k, v) in &a.extra {
                        self.jsprops.push((
                            pointer_from_tokens(&["addresses", id, k.as_str()]),
                            v.clone(),
                        ));
                    }
                    if let Some(cc) = &a.country_code {
                        self.jsprops.push((
                            pointer_from_tokens(&["addresses", id, "countryCode"]),
                            Json::String(cc.clone()),
                        ));
                    }
                } else {
                    self.jsprop(&["addresses", id], a);
                }
                continue;
            };
            add_types(&mut p, &types);
            add_pref(&mut p, a.pref);
            self.push(
                p,
                &["addresses", id],
                Some(id),
                a.vcard_params.as_ref(),
                &a.extra,
                None,
                Some(&unit),
            );
            self.unknown_contexts(
                &["addresses", id],
                a.contexts.as_ref(),
                &["billing", "delivery"],
            );
            let altid = self.altids.get(&unit).cloned();
            let phonetic_here = a.phonetic_system.is_some()
                || a.phonetic_script.is_some()
                || a.components.iter().flatten().any(|c| c.phonetic.is_some());
            if phonetic_here {
                if altid.is_none() {
                    let n = self.altids.len() + 1;
                    self.altids.insert(unit.clone(), n.to_string());
                    if let Some(last) = self.props.iter_mut().rev().find(|p| p.is("ADR")) {
                        last.params.push(Parameter::new("ALTID", &n.to_string()));
                    }
                }
                let altid = self.altids.get(&unit).cloned();
                if let Some(p) = phonetic_adr(a, altid.as_deref(), None) {
                    self.props.push(p);
                }
            }
            let mut alts = Vec::new();
            for l in &self.localized {
                let Some(up) = l.units.get(&unit) else {
                    continue;
                };
                let Some(la) = l.card.addresses.as_ref().and_then(|m| m.get(id)) else {
                    continue;
                };
                if up.value
                    && let Some(mut p) = adr_property(la)
                {
                    p.params.retain(|x| x.is("LABEL"));
                    p.params
                        .extend(altid.iter().map(|a| Parameter::new("ALTID", a)));
                    p.params.push(Parameter::new("LANGUAGE", &l.lang));
                    alts.push(p);
                }
                if up.phonetic
                    && let Some(p) = phonetic_adr(la, altid.as_deref(), Some(&l.lang))
                {
                    alts.push(p);
                }
            }
            self.props.extend(alts);
        }
    }

    fn anniversaries(&mut self) {
        let c = self.card;
        let Some(m) = &c.anniversaries else { return };
        let mut seen: HashSet<&str> = HashSet::new();
        for (id, a) in m.iter() {
            let name = match a.kind.as_deref() {
                Some("birth") => "BDAY",
                Some("death") => "DEATHDATE",
                Some("wedding") => "ANNIVERSARY",
                _ => "",
            };
            let date = a.date.as_ref().and_then(date_value);
            let ok = !name.is_empty() && date.is_some() && seen.insert(name);
            let (true, Some((value, calscale))) = (ok, date) else {
                self.jsprop(&["anniversaries", id], a);
                continue;
            };
            let mut p = Property::new(name, value);
            if let Some(cs) = calscale {
                p.params.push(Parameter::new("CALSCALE", &cs));
            }
            self.push(
                p,
                &["anniversaries", id],
                Some(id),
                a.vcard_params.as_ref(),
                &a.extra,
                None,
                None,
            );
            let Some(place) = &a.place else { continue };
            let pname = if name == "BDAY" {
                "BIRTHPLACE"
            } else if name == "DEATHDATE" {
                "DEATHPLACE"
            } else {
                ""
            };
            let unit = Unit::Place(id.to_owned());
            match place_property(pname, place) {
                Some(pp) => {
                    self.push(
                        pp,
                        &["anniversaries", id, "place"],
                        None,
                        place.vcard_params.as_ref(),
                        &place.extra,
                        None,
                        Some(&unit),
                    );
                    self.alternates(&unit, |c| {
                        place_property(pname, c.anniversaries.as_ref()?.get(id)?.place.as_ref()?)
                    });
                }
                None => self.jsprop(&["anniversaries", id, "place"], place),
            }
        }
    }

    fn finish(mut self) -> VCard<'static> {
        let mut card = VCard::empty();
        // JSPROP (RFC 9555 §3.2.1): the value is compact JSON as TEXT. A
        // patch needs its parent to exist after conversion (RFC 9553
        // §1.4.3), so entries of a property nothing else recreates are
        // patched as one object.
        let mut jsprops: Vec<(String, Json)> = Vec::new();
        let mut whole: Vec<(String, Map<String, Json>)> = Vec::new();
        for (ptr, v) in std::mem::take(&mut self.jsprops) {
            let tokens = pointer_tokens(&ptr).unwrap_or_default();
            match tokens.as_slice() {
                [coll, id] if !self.converted.contains(coll) && coll != "localizations" => {
                    match whole.iter_mut().find(|(c, _)| c == coll) {
                        Some((_, m)) => {
                            m.insert(id.clone(), v);
                        }
                        None => {
                            let mut m = Map::new();
                            m.insert(id.clone(), v);
                            whole.push((coll.clone(), m));
                        }
                    }
                }
                _ => jsprops.push((ptr, v)),
            }
        }
        for (coll, m) in whole {
            jsprops.push((pointer_from_tokens(&[coll.as_str()]), Json::Object(m)));
        }
        let mut seen: HashSet<String> = HashSet::new();
        for (ptr, v) in jsprops {
            if !seen.insert(ptr.clone()) {
                continue;
            }
            let json = serde_json::to_string(&v).unwrap_or_default();
            self.props.push(
                Property::new("JSPROP", escape(&json, V4).into_owned())
                    .with_param(Parameter::new("JSPTR", &ptr)),
            );
        }
        card.properties = self.props;
        card
    }
}

/// Applies vCardParams (RFC 9555 §2.15.2): `group` becomes the group, TYPE
/// values join the TYPE parameter, other parameters are added unless the
/// conversion already set them.
fn apply_params(p: &mut Property<'static>, params: Option<&Map<String, Json>>) {
    let Some(params) = params else { return };
    for (k, v) in params {
        let values: Vec<String> = match v {
            Json::String(s) => vec![s.clone()],
            Json::Array(a) => a
                .iter()
                .filter_map(|x| x.as_str().map(str::to_owned))
                .collect(),
            Json::Number(n) => vec![n.to_string()],
            Json::Bool(b) => vec![b.to_string()],
            _ => continue,
        };
        if k.eq_ignore_ascii_case("group") {
            if let Some(g) = values.first().filter(|g| is_name(g))
                && p.group.is_none()
            {
                p.group = Some(g.clone().into());
            }
            continue;
        }
        if !is_name(k) {
            continue;
        }
        if k.eq_ignore_ascii_case("type") {
            add_types(p, &values);
        } else if p.param(k).is_none() {
            p.params.push(Parameter::with_values(
                k.to_ascii_uppercase(),
                values.iter().map(String::as_str),
            ));
        }
    }
}

/// A full name from the components (RFC 9555 §3.1).
fn derive_full(name: &Name) -> Option<String> {
    let comps = name.components.as_ref()?;
    let mut out = String::new();
    if name.is_ordered == Some(true) {
        let sep = name.default_separator.as_deref().unwrap_or(" ");
        let mut after_sep = true;
        for c in comps {
            let v = c.value.as_deref().unwrap_or("");
            if c.kind.as_deref() == Some("separator") {
                out.push_str(v);
                after_sep = true;
            } else if !v.is_empty() {
                if !after_sep && !out.is_empty() {
                    out.push_str(sep);
                }
                out.push_str(v);
                after_sep = false;
            }
        }
    } else {
        let order = [
            "title",
            "given",
            "given2",
            "surname",
            "surname2",
            "generation",
            "credential",
        ];
        let mut parts = Vec::new();
        for k in order {
            parts.extend(
                comps
                    .iter()
                    .filter(|c| c.kind.as_deref() == Some(k))
                    .filter_map(|c| c.value.as_deref())
                    .filter(|v| !v.is_empty()),
            );
        }
        out = parts.join(" ");
    }
    (!out.is_empty()).then_some(out)
}

fn n_position(kind: &str) -> Option<usize> {
    N_KINDS.iter().position(|k| *k == kind)
}

/// The N values by position, with the backward-compatible copies of
/// RFC 9554 §2.2 (generation markers first among the honorific suffixes,
/// secondary surnames after the surnames), and where each component went.
/// Values by component, and where each JSContact component went.
type Layout = (Vec<Vec<String>>, Vec<Option<(usize, usize)>>);

fn n_layout(comps: &[NameComponent]) -> Layout {
    let mut cols: Vec<Vec<String>> = vec![Vec::new(); 7];
    let mut at = Vec::with_capacity(comps.len());
    // Generation values lead the suffixes; surname2 values follow the surnames.
    let gens: Vec<&str> = comps
        .iter()
        .filter(|c| c.kind.as_deref() == Some("generation"))
        .filter_map(|c| c.value.as_deref())
        .collect();
    if let Some(col) = cols.get_mut(4) {
        col.extend(gens.iter().map(|g| (*g).to_owned()));
    }
    for c in comps {
        let pos = c.kind.as_deref().and_then(n_position);
        match (pos, c.value.as_deref()) {
            (Some(p), Some(v)) => {
                let col = cols.get_mut(p);
                let idx = col.as_ref().map_or(0, |c| c.len());
                if let Some(col) = col {
                    col.push(v.to_owned());
                }
                at.push(Some((p, idx)));
            }
            _ => at.push(None),
        }
    }
    let s2: Vec<String> = cols.get(5).cloned().unwrap_or_default();
    if let Some(col) = cols.get_mut(0) {
        col.extend(s2);
    }
    (cols, at)
}

fn trim_columns(mut cols: Vec<Vec<String>>, min: usize) -> Vec<Vec<String>> {
    while cols.len() > min && cols.last().is_some_and(Vec::is_empty) {
        cols.pop();
    }
    cols.into_iter()
        .map(|c| if c.is_empty() { vec![String::new()] } else { c })
        .collect()
}

fn n_property(name: &Name, comps: &[NameComponent]) -> Property<'static> {
    let (cols, at) = n_layout(comps);
    let seven =
        cols.get(5).is_some_and(|c| !c.is_empty()) || cols.get(6).is_some_and(|c| !c.is_empty());
    let cols = trim_columns(cols, if seven { 7 } else { 5 });
    let mut p = Property::new("N", format_structured(&cols, V4));
    if name.is_ordered == Some(true) {
        let mut entries = vec![
            name.default_separator
                .as_deref()
                .map(|s| format!("s,{}", escape_jscomps(s)))
                .unwrap_or_default(),
        ];
        for (c, pos) in comps.iter().zip(&at) {
            match (c.kind.as_deref(), pos) {
                (Some("separator"), _) => entries.push(format!(
                    "s,{}",
                    escape_jscomps(c.value.as_deref().unwrap_or(""))
                )),
                (_, Some((p, 0))) => entries.push(p.to_string()),
                (_, Some((p, i))) => entries.push(format!("{p},{i}")),
                _ => {}
            }
        }
        p.params.push(Parameter::new("JSCOMPS", &entries.join(";")));
    }
    if let Some(sort) = &name.sort_as {
        let mut vals = vec![String::new(); 7];
        for (k, v) in sort.iter() {
            if let Some(slot) = n_position(k).and_then(|i| vals.get_mut(i)) {
                *slot = v.clone();
            }
        }
        while vals.last().is_some_and(String::is_empty) {
            vals.pop();
        }
        if !vals.is_empty() {
            p.params.push(Parameter::with_values(
                "SORT-AS",
                vals.iter().map(String::as_str),
            ));
        }
    }
    p
}

fn escape_jscomps(s: &str) -> String {
    s.replace('\\', "\\\\")
        .replace(',', "\\,")
        .replace(';', "\\;")
}

/// The phonetic N of RFC 9554 §4.6: the phonetic values at the positions of
/// their components.
fn phonetic_n(name: &Name, altid: Option<&str>, lang: Option<&str>) -> Option<Property<'static>> {
    let comps = name.components.as_ref()?;
    let (cols, at) = n_layout(comps);
    let mut ph: Vec<Vec<String>> = cols.iter().map(|c| vec![String::new(); c.len()]).collect();
    for (c, pos) in comps.iter().zip(&at) {
        if let (Some(v), Some((p, i))) = (&c.phonetic, pos)
            && let Some(slot) = ph.get_mut(*p).and_then(|col| col.get_mut(*i))
        {
            *slot = v.clone();
        }
    }
    let seven =
        cols.get(5).is_some_and(|c| !c.is_empty()) || cols.get(6).is_some_and(|c| !c.is_empty());
    let ph = trim_columns(
        ph.into_iter()
            .map(|c| {
                if c.iter().all(String::is_empty) {
                    Vec::new()
                } else {
                    c
                }
            })
            .collect(),
        if seven { 7 } else { 5 },
    );
    let mut p = Property::new("N", format_structured(&ph, V4));
    if let Some(a) = altid {
        p.params.push(Parameter::new("ALTID", a));
    }
    let system = name
        .phonetic_system
        .as_deref()
        .unwrap_or(if name.phonetic_script.is_some() {
            "script"
        } else {
            "ipa"
        });
    p.params.push(Parameter::new("PHONETIC", system));
    if let Some(s) = &name.phonetic_script {
        p.params.push(Parameter::new("SCRIPT", s));
    }
    if let Some(l) = lang {
        p.params.push(Parameter::new("LANGUAGE", l));
    }
    Some(p)
}

fn org_property(o: &Organization) -> Property<'static> {
    let mut cols = vec![vec![o.name.clone().unwrap_or_default()]];
    let mut sort = vec![o.sort_as.clone().unwrap_or_default()];
    for u in o.units.iter().flatten() {
        cols.push(vec![u.name.clone().unwrap_or_default()]);
        sort.push(u.sort_as.clone().unwrap_or_default());
    }
    let mut p = Property::new("ORG", format_structured(&cols, V4));
    while sort.last().is_some_and(String::is_empty) {
        sort.pop();
    }
    if !sort.is_empty() {
        p.params.push(Parameter::with_values(
            "SORT-AS",
            sort.iter().map(String::as_str),
        ));
    }
    p
}

fn adr_position(kind: &str, new_format: bool) -> Option<usize> {
    match (kind, new_format) {
        ("apartment", false) => Some(1),
        ("name", false) => Some(2),
        (k, _) => ADR_KINDS
            .iter()
            .enumerate()
            .skip(3)
            .find(|(_, x)| **x == k)
            .map(|(i, _)| i)
            .or((k == "postOfficeBox").then_some(0)),
    }
}

/// The ADR of an Address, or `None` when it has neither components nor
/// a full address.
fn adr_property(a: &Address) -> Option<Property<'static>> {
    if a.components.is_none() && a.full.is_none() {
        return None;
    }
    let comps = a.components.as_deref().unwrap_or(&[]);
    let count = |k: &str| {
        comps
            .iter()
            .filter(|c| c.kind.as_deref() == Some(k))
            .count()
    };
    let old_kinds = [
        "postOfficeBox",
        "apartment",
        "name",
        "locality",
        "region",
        "postcode",
        "country",
        "separator",
    ];
    let new_format = comps
        .iter()
        .any(|c| !old_kinds.contains(&c.kind.as_deref().unwrap_or("")))
        || count("apartment") > 1
        || count("name") > 1;
    let mut cols: Vec<Vec<String>> = vec![Vec::new(); 18];
    let mut at = Vec::with_capacity(comps.len());
    for c in comps {
        let pos = c.kind.as_deref().and_then(|k| adr_position(k, new_format));
        match (pos, c.value.as_deref()) {
            (Some(p), Some(v)) => {
                let col = cols.get_mut(p);
                let idx = col.as_ref().map_or(0, |c| c.len());
                if let Some(col) = col {
                    col.push(v.to_owned());
                }
                at.push(Some((p, idx)));
            }
            _ => at.push(None),
        }
    }
    if new_format {
        // Backward-compatible extended and street address (RFC 9554 §2.1).
        let join = |kinds: &[&str]| {
            comps
                .iter()
                .filter(|c| kinds.contains(&c.kind.as_deref().unwrap_or("")))
                .filter_map(|c| c.value.as_deref())
                .collect::<Vec<_>>()
                .join(" ")
        };
        let ext = join(&["room", "floor", "apartment", "building"]);
        let street = join(&[
            "number",
            "name",
            "block",
            "direction",
            "landmark",
            "subdistrict",
            "district",
        ]);
        if let Some(c) = cols.get_mut(1)
            && !ext.is_empty()
        {
            c.push(ext);
        }
        if let Some(c) = cols.get_mut(2)
            && !street.is_empty()
        {
            c.push(street);
        }
    }
    let cols = trim_columns(cols, if new_format { 18 } else { 7 });
    let mut p = Property::new("ADR", format_structured(&cols, V4));
    if a.is_ordered == Some(true) {
        let mut entries = vec![
            a.default_separator
                .as_deref()
                .map(|s| format!("s,{}", escape_jscomps(s)))
                .unwrap_or_default(),
        ];
        for (c, pos) in comps.iter().zip(&at) {
            match (c.kind.as_deref(), pos) {
                (Some("separator"), _) => entries.push(format!(
                    "s,{}",
                    escape_jscomps(c.value.as_deref().unwrap_or(""))
                )),
                (_, Some((p, 0))) => entries.push(p.to_string()),
                (_, Some((p, i))) => entries.push(format!("{p},{i}")),
                _ => {}
            }
        }
        p.params.push(Parameter::new("JSCOMPS", &entries.join(";")));
    }
    if let Some(f) = &a.full {
        p.params.push(Parameter::new("LABEL", f));
    }
    if let Some(g) = &a.coordinates {
        p.params.push(Parameter::new("GEO", g));
    }
    if let Some(t) = &a.time_zone {
        p.params.push(Parameter::new("TZ", t));
    }
    if let Some(cc) = &a.country_code {
        p.params.push(Parameter::new("CC", cc));
    }
    Some(p)
}

fn phonetic_adr(a: &Address, altid: Option<&str>, lang: Option<&str>) -> Option<Property<'static>> {
    let comps = a.components.as_ref()?;
    let mut cols: Vec<Vec<String>> = vec![Vec::new(); 18];
    let old_kinds = [
        "postOfficeBox",
        "apartment",
        "name",
        "locality",
        "region",
        "postcode",
        "country",
        "separator",
    ];
    let new_format = comps
        .iter()
        .any(|c| !old_kinds.contains(&c.kind.as_deref().unwrap_or("")));
    for c in comps {
        if let Some(p) = c.kind.as_deref().and_then(|k| adr_position(k, new_format))
            && let Some(col) = cols.get_mut(p)
        {
            col.push(c.phonetic.clone().unwrap_or_default());
        }
    }
    let cols: Vec<Vec<String>> = cols
        .into_iter()
        .map(|c| {
            if c.iter().all(String::is_empty) {
                Vec::new()
            } else {
                c
            }
        })
        .collect();
    let mut p = Property::new(
        "ADR",
        format_structured(&trim_columns(cols, if new_format { 18 } else { 7 }), V4),
    );
    if let Some(x) = altid {
        p.params.push(Parameter::new("ALTID", x));
    }
    let system = a
        .phonetic_system
        .as_deref()
        .unwrap_or(if a.phonetic_script.is_some() {
            "script"
        } else {
            "ipa"
        });
    p.params.push(Parameter::new("PHONETIC", system));
    if let Some(s) = &a.phonetic_script {
        p.params.push(Parameter::new("SCRIPT", s));
    }
    if let Some(l) = lang {
        p.params.push(Parameter::new("LANGUAGE", l));
    }
    Some(p)
}

fn note_property(n: &Note) -> Option<Property<'static>> {
    let mut p = text("NOTE", n.note.as_deref()?);
    if let Some(c) = &n.created {
        let ts = crate::value::Timestamp::from_utc_string(c).ok()?;
        p.params.push(Parameter::new("CREATED", &ts.to_string()));
    }
    if let Some(a) = &n.author {
        if let Some(u) = &a.uri {
            p.params.push(Parameter::new("AUTHOR", u));
        }
        if let Some(name) = &a.name {
            p.params.push(Parameter::new("AUTHOR-NAME", name));
        }
    }
    Some(p)
}

fn personal_property(pi: &PersonalInfo) -> Option<Property<'static>> {
    let kind = pi.kind.as_deref()?;
    let name = match kind {
        "expertise" => "EXPERTISE",
        "hobby" => "HOBBY",
        "interest" => "INTEREST",
        _ => return None,
    };
    let mut p = text(name, pi.value.as_deref()?);
    if let Some(l) = &pi.level {
        let level = match (name, l.as_str()) {
            ("EXPERTISE", "low") => "beginner",
            ("EXPERTISE", "medium") => "average",
            ("EXPERTISE", "high") => "expert",
            (_, l) => l,
        };
        p.params.push(Parameter::new("LEVEL", level));
    }
    if let Some(i) = pi.list_as {
        p.params.push(Parameter::new("INDEX", &i.to_string()));
    }
    Some(p)
}

/// The vCard value (and CALSCALE) of an anniversary date.
fn date_value(d: &AnniversaryDate) -> Option<(String, Option<String>)> {
    match d {
        AnniversaryDate::Timestamp(t) => Some((
            crate::value::Timestamp::from_utc_string(t.utc.as_deref()?)
                .ok()?
                .to_string(),
            None,
        )),
        AnniversaryDate::Partial(p) => {
            let date = crate::value::Date {
                year: p.year.map(u16::try_from).transpose().ok()?,
                month: p.month.map(u8::try_from).transpose().ok()?,
                day: p.day.map(u8::try_from).transpose().ok()?,
            };
            let s = date.to_string();
            s.parse::<crate::value::Date>().ok()?;
            Some((s, p.calendar_scale.clone()))
        }
    }
}

fn place_property(name: &'static str, a: &Address) -> Option<Property<'static>> {
    if name.is_empty() {
        return None;
    }
    match (&a.full, &a.coordinates) {
        (Some(f), _) => Some(text(name, f)),
        (None, Some(g)) => {
            Some(Property::new(name, uri_text(g)).with_param(Parameter::new("VALUE", "uri")))
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn derived_full_names() {
        let n: Name = serde_json::from_str(
            r#"{"components":[{"kind":"given","value":"Jane"},{"kind":"separator","value":"-"},{"kind":"given","value":"Ann"},{"kind":"surname","value":"Doe"}],"isOrdered":true}"#,
        )
        .unwrap();
        assert_eq!(derive_full(&n).unwrap(), "Jane-Ann Doe");
        let n: Name = serde_json::from_str(
            r#"{"components":[{"kind":"surname","value":"Doe"},{"kind":"given","value":"Jane"}]}"#,
        )
        .unwrap();
        assert_eq!(derive_full(&n).unwrap(), "Jane Doe");
    }

    #[test]
    fn partial_dates() {
        let d = AnniversaryDate::Partial(PartialDate {
            month: Some(4),
            day: Some(12),
            ..PartialDate::default()
        });
        assert_eq!(date_value(&d).unwrap().0, "--0412");
        let bad = AnniversaryDate::Partial(PartialDate {
            month: Some(13),
            ..PartialDate::default()
        });
        assert!(date_value(&bad).is_none());
    }
}
