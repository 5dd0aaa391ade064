//! Reading inputs and detecting their format.

use std::io::Read;
use std::path::Path;

/// What a file holds, as far as its first bytes tell.
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub enum Detected {
    /// iCalendar text (or any BEGIN/END content-line file that is not a vCard).
    Ics,
    /// vCard text.
    Vcf,
    /// jCal JSON (`["vcalendar", …]`).
    Jcal,
    /// jCard JSON (`["vcard", …]`).
    Jcard,
    /// JSContact JSON (`{"@type": "Card", …}`).
    Jscontact,
    /// JSCalendar JSON (`{"@type": "Event" | "Task" | "Group", …}`).
    Jscal,
    /// xCal XML.
    Xcal,
}

/// Reads a file, or standard input for `-`.
pub fn read(path: &Path) -> Result<Vec<u8>, String> {
    if path.as_os_str() == "-" {
        let mut buf = Vec::new();
        std::io::stdin()
            .read_to_end(&mut buf)
            .map_err(|e| format!("kalends: cannot read standard input: {e}"))?;
        Ok(buf)
    } else {
        std::fs::read(path).map_err(|e| format!("kalends: cannot read {}: {e}", path.display()))
    }
}

/// The name to show for a path in diagnostics.
pub fn display_name(path: &Path) -> String {
    if path.as_os_str() == "-" {
        "<stdin>".to_owned()
    } else {
        path.display().to_string()
    }
}

/// Guesses the format from the content (never from the file name).
pub fn detect(bytes: &[u8]) -> Detected {
    let text = bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(bytes);
    let start = text
        .iter()
        .position(|b| !b.is_ascii_whitespace())
        .unwrap_or(text.len());
    let head = text.get(start..).unwrap_or_default();
    let head = head.get(..head.len().min(4096)).unwrap_or_default();
    let lower = String::from_utf8_lossy(head).to_ascii_lowercase();
    let compact: String = lower.chars().filter(|c| !c.is_whitespace()).collect();
    if compact.starts_with('<') {
        Detected::Xcal
    } else if compact.starts_with("[\"vcard\"") || compact.starts_with("[[\"vcard\"") {
        Detected::Jcard
    } else if compact.starts_with('[') && !compact.starts_with("[{") {
        Detected::Jcal
    } else if compact.starts_with('{') || compact.starts_with("[{") {
        if compact.contains("\"@type\":\"card\"") || compact.contains("\"@type\":\"cardgroup\"") {
            Detected::Jscontact
        } else {
            Detected::Jscal
        }
    } else if compact.starts_with("begin:vcard") {
        Detected::Vcf
    } else {
        Detected::Ics
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn detects_every_format() {
        assert_eq!(detect(b"BEGIN:VCALENDAR\r\n"), Detected::Ics);
        assert_eq!(detect(b"\xef\xbb\xbf\r\nbegin:vcard\r\n"), Detected::Vcf);
        assert_eq!(detect(b" [\"vcalendar\", []]"), Detected::Jcal);
        assert_eq!(detect(b"[\"vcard\", []]"), Detected::Jcard);
        assert_eq!(detect(b"[[\"vcard\", []]]"), Detected::Jcard);
        assert_eq!(detect(b"{\"@type\": \"Card\"}"), Detected::Jscontact);
        assert_eq!(detect(b"{\"@type\": \"Event\"}"), Detected::Jscal);
        assert_eq!(detect(b"[{\"@type\": \"Card\"}]"), Detected::Jscontact);
        assert_eq!(detect(b"<?xml version=\"1.0\"?>"), Detected::Xcal);
    }
}
