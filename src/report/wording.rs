//! Small pieces of wording shared by the letter and its sections: dates as the template
//! writes them, "not recorded", labelled fields, phrases left empty.

use chrono::{Datelike, NaiveDate};

use crate::config::ScaleWords;

use super::document::Field;
use super::template::{ReportTemplate, fill};

/// The lines that have something to print: a phrase left empty in the template is left out.
pub(super) fn non_empty(lines: impl IntoIterator<Item = String>) -> Vec<String> {
    lines
        .into_iter()
        .filter(|line| !line.trim().is_empty())
        .collect()
}

pub(super) fn field(label: &str, value: String) -> Field {
    Field {
        label: label.to_string(),
        value,
    }
}

pub(super) fn recorded(value: &Option<String>, t: &ReportTemplate) -> String {
    value.clone().unwrap_or_else(|| t.text.not_recorded.clone())
}

/// A date as the template writes it.
pub fn date_text(t: &ReportTemplate, date: NaiveDate) -> String {
    const MONTHS: [&str; 12] = [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ];
    let month_name = MONTHS[date.month0() as usize];
    fill(
        &t.text.date,
        &[
            ("year", &date.year().to_string()),
            ("month", &date.month().to_string()),
            ("day", &date.day().to_string()),
            ("month_name", month_name),
            ("era", &era_year(date)),
        ],
    )
}

/// The Japanese era year (和暦), "令和8年"; the first year of an era is "元年".
/// Before the Meiji calendar reform (1873) the western year is given.
pub fn era_year(date: NaiveDate) -> String {
    let eras = [
        ((2019, 5, 1), "令和"),
        ((1989, 1, 8), "平成"),
        ((1926, 12, 25), "昭和"),
        ((1912, 7, 30), "大正"),
        ((1873, 1, 1), "明治"),
    ];
    for ((y, m, d), name) in eras {
        let Some(start) = NaiveDate::from_ymd_opt(y, m, d) else {
            continue;
        };
        if date >= start {
            // Meiji counts from 1868, though the solar calendar began in its sixth year.
            let first = if name == "明治" { 1868 } else { y };
            return match date.year() - first + 1 {
                1 => format!("{name}元年"),
                n => format!("{name}{n}年"),
            };
        }
    }
    format!("{}年", date.year())
}

/// What the wording of the sections draws on: the template, and the configuration's words
/// for the recommendation scale in the template's language.
pub(super) struct Words<'a> {
    pub(super) t: &'a ReportTemplate,
    pub(super) scale: &'a ScaleWords,
    /// The configuration asks for a shorter letter (`report.compact`).
    pub(super) compact: bool,
}

pub(super) fn split_paragraphs(text: &Option<String>) -> Vec<String> {
    let Some(text) = text else {
        return Vec::new();
    };
    text.split("\n\n")
        .map(|p| p.trim_matches('\n').to_string())
        .filter(|p| !p.trim().is_empty())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn era_years_follow_the_era_boundaries() {
        assert_eq!(era_year(date(2026, 11, 21)), "令和8年");
        assert_eq!(era_year(date(2019, 5, 1)), "令和元年");
        assert_eq!(era_year(date(2019, 4, 30)), "平成31年");
        assert_eq!(era_year(date(1989, 1, 7)), "昭和64年");
        assert_eq!(era_year(date(1962, 4, 18)), "昭和37年");
        assert_eq!(era_year(date(1926, 12, 24)), "大正15年");
        assert_eq!(era_year(date(1900, 1, 1)), "明治33年");
    }
}
