//! vCard → JSContact (RFC 9555 §2).

use std::borrow::Cow;
use std::collections::{HashMap, HashSet};

use serde_json::{Map, Value as Json};

use super::model::*;
use super::patch::{apply_patch, pointer_from_tokens, pointer_tokens};
use super::{derived_uid, is_id};
use crate::convert::convert_version;
use crate::error::Error;
use crate::jcard::property_to_jcard;
use crate::text::{parse_structured, split_unescaped, unescape};
use crate::tree::{Property, VCard};
use crate::value::{DateAndOrTime, Timestamp, UtcOffset, ValueType};
use crate::version::Version;

const V4: Version = Version::V4_0;

/// Converts a vCard (any version; 2.1 and 3.0 are converted to 4.0 first)
/// to a JSContact Card as RFC 9555 §2 defines. See the module
/// documentation for the readings chosen.
pub fn to_jscontact(card: &VCard<'_>) -> Result<Card, Error> {
    let converted;
    let card4: &VCard<'_> = if card.version() == V4 {
        card
    } else {
        converted = convert_version(card, V4)?.card;
        &converted
    };
    let mut cx = Cx::new(card4);
    cx.run()?;
    cx.finish()
}

/// Properties whose LANGUAGE/ALTID alternatives become localizations.
const LOCALIZABLE: [&str; 14] = [
    "FN",
    "N",
    "NICKNAME",
    "TITLE",
    "ROLE",
    "ORG",
    "ADR",
    "NOTE",
    "BIRTHPLACE",
    "DEATHPLACE",
    "PRONOUNS",
    "EXPERTISE",
    "HOBBY",
    "INTEREST",
];

fn is_localizable(p: &Property<'_>) -> bool {
    LOCALIZABLE.iter().any(|n| p.is(n))
}

/// Properties whose objects have a `label` (RFC 9553 §1.5.2).
const LABELLED: [&str; 17] = [
    "EMAIL",
    "IMPP",
    "SOCIALPROFILE",
    "TEL",
    "CALURI",
    "FBURL",
    "KEY",
    "SOURCE",
    "ORG-DIRECTORY",
    "URL",
    "CONTACT-URI",
    "PHOTO",
    "LOGO",
    "SOUND",
    "CALADRURI",
    "EXPERTISE",
    "HOBBY",
];

/// Canonical case of a language tag (RFC 5646 §2.1.1).
pub(crate) fn canonical_language(tag: &str) -> String {
    tag.split('-')
        .enumerate()
        .map(|(i, sub)| {
            if i == 0 {
                sub.to_ascii_lowercase()
            } else if sub.len() == 2 {
                sub.to_ascii_uppercase()
            } else if sub.len() == 4 && sub.bytes().all(|b| b.is_ascii_alphabetic()) {
                let mut s = sub.to_ascii_lowercase();
                if let Some(f) = s.get_mut(..1) {
                    f.make_ascii_uppercase();
                }
                s
            } else {
                sub.to_ascii_lowercase()
            }
        })
        .collect::<Vec<_>>()
        .join("-")
}

/// The LANGUAGE parameter, canonical, when it names a language.
fn lang_of(p: &Property<'_>) -> Option<String> {
    p.language()
        .filter(|l| !l.trim().is_empty())
        .map(|l| canonical_language(l.trim()))
}

#[derive(Debug, Clone, PartialEq)]
enum Role {
    Main,
    LangAlt { main: usize, lang: String },
    PhoneticAlt { main: usize, lang: Option<String> },
}

#[derive(Debug, Clone, Default)]
struct Target {
    path: Vec<String>,
    /// For N and ADR: the (component, value index) each JSContact component came from.
    positions: Vec<(usize, usize)>,
}

struct Cx<'c, 'a> {
    card: &'c VCard<'a>,
    out: Card,
    lang: Option<String>,
    counters: HashMap<&'static str, u32>,
    used: HashMap<&'static str, HashSet<String>>,
    props: Vec<Json>,
    localizations: IdMap<PatchObject>,
    jsprops: Map<String, Json>,
    roles: Vec<Role>,
    targets: HashMap<usize, Target>,
    labels: HashMap<String, (usize, String)>,
    consumed_labels: HashSet<usize>,
    org_link: HashMap<String, usize>,
    org_ids: HashMap<usize, String>,
    group_address: HashMap<Option<String>, (usize, String)>,
    chosen_fn: Option<usize>,
    birth: Option<String>,
    death: Option<String>,
    has_n: bool,
    /// Index of the first ADR of each group (no group is a group too).
    first_adr: HashMap<Option<String>, usize>,
}

fn group_key(p: &Property<'_>) -> Option<String> {
    p.group().map(str::to_ascii_lowercase)
}

fn one_or_many(mut v: Vec<String>) -> Json {
    if v.len() == 1 {
        Json::String(v.pop().unwrap_or_default())
    } else {
        Json::Array(v.into_iter().map(Json::String).collect())
    }
}

impl<'c, 'a> Cx<'c, 'a> {
    fn new(card: &'c VCard<'a>) -> Self {
        Cx {
            card,
            out: Card {
                type_: Some("Card".to_owned()),
                version: Some("1.0".to_owned()),
                ..Card::default()
            },
            lang: None,
            counters: HashMap::new(),
            used: HashMap::new(),
            props: Vec::new(),
            localizations: IdMap::new(),
            jsprops: Map::new(),
            roles: Vec::new(),
            targets: HashMap::new(),
            labels: HashMap::new(),
            consumed_labels: HashSet::new(),
            org_link: HashMap::new(),
            org_ids: HashMap::new(),
            group_address: HashMap::new(),
            chosen_fn: None,
            birth: None,
            death: None,
            has_n: false,
            first_adr: HashMap::new(),
        }
    }

    fn props(&self) -> &'c [Property<'a>] {
        self.card.properties()
    }

    /// An Id for a new entry of `map`: the PROP-ID when usable, else `PREFIX-n`.
    fn id(&mut self, map: &'static str, prefix: &'static str, p: Option<&Property<'_>>) -> String {
        let used = self.used.entry(map).or_default();
        if let Some(pid) = p.and_then(|p| p.prop_id())
            && is_id(&pid)
            && !used.contains(pid.as_ref())
        {
            used.insert(pid.to_string());
            return pid.into_owned();
        }
        let n = self.counters.entry(prefix).or_insert(0);
        loop {
            *n = n.saturating_add(1);
            let id = format!("{prefix}-{n}");
            if !used.contains(&id) {
                used.insert(id.clone());
                return id;
            }
        }
    }

    fn run(&mut self) -> Result<(), Error> {
        let props = self.props();
        self.compute_roles();
        self.compute_language();
        // Groups (prepared once, so that large cards stay linear).
        let mut labelled_groups: HashSet<String> = HashSet::new();
        let mut title_groups: HashSet<String> = HashSet::new();
        for (i, q) in props.iter().enumerate() {
            if let Some(g) = group_key(q) {
                if LABELLED.iter().any(|n| q.is(n)) {
                    labelled_groups.insert(g.clone());
                }
                if q.is("TITLE") || q.is("ROLE") {
                    title_groups.insert(g.clone());
                }
                if q.is("ADR") {
                    self.first_adr.entry(Some(g)).or_insert(i);
                }
            } else if q.is("ADR") {
                self.first_adr.entry(None).or_insert(i);
            }
        }
        // X-ABLabel of a group with a property that has a label.
        for (i, p) in props.iter().enumerate() {
            if p.is("X-ABLABEL")
                && let Some(g) = group_key(p)
                && labelled_groups.contains(&g)
                && !self.labels.contains_key(&g)
                && let Ok(text) = p.text_value(V4)
            {
                self.labels.insert(g, (i, text.into_owned()));
            }
        }
        // TITLE/ROLE grouped with exactly one ORG (§2.9.6).
        let mut orgs_by_group: HashMap<String, Vec<usize>> = HashMap::new();
        for (i, p) in props.iter().enumerate() {
            if p.is("ORG")
                && self.roles.get(i) == Some(&Role::Main)
                && let Some(g) = group_key(p)
            {
                orgs_by_group.entry(g).or_default().push(i);
            }
        }
        for (g, orgs) in orgs_by_group {
            if let [only] = orgs.as_slice()
                && title_groups.contains(&g)
            {
                self.org_link.insert(g, *only);
            }
        }
        let mut linked: Vec<usize> = self.org_link.values().copied().collect();
        linked.sort_unstable();
        for i in linked {
            if let Some(p) = props.get(i) {
                let id = self.id("organizations", "ORG", Some(p));
                self.org_ids.insert(i, id);
            }
        }
        // FN: the one with the fewest parameters among those without alternatives (§2.5.2).
        let has_n = props.iter().any(|p| p.is("N"));
        self.has_n = has_n;
        self.chosen_fn = props
            .iter()
            .enumerate()
            .filter(|(i, p)| {
                p.is("FN") && self.roles.get(*i) == Some(&Role::Main) && !(has_n && p.derived())
            })
            .min_by_key(|(_, p)| (p.value().is_empty(), p.params().len()))
            .map(|(i, _)| i);
        for (i, p) in props.iter().enumerate() {
            if self.roles.get(i) == Some(&Role::Main) {
                self.convert(i, p)?;
            }
        }
        for (i, p) in props.iter().enumerate() {
            match self.roles.get(i).cloned() {
                Some(Role::LangAlt { main, lang }) => self.lang_alt(p, main, &lang),
                Some(Role::PhoneticAlt { main, lang }) => self.phonetic_alt(p, main, lang),
                _ => {}
            }
        }
        Ok(())
    }

    fn compute_roles(&mut self) {
        let props = self.props();
        self.roles = vec![Role::Main; props.len()];
        let mut groups: HashMap<(String, String), Vec<usize>> = HashMap::new();
        let mut order: Vec<(String, String)> = Vec::new();
        for (i, p) in props.iter().enumerate() {
            if let Some(alt) = p.altid()
                && is_localizable(p)
            {
                let key = (p.name().to_ascii_uppercase(), alt.into_owned());
                if !groups.contains_key(&key) {
                    order.push(key.clone());
                }
                groups.entry(key).or_default().push(i);
            }
        }
        for key in order {
            let Some(members) = groups.get(&key) else {
                continue;
            };
            if members.len() < 2 {
                continue;
            }
            let get = |i: &usize| props.get(*i);
            let plain: Vec<usize> = members
                .iter()
                .copied()
                .filter(|i| get(i).is_some_and(|p| p.phonetic().is_none()))
                .collect();
            let main = plain
                .iter()
                .copied()
                .find(|i| get(i).is_some_and(|p| lang_of(p).is_none()))
                .or_else(|| plain.first().copied());
            let Some(main) = main else { continue };
            for &i in members {
                if i == main {
                    continue;
                }
                let Some(p) = get(&i) else { continue };
                let lang = lang_of(p);
                let role = if p.phonetic().is_some() {
                    Role::PhoneticAlt { main, lang }
                } else {
                    match lang {
                        Some(lang) => Role::LangAlt { main, lang },
                        None => Role::Main,
                    }
                };
                if let Some(slot) = self.roles.get_mut(i) {
                    *slot = role;
                }
            }
        }
    }

    fn compute_language(&mut self) {
        let props = self.props();
        if let Some(p) = props.iter().find(|p| p.is("LANGUAGE"))
            && let Ok(v) = p.text_value(V4)
        {
            self.lang = Some(canonical_language(v.trim()));
            return;
        }
        let loc: Vec<&Property<'_>> = props
            .iter()
            .filter(|p| is_localizable(p) && p.phonetic().is_none())
            .collect();
        if loc.is_empty() || loc.iter().any(|p| lang_of(p).is_none()) {
            return;
        }
        // The most frequent language; the first seen wins a tie.
        let mut counts: HashMap<String, (usize, usize)> = HashMap::new();
        for (order, p) in loc.iter().enumerate() {
            let l = lang_of(p).unwrap_or_default();
            counts.entry(l).or_insert((0, order)).0 += 1;
        }
        self.lang = counts
            .into_iter()
            .max_by(|(_, (n1, o1)), (_, (n2, o2))| n1.cmp(n2).then(o2.cmp(o1)))
            .map(|(l, _)| l);
        if let Some(l) = &self.lang {
            self.out.language = Some(l.clone());
        }
    }

    fn same_lang(&self, p: &Property<'_>) -> bool {
        match (lang_of(p), &self.lang) {
            (None, _) => true,
            (Some(l), Some(d)) => l.eq_ignore_ascii_case(d),
            (Some(_), None) => false,
        }
    }

    /// True when the property's group is expressed by something other than vCardParams.
    fn group_expressed(&self, p: &Property<'_>) -> bool {
        let Some(g) = group_key(p) else { return true };
        if self.labels.contains_key(&g) && (LABELLED.iter().any(|n| p.is(n)) || p.is("X-ABLABEL")) {
            return true;
        }
        self.org_link.contains_key(&g) && (p.is("TITLE") || p.is("ROLE") || p.is("ORG"))
    }

    fn label_for(&mut self, p: &Property<'_>) -> Option<String> {
        let g = group_key(p)?;
        let (i, text) = self.labels.get(&g)?.clone();
        self.consumed_labels.insert(i);
        Some(text)
    }

    /// vCardParams: the parameters the conversion did not use (§2.15.2).
    fn leftover(
        &self,
        p: &Property<'_>,
        handled: &[&str],
        handled_types: &[&str],
    ) -> Option<Map<String, Json>> {
        let mut m = Map::new();
        // The group of GEO and TZ is expressed by the Address they join.
        let merged = p.is("GEO") || p.is("TZ");
        if !merged
            && !self.group_expressed(p)
            && let Some(g) = p.group()
        {
            m.insert("group".to_owned(), Json::String(g.to_ascii_lowercase()));
        }
        let mut types: Vec<String> = Vec::new();
        for param in p.params() {
            let name = param.name();
            if param.raw_value().is_none() || param.is("TYPE") {
                continue;
            }
            if ["VALUE", "ALTID", "PROP-ID"].iter().any(|h| param.is(h))
                || handled.iter().any(|h| param.is(h))
            {
                continue;
            }
            if param.is("LANGUAGE") && self.same_lang(p) {
                continue;
            }
            let key = name.to_ascii_lowercase();
            let mut values: Vec<String> = param.values().map(Cow::into_owned).collect();
            if let Some(prev) = m.get(&key) {
                let mut all: Vec<String> = match prev {
                    Json::String(s) => vec![s.clone()],
                    Json::Array(a) => a
                        .iter()
                        .filter_map(|v| v.as_str().map(str::to_owned))
                        .collect(),
                    _ => Vec::new(),
                };
                all.append(&mut values);
                values = all;
            }
            m.insert(key, one_or_many(values));
        }
        for t in p.types() {
            // TYPE values are a set (RFC 6350 §5.6).
            if !handled_types.iter().any(|h| h.eq_ignore_ascii_case(&t))
                && !types.iter().any(|x| x.eq_ignore_ascii_case(&t))
            {
                types.push(t.into_owned());
            }
        }
        if !types.is_empty() {
            m.insert("type".to_owned(), one_or_many(types));
        }
        (!m.is_empty()).then_some(m)
    }

    fn vcard_prop(&mut self, p: &Property<'_>) {
        self.props.push(property_to_jcard(p, V4));
    }

    /// contexts from TYPE (`home` → `private`, `work` → `work`, plus `extra`).
    fn contexts(p: &Property<'_>, extra: &[&str]) -> (Option<BoolSet>, Vec<&'static str>) {
        let mut set = BoolSet::new();
        let mut handled: Vec<&'static str> = Vec::new();
        for t in p.types() {
            let t = t.to_ascii_lowercase();
            let ctx = match t.as_str() {
                "home" => Some(("private", "home")),
                "work" => Some(("work", "work")),
                "billing" if extra.contains(&"billing") => Some(("billing", "billing")),
                "delivery" if extra.contains(&"delivery") => Some(("delivery", "delivery")),
                _ => None,
            };
            if let Some((c, h)) = ctx {
                set.insert(c, true);
                handled.push(h);
            }
        }
        ((!set.is_empty()).then_some(set), handled)
    }

    fn pref(p: &Property<'_>) -> Option<u32> {
        p.pref().map(u32::from)
    }

    fn convert(&mut self, i: usize, p: &Property<'_>) -> Result<(), Error> {
        let name = p.name().to_ascii_uppercase();
        let ok = match name.as_str() {
            "VERSION" => true,
            "KIND" => self.single_text(p, |c, v| {
                c.out
                    .kind
                    .get_or_insert_with(|| v.to_ascii_lowercase())
                    .is_empty()
            }),
            "PRODID" => self.single_text(p, |c, v| c.out.prod_id.replace(v).is_some()),
            "UID" => match p.uri_value(V4) {
                Some(v) if self.out.uid.is_none() && p.params().iter().all(|x| x.is("VALUE")) => {
                    self.out.uid = Some(v);
                    true
                }
                _ => false,
            },
            "LANGUAGE" => {
                self.out.language.is_none() && p.params().is_empty() && {
                    self.out.language = self.lang.clone();
                    true
                }
            }
            "CREATED" | "REV" => self.timestamp_prop(p, &name),
            "FN" => self.fn_(i, p),
            "N" => self.n(i, p),
            "NICKNAME" => self.nickname(i, p),
            "PHOTO" | "LOGO" | "SOUND" => {
                let (map, prefix, kind): (&'static str, &'static str, &str) = match name.as_str() {
                    "PHOTO" => ("media", "PHOTO", "photo"),
                    "LOGO" => ("media", "LOGO", "logo"),
                    _ => ("media", "SOUND", "sound"),
                };
                self.resource(i, p, map, prefix, Some(kind))
            }
            "SOURCE" => self.resource(i, p, "directories", "ENTRY", Some("entry")),
            "ORG-DIRECTORY" => self.resource(i, p, "directories", "DIRECTORY", Some("directory")),
            "KEY" => self.resource(i, p, "cryptoKeys", "KEY", None),
            "CALURI" => self.resource(i, p, "calendars", "CAL", Some("calendar")),
            "FBURL" => self.resource(i, p, "calendars", "FBURL", Some("freeBusy")),
            "URL" => self.resource(i, p, "links", "LINK", None),
            "CONTACT-URI" => self.resource(i, p, "links", "CONTACT", Some("contact")),
            "BDAY" | "BIRTHPLACE" | "DEATHDATE" | "DEATHPLACE" | "ANNIVERSARY" => {
                self.anniversary(i, p, &name)
            }
            "ADR" => self.adr(i, p),
            "GEO" | "TZ" => self.geo_tz(p, &name),
            "TEL" => self.tel(i, p),
            "EMAIL" => self.email(i, p),
            "IMPP" | "SOCIALPROFILE" => self.online(i, p, &name),
            "LANG" => self.lang_pref(i, p),
            "TITLE" | "ROLE" => self.title(i, p, &name),
            "ORG" => self.org(i, p),
            "MEMBER" => match p.uri_value(V4) {
                Some(v) if p.params().iter().all(|x| x.is("VALUE") || x.is("PREF")) => {
                    self.out
                        .members
                        .get_or_insert_with(BoolSet::new)
                        .insert(v, true);
                    true
                }
                _ => false,
            },
            "RELATED" => self.related(p),
            "EXPERTISE" | "HOBBY" | "INTEREST" => self.personal(i, p, &name),
            "CATEGORIES" => match p.list_value(V4) {
                Ok(list) if p.params().iter().all(|x| x.is("PREF")) => {
                    // An empty CATEGORIES carries nothing.
                    for k in list.into_iter().filter(|k| !k.is_empty()) {
                        self.out
                            .keywords
                            .get_or_insert_with(BoolSet::new)
                            .insert(k, true);
                    }
                    true
                }
                _ => false,
            },
            "NOTE" => self.note(i, p),
            "CALADRURI" => self.scheduling(i, p),
            "GRAMGENDER" => match p.text_value(V4) {
                Ok(v)
                    if self
                        .out
                        .speak_to_as
                        .as_ref()
                        .is_none_or(|s| s.grammatical_gender.is_none())
                        && self.leftover(p, &[], &[]).is_none() =>
                {
                    self.out
                        .speak_to_as
                        .get_or_insert_with(SpeakToAs::default)
                        .grammatical_gender = Some(v.to_ascii_lowercase());
                    true
                }
                _ => false,
            },
            "PRONOUNS" => self.pronouns(i, p),
            "JSPROP" => match (
                p.jsptr(),
                p.text_value(V4)
                    .ok()
                    .and_then(|t| serde_json::from_str::<Json>(&t).ok()),
            ) {
                (Some(ptr), Some(v)) => {
                    let key = ptr.strip_prefix('/').unwrap_or(&ptr).to_owned();
                    self.jsprops.insert(key, v);
                    true
                }
                _ => false,
            },
            "X-ABLABEL" => self.labels.values().any(|(li, _)| *li == i),
            _ => false,
        };
        if !ok {
            self.vcard_prop(p);
        }
        Ok(())
    }

    fn single_text(
        &mut self,
        p: &Property<'_>,
        set: impl FnOnce(&mut Self, String) -> bool,
    ) -> bool {
        if !p.params().iter().all(|x| x.is("VALUE")) {
            return false;
        }
        match p.text_value(V4) {
            Ok(v) => !set(self, v.into_owned()),
            Err(_) => false,
        }
    }

    fn timestamp_prop(&mut self, p: &Property<'_>, name: &str) -> bool {
        let slot_set = if name == "CREATED" {
            self.out.created.is_some()
        } else {
            self.out.updated.is_some()
        };
        if slot_set || !p.params().iter().all(|x| x.is("VALUE")) {
            return false;
        }
        let Ok(ts) = p.value().trim().parse::<Timestamp>() else {
            return false;
        };
        let s = ts.to_utc_string();
        if name == "CREATED" {
            self.out.created = Some(s);
        } else {
            self.out.updated = Some(s);
        }
        true
    }

    fn fn_(&mut self, i: usize, p: &Property<'_>) -> bool {
        if self.chosen_fn != Some(i) {
            // A derived FN next to N is not converted (§2.3.7); an empty FN
            // with nothing else to say carries nothing.
            let empty = p.value().is_empty()
                && self
                    .leftover(p, &["DERIVED", "SORT-AS", "JSCOMPS"], &[])
                    .is_none();
            return empty || (p.derived() && self.has_n);
        }
        let Ok(text) = p.text_value(V4) else {
            return false;
        };
        // SORT-AS and JSCOMPS mean nothing on FN (RFC 6350 §5.9, RFC 9555
        // §3.3.1), and the Name's vCardParams go back onto N.
        let params = self.leftover(p, &["DERIVED", "SORT-AS", "JSCOMPS"], &[]);
        if text.is_empty() {
            // An empty FN (RFC 9555 §3.1 writes one for a Card without name)
            // carries nothing; with parameters it is kept in vCardProps.
            return params.is_none();
        }
        let name = self.out.name.get_or_insert_with(Name::default);
        name.full = Some(text.into_owned());
        if params.is_some() {
            name.vcard_params = merge_params(name.vcard_params.take(), params);
        }
        self.targets.insert(
            i,
            Target {
                path: vec!["name".to_owned()],
                positions: Vec::new(),
            },
        );
        true
    }

    fn n(&mut self, i: usize, p: &Property<'_>) -> bool {
        if self
            .out
            .name
            .as_ref()
            .is_some_and(|n| n.components.is_some())
        {
            return false;
        }
        let Ok(content) = p.content() else {
            return false;
        };
        let comps = parse_structured(&content, true, V4);
        let Some((components, positions, ordered, sep)) =
            name_components(&comps, p.jscomps().as_deref())
        else {
            return false;
        };
        let mut handled = vec!["SORT-AS"];
        if ordered {
            handled.push("JSCOMPS");
        }
        let params = self.leftover(p, &handled, &[]);
        let name = self.out.name.get_or_insert_with(Name::default);
        let sort: Vec<String> = p.sort_as().into_iter().map(Cow::into_owned).collect();
        if !sort.is_empty() {
            let mut m = IdMap::new();
            for (pos, s) in sort.iter().enumerate() {
                if let Some(kind) = N_KINDS.get(pos)
                    && !s.is_empty()
                {
                    m.insert(*kind, s.clone());
                }
            }
            if !m.is_empty() {
                name.sort_as = Some(m);
            }
        }
        name.components = Some(components);
        if ordered {
            name.is_ordered = Some(true);
            name.default_separator = sep;
        }
        if params.is_some() {
            name.vcard_params = merge_params(name.vcard_params.take(), params);
        }
        self.targets.insert(
            i,
            Target {
                path: vec!["name".to_owned()],
                positions,
            },
        );
        true
    }

    fn nickname(&mut self, i: usize, p: &Property<'_>) -> bool {
        let Ok(list) = p.list_value(V4) else {
            return false;
        };
        let (contexts, handled) = Self::contexts(p, &[]);
        let params = self.leftover(p, &["PREF"], &handled);
        let mut first = None;
        for v in list.into_iter().filter(|v| !v.is_empty()) {
            let id = self.id(
                "nicknames",
                "NICK",
                if first.is_none() { Some(p) } else { None },
            );
            first.get_or_insert_with(|| id.clone());
            let nick = Nickname {
                name: Some(v),
                contexts: contexts.clone(),
                pref: Self::pref(p),
                vcard_params: params.clone(),
                ..Nickname::default()
            };
            self.out
                .nicknames
                .get_or_insert_with(IdMap::new)
                .insert(id, nick);
        }
        match first {
            Some(id) => {
                self.targets.insert(
                    i,
                    Target {
                        path: vec!["nicknames".to_owned(), id],
                        positions: Vec::new(),
                    },
                );
                true
            }
            None => false,
        }
    }

    fn resource(
        &mut self,
        i: usize,
        p: &Property<'_>,
        map: &'static str,
        prefix: &'static str,
        kind: Option<&str>,
    ) -> bool {
        if p.value_type(V4) != ValueType::Uri {
            return false;
        }
        let Some(uri) = p.uri_value(V4) else {
            return false;
        };
        let (contexts, handled) = Self::contexts(p, &[]);
        let mut used = vec!["PREF", "MEDIATYPE"];
        if map == "directories" {
            used.push("INDEX");
        }
        let params = self.leftover(p, &used, &handled);
        let label = self.label_for(p);
        let id = self.id(map, prefix, Some(p));
        let r = Resource {
            kind: kind.map(str::to_owned),
            uri: Some(uri),
            media_type: p.mediatype().map(Cow::into_owned),
            contexts,
            pref: Self::pref(p),
            label,
            list_as: if map == "directories" {
                p.index()
            } else {
                None
            },
            vcard_params: params,
            ..Resource::default()
        };
        let target = match map {
            "media" => &mut self.out.media,
            "directories" => &mut self.out.directories,
            "cryptoKeys" => &mut self.out.crypto_keys,
            "calendars" => &mut self.out.calendars,
            _ => &mut self.out.links,
        };
        target.get_or_insert_with(IdMap::new).insert(id.clone(), r);
        self.targets.insert(
            i,
            Target {
                path: vec![map.to_owned(), id],
                positions: Vec::new(),
            },
        );
        true
    }

    fn anniversary(&mut self, i: usize, p: &Property<'_>, name: &str) -> bool {
        let (kind, is_place) = match name {
            "BDAY" => ("birth", false),
            "BIRTHPLACE" => ("birth", true),
            "DEATHDATE" => ("death", false),
            "DEATHPLACE" => ("death", true),
            _ => ("wedding", false),
        };
        if is_place {
            let id = if kind == "birth" {
                self.birth.clone()
            } else {
                self.death.clone()
            };
            let Some(id) = id else { return false };
            let Some(mut place) = place_of(p) else {
                return false;
            };
            let params = self.leftover(p, &[], &[]);
            place.vcard_params = params;
            let Some(a) = self.out.anniversaries.as_mut().and_then(|m| m.get_mut(&id)) else {
                return false;
            };
            if a.place.is_some() {
                return false;
            }
            a.place = Some(place);
            self.targets.insert(
                i,
                Target {
                    path: vec!["anniversaries".to_owned(), id, "place".to_owned()],
                    positions: Vec::new(),
                },
            );
            return true;
        }
        let already = match kind {
            "birth" => self.birth.is_some(),
            "death" => self.death.is_some(),
            _ => false,
        };
        if already {
            return false;
        }
        let Some(date) = anniversary_date(p) else {
            return false;
        };
        let params = self.leftover(p, &["CALSCALE"], &[]);
        let id = self.id("anniversaries", "ANNIVERSARY", Some(p));
        let a = Anniversary {
            kind: Some(kind.to_owned()),
            date: Some(date),
            vcard_params: params,
            ..Anniversary::default()
        };
        self.out
            .anniversaries
            .get_or_insert_with(IdMap::new)
            .insert(id.clone(), a);
        match kind {
            "birth" => self.birth = Some(id.clone()),
            "death" => self.death = Some(id.clone()),
            _ => {}
        }
        // A place given before its date.
        let place_name = if kind == "birth" {
            "BIRTHPLACE"
        } else {
            "DEATHPLACE"
        };
        if kind != "wedding" {
            let props = self.props();
            if let Some((pi, pp)) = props
                .iter()
                .enumerate()
                .take(i)
                .find(|(j, q)| q.is(place_name) && self.roles.get(*j) == Some(&Role::Main))
                && let Some(pos) = self.props.iter().position(|j| {
                    j.get(0).and_then(Json::as_str) == Some(&place_name.to_ascii_lowercase())
                })
                && let Some(mut place) = place_of(pp)
            {
                self.props.remove(pos);
                place.vcard_params = self.leftover(pp, &[], &[]);
                if let Some(a) = self.out.anniversaries.as_mut().and_then(|m| m.get_mut(&id)) {
                    a.place = Some(place);
                }
                self.targets.insert(
                    pi,
                    Target {
                        path: vec!["anniversaries".to_owned(), id.clone(), "place".to_owned()],
                        positions: Vec::new(),
                    },
                );
            }
        }
        self.targets.insert(
            i,
            Target {
                path: vec!["anniversaries".to_owned(), id],
                positions: Vec::new(),
            },
        );
        true
    }

    fn adr(&mut self, i: usize, p: &Property<'_>) -> bool {
        let Ok(content) = p.content() else {
            return false;
        };
        let comps = parse_structured(&content, true, V4);
        let Some((components, positions, ordered, sep)) =
            address_components(&comps, p.jscomps().as_deref())
        else {
            return false;
        };
        let (contexts, handled) = Self::contexts(p, &["billing", "delivery"]);
        let mut used = vec!["PREF", "LABEL", "GEO", "TZ", "CC"];
        if ordered {
            used.push("JSCOMPS");
        }
        let params = self.leftover(p, &used, &handled);
        let key = group_key(p);
        let id = match self.group_address.get(&key) {
            Some((owner, id)) if *owner == i => id.clone(),
            _ => {
                let id = self.id("addresses", "ADDR", Some(p));
                self.group_address.entry(key).or_insert((i, id.clone()));
                id
            }
        };
        let addresses = self.out.addresses.get_or_insert_with(IdMap::new);
        let a = Address {
            components: Some(components),
            is_ordered: ordered.then_some(true),
            default_separator: if ordered { sep } else { None },
            country_code: p.cc().map(Cow::into_owned),
            coordinates: p.geo_param().map(Cow::into_owned),
            time_zone: p.tz_param().map(Cow::into_owned),
            full: p.label().map(Cow::into_owned),
            contexts,
            pref: Self::pref(p),
            vcard_params: params,
            ..Address::default()
        };
        addresses.insert(id.clone(), a);
        self.targets.insert(
            i,
            Target {
                path: vec!["addresses".to_owned(), id],
                positions,
            },
        );
        true
    }

    fn geo_tz(&mut self, p: &Property<'_>, name: &str) -> bool {
        let is_geo = name == "GEO";
        let value = if is_geo {
            match p.uri_value(V4) {
                Some(v)
                    if p.param_value("VALUE")
                        .is_none_or(|v| v.eq_ignore_ascii_case("uri")) =>
                {
                    v
                }
                _ => return false,
            }
        } else {
            match tz_name(p) {
                Some(v) => v,
                None => return false,
            }
        };
        let (contexts, handled) = Self::contexts(p, &["billing", "delivery"]);
        let params = self.leftover(p, &["PREF"], &handled);
        let key = group_key(p);
        // Join the group's address when nothing conflicts.
        let props = self.props();
        let first_adr = self.first_adr.get(&key).copied();
        if params.is_none() {
            if !self.group_address.contains_key(&key)
                && let Some(ai) = first_adr
                && let Some(adr) = props.get(ai)
            {
                let id = self.id("addresses", "ADDR", Some(adr));
                self.group_address.insert(key.clone(), (ai, id));
            }
            if let Some((_, id)) = self.group_address.get(&key).cloned() {
                let addresses = self.out.addresses.get_or_insert_with(IdMap::new);
                if !addresses.contains_key(&id) {
                    addresses.insert(id.clone(), Address::default());
                }
                if let Some(a) = addresses.get_mut(&id) {
                    let free = if is_geo {
                        a.coordinates.is_none()
                    } else {
                        a.time_zone.is_none()
                    };
                    let ctx_ok =
                        contexts.is_none() || a.contexts.is_none() || a.contexts == contexts;
                    if free && ctx_ok {
                        if is_geo {
                            a.coordinates = Some(value);
                        } else {
                            a.time_zone = Some(value);
                        }
                        if a.contexts.is_none() {
                            a.contexts = contexts;
                        }
                        return true;
                    }
                }
            } else if first_adr.is_none() {
                let id = self.id("addresses", "ADDR", Some(p));
                self.group_address.insert(key, (usize::MAX, id.clone()));
                let mut a = Address {
                    contexts,
                    ..Address::default()
                };
                if is_geo {
                    a.coordinates = Some(value);
                } else {
                    a.time_zone = Some(value);
                }
                self.out
                    .addresses
                    .get_or_insert_with(IdMap::new)
                    .insert(id, a);
                return true;
            }
        }
        let id = self.id("addresses", "ADDR", Some(p));
        let mut a = Address {
            contexts,
            vcard_params: params,
            pref: Self::pref(p),
            ..Address::default()
        };
        if is_geo {
            a.coordinates = Some(value);
        } else {
            a.time_zone = Some(value);
        }
        self.out
            .addresses
            .get_or_insert_with(IdMap::new)
            .insert(id, a);
        true
    }

    fn tel(&mut self, i: usize, p: &Property<'_>) -> bool {
        let uri = p
            .param_value("VALUE")
            .is_some_and(|v| v.eq_ignore_ascii_case("uri"));
        let number = if uri {
            p.uri_value(V4)
        } else {
            p.text_value(V4).ok().map(Cow::into_owned)
        };
        let Some(number) = number else { return false };
        let (contexts, mut handled) = Self::contexts(p, &[]);
        let mut features = BoolSet::new();
        for t in p.types() {
            let t = t.to_ascii_lowercase();
            let f = match t.as_str() {
                "cell" => Some(("mobile", "cell")),
                "fax" => Some(("fax", "fax")),
                "main-number" => Some(("main-number", "main-number")),
                "pager" => Some(("pager", "pager")),
                "text" => Some(("text", "text")),
                "textphone" => Some(("textphone", "textphone")),
                "video" => Some(("video", "video")),
                "voice" => Some(("voice", "voice")),
                _ => None,
            };
            if let Some((f, h)) = f {
                features.insert(f, true);
                handled.push(h);
            }
        }
        let params = self.leftover(p, &["PREF"], &handled);
        let label = self.label_for(p);
        let id = self.id("phones", "PHONE", Some(p));
        let ph = Phone {
            number: Some(number),
            features: (!features.is_empty()).then_some(features),
            contexts,
            pref: Self::pref(p),
            label,
            vcard_params: params,
            ..Phone::default()
        };
        self.out
            .phones
            .get_or_insert_with(IdMap::new)
            .insert(id.clone(), ph);
        self.targets.insert(
            i,
            Target {
                path: vec!["phones".to_owned(), id],
                positions: Vec::new(),
            },
        );
        true
    }

    fn email(&mut self, i: usize, p: &Property<'_>) -> bool {
        let Ok(address) = p.text_value(V4) else {
            return false;
        };
        let (contexts, handled) = Self::contexts(p, &[]);
        let params = self.leftover(p, &["PREF"], &handled);
        let label = self.label_for(p);
        let id = self.id("emails", "EMAIL", Some(p));
        let e = EmailAddress {
            address: Some(address.into_owned()),
            contexts,
            pref: Self::pref(p),
            label,
            vcard_params: params,
            ..EmailAddress::default()
        };
        self.out
            .emails
            .get_or_insert_with(IdMap::new)
            .insert(id.clone(), e);
        self.targets.insert(
            i,
            Target {
                path: vec!["emails".to_owned(), id],
                positions: Vec::new(),
            },
        );
        true
    }

    fn online(&mut self, i: usize, p: &Property<'_>, name: &str) -> bool {
        let text = p
            .param_value("VALUE")
            .is_some_and(|v| v.eq_ignore_ascii_case("text"));
        let (uri, user) = if text {
            if name == "IMPP" {
                return false;
            }
            (None, p.text_value(V4).ok().map(Cow::into_owned))
        } else {
            (p.uri_value(V4), p.username().map(Cow::into_owned))
        };
        if uri.is_none() && user.is_none() {
            return false;
        }
        let (contexts, handled) = Self::contexts(p, &[]);
        let params = self.leftover(p, &["PREF", "SERVICE-TYPE", "USERNAME"], &handled);
        let label = self.label_for(p);
        let id = self.id("onlineServices", "OS", Some(p));
        let o = OnlineService {
            service: p.service_type().map(Cow::into_owned),
            uri,
            user,
            contexts,
            pref: Self::pref(p),
            label,
            vcard_name: (name == "IMPP").then(|| "impp".to_owned()),
            vcard_params: params,
            ..OnlineService::default()
        };
        self.out
            .online_services
            .get_or_insert_with(IdMap::new)
            .insert(id.clone(), o);
        self.targets.insert(
            i,
            Target {
                path: vec!["onlineServices".to_owned(), id],
                positions: Vec::new(),
            },
        );
        true
    }

    fn lang_pref(&mut self, i: usize, p: &Property<'_>) -> bool {
        let Ok(language) = p.text_value(V4) else {
            return false;
        };
        let (contexts, handled) = Self::contexts(p, &[]);
        let params = self.leftover(p, &["PREF"], &handled);
        let id = self.id("preferredLanguages", "LANG", Some(p));
        let l = LanguagePref {
            language: Some(language.trim().to_owned()),
            contexts,
            pref: Self::pref(p),
            vcard_params: params,
            ..LanguagePref::default()
        };
        self.out
            .preferred_languages
            .get_or_insert_with(IdMap::new)
            .insert(id.clone(), l);
        self.targets.insert(
            i,
            Target {
                path: vec!["preferredLanguages".to_owned(), id],
                positions: Vec::new(),
            },
        );
        true
    }

    fn title(&mut self, i: usize, p: &Property<'_>, name: &str) -> bool {
        let Ok(text) = p.text_value(V4) else {
            return false;
        };
        let params = self.leftover(p, &[], &[]);
        let org = group_key(p)
            .and_then(|g| self.org_link.get(&g).copied())
            .and_then(|oi| self.org_ids.get(&oi).cloned());
        let id = self.id("titles", "TITLE", Some(p));
        let t = Title {
            name: Some(text.into_owned()),
            kind: Some(if name == "ROLE" { "role" } else { "title" }.to_owned()),
            organization_id: org,
            vcard_params: params,
            ..Title::default()
        };
        self.out
            .titles
            .get_or_insert_with(IdMap::new)
            .insert(id.clone(), t);
        self.targets.insert(
            i,
            Target {
                path: vec!["titles".to_owned(), id],
                positions: Vec::new(),
            },
        );
        true
    }

    fn org(&mut self, i: usize, p: &Property<'_>) -> bool {
        let Ok(content) = p.content() else {
            return false;
        };
        let comps: Vec<String> = parse_structured(&content, false, V4)
            .into_iter()
            .map(|c| c.concat())
            .collect();
        let (contexts, handled) = Self::contexts(p, &[]);
        let params = self.leftover(p, &["SORT-AS"], &handled);
        let sort: Vec<String> = p.sort_as().into_iter().map(Cow::into_owned).collect();
        let o = org_object(&comps, &sort, contexts, params);
        let id = match self.org_ids.get(&i) {
            Some(id) => id.clone(),
            None => self.id("organizations", "ORG", Some(p)),
        };
        self.out
            .organizations
            .get_or_insert_with(IdMap::new)
            .insert(id.clone(), o);
        self.targets.insert(
            i,
            Target {
                path: vec!["organizations".to_owned(), id],
                positions: Vec::new(),
            },
        );
        true
    }

    fn related(&mut self, p: &Property<'_>) -> bool {
        let text = p
            .param_value("VALUE")
            .is_some_and(|v| v.eq_ignore_ascii_case("text"));
        let key = if text {
            p.text_value(V4).ok().map(Cow::into_owned)
        } else {
            p.uri_value(V4)
        };
        let Some(key) = key else { return false };
        if self
            .out
            .related_to
            .as_ref()
            .is_some_and(|m| m.contains_key(&key))
        {
            return false;
        }
        let mut relation = BoolSet::new();
        let mut handled: Vec<String> = Vec::new();
        for t in p.types() {
            relation.insert(t.to_ascii_lowercase(), true);
            handled.push(t.into_owned());
        }
        let handled_refs: Vec<&str> = handled.iter().map(String::as_str).collect();
        let params = self.leftover(p, &[], &handled_refs);
        let r = Relation {
            relation: Some(relation),
            vcard_params: params,
            ..Relation::default()
        };
        self.out
            .related_to
            .get_or_insert_with(IdMap::new)
            .insert(key, r);
        true
    }

    fn personal(&mut self, i: usize, p: &Property<'_>, name: &str) -> bool {
        let Ok(value) = p.text_value(V4) else {
            return false;
        };
        let level = p.level().map(|l| {
            let l = l.to_ascii_lowercase();
            match (name, l.as_str()) {
                ("EXPERTISE", "beginner") => "low".to_owned(),
                ("EXPERTISE", "average") => "medium".to_owned(),
                ("EXPERTISE", "expert") => "high".to_owned(),
                _ => l,
            }
        });
        let params = self.leftover(p, &["LEVEL", "INDEX"], &[]);
        let label = self.label_for(p);
        let id = self.id("personalInfo", "PERSINFO", Some(p));
        let pi = PersonalInfo {
            kind: Some(name.to_ascii_lowercase()),
            value: Some(value.into_owned()),
            level,
            list_as: p.index(),
            label,
            vcard_params: params,
            ..PersonalInfo::default()
        };
        self.out
            .personal_info
            .get_or_insert_with(IdMap::new)
            .insert(id.clone(), pi);
        self.targets.insert(
            i,
            Target {
                path: vec!["personalInfo".to_owned(), id],
                positions: Vec::new(),
            },
        );
        true
    }

    fn note(&mut self, i: usize, p: &Property<'_>) -> bool {
        let Ok(text) = p.text_value(V4) else {
            return false;
        };
        let created = p.created_param().map(|t| t.to_utc_string());
        if p.param("CREATED").is_some() && created.is_none() {
            return false;
        }
        let author = match (p.author_name(), p.author()) {
            (None, None) => None,
            (n, u) => Some(Author {
                name: n.map(Cow::into_owned),
                uri: u.map(Cow::into_owned),
                ..Author::default()
            }),
        };
        let params = self.leftover(p, &["CREATED", "AUTHOR", "AUTHOR-NAME"], &[]);
        let id = self.id("notes", "NOTE", Some(p));
        let n = Note {
            note: Some(text.into_owned()),
            created,
            author,
            vcard_params: params,
            ..Note::default()
        };
        self.out
            .notes
            .get_or_insert_with(IdMap::new)
            .insert(id.clone(), n);
        self.targets.insert(
            i,
            Target {
                path: vec!["notes".to_owned(), id],
                positions: Vec::new(),
            },
        );
        true
    }

    fn scheduling(&mut self, i: usize, p: &Property<'_>) -> bool {
        let Some(uri) = p.uri_value(V4) else {
            return false;
        };
        let (contexts, handled) = Self::contexts(p, &[]);
        let params = self.leftover(p, &["PREF"], &handled);
        let label = self.label_for(p);
        let id = self.id("schedulingAddresses", "SCHEDULING", Some(p));
        let s = SchedulingAddress {
            uri: Some(uri),
            contexts,
            pref: Self::pref(p),
            label,
            vcard_params: params,
            ..SchedulingAddress::default()
        };
        self.out
            .scheduling_addresses
            .get_or_insert_with(IdMap::new)
            .insert(id.clone(), s);
        self.targets.insert(
            i,
            Target {
                path: vec!["schedulingAddresses".to_owned(), id],
                positions: Vec::new(),
            },
        );
        true
    }

    fn pronouns(&mut self, i: usize, p: &Property<'_>) -> bool {
        let Ok(text) = p.text_value(V4) else {
            return false;
        };
        let (contexts, handled) = Self::contexts(p, &[]);
        let params = self.leftover(p, &["PREF"], &handled);
        let id = self.id("pronouns", "PRONOUNS", Some(p));
        let pr = Pronouns {
            pronouns: Some(text.into_owned()),
            contexts,
            pref: Self::pref(p),
            vcard_params: params,
            ..Pronouns::default()
        };
        self.out
            .speak_to_as
            .get_or_insert_with(SpeakToAs::default)
            .pronouns
            .get_or_insert_with(IdMap::new)
            .insert(id.clone(), pr);
        self.targets.insert(
            i,
            Target {
                path: vec!["speakToAs".to_owned(), "pronouns".to_owned(), id],
                positions: Vec::new(),
            },
        );
        true
    }

    /// A language alternative: a localizations patch of the main property's value.
    fn lang_alt(&mut self, p: &Property<'_>, main: usize, lang: &str) {
        let Some(target) = self.targets.get(&main).cloned() else {
            self.vcard_prop(p);
            return;
        };
        let name = p.name().to_ascii_uppercase();
        let mut path = target.path.clone();
        let value: Option<Json> = match name.as_str() {
            "FN" => {
                path.push("full".to_owned());
                p.text_value(V4).ok().map(|t| Json::String(t.into_owned()))
            }
            "N" => p
                .content()
                .ok()
                .and_then(|c| {
                    let comps = parse_structured(&c, true, V4);
                    name_components(&comps, None)
                        .and_then(|(c, _, _, _)| serde_json::to_value(c).ok())
                })
                .inspect(|_| path.push("components".to_owned())),
            "TITLE" | "ROLE" | "NICKNAME" => {
                path.push("name".to_owned());
                p.text_value(V4).ok().map(|t| Json::String(t.into_owned()))
            }
            "NOTE" => {
                path.push("note".to_owned());
                p.text_value(V4).ok().map(|t| Json::String(t.into_owned()))
            }
            "PRONOUNS" => {
                path.push("pronouns".to_owned());
                p.text_value(V4).ok().map(|t| Json::String(t.into_owned()))
            }
            "EXPERTISE" | "HOBBY" | "INTEREST" => {
                path.push("value".to_owned());
                p.text_value(V4).ok().map(|t| Json::String(t.into_owned()))
            }
            "ORG" => p.content().ok().and_then(|c| {
                let comps: Vec<String> = parse_structured(&c, false, V4)
                    .into_iter()
                    .map(|c| c.concat())
                    .collect();
                let sort: Vec<String> = p.sort_as().into_iter().map(Cow::into_owned).collect();
                serde_json::to_value(org_object(&comps, &sort, None, None)).ok()
            }),
            "ADR" => p
                .content()
                .ok()
                .and_then(|c| {
                    let comps = parse_structured(&c, true, V4);
                    address_components(&comps, None)
                        .and_then(|(c, _, _, _)| serde_json::to_value(c).ok())
                })
                .inspect(|_| path.push("components".to_owned())),
            "BIRTHPLACE" | "DEATHPLACE" => place_of(p).and_then(|a| serde_json::to_value(a).ok()),
            _ => None,
        };
        match value {
            Some(v) => {
                let key = pointer_from_tokens(&path);
                if let Some(loc) = self.localizations.slot(lang) {
                    loc.insert(key, v);
                }
            }
            None => self.vcard_prop(p),
        }
    }

    /// A phonetic alternative of N or ADR (RFC 9554 §4.6, RFC 9555 §2.3.15).
    fn phonetic_alt(&mut self, p: &Property<'_>, main: usize, lang: Option<String>) {
        let Some(target) = self.targets.get(&main).cloned() else {
            self.vcard_prop(p);
            return;
        };
        let Ok(content) = p.content() else {
            self.vcard_prop(p);
            return;
        };
        let comps = parse_structured(&content, true, V4);
        let system = p
            .phonetic()
            .map(|s| s.to_ascii_lowercase())
            .filter(|s| s != "script");
        let script = p.script().map(Cow::into_owned);
        let mut patches: Vec<(Vec<String>, Json)> = Vec::new();
        if let Some(s) = system {
            patches.push((vec!["phoneticSystem".to_owned()], Json::String(s)));
        }
        if let Some(s) = script {
            patches.push((vec!["phoneticScript".to_owned()], Json::String(s)));
        }
        for (ci, (pos, vi)) in target.positions.iter().enumerate() {
            if let Some(v) = comps
                .get(*pos)
                .and_then(|c| c.get(*vi))
                .filter(|v| !v.is_empty())
            {
                patches.push((
                    vec![
                        "components".to_owned(),
                        ci.to_string(),
                        "phonetic".to_owned(),
                    ],
                    Json::String(v.clone()),
                ));
            }
        }
        let local = match &lang {
            None => true,
            Some(l) => self
                .lang
                .as_ref()
                .is_some_and(|d| d.eq_ignore_ascii_case(l)),
        };
        if local {
            // Patch only the object the phonetic values belong to.
            let mut patch = Map::new();
            for (rel, v) in patches {
                patch.insert(pointer_from_tokens(&rel), v);
            }
            let applied = match target.path.as_slice() {
                [n] if n == "name" => self
                    .out
                    .name
                    .as_mut()
                    .is_some_and(|obj| patch_in_place(obj, &patch)),
                [a, id] if a == "addresses" => self
                    .out
                    .addresses
                    .as_mut()
                    .and_then(|m| m.get_mut(id))
                    .is_some_and(|obj| patch_in_place(obj, &patch)),
                _ => false,
            };
            if !applied {
                self.vcard_prop(p);
            }
        } else if let Some(l) = lang
            && let Some(loc) = self.localizations.slot(&l)
        {
            for (rel, v) in patches {
                let mut path = target.path.clone();
                path.extend(rel);
                loc.insert(pointer_from_tokens(&path), v);
            }
        }
    }

    fn has_control_characters(&self) -> bool {
        self.props()
            .iter()
            .any(|p| p.encoding().is_some() || p.value().chars().any(is_bad_control))
    }

    fn finish(mut self) -> Result<Card, Error> {
        let props = self.props();
        for (i, p) in props.iter().enumerate() {
            if p.is("X-ABLABEL")
                && self.labels.values().any(|(li, _)| *li == i)
                && !self.consumed_labels.contains(&i)
            {
                self.vcard_prop(p);
            }
        }
        if self.out.uid.is_none() {
            self.out.uid = Some(derived_uid(&self.card.to_string()));
        }
        if !self.localizations.is_empty() {
            self.out.localizations = Some(std::mem::take(&mut self.localizations));
        }
        if !self.props.is_empty() {
            self.out.vcard_props = Some(std::mem::take(&mut self.props));
        }
        if self.has_control_characters() {
            // Values decoded from QUOTED-PRINTABLE may hold control
            // characters, which no vCard text and no URI can carry.
            let mut v = serde_json::to_value(&self.out)?;
            replace_controls(&mut v);
            self.out = serde_json::from_value(v)?;
        }
        if self.jsprops.is_empty() {
            return Ok(self.out);
        }
        // JSPROP (RFC 9555 §3.2.1): applied last, all or nothing.
        let mut root = serde_json::to_value(&self.out)?;
        let valid = self.jsprops.keys().all(|k| pointer_tokens(k).is_ok());
        if valid
            && apply_patch(&mut root, &self.jsprops).is_ok()
            && let Ok(card) = serde_json::from_value::<Card>(root)
        {
            return Ok(card);
        }
        // An invalid PatchObject is not applied (§3.2.1); the JSPROP
        // properties are kept in vCardProps.
        let jsprops: Vec<Json> = props
            .iter()
            .filter(|p| p.is("JSPROP"))
            .map(|p| property_to_jcard(p, V4))
            .collect();
        self.out
            .vcard_props
            .get_or_insert_with(Vec::new)
            .extend(jsprops);
        Ok(self.out)
    }
}

/// Applies a PatchObject to one typed object; false (and the object left
/// as it was) when the patch does not apply.
fn patch_in_place<T: serde::Serialize + serde::de::DeserializeOwned>(
    obj: &mut T,
    patch: &Map<String, Json>,
) -> bool {
    let Ok(mut v) = serde_json::to_value(&*obj) else {
        return false;
    };
    if apply_patch(&mut v, patch).is_err() {
        return false;
    }
    match serde_json::from_value::<T>(v) {
        Ok(new) => {
            *obj = new;
            true
        }
        Err(_) => false,
    }
}

fn is_bad_control(c: char) -> bool {
    (c.is_control() && !matches!(c, '\t' | '\n' | '\r')) && (c as u32) < 0x80
}

/// Replaces C0 control characters other than tab, CR and LF (and DEL) with
/// U+FFFD, in every string and key.
fn replace_controls(v: &mut Json) {
    let fix = |s: &str| {
        s.chars()
            .map(|c| if is_bad_control(c) { '\u{fffd}' } else { c })
            .collect::<String>()
    };
    match v {
        Json::String(s) if s.chars().any(is_bad_control) => *s = fix(s),
        Json::Array(a) => a.iter_mut().for_each(replace_controls),
        Json::Object(m) => {
            let old = std::mem::take(m);
            for (k, mut x) in old {
                replace_controls(&mut x);
                m.insert(fix(&k), x);
            }
        }
        _ => {}
    }
}

fn merge_params(
    a: Option<Map<String, Json>>,
    b: Option<Map<String, Json>>,
) -> Option<Map<String, Json>> {
    match (a, b) {
        (Some(mut a), Some(b)) => {
            a.extend(b);
            Some(a)
        }
        (a, b) => a.or(b),
    }
}

/// NameComponent kinds by N position (RFC 9555 Table 1).
pub(crate) const N_KINDS: [&str; 7] = [
    "surname",
    "given",
    "given2",
    "title",
    "credential",
    "surname2",
    "generation",
];

/// AddressComponent kinds by ADR position (RFC 9555 Table 2).
pub(crate) const ADR_KINDS: [&str; 18] = [
    "postOfficeBox",
    "apartment",
    "name",
    "locality",
    "region",
    "postcode",
    "country",
    "room",
    "apartment",
    "floor",
    "number",
    "name",
    "building",
    "block",
    "subdistrict",
    "district",
    "landmark",
    "direction",
];

type Components<C> = (Vec<C>, Vec<(usize, usize)>, bool, Option<String>);

/// A JSCOMPS entry: a position (component, value index) or a separator.
type JscompsEntry = Result<(usize, usize), String>;

/// JSCOMPS entries (RFC 9555 §3.3.1): the default separator and the list of
/// positional (`Ok((component, index))`) or separator (`Err(value)`) entries.
fn parse_jscomps(s: &str) -> Option<(Option<String>, Vec<JscompsEntry>)> {
    let mut entries = split_unescaped(s, ';').into_iter();
    let first = entries.next()?;
    let default = if first.is_empty() {
        None
    } else {
        Some(unescape(first.strip_prefix("s,")?, V4).into_owned())
    };
    let mut out = Vec::new();
    for e in entries {
        if let Some(sep) = e.strip_prefix("s,") {
            out.push(Err(unescape(sep, V4).into_owned()));
        } else {
            let (a, b) = match e.split_once(',') {
                Some((a, b)) => (a, Some(b)),
                None => (e, None),
            };
            let a: usize = a.parse().ok()?;
            let b: usize = match b {
                Some(b) => b.parse().ok()?,
                None => 0,
            };
            out.push(Ok((a, b)));
        }
    }
    Some((default, out))
}

fn value_at(comps: &[Vec<String>], pos: usize, idx: usize) -> Option<&String> {
    comps
        .get(pos)
        .and_then(|c| c.get(idx))
        .filter(|v| !v.is_empty())
}

/// N components (RFC 9555 §2.5.5): in JSCOMPS order when it is valid,
/// else left to right, without the backwards-compatible duplicates.
fn name_components(
    comps: &[Vec<String>],
    jscomps: Option<&str>,
) -> Option<Components<NameComponent>> {
    let mk = |kind: &str, value: &str| NameComponent {
        kind: Some(kind.to_owned()),
        value: Some(value.to_owned()),
        ..NameComponent::default()
    };
    let dedup = |pos: usize, v: &String| -> bool {
        (pos == 0 && comps.get(5).is_some_and(|c| c.contains(v)))
            || (pos == 4 && comps.get(6).is_some_and(|c| c.contains(v)))
    };
    let count: usize = comps
        .iter()
        .enumerate()
        .take(7)
        .map(|(pos, c)| c.iter().filter(|v| !v.is_empty() && !dedup(pos, v)).count())
        .sum();
    if let Some((default, entries)) = jscomps.and_then(parse_jscomps) {
        let positional: Vec<(usize, usize)> = entries
            .iter()
            .filter_map(|e| e.as_ref().ok().copied())
            .collect();
        let valid = positional.len() == count
            && positional
                .iter()
                .all(|(p, i)| *p < 7 && value_at(comps, *p, *i).is_some());
        if valid {
            let mut out = Vec::new();
            let mut positions = Vec::new();
            for e in entries {
                match e {
                    Ok((p, i)) => {
                        out.push(mk(N_KINDS.get(p)?, value_at(comps, p, i)?));
                        positions.push((p, i));
                    }
                    Err(sep) => {
                        out.push(mk("separator", &sep));
                        positions.push((usize::MAX, 0));
                    }
                }
            }
            return Some((out, positions, true, default));
        }
    }
    let mut out = Vec::new();
    let mut positions = Vec::new();
    for (pos, c) in comps.iter().enumerate().take(7) {
        for (i, v) in c.iter().enumerate() {
            if v.is_empty() || dedup(pos, v) {
                continue;
            }
            out.push(mk(N_KINDS.get(pos)?, v));
            positions.push((pos, i));
        }
    }
    Some((out, positions, false, None))
}

/// ADR components (RFC 9555 §2.6.1), see the module documentation for the order.
fn address_components(
    comps: &[Vec<String>],
    jscomps: Option<&str>,
) -> Option<Components<AddressComponent>> {
    let mk = |kind: &str, value: &str| AddressComponent {
        kind: Some(kind.to_owned()),
        value: Some(value.to_owned()),
        ..AddressComponent::default()
    };
    let new_format = comps
        .iter()
        .skip(7)
        .any(|c| c.iter().any(|v| !v.is_empty()));
    let skip = |pos: usize| new_format && (pos == 1 || pos == 2);
    let count: usize = comps
        .iter()
        .enumerate()
        .take(18)
        .filter(|(p, _)| !skip(*p))
        .map(|(_, c)| c.iter().filter(|v| !v.is_empty()).count())
        .sum();
    if let Some((default, entries)) = jscomps.and_then(parse_jscomps) {
        let positional: Vec<(usize, usize)> = entries
            .iter()
            .filter_map(|e| e.as_ref().ok().copied())
            .collect();
        let valid = positional.len() == count
            && positional
                .iter()
                .all(|(p, i)| *p < 18 && value_at(comps, *p, *i).is_some());
        if valid {
            let mut out = Vec::new();
            let mut positions = Vec::new();
            for e in entries {
                match e {
                    Ok((p, i)) => {
                        out.push(mk(ADR_KINDS.get(p)?, value_at(comps, p, i)?));
                        positions.push((p, i));
                    }
                    Err(sep) => {
                        out.push(mk("separator", &sep));
                        positions.push((usize::MAX, 0));
                    }
                }
            }
            return Some((out, positions, true, default));
        }
    }
    let order: &[usize] = if new_format {
        &[0, 7, 8, 9, 12, 10, 11, 13, 14, 15, 16, 17, 3, 4, 5, 6]
    } else {
        &[0, 1, 2, 3, 4, 5, 6]
    };
    let mut out = Vec::new();
    let mut positions = Vec::new();
    for &pos in order {
        for (i, v) in comps
            .get(pos)
            .map(Vec::as_slice)
            .unwrap_or(&[])
            .iter()
            .enumerate()
        {
            if v.is_empty() {
                continue;
            }
            out.push(mk(ADR_KINDS.get(pos)?, v));
            positions.push((pos, i));
        }
    }
    Some((out, positions, false, None))
}

fn org_object(
    comps: &[String],
    sort: &[String],
    contexts: Option<BoolSet>,
    params: Option<Map<String, Json>>,
) -> Organization {
    let name = comps.first().filter(|n| !n.is_empty()).cloned();
    let units: Vec<OrgUnit> = comps
        .iter()
        .enumerate()
        .skip(1)
        .map(|(i, u)| OrgUnit {
            name: Some(u.clone()),
            sort_as: sort.get(i).filter(|s| !s.is_empty()).cloned(),
            ..OrgUnit::default()
        })
        .collect();
    Organization {
        name,
        units: (!units.is_empty()).then_some(units),
        sort_as: sort.first().filter(|s| !s.is_empty()).cloned(),
        contexts,
        vcard_params: params,
        ..Organization::default()
    }
}

/// The Anniversary date of BDAY, DEATHDATE or ANNIVERSARY (RFC 9555 §2.2.2).
fn anniversary_date(p: &Property<'_>) -> Option<AnniversaryDate> {
    let t = p.value_type(V4);
    let raw = p.content().ok()?;
    let raw = raw.trim();
    let ts_object = |ts: Timestamp| {
        AnniversaryDate::Timestamp(TimestampObject {
            type_: Some("Timestamp".to_owned()),
            utc: Some(ts.to_utc_string()),
            ..TimestampObject::default()
        })
    };
    match t {
        ValueType::Timestamp => return raw.parse::<Timestamp>().ok().map(ts_object),
        ValueType::Date | ValueType::DateAndOrTime | ValueType::DateTime => {}
        _ => return None,
    }
    let d: DateAndOrTime = raw.parse().ok()?;
    if let Some(ts) = d.as_utc_timestamp() {
        return Some(ts_object(ts));
    }
    let DateAndOrTime::Date(date) = d else {
        return None;
    };
    if date.year.is_none() && (date.month.is_none() || date.day.is_none()) {
        return None;
    }
    Some(AnniversaryDate::Partial(PartialDate {
        year: date.year.map(u32::from),
        month: date.month.map(u32::from),
        day: date.day.map(u32::from),
        calendar_scale: p.calscale().map(|c| c.to_ascii_lowercase()),
        ..PartialDate::default()
    }))
}

/// The place of BIRTHPLACE or DEATHPLACE (RFC 9555 §2.5.1).
fn place_of(p: &Property<'_>) -> Option<Address> {
    match p.value_type(V4) {
        ValueType::Text => Some(Address {
            full: Some(p.text_value(V4).ok()?.into_owned()),
            ..Address::default()
        }),
        ValueType::Uri => {
            let uri = p.uri_value(V4)?;
            uri.get(..4)
                .is_some_and(|s| s.eq_ignore_ascii_case("geo:"))
                .then(|| Address {
                    coordinates: Some(uri),
                    ..Address::default()
                })
        }
        _ => None,
    }
}

/// The IANA time zone name a TZ converts to (RFC 9555 §2.8.2).
fn tz_name(p: &Property<'_>) -> Option<String> {
    let t = p.value_type(V4);
    let raw = p.content().ok()?;
    let raw = raw.trim();
    let offset = match t {
        ValueType::UtcOffset => Some(raw.parse::<UtcOffset>().ok()?),
        ValueType::Text => raw.parse::<UtcOffset>().ok(),
        _ => return None,
    };
    match offset {
        Some(o) => {
            if o.minutes.unwrap_or(0) != 0 {
                return None;
            }
            let h = i32::from(o.hours) * if o.negative { -1 } else { 1 };
            if !(-12..=14).contains(&h) {
                return None;
            }
            Some(if h == 0 {
                "Etc/UTC".to_owned()
            } else {
                format!("Etc/GMT{}{}", if h < 0 { '+' } else { '-' }, h.abs())
            })
        }
        None => Some(unescape(raw, V4).into_owned()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn language_tags_are_canonical() {
        assert_eq!(canonical_language("EN"), "en");
        assert_eq!(canonical_language("zh-hant"), "zh-Hant");
        assert_eq!(canonical_language("de-at"), "de-AT");
    }

    #[test]
    fn tz_offsets() {
        let tz = |v: &str| {
            tz_name(
                &Property::new("TZ", v.to_owned())
                    .with_param(kalends_ical_core::Parameter::new("VALUE", "utc-offset")),
            )
        };
        assert_eq!(tz("-0500").as_deref(), Some("Etc/GMT+5"));
        assert_eq!(tz("+0000").as_deref(), Some("Etc/UTC"));
        assert_eq!(tz("+1400").as_deref(), Some("Etc/GMT-14"));
        assert_eq!(tz("+0530"), None);
        assert_eq!(tz("-1300"), None);
    }

    #[test]
    fn jscomps_parse() {
        let (d, e) = parse_jscomps("s,\\, ;11;s, ;10;3").unwrap();
        assert_eq!(d.as_deref(), Some(", "));
        assert_eq!(
            e,
            [Ok((11, 0)), Err(" ".to_owned()), Ok((10, 0)), Ok((3, 0))]
        );
    }
}
