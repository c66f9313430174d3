//! The names of the months and weekdays (`[dates]`): pages write dates with them ("26
//! February 2027", and the bank holidays' "Friday"), and so do the planner's scripts, which
//! read them from the page.

use crate::model::IsoDate;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// The names of the months and weekdays. Checked when the file is read: twelve months and
/// seven weekdays.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct DateWording {
    /// The twelve months' names, January first.
    pub months: Vec<String>,
    /// The seven weekdays' names, Monday first.
    pub weekdays: Vec<String>,
}

impl DateWording {
    /// "26 February 2027": the day, the month's name and the year, the GOV.UK style.
    pub fn display(&self, date: IsoDate) -> String {
        let d = date.0;
        let month = usize::try_from(d.month() - 1)
            .ok()
            .and_then(|i| self.months.get(i));
        match month {
            Some(month) => format!("{} {month} {:04}", d.day(), d.year()),
            // Never with a file that was checked: the month's number rather than nothing.
            None => format!("{} {} {:04}", d.day(), d.month(), d.year()),
        }
    }

    /// "Friday".
    pub fn weekday(&self, date: IsoDate) -> &str {
        let i = usize::from(date.0.weekday().to_monday_zero_offset().unsigned_abs());
        self.weekdays.get(i).map_or("", String::as_str)
    }

    /// A list with the wrong number of names: (key, problem).
    pub(super) fn problem(&self) -> Option<(&'static str, String)> {
        let lists = [
            ("months", &self.months, 12, "January"),
            ("weekdays", &self.weekdays, 7, "Monday"),
        ];
        lists
            .into_iter()
            .find(|(_, names, count, _)| names.len() != *count)
            .map(|(key, names, count, first)| {
                (
                    key,
                    format!(
                        "[dates] {key} has {} names; it needs {count}, {first} first",
                        names.len()
                    ),
                )
            })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn english() -> DateWording {
        let names = |s: &str| s.split(' ').map(String::from).collect();
        DateWording {
            months: names(
                "January February March April May June July August September October November December",
            ),
            weekdays: names("Monday Tuesday Wednesday Thursday Friday Saturday Sunday"),
        }
    }

    #[test]
    fn dates_are_written_with_the_names() {
        let words = english();
        let date = |s: &str| IsoDate::parse(s).unwrap();
        assert_eq!(words.display(date("2026-11-01")), "1 November 2026");
        assert_eq!(words.display(date("2027-02-26")), "26 February 2027");
        assert_eq!(words.weekday(date("2027-02-26")), "Friday");
        assert_eq!(words.weekday(date("2027-02-28")), "Sunday");
        assert_eq!(words.weekday(date("2027-03-01")), "Monday");
        // Every day of a year, as strftime writes it in English.
        let mut day = date("2028-01-01").0;
        while day.year() == 2028 {
            assert_eq!(
                words.display(IsoDate(day)),
                day.strftime("%-d %B %Y").to_string()
            );
            assert_eq!(words.weekday(IsoDate(day)), day.strftime("%A").to_string());
            day = day.tomorrow().unwrap();
        }

        let mut other = english();
        other.months[1] = "Month 2".into();
        other.weekdays[4] = "Day 5".into();
        assert_eq!(other.display(date("2027-02-26")), "26 Month 2 2027");
        assert_eq!(other.weekday(date("2027-02-26")), "Day 5");
    }

    #[test]
    fn each_list_needs_all_its_names() {
        assert_eq!(english().problem(), None);
        let mut words = english();
        words.months.pop();
        assert_eq!(
            words.problem(),
            Some((
                "months",
                "[dates] months has 11 names; it needs 12, January first".to_string()
            ))
        );
        let mut words = english();
        words.weekdays.push("Funday".into());
        assert_eq!(words.problem().map(|p| p.0), Some("weekdays"));
    }
}
