//! BOOLEAN, INTEGER and FLOAT values (RFC 5545 §3.3.2, §3.3.8, §3.3.7) and
//! the GEO property value (RFC 5545 §3.8.1.6), two FLOATs.

use std::fmt;
use std::str::FromStr;

use super::{invalid, out_of_range, quote};
use crate::Error;

/// Parses a BOOLEAN value, `TRUE` or `FALSE` in any case (RFC 5545 §3.3.2).
///
/// ```
/// use kalends_ical_core::value::parse_boolean;
/// assert!(parse_boolean("TRUE")?);
/// assert!(!parse_boolean("false")?);
/// assert!(parse_boolean("yes").is_err());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn parse_boolean(s: &str) -> Result<bool, Error> {
    if s.eq_ignore_ascii_case("TRUE") {
        Ok(true)
    } else if s.eq_ignore_ascii_case("FALSE") {
        Ok(false)
    } else {
        Err(invalid(format!(
            "expected a BOOLEAN, TRUE or FALSE (RFC 5545 §3.3.2), found {}.",
            quote(s)
        )))
    }
}

/// The BOOLEAN text of `value`: `TRUE` or `FALSE`.
pub const fn format_boolean(value: bool) -> &'static str {
    if value { "TRUE" } else { "FALSE" }
}

/// Parses an INTEGER value, `["+" / "-"] 1*DIGIT` (RFC 5545 §3.3.8).
///
/// The RFC gives the range of a signed 32-bit integer; a value outside it
/// fails with [`crate::ErrorKind::OutOfRange`]. Integers are written with
/// `i32`'s `Display` (no `+`).
///
/// ```
/// use kalends_ical_core::value::parse_integer;
/// assert_eq!(parse_integer("+1234567890")?, 1_234_567_890);
/// assert_eq!(parse_integer("-1234567890")?, -1_234_567_890);
/// assert!(parse_integer("1.5").is_err());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn parse_integer(s: &str) -> Result<i32, Error> {
    let digits = s.strip_prefix(['+', '-']).unwrap_or(s);
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return Err(invalid(format!(
            "expected an INTEGER, digits with an optional sign (RFC 5545 §3.3.8), found {}.",
            quote(s)
        )));
    }
    s.parse::<i32>().map_err(|_| {
        out_of_range(format!(
            "the INTEGER {} is out of range: it runs from {} to {} (RFC 5545 §3.3.8).",
            quote(s),
            i32::MIN,
            i32::MAX
        ))
    })
}

/// Parses a FLOAT value, `["+" / "-"] 1*DIGIT ["." 1*DIGIT]` (RFC 5545
/// §3.3.7): no exponent, no leading or trailing dot.
///
/// A value too large for `f64` fails with [`crate::ErrorKind::OutOfRange`].
///
/// ```
/// use kalends_ical_core::value::parse_float;
/// assert_eq!(parse_float("-3.14")?, -3.14);
/// assert!(parse_float("1e5").is_err());
/// assert!(parse_float(".5").is_err());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn parse_float(s: &str) -> Result<f64, Error> {
    let unsigned = s.strip_prefix(['+', '-']).unwrap_or(s);
    let (int, frac) = match unsigned.split_once('.') {
        Some((int, frac)) => (int, Some(frac)),
        None => (unsigned, None),
    };
    let all_digits = |p: &str| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit());
    if !all_digits(int) || !frac.is_none_or(all_digits) {
        return Err(invalid(format!(
            "expected a FLOAT, digits with an optional sign and fraction such as `-3.14` \
             (RFC 5545 §3.3.7), found {}.",
            quote(s)
        )));
    }
    match s.parse::<f64>() {
        Ok(v) if v.is_finite() => Ok(v),
        _ => Err(out_of_range(format!(
            "the FLOAT {} is too large to be represented (RFC 5545 §3.3.7).",
            quote(s)
        ))),
    }
}

/// Appends the FLOAT text of `value` to `out`: the shortest decimal that
/// reads back as the same `f64`, never with an exponent (`1.333`, `-3.14`,
/// `2` for 2.0).
///
/// Fails with [`crate::ErrorKind::OutOfRange`] for NaN and infinities,
/// which FLOAT cannot spell.
pub fn write_float(value: f64, out: &mut String) -> Result<(), Error> {
    use fmt::Write as _;
    if !value.is_finite() {
        return Err(out_of_range(format!(
            "the number {value} cannot be written as a FLOAT (RFC 5545 §3.3.7)."
        )));
    }
    // `f64`'s Display never uses an exponent and prints the shortest
    // decimal that round-trips. Writing to a String cannot fail.
    let _ = write!(out, "{}", if value == 0.0 { 0.0 } else { value });
    Ok(())
}

/// The value of a GEO property (RFC 5545 §3.8.1.6): latitude and longitude
/// in decimal degrees, written `latitude;longitude`.
///
/// Always valid: latitude is in −90..=90 and longitude in −180..=180.
///
/// ```
/// use kalends_ical_core::value::Geo;
/// let geo = Geo::parse("37.386013;-122.082932")?;
/// assert_eq!(geo.latitude(), 37.386013);
/// assert_eq!(geo.to_string(), "37.386013;-122.082932");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, PartialOrd)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(try_from = "GeoFields"))]
pub struct Geo {
    latitude: f64,
    longitude: f64,
}

impl Geo {
    /// A position, checked: latitude −90..=90, longitude −180..=180, both finite.
    ///
    /// Fails with [`crate::ErrorKind::OutOfRange`] otherwise.
    pub fn new(latitude: f64, longitude: f64) -> Result<Geo, Error> {
        if !(-90.0..=90.0).contains(&latitude) || !(-180.0..=180.0).contains(&longitude) {
            return Err(out_of_range(format!(
                "the position {latitude};{longitude} is out of range: latitude runs from -90 to \
                 90 and longitude from -180 to 180 (RFC 5545 §3.8.1.6)."
            )));
        }
        Ok(Geo {
            latitude: latitude + 0.0,
            longitude: longitude + 0.0,
        })
    }

    /// Parses a GEO value, `float ";" float` (RFC 5545 §3.8.1.6).
    pub fn parse(s: &str) -> Result<Geo, Error> {
        let Some((lat, lon)) = s.split_once(';') else {
            return Err(invalid(format!(
                "expected a GEO value of two FLOATs separated by `;`, such as \
                 `37.386013;-122.082932` (RFC 5545 §3.8.1.6), found {}.",
                quote(s)
            )));
        };
        let context = |e: Error| {
            Error::new(
                e.kind(),
                format!("the GEO value {} is not valid: {}", quote(s), e.message()),
            )
        };
        let latitude = parse_float(lat).map_err(context)?;
        let longitude = parse_float(lon).map_err(context)?;
        Geo::new(latitude, longitude).map_err(|_| {
            out_of_range(format!(
                "the GEO value {} is out of range: latitude runs from -90 to 90 and longitude \
                 from -180 to 180 (RFC 5545 §3.8.1.6).",
                quote(s)
            ))
        })
    }

    /// Latitude in decimal degrees, −90..=90 (positive north).
    pub const fn latitude(self) -> f64 {
        self.latitude
    }

    /// Longitude in decimal degrees, −180..=180 (positive east).
    pub const fn longitude(self) -> f64 {
        self.longitude
    }
}

impl fmt::Display for Geo {
    /// Writes `latitude;longitude` as two FLOATs.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{};{}", self.latitude, self.longitude)
    }
}

impl FromStr for Geo {
    type Err = Error;
    fn from_str(s: &str) -> Result<Geo, Error> {
        Geo::parse(s)
    }
}

#[cfg(feature = "serde")]
#[derive(serde::Deserialize)]
struct GeoFields {
    latitude: f64,
    longitude: f64,
}

#[cfg(feature = "serde")]
impl TryFrom<GeoFields> for Geo {
    type Error = Error;
    fn try_from(f: GeoFields) -> Result<Geo, Error> {
        Geo::new(f.latitude, f.longitude)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn negative_zero_is_written_without_sign() {
        let mut s = String::new();
        write_float(-0.0, &mut s).unwrap();
        assert_eq!(s, "0");
        assert_eq!(Geo::new(-0.0, -0.0).unwrap().to_string(), "0;0");
    }
}
