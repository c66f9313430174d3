//! The planner's service levels and the bank holidays its working days skip.
//!
//! A service level names the services that promise it and may stand for an event other
//! timings count from (`marks:`); the bank-holiday list must be one date per day and
//! reach far enough ahead for the dates people will enter.

use super::{check_id, check_timing, duplicate};
use crate::content::Content;
use crate::diagnostic::{Code, Diagnostics};
use crate::model::{IsoDate, Unit};
use crate::suggest;
use std::collections::HashMap;

const DIVISIONS: [&str; 3] = crate::model::BankHolidays::DIVISIONS;

pub(super) fn check(content: &Content, today: IsoDate, diags: &mut Diagnostics) {
    check_service_levels(content, diags);
    check_bank_holidays(content, today, diags);
}

fn check_service_levels(content: &Content, diags: &mut Diagnostics) {
    let Some(p) = &content.planner else { return };
    let (src, levels) = (&p.source, &p.data.service_levels);
    let mut ids: HashMap<&str, String> = HashMap::new();
    let mut marked = HashMap::new();
    for (i, level) in levels.iter().enumerate() {
        let base = format!("service_levels[{i}]");
        let id_path = format!("{base}.id");
        check_id(src, &id_path, &level.id, diags);
        if let Some(first) = ids.insert(level.id.as_str(), id_path.clone()) {
            diags.push(duplicate(
                src,
                &id_path,
                "service level id",
                &level.id,
                &first,
            ));
        }
        check_timing(src, &format!("{base}.timing"), &level.timing, diags);
        if let Some(event) = level.marks {
            let path = format!("{base}.marks");
            if event == level.timing.anchor {
                diags.push(
                    src.report(
                        Code::InvalidTiming,
                        &path,
                        format!(
                            "this service level counts from {} and also marks it",
                            event.phrase()
                        ),
                    )
                    .with_help("a service level marks a later event than the one it counts from"),
                );
            } else if let Some(first) = marked.insert(event, path.clone()) {
                diags.push(
                    src.report(
                        Code::DuplicateId,
                        &path,
                        format!("two service levels mark {}", event.phrase()),
                    )
                    .with_help(format!(
                        "keep `marks: {}` on one of them (the first is on line {})",
                        event.key(),
                        src.value_pos(&first).line
                    )),
                );
            }
        }
        for (oi, slug) in level.offers.iter().enumerate() {
            if !content.offers.iter().any(|o| &o.slug == slug) {
                let help = suggest::help_for(slug, content.offers.iter().map(|o| o.slug.as_str()))
                    .unwrap_or_else(|| "name a file in content/offers/ without `.md`".into());
                diags.push(
                    src.report(
                        Code::UnknownReference,
                        &format!("{base}.offers[{oi}]"),
                        format!("unknown service `{slug}`"),
                    )
                    .with_help(help),
                );
            }
        }
    }
    // Marks that count from one another would never settle on a date.
    for (i, level) in levels.iter().enumerate() {
        let Some(start) = level.marks else { continue };
        let mut anchor = level.timing.anchor;
        for _ in 0..levels.len() {
            if anchor == start {
                diags.push(
                    src.report(
                        Code::Cycle,
                        &format!("service_levels[{i}].marks"),
                        format!(
                            "{} counts, through other service levels, from itself",
                            start.phrase()
                        ),
                    )
                    .with_help(
                        "one of these service levels must count from an event the reader enters",
                    ),
                );
                break;
            }
            match levels.iter().find(|l| l.marks == Some(anchor)) {
                Some(l) => anchor = l.timing.anchor,
                None => break,
            }
        }
    }
    let counts_working_days = levels.iter().any(|l| l.timing.unit == Unit::WorkingDays)
        || content
            .protocols
            .iter()
            .flat_map(|pr| pr.data.steps())
            .any(|(_, _, s)| s.timing.is_some_and(|t| t.unit == Unit::WorkingDays));
    if counts_working_days
        && content.bank_holidays.is_none()
        && !content
            .failed
            .iter()
            .any(|f| f.starts_with("bank-holidays."))
    {
        diags.push(
            src.report(
                Code::NoBankHolidays,
                "title",
                "the planner counts working days, but there is no list of bank holidays",
            )
            .with_help("add content/bank-holidays.yaml (see docs/content-format.md), or working days will skip weekends only"),
        );
    }
}

fn check_bank_holidays(content: &Content, today: IsoDate, diags: &mut Diagnostics) {
    let Some(b) = &content.bank_holidays else {
        return;
    };
    let (src, d) = (&b.source, &b.data);
    if !DIVISIONS.contains(&d.division.as_str()) {
        diags.push(
            src.report(
                Code::UnknownDivision,
                "division",
                format!("`{}` is not one of GOV.UK's divisions", d.division),
            )
            .with_help_opt(suggest::help_for(&d.division, DIVISIONS)),
        );
    }
    let mut seen: HashMap<IsoDate, String> = HashMap::new();
    for (i, h) in d.events.iter().enumerate() {
        let path = format!("events[{i}].date");
        if let Some(first) = seen.insert(h.date, path.clone()) {
            diags.push(
                src.report(
                    Code::DuplicateId,
                    &path,
                    format!("bank holiday date `{}` is used twice", h.date),
                )
                .with_help(format!(
                    "it is already on line {}: remove one of the two",
                    src.value_pos(&first).line
                )),
            );
        }
        if matches!(
            h.date.0.weekday(),
            jiff::civil::Weekday::Saturday | jiff::civil::Weekday::Sunday
        ) {
            diags.push(
                src.report(
                    Code::WeekendHoliday,
                    &path,
                    format!("{} ({}) falls on a weekend", h.date, h.title),
                )
                .with_help("a bank holiday on a weekend moves to a weekday (a substitute day): use GOV.UK's date"),
            );
        }
    }
    let year_ahead = today.0.saturating_add(jiff::Span::new().years(1));
    match d.last() {
        Some(last) if last.0 >= year_ahead => {}
        last => diags.push(
            src.report(
                Code::BankHolidaysEnding,
                "events",
                match last {
                    Some(last) => format!("the bank holidays end on {last}, less than a year from today"),
                    None => "there are no bank holidays".into(),
                },
            )
            .with_help("add next year's from https://www.gov.uk/bank-holidays; until then, working days after the last one skip weekends only"),
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::Diagnostics;
    use crate::load::{load_file, LoadOptions, Loaded};

    fn holidays(dir: &std::path::Path, yaml: &str) -> Content {
        std::fs::create_dir_all(dir.join("content")).unwrap();
        std::fs::write(dir.join("content/bank-holidays.yaml"), yaml).unwrap();
        let mut content = Content::default();
        match load_file(dir, "bank-holidays.yaml", LoadOptions::default()) {
            Some(Ok(loaded @ Loaded::BankHolidays(_))) => {
                assert!(loaded.put_into(&mut content).is_ok())
            }
            _ => panic!("did not load"),
        }
        content
    }

    fn codes(content: &Content, today: &str) -> Vec<&'static str> {
        let mut diags = Diagnostics::default();
        check_bank_holidays(content, IsoDate::parse(today).unwrap(), &mut diags);
        diags.sorted().into_iter().map(|d| d.code.name()).collect()
    }

    #[test]
    fn warns_when_the_bank_holidays_run_out_within_a_year() {
        let dir = tempfile::tempdir().unwrap();
        let c = holidays(
            dir.path(),
            "division: england-and-wales\nevents:\n  - { date: 2027-12-28, title: Boxing Day }\n",
        );
        assert!(codes(&c, "2026-11-26").is_empty());
        assert_eq!(codes(&c, "2027-01-02"), ["bank-holidays-ending"]);
    }

    #[test]
    fn rejects_a_repeated_date_and_warns_of_a_weekend_one() {
        let dir = tempfile::tempdir().unwrap();
        let c = holidays(
            dir.path(),
            "division: england-and-wales\nevents:\n  - { date: 2027-12-25, title: Christmas Day }\n  - { date: 2027-12-28, title: Boxing Day }\n  - { date: 2027-12-28, title: Boxing Day }\n",
        );
        assert_eq!(codes(&c, "2026-11-26"), ["weekend-holiday", "duplicate-id"]);
    }
}
