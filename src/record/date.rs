//! The calendar date of the contract and the date enums (`dates[].kind`,
//! `precision`, `frequency`).
//!
//! A [`CivilDate`] is a proleptic Gregorian date of years 1000–9999,
//! serialised as `YYYY-MM-DD`; the arithmetic the date stage needs (days
//! later, month ends) lives here with it.

use std::fmt;

use serde::{Deserialize, Deserializer, Serialize};

/// A Gregorian calendar date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct CivilDate {
    /// The year, 1000–9999.
    pub year: i32,
    /// The month, 1–12.
    pub month: u32,
    /// The day of the month, 1–31.
    pub day: u32,
}

/// Whether `year` has a 29 February.
fn is_leap(year: i32) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

/// Number of days in a month (0 for an invalid month).
pub(crate) fn days_in_month(year: i32, month: u32) -> u32 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if is_leap(year) => 29,
        2 => 28,
        _ => 0,
    }
}

impl CivilDate {
    /// A valid date, or `None` (2023-02-29, month 13, day 0 …).
    pub fn new(year: i32, month: u32, day: u32) -> Option<Self> {
        ((1000..=9999).contains(&year) && day >= 1 && day <= days_in_month(year, month)).then_some(CivilDate {
            year,
            month,
            day,
        })
    }

    /// The last day of a month.
    pub(crate) fn month_end(year: i32, month: u32) -> Option<Self> {
        CivilDate::new(year, month, days_in_month(year, month))
    }

    /// The days from this date to `later` (negative when `later` comes
    /// first): 2024-09-05 to 2024-12-16 is 102.
    pub fn days_until(self, later: CivilDate) -> i64 {
        later.days_since_epoch() - self.days_since_epoch()
    }

    /// Days since 1970-01-01 (proleptic Gregorian; H. Hinnant's algorithm).
    fn days_since_epoch(self) -> i64 {
        let year = i64::from(self.year) - i64::from(self.month <= 2);
        let era = year.div_euclid(400);
        let year_of_era = year - era * 400;
        let month = i64::from(self.month);
        let day_of_year = (153 * (if month > 2 { month - 3 } else { month + 9 }) + 2) / 5 + i64::from(self.day) - 1;
        let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
        era * 146_097 + day_of_era - 719_468
    }

    /// The date `days` since 1970-01-01.
    fn from_days_since_epoch(days: i64) -> Option<Self> {
        let days = days + 719_468;
        let era = days.div_euclid(146_097);
        let day_of_era = days - era * 146_097;
        let year_of_era = (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
        let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
        let shifted_month = (5 * day_of_year + 2) / 153;
        let day = day_of_year - (153 * shifted_month + 2) / 5 + 1;
        let month = if shifted_month < 10 {
            shifted_month + 3
        } else {
            shifted_month - 9
        };
        let year = year_of_era + era * 400 + i64::from(month <= 2);
        CivilDate::new(i32::try_from(year).ok()?, month as u32, day as u32)
    }

    /// The date `days` later (earlier when negative).
    pub(crate) fn plus_days(self, days: i64) -> Option<Self> {
        CivilDate::from_days_since_epoch(self.days_since_epoch() + days)
    }

    /// The last day of a span of `months` months starting on this date: the
    /// day before the same day `months` months on (3月10日 + 2 months → 5月9日;
    /// a day the later month lacks counts from its last day).
    pub(crate) fn last_day_of_months(self, months: u32) -> Option<Self> {
        let index = i64::from(self.year) * 12 + i64::from(self.month) - 1 + i64::from(months);
        let (year, month) = (
            i32::try_from(index.div_euclid(12)).ok()?,
            (index.rem_euclid(12) + 1) as u32,
        );
        let day = self.day.min(days_in_month(year, month));
        CivilDate::new(year, month, day)?.plus_days(if day < self.day { 0 } else { -1 })
    }

    /// The same day in `year` (29 February becomes 28 February).
    pub(crate) fn in_year(self, year: i32) -> Option<Self> {
        CivilDate::new(year, self.month, self.day.min(days_in_month(year, self.month)))
    }
}

impl fmt::Display for CivilDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

impl CivilDate {
    /// `YYYY-MM-DD` written digit by digit (what `Display` writes, without
    /// its formatting machinery: a record serialises two per date), or
    /// `None` for a date [`CivilDate::new`] would not make.
    fn iso_bytes(&self) -> Option<[u8; 10]> {
        let (year, month, day) = (u32::try_from(self.year).ok()?, self.month, self.day);
        if !(1000..=9999).contains(&year) || !(1..=12).contains(&month) || !(1..=31).contains(&day) {
            return None;
        }
        let digit = |value: u32| b'0' + (value % 10) as u8;
        Some([
            digit(year / 1000),
            digit(year / 100),
            digit(year / 10),
            digit(year),
            b'-',
            digit(month / 10),
            digit(month),
            b'-',
            digit(day / 10),
            digit(day),
        ])
    }
}

impl std::str::FromStr for CivilDate {
    type Err = String;

    /// Reads `YYYY-MM-DD`, as the record writes it.
    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let mut fields = text.splitn(3, '-').map(str::parse::<u32>);
        let date = match (fields.next(), fields.next(), fields.next()) {
            (Some(Ok(year)), Some(Ok(month)), Some(Ok(day))) if text.len() == 10 => i32::try_from(year)
                .ok()
                .and_then(|year| CivilDate::new(year, month, day)),
            _ => None,
        };
        date.ok_or_else(|| format!("not a calendar date in YYYY-MM-DD form: {text:?}"))
    }
}

impl<'de> Deserialize<'de> for CivilDate {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = <std::borrow::Cow<'de, str>>::deserialize(deserializer)?;
        text.parse().map_err(serde::de::Error::custom)
    }
}

impl Serialize for CivilDate {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self.iso_bytes() {
            Some(bytes) => serializer.serialize_str(std::str::from_utf8(&bytes).unwrap_or_default()),
            None => serializer.collect_str(self),
        }
    }
}

/// What a date expression denotes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
#[non_exhaustive]
pub enum DateKind {
    /// One day, month, quarter, half or year (`2024年10月10日`, `2025年2月`).
    Point,
    /// From one date to another (`2024年5月8日至24日`).
    Range,
    /// A recurrence (`每月8号`, `每季度`).
    Recurring,
}

/// How fine the expression is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
#[non_exhaustive]
pub enum Precision {
    /// A day is named.
    Day,
    /// A month is the finest unit named.
    Month,
    /// A quarter (第一季度).
    Quarter,
    /// A half year (上半年).
    Half,
    /// A year (2024年, 2024年度).
    Year,
}

/// How often a recurring date recurs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
#[non_exhaustive]
pub enum Frequency {
    /// Every week (每周).
    Weekly,
    /// Every month (每月).
    Monthly,
    /// Every quarter (每季度).
    Quarterly,
    /// Every year (每年).
    Yearly,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn date_arithmetic_crosses_months_years_and_leap_days() {
        let date = |y, m, d| CivilDate::new(y, m, d).unwrap();
        assert_eq!(date(1970, 1, 1).days_since_epoch(), 0);
        assert_eq!(date(2024, 4, 8).plus_days(44), Some(date(2024, 5, 22)));
        assert_eq!(date(2024, 2, 28).plus_days(1), Some(date(2024, 2, 29)));
        assert_eq!(date(2023, 2, 28).plus_days(1), Some(date(2023, 3, 1)));
        assert_eq!(date(2024, 12, 31).plus_days(1), Some(date(2025, 1, 1)));
        assert_eq!(date(2025, 1, 1).plus_days(-1), Some(date(2024, 12, 31)));
        assert_eq!(date(2024, 3, 10).last_day_of_months(2), Some(date(2024, 5, 9)));
        assert_eq!(date(2024, 11, 1).last_day_of_months(3), Some(date(2025, 1, 31)));
        assert_eq!(date(2024, 1, 31).last_day_of_months(1), Some(date(2024, 2, 29)));
        assert_eq!(date(2024, 2, 29).in_year(2025), Some(date(2025, 2, 28)));
        // Every day of four years, against counting on a calendar.
        let mut day = date(2023, 1, 1);
        for offset in 0..1461 {
            assert_eq!(date(2023, 1, 1).plus_days(offset), Some(day));
            day = if day.day < days_in_month(day.year, day.month) {
                date(day.year, day.month, day.day + 1)
            } else if day.month < 12 {
                date(day.year, day.month + 1, 1)
            } else {
                date(day.year + 1, 1, 1)
            };
        }
    }

    #[test]
    fn dates_serialise_as_their_display() {
        let dates = [(2024, 12, 20), (1000, 1, 1), (9999, 2, 28), (2025, 10, 9)];
        for (year, month, day) in dates {
            let date = CivilDate::new(year, month, day).unwrap();
            assert_eq!(serde_json::to_string(&date).unwrap(), format!("\"{date}\""));
        }
        assert_eq!(
            serde_json::to_string(&CivilDate::new(2024, 5, 8).unwrap()).unwrap(),
            "\"2024-05-08\""
        );
        // Out of the constructor's range, the Display form still.
        let odd = CivilDate {
            year: 12,
            month: 3,
            day: 4,
        };
        assert_eq!(serde_json::to_string(&odd).unwrap(), "\"0012-03-04\"");
    }

    #[test]
    fn dates_read_back_from_what_they_write_and_nothing_else() {
        let date = CivilDate::new(2024, 2, 29).unwrap();
        let json = serde_json::to_string(&date).unwrap();
        assert_eq!(serde_json::from_str::<CivilDate>(&json).unwrap(), date);
        for wrong in [
            "\"2023-02-29\"",
            "\"2024-2-9\"",
            "\"2024-13-01\"",
            "\"20240229\"",
            "\"\"",
            "12",
        ] {
            assert!(serde_json::from_str::<CivilDate>(wrong).is_err(), "{wrong}");
        }
    }
}
