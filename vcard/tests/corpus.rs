//! Corpus checks over `testdata/vcard/` (calcard, ical.js and vobject
//! inputs; sources and licences in `testdata/README.md`):
//!
//! 1. every file reads without panic in lenient mode;
//! 2. every well-formed file (no problem in strict mode) writes back byte
//!    for byte;
//! 3. read-write-read is the identity (the tree read back from the output
//!    equals the tree read first) for every file;
//! 4. every vCard 3.0 card converted 3.0 → 4.0 → 3.0 keeps every property
//!    that both versions define.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::path::{Path, PathBuf};

use kalends_vcard::{ParseOptions, Strict, Version, parse_bytes};

fn corpus() -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../testdata/vcard");
    let mut files = Vec::new();
    let mut dirs = vec![root];
    while let Some(dir) = dirs.pop() {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                dirs.push(path);
            } else if path.extension().is_some_and(|e| e == "vcf") {
                files.push(path);
            }
        }
    }
    files.sort();
    files
}

#[test]
fn corpus_reads_writes_and_round_trips() {
    let files = corpus();
    assert!(files.len() >= 80, "corpus has {} files", files.len());
    let (mut well_formed, mut identical, mut identity, mut lenient_identical) = (0, 0, 0, 0);
    let mut failures = Vec::new();
    for path in &files {
        let bytes = std::fs::read(path).unwrap();
        let mut problems = Vec::new();
        let doc = parse_bytes(&bytes, &ParseOptions::lenient(), &mut problems).unwrap();
        let written = doc.to_string();
        if written.as_bytes() == bytes.as_slice() {
            lenient_identical += 1;
        } else {
            println!(
                "lenient not identical: {} {:?}",
                path.display(),
                problems.first()
            );
        }
        if doc.cards.iter().all(kalends_vcard::VCard::is_unchanged)
            && std::str::from_utf8(&bytes).is_ok()
        {
            assert_eq!(
                written.as_bytes(),
                bytes.as_slice(),
                "{}: a file read in full is not written back byte for byte",
                path.display()
            );
        }
        let strict = parse_bytes(&bytes, &ParseOptions::default(), &mut Strict);
        if strict.is_ok() {
            well_formed += 1;
            if written.as_bytes() == bytes.as_slice() {
                identical += 1;
            } else {
                failures.push(format!("{}: not byte-identical", path.display()));
            }
        }
        let mut p2 = Vec::new();
        let back = kalends_vcard::parse_with(&written, &ParseOptions::lenient(), &mut p2).unwrap();
        if back == doc {
            identity += 1;
        } else {
            failures.push(format!("{}: read-write-read differs", path.display()));
        }
    }
    println!(
        "corpus: {} files, {} well-formed, {} byte-identical, {} read-write-read identical, {} byte-identical in lenient mode",
        files.len(),
        well_formed,
        identical,
        identity,
        lenient_identical
    );
    assert!(failures.is_empty(), "{failures:#?}");
}

/// What must survive a round trip: the value (decoded binary data for base64
/// and data: URIs, the jCard value elements otherwise) and the TYPE set.
fn fingerprint(p: &kalends_vcard::Property<'_>, v: Version) -> String {
    let value = match p.binary() {
        Ok(Some(bytes)) => format!(
            "{} bytes, FNV {:x}",
            bytes.len(),
            bytes
                .iter()
                .fold(0xcbf2_9ce4_8422_2325u64, |h, b| (h ^ u64::from(*b))
                    .wrapping_mul(0x100_0000_01b3))
        ),
        // A date-only REV becomes midnight UTC in 4.0 (REV is a timestamp there).
        _ if p.is("REV") => card_rev(p),
        _ => {
            let j = kalends_vcard::jcard::property_to_jcard(p, v);
            serde_json::to_string(&j.as_array().unwrap()[3..]).unwrap()
        }
    };
    let mut types: Vec<String> = p.types().iter().map(|t| t.to_ascii_lowercase()).collect();
    types.sort();
    format!(
        "{}|{}|{}|{}",
        p.group().unwrap_or("").to_ascii_lowercase(),
        p.name().to_ascii_uppercase(),
        types.join(","),
        value
    )
}

fn card_rev(p: &kalends_vcard::Property<'_>) -> String {
    let mut card = kalends_vcard::VCard::new(Version::V3_0);
    card.push(p.clone().into_owned());
    card.rev()
        .map(|t| t.to_utc_string())
        .unwrap_or_else(|| p.value().to_owned())
}

#[test]
fn corpus_v3_to_v4_to_v3_keeps_shared_properties() {
    let (mut cards, mut props, mut kept) = (0, 0, 0);
    let mut failures = Vec::new();
    for path in corpus() {
        let bytes = std::fs::read(&path).unwrap();
        let doc = parse_bytes(&bytes, &ParseOptions::lenient(), &mut ()).unwrap();
        for card in doc
            .cards
            .iter()
            .filter(|c| c.is_vcard() && c.declared_version() == Some(Version::V3_0))
        {
            cards += 1;
            let v4 = kalends_vcard::convert_version(card, Version::V4_0).unwrap();
            assert_eq!(v4.card.version(), Version::V4_0);
            let back = kalends_vcard::convert_version(&v4.card, Version::V3_0)
                .unwrap()
                .card;
            let mut after: Vec<String> = back
                .properties()
                .iter()
                .map(|p| fingerprint(p, Version::V3_0))
                .collect();
            for p in card
                .properties()
                .iter()
                .filter(|p| kalends_vcard::registry::defined_in_both(p.name()))
            {
                props += 1;
                let f = fingerprint(p, Version::V3_0);
                match after.iter().position(|a| *a == f) {
                    Some(i) => {
                        after.swap_remove(i);
                        kept += 1;
                    }
                    None => failures.push(format!("{}: {f}", path.display())),
                }
            }
        }
    }
    println!("3.0 → 4.0 → 3.0: {cards} cards, {kept}/{props} shared properties kept");
    assert!(cards >= 30);
    assert!(failures.is_empty(), "{failures:#?}");
}

#[test]
fn corpus_converts_to_jcard_and_jscontact_and_back() {
    let (mut cards, mut jcard_ok, mut jscontact_ok) = (0, 0, 0);
    let mut failures = Vec::new();
    for path in corpus() {
        let bytes = std::fs::read(&path).unwrap();
        let doc = parse_bytes(&bytes, &ParseOptions::lenient(), &mut ()).unwrap();
        for card in doc.cards.iter().filter(|c| c.is_vcard()) {
            cards += 1;
            // jCard: jCard → vCard → jCard is the identity.
            let j = kalends_vcard::jcard::to_jcard(card);
            let back = kalends_vcard::jcard::from_jcard(&j).unwrap();
            if kalends_vcard::jcard::to_jcard(&back[0]) == j {
                jcard_ok += 1;
            } else {
                let again = kalends_vcard::jcard::to_jcard(&back[0]);
                let diff: Vec<String> = j[1]
                    .as_array()
                    .unwrap()
                    .iter()
                    .zip(again[1].as_array().unwrap())
                    .filter(|(a, b)| a != b)
                    .map(|(a, b)| format!("{a} != {b}"))
                    .collect();
                failures.push(format!("{}: jCard round trip: {diff:?}", path.display()));
            }
            // JSContact: Card → vCard → Card is the identity (uid aside when generated).
            let first = kalends_vcard::jscontact::to_jscontact(card).unwrap();
            let v = kalends_vcard::jscontact::from_jscontact(&first).unwrap();
            let v_text = v.to_string();
            // Read back leniently: names the lenient reader kept (`X-GOOGLE TALK`) stay as they were.
            let reread =
                kalends_vcard::parse_with(&v_text, &ParseOptions::lenient(), &mut ()).unwrap();
            let second = kalends_vcard::jscontact::to_jscontact(&reread.cards[0]).unwrap();
            let mut a = serde_json::to_value(&first).unwrap();
            let mut b = serde_json::to_value(&second).unwrap();
            if card.property("UID").is_none() {
                a.as_object_mut().unwrap().remove("uid");
                b.as_object_mut().unwrap().remove("uid");
            }
            if a == b {
                jscontact_ok += 1;
            } else {
                let (ma, mb) = (a.as_object().unwrap(), b.as_object().unwrap());
                let diff: Vec<String> = ma
                    .iter()
                    .filter(|(k, v)| mb.get(*k) != Some(*v))
                    .map(|(k, v)| {
                        format!(
                            "{k}: {v} != {}",
                            mb.get(k).map(|x| x.to_string()).unwrap_or_default()
                        )
                    })
                    .chain(
                        mb.keys()
                            .filter(|k| !ma.contains_key(*k))
                            .map(|k| format!("{k} added")),
                    )
                    .collect();
                failures.push(format!(
                    "{}: JSContact round trip: {diff:?}",
                    path.display()
                ));
            }
        }
    }
    println!(
        "conversions: {cards} cards, jCard round trip {jcard_ok}/{cards}, JSContact round trip {jscontact_ok}/{cards}"
    );
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
