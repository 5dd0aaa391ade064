//! The generated benchmark address book.
//!
//! [`contacts`] writes a vCard 4.0 stream (RFC 6350 §6.1.1: a file holds any
//! number of `BEGIN:VCARD` … `END:VCARD`) of `count` contacts. Every contact
//! has the properties issue 6 names, so a reader does all of its work:
//! structured values with escaped separators (N, ADR, ORG; RFC 6350 §3.4),
//! `VALUE=uri` TEL (§6.4.1), quoted and list parameters (`TYPE="work,voice"`,
//! a quoted `LABEL` with RFC 6868 `^n`; §5), escaped and folded TEXT with
//! multi-byte UTF-8 (NOTE; §3.2, §3.4), a URI PHOTO with `MEDIATYPE`
//! (§6.2.4) and an X- property with an X- parameter (§6.10).
//!
//! The output is a pure function of `count`: no clock, no randomness, so
//! every run of every benchmark reads the same bytes.

/// The number of contacts in the address book the benchmarks read and write.
pub const CONTACTS_10K: usize = 10_000;

/// Properties in each contact, VERSION included: VERSION, N, FN, two TEL,
/// two EMAIL, ADR, ORG, NOTE, PHOTO and the X- property.
pub const PROPERTIES_PER_CONTACT: usize = 12;

/// The X- property every contact carries (RFC 6350 §6.10).
pub const X_PROPERTY: &str = "X-KALENDS-CRM-ID";

/// RFC 6350 §3.2: content lines SHOULD NOT be longer than 75 octets,
/// excluding the line break.
const FOLD_AT: usize = 75;

/// The address book of [`CONTACTS_10K`] contacts the benchmarks use.
pub fn contacts_10k() -> String {
    contacts(CONTACTS_10K)
}

/// Given names; some need more than one octet per character.
const GIVEN: [&str; 7] = ["Jane", "Jörg", "Zoë", "Ahmed", "Łucja", "Kenji", "María"];

/// Family names, cycled at another rate than the given names so that the
/// pairs vary.
const FAMILY: [&str; 11] = [
    "Doe",
    "Müller",
    "García Márquez",
    "O'Brien",
    "Nakamura",
    "Van der Berg",
    "Nowak",
    "Smith",
    "Özdemir",
    "Dubois",
    "Lindqvist",
];

/// Honorific prefixes (N's fourth component); empty for most contacts.
const PREFIXES: [&str; 4] = ["Dr.", "", "Prof.", ""];

/// Addresses: street, locality, region, postal code, country.
const ADDRESSES: [(&str, &str, &str, &str, &str); 4] = [
    ("Musterstraße 12", "Köln", "NRW", "50667", "Germany"),
    ("123 Main Street", "Springfield", "IL", "62701", "USA"),
    ("4 Rue de la Paix", "Paris", "", "75002", "France"),
    ("Kungsgatan 7", "Göteborg", "", "411 19", "Sweden"),
];

/// An address book of `count` vCards, each with the properties of
/// [`PROPERTIES_PER_CONTACT`].
///
/// Lines end in CRLF and are folded at 75 octets, never inside a UTF-8
/// sequence (RFC 6350 §3.2). Contact `n` (1-based) has the work address
/// `contact-<n>@work.example.com` and the X- value `CRM-<n, 8 digits>`.
pub fn contacts(count: usize) -> String {
    // About 840 octets per contact; reserving avoids regrowing an 8 MB string.
    let mut out = String::with_capacity(count.saturating_mul(1_000));
    for n in 1..=count {
        contact(&mut out, n);
    }
    out
}

/// Contact `n`.
fn contact(out: &mut String, n: usize) {
    let index = n.saturating_sub(1);
    let given = GIVEN.get(index % GIVEN.len()).copied().unwrap_or_default();
    let family = FAMILY
        .get((index / GIVEN.len()) % FAMILY.len())
        .copied()
        .unwrap_or_default();
    let prefix = PREFIXES
        .get(index % PREFIXES.len())
        .copied()
        .unwrap_or_default();
    let (street, city, region, code, country) = ADDRESSES
        .get(index % ADDRESSES.len())
        .copied()
        .unwrap_or_default();
    let full_name = if prefix.is_empty() {
        format!("{given} {family}")
    } else {
        format!("{prefix} {given} {family}")
    };

    line(out, "BEGIN:VCARD");
    line(out, "VERSION:4.0");
    line(out, &format!("N:{family};{given};;{prefix};"));
    line(out, &format!("FN:{full_name}"));
    line(
        out,
        &format!("TEL;VALUE=uri;TYPE=\"work,voice\";PREF=1:tel:+49-221-555-{n:06};ext=12"),
    );
    line(
        out,
        &format!("TEL;VALUE=uri;TYPE=cell:tel:+1-555-01{:02}-{n:06}", n % 100),
    );
    line(
        out,
        &format!("EMAIL;TYPE=work;PREF=1:contact-{n}@work.example.com"),
    );
    line(
        out,
        &format!("EMAIL;TYPE=home:c{n}.private@mail.example.org"),
    );
    line(
        out,
        &format!(
            "ADR;TYPE=work;LABEL=\"{street}^nSuite {suite}^n{code} {city}^n{country}\":\
             ;Suite {suite};{street};{city};{region};{code};{country}",
            suite = n % 400 + 1
        ),
    );
    line(
        out,
        &format!(
            "ORG:Example Research\\, Inc.;Contacts Division;Team {}",
            n % 12 + 1
        ),
    );
    line(
        out,
        &format!(
            "NOTE:Met {full_name} at the 2026 partner summit\\; follow up by phone.\\n\
             Topics: pricing\\, the Q3 roadmap and the shared folder \\\\contacts\\\\{n}.\\n\
             Prefers calls before 10:00 — Grüße aus Köln\\, Kosten: 12 € 📇."
        ),
    );
    line(
        out,
        &format!("PHOTO;MEDIATYPE=image/jpeg:https://photos.example.com/contacts/{n}/portrait.jpg"),
    );
    line(out, &format!("{X_PROPERTY};X-SOURCE=crm:CRM-{n:08}"));
    line(out, "END:VCARD");
}

/// Appends `text` as one content line, folded at 75 octets: the first
/// physical line holds up to 75 octets, each continuation line a space and
/// up to 74 more (RFC 6350 §3.2). A character is never split.
fn line(out: &mut String, text: &str) {
    let mut width = 0_usize;
    for ch in text.chars() {
        let len = ch.len_utf8();
        if width.saturating_add(len) > FOLD_AT {
            out.push_str("\r\n ");
            width = 1;
        }
        out.push(ch);
        width = width.saturating_add(len);
    }
    out.push_str("\r\n");
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The physical lines of `text`, without their CRLF.
    fn physical_lines(text: &str) -> Vec<&str> {
        let body = text.strip_suffix("\r\n").unwrap();
        body.split("\r\n").collect()
    }

    /// The logical lines (RFC 6350 §3.2 unfolding).
    fn unfold(text: &str) -> String {
        text.replace("\r\n ", "")
    }

    #[test]
    fn counts_at_ten_thousand() {
        let text = contacts_10k();
        assert_eq!(text.matches("BEGIN:VCARD\r\n").count(), 10_000);
        assert_eq!(text.matches("END:VCARD\r\n").count(), 10_000);
        assert_eq!(text.matches("\r\nVERSION:4.0\r\n").count(), 10_000);
        let logical = unfold(&text);
        for (name, per_card) in [
            ("N:", 1),
            ("FN:", 1),
            ("TEL;", 2),
            ("EMAIL;", 2),
            ("ADR;", 1),
            ("ORG:", 1),
            ("NOTE:", 1),
            ("PHOTO;", 1),
            ("X-KALENDS-CRM-ID;", 1),
        ] {
            assert_eq!(
                logical.matches(&format!("\r\n{name}")).count(),
                10_000 * per_card,
                "{name}"
            );
        }
        // Every logical line but BEGIN and END is one of the properties.
        assert_eq!(
            physical_lines(&logical).len(),
            10_000 * (PROPERTIES_PER_CONTACT + 2)
        );
        // About 8.4 MB: large enough that per-call overhead does not matter.
        assert!(text.len() > 8_000_000, "{}", text.len());
    }

    #[test]
    fn is_deterministic() {
        assert_eq!(contacts(50), contacts(50));
        assert!(contacts(0).is_empty());
    }

    #[test]
    fn starts_and_ends_as_a_card() {
        let text = contacts(3);
        assert!(text.starts_with("BEGIN:VCARD\r\nVERSION:4.0\r\nN:Doe;Jane;;Dr.;\r\n"));
        assert!(text.ends_with("\r\nEND:VCARD\r\n"));
        assert!(!text.replace("\r\n", "").contains('\n'), "bare LF");
        assert!(!text.replace("\r\n", "").contains('\r'), "bare CR");
    }

    #[test]
    fn folds_at_75_octets_without_splitting_a_character() {
        let text = contacts(100);
        let lines = physical_lines(&text);
        assert!(
            lines.iter().all(|l| l.len() <= 75),
            "a line is longer than 75 octets"
        );
        // NOTE and ADR are longer than 75 octets in every card, so each
        // card has continuation lines.
        let continuations = lines.iter().filter(|l| l.starts_with(' ')).count();
        assert!(continuations >= 100 * 3, "{continuations}");
        assert!(lines.iter().any(|l| l.len() == 75));
        // A line cut short because the next character is multi-byte.
        let cut_short = lines
            .windows(2)
            .filter(|pair| {
                let next = pair[1].strip_prefix(' ').unwrap_or("");
                pair[0].len() < 75
                    && pair[1].starts_with(' ')
                    && next
                        .chars()
                        .next()
                        .is_some_and(|c| c.len_utf8() > 1 && pair[0].len() + c.len_utf8() > 75)
            })
            .count();
        assert!(cut_short > 0);
    }

    #[test]
    fn unfolded_lines_are_the_intended_ones() {
        let text = unfold(&contacts(9));
        let lines = physical_lines(&text);
        // Contact 9: index 8, given 8 % 7 = 1, family 8 / 7 = 1, prefix
        // 8 % 4 = 0, address 8 % 4 = 0.
        for expected in [
            "N:Müller;Jörg;;Dr.;",
            "FN:Dr. Jörg Müller",
            "TEL;VALUE=uri;TYPE=\"work,voice\";PREF=1:tel:+49-221-555-000009;ext=12",
            "TEL;VALUE=uri;TYPE=cell:tel:+1-555-0109-000009",
            "EMAIL;TYPE=work;PREF=1:contact-9@work.example.com",
            "EMAIL;TYPE=home:c9.private@mail.example.org",
            "ADR;TYPE=work;LABEL=\"Musterstraße 12^nSuite 10^n50667 Köln^nGermany\":\
             ;Suite 10;Musterstraße 12;Köln;NRW;50667;Germany",
            "ORG:Example Research\\, Inc.;Contacts Division;Team 10",
            "PHOTO;MEDIATYPE=image/jpeg:https://photos.example.com/contacts/9/portrait.jpg",
            "X-KALENDS-CRM-ID;X-SOURCE=crm:CRM-00000009",
        ] {
            assert!(lines.contains(&expected), "{expected}");
        }
        let note = lines
            .iter()
            .find(|l| l.starts_with("NOTE:Met Dr. Jörg Müller at"))
            .unwrap();
        assert!(note.len() > 200, "{}", note.len());
        for escape in ["\\,", "\\;", "\\n", "\\\\"] {
            assert!(note.contains(escape), "{escape}");
        }
        assert!(note.contains("📇"));
    }
}
