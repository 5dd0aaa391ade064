//! `kalends convert`: between iCalendar, jCal and xCal, and between vCard
//! 4.0, 3.0, jCard and JSContact.

use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

use kalends_ical_core::ParseOptions;

use crate::input::{self, Detected};
use crate::{Format, ProfileArg, prefix_kind};

pub fn run(
    path: &Path,
    to: Format,
    from: Option<Format>,
    out: Option<&Path>,
    strict: bool,
    profile: ProfileArg,
) -> ExitCode {
    let name = input::display_name(path);
    let bytes = match input::read(path) {
        Ok(b) => b,
        Err(e) => {
            eprintln!("{e}");
            return ExitCode::from(2);
        }
    };
    let from = match from {
        Some(Format::Ics) => Detected::Ics,
        Some(Format::Jcal) => Detected::Jcal,
        Some(Format::Xcal) => Detected::Xcal,
        Some(Format::Vcf | Format::Vcf3) => Detected::Vcf,
        Some(Format::Jcard) => Detected::Jcard,
        Some(Format::Jscontact) => Detected::Jscontact,
        Some(Format::Jscal) => Detected::Jscal,
        None => input::detect(&bytes),
    };
    let result = match from {
        Detected::Ics | Detected::Jcal | Detected::Xcal | Detected::Jscal => {
            calendar(&bytes, from, to, strict, profile)
        }
        Detected::Vcf | Detected::Jcard | Detected::Jscontact => contacts(&bytes, from, to, strict),
    };
    let text = match result {
        Ok(t) => t,
        Err(Failure::Input(rendered)) => {
            eprintln!(
                "{}",
                prefix_kind(&rendered.replace("{name}", &name), "error")
            );
            return ExitCode::from(1);
        }
        Err(Failure::Usage(message)) => {
            eprintln!("kalends: {message}");
            return ExitCode::from(2);
        }
    };
    let written = match out {
        Some(p) => std::fs::write(p, text.as_bytes())
            .map_err(|e| format!("kalends: cannot write {}: {e}", p.display())),
        None => std::io::stdout()
            .lock()
            .write_all(text.as_bytes())
            .map_err(|e| format!("kalends: cannot write to standard output: {e}")),
    };
    match written {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("{e}");
            ExitCode::from(2)
        }
    }
}

/// Why a conversion failed: the input (exit 1) or the request (exit 2).
enum Failure {
    /// A rendered error; `{name}` stands for the file name.
    Input(String),
    Usage(String),
}

fn utf8(bytes: &[u8]) -> Result<&str, Failure> {
    std::str::from_utf8(bytes)
        .map_err(|e| Failure::Input(format!("{{name}}: the input is not UTF-8 ({e}).")))
}

fn calendar(
    bytes: &[u8],
    from: Detected,
    to: Format,
    strict: bool,
    profile: ProfileArg,
) -> Result<String, Failure> {
    let ical = |e: kalends_ical_core::Error| Failure::Input(e.render("{name}"));
    let doc = match from {
        Detected::Jcal => kalends_ical_core::jcal::from_jcal(utf8(bytes)?).map_err(ical)?,
        Detected::Xcal => kalends_ical_core::xcal::from_xcal(utf8(bytes)?).map_err(ical)?,
        Detected::Jscal => {
            kalends_jscalendar::convert::jscal_text_to_ical(utf8(bytes)?)
                .map_err(|e| Failure::Input(format!("{{name}}: {e}")))?
                .0
        }
        _ => {
            // Reading and writing iCalendar keeps the input text of every node.
            let options = if strict {
                ParseOptions::strict()
            } else {
                ParseOptions::lenient()
            };
            let doc = if strict {
                kalends_ical_core::parse_bytes(bytes, &options, &mut kalends_ical_core::Strict)
            } else {
                kalends_ical_core::parse_bytes(bytes, &options, &mut ())
            };
            return write_calendar(&doc.map_err(ical)?, to, profile);
        }
    };
    write_calendar(&doc, to, profile)
}

fn write_calendar(
    doc: &kalends_ical_core::Document<'_>,
    to: Format,
    profile: ProfileArg,
) -> Result<String, Failure> {
    Ok(match to {
        Format::Ics => kalends_ical_core::write(doc),
        Format::Jcal => {
            let mut s = kalends_ical_core::jcal::to_jcal(doc);
            s.push('\n');
            s
        }
        Format::Xcal => {
            kalends_ical_core::xcal::to_xcal(doc).map_err(|e| Failure::Input(e.render("{name}")))?
        }
        Format::Jscal => {
            let profile = match profile {
                ProfileArg::Rfc8984 => kalends_jscalendar::Profile::Rfc8984,
                ProfileArg::Bis => kalends_jscalendar::Profile::Bis,
            };
            let json = kalends_jscalendar::convert::ical_to_jscal(doc, profile)
                .map_err(|e| Failure::Input(format!("{{name}}: {e}")))?;
            let mut s = json.to_json_pretty();
            s.push('\n');
            s
        }
        Format::Vcf | Format::Vcf3 | Format::Jcard | Format::Jscontact => {
            return Err(Failure::Usage(format!(
                "the input is a calendar; it cannot be written as {}.",
                format_name(to)
            )));
        }
    })
}

fn contacts(bytes: &[u8], from: Detected, to: Format, strict: bool) -> Result<String, Failure> {
    let vcard = |e: kalends_vcard::Error| Failure::Input(e.render("{name}"));
    let cards: Vec<kalends_vcard::VCard<'static>> = match from {
        Detected::Jcard => kalends_vcard::jcard::from_jcard_str(utf8(bytes)?).map_err(vcard)?,
        Detected::Jscontact => {
            kalends_vcard::jscontact::from_jscontact_json(utf8(bytes)?).map_err(vcard)?
        }
        _ => {
            let options = if strict {
                ParseOptions::strict()
            } else {
                ParseOptions::lenient()
            };
            let doc = if strict {
                kalends_vcard::parse_bytes(bytes, &options, &mut kalends_vcard::Strict)
            } else {
                kalends_vcard::parse_bytes(bytes, &options, &mut ())
            };
            let doc = doc.map_err(vcard)?;
            // Unchanged vCard text is written back as it was read.
            if to == Format::Vcf && doc.cards.iter().all(|c| is_version(c, "4.0")) {
                return Ok(kalends_vcard::write(&doc));
            }
            return write_contacts(&doc, to);
        }
    };
    write_contacts(&kalends_vcard::Document::new(cards), to)
}

fn is_version(card: &kalends_vcard::VCard<'_>, v: &str) -> bool {
    card.property("VERSION")
        .is_some_and(|p| p.value().trim() == v)
}

fn write_contacts(doc: &kalends_vcard::Document<'_>, to: Format) -> Result<String, Failure> {
    let vcard = |e: kalends_vcard::Error| Failure::Input(e.render("{name}"));
    Ok(match to {
        Format::Vcf | Format::Vcf3 => {
            let version = if to == Format::Vcf {
                kalends_vcard::Version::V4_0
            } else {
                kalends_vcard::Version::V3_0
            };
            let (converted, losses) =
                kalends_vcard::convert_document(doc, version).map_err(vcard)?;
            for loss in &losses {
                eprintln!("kalends: note: {loss}");
            }
            kalends_vcard::write(&converted)
        }
        Format::Jcard => {
            let mut s = serde_json::to_string_pretty(&kalends_vcard::jcard::document_to_jcard(doc))
                .map_err(|e| Failure::Input(format!("{{name}}: {e}")))?;
            s.push('\n');
            s
        }
        Format::Jscontact => {
            let value = kalends_vcard::jscontact::document_to_jscontact(doc).map_err(vcard)?;
            let mut s = serde_json::to_string_pretty(&value)
                .map_err(|e| Failure::Input(format!("{{name}}: {e}")))?;
            s.push('\n');
            s
        }
        Format::Ics | Format::Jcal | Format::Xcal | Format::Jscal => {
            return Err(Failure::Usage(format!(
                "the input holds contacts; they cannot be written as {}.",
                format_name(to)
            )));
        }
    })
}

fn format_name(f: Format) -> &'static str {
    match f {
        Format::Ics => "iCalendar",
        Format::Jcal => "jCal",
        Format::Xcal => "xCal",
        Format::Vcf => "vCard 4.0",
        Format::Vcf3 => "vCard 3.0",
        Format::Jcard => "jCard",
        Format::Jscontact => "JSContact",
        Format::Jscal => "JSCalendar",
    }
}
