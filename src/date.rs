//! A calendar date (proleptic Gregorian), enough for `as_of` fields, evidence age and projections.
//!
//! Hand-written rather than a dependency: the tool needs parsing of `YYYY-MM-DD`, day differences
//! and adding days, nothing with time zones or clocks.

use std::fmt;

/// A real calendar date. Constructed only through [`Date::parse`] or [`Date::from_days`], so it
/// always names a day that exists.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    year: i32,
    month: u8,
    day: u8,
}

impl Date {
    /// Parses an ISO 8601 calendar date `YYYY-MM-DD` (years 1..=9999). Returns `None` for
    /// anything else, including days that do not exist (`2007-02-30`).
    pub fn parse(text: &str) -> Option<Date> {
        let b = text.as_bytes();
        if b.len() != 10 || b.get(4) != Some(&b'-') || b.get(7) != Some(&b'-') {
            return None;
        }
        let digits = |r: std::ops::Range<usize>| -> Option<u32> {
            let s = text.get(r)?;
            if !s.bytes().all(|c| c.is_ascii_digit()) {
                return None;
            }
            s.parse().ok()
        };
        let year = digits(0..4)?;
        let month = digits(5..7)?;
        let day = digits(8..10)?;
        if year == 0 || !(1..=12).contains(&month) {
            return None;
        }
        let year = i32::try_from(year).ok()?;
        let month = u8::try_from(month).ok()?;
        if day == 0 || day > u32::from(days_in_month(year, month)) {
            return None;
        }
        let day = u8::try_from(day).ok()?;
        Some(Date { year, month, day })
    }

    /// Days since 1970-01-01 (negative before it).
    pub fn days(self) -> i64 {
        // Howard Hinnant's days_from_civil.
        let y = i64::from(self.year) - i64::from(self.month <= 2);
        let m = i64::from(self.month);
        let d = i64::from(self.day);
        let era = y.div_euclid(400);
        let yoe = y - era * 400;
        let mp = (m + 9) % 12;
        let doy = (153 * mp + 2) / 5 + d - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146_097 + doe - 719_468
    }

    /// The date `days` after 1970-01-01, or `None` outside years 1..=9999.
    pub fn from_days(days: i64) -> Option<Date> {
        // Howard Hinnant's civil_from_days.
        let z = days.checked_add(719_468)?;
        let era = z.div_euclid(146_097);
        let doe = z - era * 146_097;
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = doy - (153 * mp + 2) / 5 + 1;
        let month = if mp < 10 { mp + 3 } else { mp - 9 };
        let year = yoe + era * 400 + i64::from(month <= 2);
        if !(1..=9999).contains(&year) {
            return None;
        }
        Some(Date {
            year: i32::try_from(year).ok()?,
            month: u8::try_from(month).ok()?,
            day: u8::try_from(day).ok()?,
        })
    }

    /// Whole days from `earlier` to `self` (negative when `earlier` is later).
    pub fn days_since(self, earlier: Date) -> i64 {
        self.days() - earlier.days()
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

impl serde::Serialize for Date {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

fn days_in_month(year: i32, month: u8) -> u8 {
    match month {
        2 if year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_real_dates_only() {
        assert_eq!(
            Date::parse("2008-02-29").map(|d| d.to_string()).as_deref(),
            Some("2008-02-29")
        );
        assert_eq!(Date::parse("2007-02-29"), None);
        assert_eq!(Date::parse("1900-02-29"), None);
        assert!(Date::parse("2000-02-29").is_some());
        assert_eq!(Date::parse("2007-13-01"), None);
        assert_eq!(Date::parse("2007-04-31"), None);
        assert_eq!(Date::parse("2007-4-1"), None);
        assert_eq!(Date::parse("+007-04-01"), None);
        assert_eq!(Date::parse("0000-01-01"), None);
    }

    #[test]
    fn day_arithmetic_round_trips() {
        assert_eq!(Date::parse("1970-01-01").map(Date::days), Some(0));
        let a = Date::parse("2006-09-21").unwrap();
        let b = Date::parse("2008-12-31").unwrap();
        assert_eq!(b.days_since(a), 832);
        for d in [-719_162, -1, 0, 1, 13_000, 2_932_896] {
            assert_eq!(Date::from_days(d).map(Date::days), Some(d));
        }
        assert_eq!(Date::from_days(2_932_897), None);
    }
}
