//! ISO `YYYY-MM-DD` dates, checked by a real calendar (2025-02-29 is an error).

use jiff::civil::Date;
use serde::{Deserialize, Deserializer};
use std::fmt;

/// A calendar date written as `YYYY-MM-DD` in content.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct IsoDate(pub Date);

impl IsoDate {
    pub fn parse(text: &str) -> Result<Self, String> {
        let t = text.trim();
        let well_formed = t.len() == 10
            && t.bytes().enumerate().all(|(i, b)| match i {
                4 | 7 => b == b'-',
                _ => b.is_ascii_digit(),
            });
        if !well_formed {
            return Err(format!(
                "`{t}` is not a date: write it as YYYY-MM-DD, e.g. 2026-11-30"
            ));
        }
        let num = |r: std::ops::Range<usize>| t[r].parse::<i16>().unwrap_or(0);
        let (y, m, d) = (num(0..4), num(5..7) as i8, num(8..10) as i8);
        Date::new(y, m, d).map(IsoDate).map_err(|_| {
            format!("`{t}` is not a real date: check the month (01-12) and the day of that month")
        })
    }

    pub fn iso(&self) -> String {
        let d = self.0;
        // Formatted directly: the sitemap and feed ask for thousands of these per build,
        // and strftime parses its format each time.
        if (0..=9999).contains(&d.year()) {
            format!("{:04}-{:02}-{:02}", d.year(), d.month(), d.day())
        } else {
            d.strftime("%Y-%m-%d").to_string()
        }
    }
}

impl fmt::Display for IsoDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.iso())
    }
}

impl<'de> Deserialize<'de> for IsoDate {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let s = String::deserialize(deserializer)?;
        IsoDate::parse(&s).map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn iso_writes_dates_back_as_they_were_written() {
        for text in [
            "2026-11-30",
            "0001-01-01",
            "0999-09-09",
            "9999-12-31",
            "2024-02-29",
        ] {
            let date = IsoDate::parse(text).unwrap();
            assert_eq!(date.iso(), text);
            assert_eq!(date.iso(), date.0.strftime("%Y-%m-%d").to_string());
        }
    }

    #[test]
    fn rejects_impossible_and_malformed_dates() {
        assert!(IsoDate::parse("2024-02-29").is_ok());
        assert!(IsoDate::parse("2025-02-29")
            .unwrap_err()
            .contains("not a real date"));
        assert!(IsoDate::parse("29/02/2024")
            .unwrap_err()
            .contains("YYYY-MM-DD"));
        assert!(IsoDate::parse("2024-13-01").is_err());
    }
}
