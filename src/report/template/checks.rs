//! Checking a report template when it is loaded: every mistake (a placeholder a phrase does
//! not take, a section listed twice, a font size out of range, a missing key) is named by
//! file, line and key, so rendering a report never fails on wording.

use std::path::{Path, PathBuf};

use super::phrase::{Piece, pieces};
use super::{ReportTemplate, TEMPLATE_FORMAT, section_name};
use crate::config::{Config, Lang};
use crate::tomlfile::{self, FileError, Problem};

const DATE_PARTS: &[&str] = &["year", "month", "day", "month_name", "era"];

impl ReportTemplate {
    /// What serde cannot check: the format, the sections, the fonts, the phrases that must
    /// say something, and the placeholders of every phrase.
    pub(super) fn validate(&self, path: &Path, text: &str) -> Result<(), FileError> {
        let err = |field: &str, message: String| FileError::at_field(path, text, field, message);
        if self.format > TEMPLATE_FORMAT {
            return Err(err(
                "format",
                format!(
                    "written for a newer sonote (format {}, this one reads {TEMPLATE_FORMAT})",
                    self.format
                ),
            )
            .with(Problem::NewerFormat {
                found: self.format,
                reads: TEMPLATE_FORMAT,
            }));
        }
        if self.format == 0 {
            return Err(err("format", format!("must be {TEMPLATE_FORMAT}"))
                .with(Problem::FormatMustBe(TEMPLATE_FORMAT)));
        }
        for (index, key) in self.sections.iter().enumerate() {
            if self.sections[..index].contains(key) {
                let name = section_name(*key);
                return Err(err("sections", format!("\"{name}\" is listed twice"))
                    .with(Problem::ListedTwice(name.to_string())));
            }
        }
        let fonts = [
            ("fonts.body", &self.fonts.body),
            ("fonts.heading", &self.fonts.heading),
            ("fonts.latin_body", &self.fonts.latin_body),
            ("fonts.latin_heading", &self.fonts.latin_heading),
        ];
        for (field, name) in fonts {
            if name.trim().is_empty() {
                return Err(err(field, "must name a font".into()).with(Problem::NoFont));
            }
        }
        if !(6.0..=24.0).contains(&self.fonts.size) {
            return Err(err("fonts.size", "must be between 6 and 24 points".into())
                .with(Problem::Between { min: 6, max: 24 }));
        }
        for (field, value) in [
            ("text.not_recorded", &self.text.not_recorded),
            ("text.no_answer", &self.text.no_answer),
        ] {
            if value.trim().is_empty() {
                return Err(err(field, "must not be empty".into()).with(Problem::Empty));
            }
        }
        for (field, value, allowed) in self.placeholder_rules() {
            if let Err(message) = check_placeholders(value, allowed) {
                let problem = unknown_placeholder(value, allowed);
                return Err(err(field, message).with(problem));
            }
        }
        Ok(())
    }

    /// Every phrase with the placeholders it accepts; any other `{name}` is a mistake.
    fn placeholder_rules(&self) -> Vec<(&'static str, &str, &'static [&'static str])> {
        let (t, h, l, v, m, o) = (
            &self.text,
            &self.headings,
            &self.labels,
            &self.values,
            &self.materials,
            &self.treatments,
        );
        let (x, e) = (&self.exclusions, &self.ecog);
        let none: &'static [&'static str] = &[];
        vec![
            ("letter.conclusion", &self.letter.conclusion, none),
            ("letter.open_questions", &self.letter.open_questions, none),
            (
                "letter.open_question",
                &self.letter.open_question,
                &["n", "text", "fate"],
            ),
            ("letter.family_note", &self.letter.family_note, none),
            ("letter.sex", &self.letter.sex, none),
            ("letter.female", &self.letter.female, none),
            ("letter.male", &self.letter.male, none),
            ("letter.other", &self.letter.other, none),
            ("letter.referral_date", &self.letter.referral_date, none),
            (
                "letter.addressee_address",
                &self.letter.addressee_address,
                &["address"],
            ),
            (
                "letter.time_line",
                &self.letter.time_line,
                &["started", "ended", "duration", "extension", "pauses"],
            ),
            ("text.title", &t.title, none),
            ("text.confidential", &t.confidential, none),
            ("text.date", &t.date, DATE_PARTS),
            (
                "text.addressee_institution",
                &t.addressee_institution,
                &["institution"],
            ),
            (
                "text.addressee_department",
                &t.addressee_department,
                &["department"],
            ),
            (
                "text.addressee_physician",
                &t.addressee_physician,
                &["physician"],
            ),
            ("text.addressee_unknown", &t.addressee_unknown, none),
            ("text.salutation", &t.salutation, &["physician"]),
            ("text.salutation_unknown", &t.salutation_unknown, none),
            ("text.thanks", &t.thanks, none),
            ("text.no_tests", &t.no_tests, none),
            ("text.closing", &t.closing, none),
            ("text.closing_word", &t.closing_word, none),
            ("text.signature_title", &t.signature_title, none),
            ("text.signature_line", &t.signature_line, none),
            ("text.not_recorded", &t.not_recorded, none),
            ("text.no_answer", &t.no_answer, none),
            ("text.page", &t.page, &["page", "pages"]),
            ("headings.patient", &h.patient, none),
            ("headings.consultation", &h.consultation, none),
            ("headings.attendees", &h.attendees, none),
            ("headings.materials", &h.materials, none),
            ("headings.time", &h.time, none),
            ("headings.questions", &h.questions, none),
            ("headings.findings", &h.findings, none),
            ("headings.opinion", &h.opinion, none),
            ("headings.summary", &h.summary, none),
            ("headings.memo", &h.memo, none),
            ("labels.name", &l.name, none),
            ("labels.date_of_birth", &l.date_of_birth, none),
            ("labels.hospital_id", &l.hospital_id, none),
            ("labels.consultation_date", &l.consultation_date, none),
            ("labels.specialist", &l.specialist, none),
            ("labels.department", &l.department, none),
            ("labels.mode", &l.mode, none),
            ("labels.referral_diagnosis", &l.referral_diagnosis, none),
            ("labels.referral_question", &l.referral_question, none),
            ("labels.started", &l.started, none),
            ("labels.ended", &l.ended, none),
            ("labels.duration", &l.duration, none),
            ("labels.extension", &l.extension, none),
            ("labels.pauses", &l.pauses, none),
            ("labels.question", &l.question, &["n"]),
            ("labels.answer", &l.answer, none),
            ("labels.option", &l.option, none),
            ("labels.assessment", &l.assessment, none),
            ("labels.notes", &l.notes, none),
            ("labels.eligibility", &l.eligibility, none),
            ("labels.referral_stage", &l.referral_stage, none),
            ("labels.diagnosis_view", &l.diagnosis_view, none),
            ("labels.own_diagnosis", &l.own_diagnosis, none),
            ("labels.performance_status", &l.performance_status, none),
            ("labels.patient_wishes", &l.patient_wishes, none),
            ("labels.drug_classes", &l.drug_classes, none),
            ("labels.reasoning", &l.reasoning, none),
            ("labels.benefit", &l.benefit, none),
            ("labels.risks", &l.risks, none),
            ("labels.reference", &l.reference, none),
            ("labels.treatment_note", &l.treatment_note, none),
            ("labels.plan_agreement", &l.plan_agreement, none),
            ("labels.summary", &l.summary, none),
            ("labels.suggestions", &l.suggestions, none),
            ("labels.opinion_note", &l.opinion_note, none),
            ("values.in_person", &v.in_person, none),
            ("values.online", &v.online, none),
            ("values.hybrid", &v.hybrid, none),
            (
                "values.name_with_kana",
                &v.name_with_kana,
                &["name", "kana"],
            ),
            ("values.date_of_birth", &v.date_of_birth, &["date", "age"]),
            ("values.minutes", &v.minutes, &["minutes"]),
            ("values.extension", &v.extension, &["minutes", "count"]),
            ("values.no_extension", &v.no_extension, none),
            ("values.pauses", &v.pauses, &["minutes", "count"]),
            ("values.no_pauses", &v.no_pauses, none),
            ("values.asked_by", &v.asked_by, &["who"]),
            ("values.attendee", &v.attendee, &["name", "relationship"]),
            ("values.patient_self", &v.patient_self, none),
            ("values.patient_absent", &v.patient_absent, none),
            ("values.material", &v.material, &["kind", "medium"]),
            (
                "values.material_described",
                &v.material_described,
                &["kind", "medium", "description"],
            ),
            ("values.asker_patient", &v.asker_patient, none),
            ("values.asker_companion", &v.asker_companion, none),
            ("values.asker_specialist", &v.asker_specialist, none),
            ("values.question_not_asked", &v.question_not_asked, none),
            ("values.question_skipped", &v.question_skipped, none),
            ("values.question_for_primary", &v.question_for_primary, none),
            ("values.answered_unrecorded", &v.answered_unrecorded, none),
            ("values.separator", &v.separator, none),
            ("values.diagnosis_agrees", &v.diagnosis_agrees, none),
            ("values.diagnosis_differs", &v.diagnosis_differs, none),
            (
                "values.performance_status",
                &v.performance_status,
                &["grade", "description"],
            ),
            ("values.plan_agrees", &v.plan_agrees, none),
            ("values.plan_partly_differs", &v.plan_partly_differs, none),
            ("values.plan_differs", &v.plan_differs, none),
            (
                "values.plan_differences",
                &v.plan_differences,
                &["differences"],
            ),
            (
                "values.eligibility_override",
                &v.eligibility_override,
                &["missing", "reason"],
            ),
            ("values.missing_referral", &v.missing_referral, none),
            ("values.missing_consent", &v.missing_consent, none),
            ("values.missing_relationship", &v.missing_relationship, none),
            ("values.missing_declined", &v.missing_declined, &["reason"]),
            ("materials.blood_test", &m.blood_test, none),
            ("materials.ultrasound", &m.ultrasound, none),
            ("materials.x_ray", &m.x_ray, none),
            ("materials.ct", &m.ct, none),
            ("materials.mri", &m.mri, none),
            ("materials.pathology", &m.pathology, none),
            ("materials.other", &m.other, none),
            ("materials.film", &m.film, none),
            ("materials.cd_r", &m.cd_r, none),
            ("materials.paper", &m.paper, none),
            ("treatments.surgery", &o.surgery, none),
            ("treatments.drug_therapy", &o.drug_therapy, none),
            ("treatments.radiation", &o.radiation, none),
            ("treatments.palliative_care", &o.palliative_care, none),
            ("treatments.clinical_trial", &o.clinical_trial, none),
            ("treatments.watchful_waiting", &o.watchful_waiting, none),
            ("treatments.chemotherapy", &o.chemotherapy, none),
            ("treatments.targeted_therapy", &o.targeted_therapy, none),
            ("treatments.immunotherapy", &o.immunotherapy, none),
            ("treatments.hormone_therapy", &o.hormone_therapy, none),
            (
                "exclusions.not_patient_or_family",
                &x.not_patient_or_family,
                none,
            ),
            (
                "exclusions.family_without_consent",
                &x.family_without_consent,
                none,
            ),
            (
                "exclusions.wants_treatment_here",
                &x.wants_treatment_here,
                none,
            ),
            (
                "exclusions.complaint_or_litigation",
                &x.complaint_or_litigation,
                none,
            ),
            ("exclusions.patient_deceased", &x.patient_deceased, none),
            (
                "exclusions.primary_physician_not_agreed",
                &x.primary_physician_not_agreed,
                none,
            ),
            ("exclusions.no_specialist", &x.no_specialist, none),
            ("ecog.grade_0", &e.grade_0, none),
            ("ecog.grade_1", &e.grade_1, none),
            ("ecog.grade_2", &e.grade_2, none),
            ("ecog.grade_3", &e.grade_3, none),
            ("ecog.grade_4", &e.grade_4, none),
        ]
    }
}

/// serde reports a missing key against its table (`labels`, "missing field `answer`");
/// name the key itself (`labels.answer`), keeping the table's line, which is where it belongs.
pub(super) fn name_missing_key(mut err: FileError, text: &str) -> FileError {
    let missing = err
        .message
        .strip_prefix("missing field `")
        .and_then(|rest| rest.split('`').next())
        .map(str::to_string);
    if let Some(key) = missing {
        let table = err.field.take().filter(|t| t != ".").unwrap_or_default();
        let field = if table.is_empty() {
            key
        } else {
            format!("{table}.{key}")
        };
        if table.is_empty() {
            err.line = None;
        } else if err.line.is_none() {
            err.line = tomlfile::line_of_field(text, &table);
        }
        err.field = Some(field);
    }
    err
}

/// The first placeholder of `phrase` that is not `allowed`, as facts (`Braces` when the
/// phrase's braces themselves are wrong).
fn unknown_placeholder(phrase: &str, allowed: &[&str]) -> Problem {
    let Ok(pieces) = pieces(phrase) else {
        return Problem::Braces;
    };
    let unknown = pieces.into_iter().find_map(|piece| match piece {
        Piece::Slot(name) if !allowed.contains(&name) => Some(name.to_string()),
        _ => None,
    });
    match unknown {
        Some(name) => Problem::UnknownPlaceholder(Box::new((
            name,
            allowed.iter().map(|a| format!("{{{a}}}")).collect(),
        ))),
        None => Problem::Other,
    }
}

fn check_placeholders(phrase: &str, allowed: &[&str]) -> Result<(), String> {
    for piece in pieces(phrase)? {
        if let Piece::Slot(name) = piece
            && !allowed.contains(&name)
        {
            return Err(if allowed.is_empty() {
                format!("{{{name}}} is not known here (this phrase takes no placeholder)")
            } else {
                let list = allowed
                    .iter()
                    .map(|a| format!("{{{a}}}"))
                    .collect::<Vec<_>>()
                    .join(", ");
                format!("{{{name}}} is not known here (known: {list})")
            });
        }
    }
    Ok(())
}

/// Check the report templates a configuration uses, for `sonote check`: the configured
/// one if any (the built-in ones are checked by the tests). Returns the file checked and
/// the language it declares, for the faces to word.
pub fn check(config: &Config) -> Result<Option<(PathBuf, Lang)>, FileError> {
    match &config.report.template {
        None => Ok(None),
        Some(path) => {
            let template = ReportTemplate::load(path)?;
            Ok(Some((path.clone(), template.language)))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::{REPORT_EN, REPORT_JA};
    use super::*;

    fn load(text: &str) -> Result<ReportTemplate, FileError> {
        ReportTemplate::from_text(Path::new("ours.toml"), text)
    }

    /// The template without the lines for which `drop` is true.
    fn without(text: &str, mut drop: impl FnMut(&str) -> bool) -> String {
        text.lines()
            .filter(|l| !drop(l))
            .map(|l| format!("{l}\n"))
            .collect()
    }

    #[test]
    fn an_unknown_key_names_file_line_and_key() {
        let text = REPORT_JA.replace("[labels]\n", "[labels]\nnmae = \"x\"\n");
        let err = load(&text).unwrap_err();
        assert_eq!(err.field.as_deref(), Some("labels.nmae"));
        let line = text.lines().position(|l| l.starts_with("nmae")).unwrap() + 1;
        assert_eq!(err.line, Some(line));
        assert!(err.to_string().starts_with(&format!("ours.toml:{line}: ")));
    }

    #[test]
    fn a_missing_key_is_named_with_its_table() {
        let text = without(REPORT_JA, |l| l.starts_with("answer ="));
        let err = load(&text).unwrap_err();
        assert_eq!(err.field.as_deref(), Some("labels.answer"));
        let table_line = text.lines().position(|l| l == "[labels]").unwrap() + 1;
        assert_eq!(err.line, Some(table_line));
    }

    #[test]
    fn an_unknown_placeholder_names_its_key_and_line() {
        let text = REPORT_EN.replace("Dr. {physician}\"", "Dr. {doctor}\"");
        let err = load(&text).unwrap_err();
        assert_eq!(err.field.as_deref(), Some("text.addressee_physician"));
        assert!(err.message.contains("{doctor}"), "{}", err.message);
        assert!(err.message.contains("{physician}"), "{}", err.message);
        let line = text
            .lines()
            .position(|l| l.starts_with("addressee_physician"))
            .unwrap()
            + 1;
        assert_eq!(err.line, Some(line));
    }

    #[test]
    fn the_opinion_and_eligibility_phrases_are_checked_too() {
        let text = REPORT_JA.replace("理由：{reason}\"", "理由：{why}\"");
        let err = load(&text).unwrap_err();
        assert_eq!(err.field.as_deref(), Some("values.eligibility_override"));
        assert!(
            err.message.contains("{missing}, {reason}"),
            "{}",
            err.message
        );
        let text = REPORT_EN.replace("{grade}: {description}", "{grade}: {text}");
        let err = load(&text).unwrap_err();
        assert_eq!(err.field.as_deref(), Some("values.performance_status"));
        let text = without(REPORT_EN, |l| l.starts_with("hormone_therapy ="));
        let err = load(&text).unwrap_err();
        assert_eq!(err.field.as_deref(), Some("treatments.hormone_therapy"));
    }

    #[test]
    fn the_exclusion_and_ecog_words_are_checked_and_an_older_template_keeps_the_built_in_ones() {
        // A template written before these tables existed gets the built-in words of its
        // language (its reports printed them then); a table half written is refused.
        let mut in_new_table = false;
        let old = without(REPORT_EN, |l| {
            if l.starts_with('[') {
                in_new_table = l == "[exclusions]" || l == "[ecog]";
            }
            in_new_table
        });
        let template = load(&old).unwrap();
        let built_in = ReportTemplate::embedded(Lang::En);
        assert_eq!(template.exclusions, built_in.exclusions);
        assert_eq!(template.ecog, built_in.ecog);

        let text = without(REPORT_JA, |l| l.starts_with("grade_3 ="));
        let err = load(&text).unwrap_err();
        assert_eq!(err.field.as_deref(), Some("ecog.grade_3"));
        let table_line = text.lines().position(|l| l == "[ecog]").unwrap() + 1;
        assert_eq!(err.line, Some(table_line));

        let text = REPORT_JA.replace("no_specialist = \"", "no_specialist = \"{area}");
        let err = load(&text).unwrap_err();
        assert_eq!(err.field.as_deref(), Some("exclusions.no_specialist"));
        assert!(
            err.message.contains("takes no placeholder"),
            "{}",
            err.message
        );
        let line = text
            .lines()
            .position(|l| l.starts_with("no_specialist"))
            .unwrap()
            + 1;
        assert_eq!(err.line, Some(line));

        let text = REPORT_EN.replace("[ecog]\n", "[ecog]\ngrade_5 = \"Dead\"\n");
        let err = load(&text).unwrap_err();
        assert_eq!(err.field.as_deref(), Some("ecog.grade_5"));
    }

    #[test]
    fn an_unknown_or_repeated_section_is_refused() {
        let text = REPORT_JA.replace("\"overview\"]", "\"overveiw\"]");
        let err = load(&text).unwrap_err();
        assert_eq!(err.field.as_deref(), Some("sections[7]"));
        assert_eq!(
            err.line,
            Some(
                text.lines()
                    .position(|l| l.starts_with("sections"))
                    .unwrap()
                    + 1
            )
        );

        let text = REPORT_JA.replace("\"overview\"]", "\"patient\"]");
        let err = load(&text).unwrap_err();
        assert_eq!(err.field.as_deref(), Some("sections"));
        assert!(err.message.contains("\"patient\" is listed twice"));
    }

    #[test]
    fn a_syntax_error_names_the_line() {
        let text = REPORT_JA.replace("title = \"セカンド", "title = セカンド");
        let err = load(&text).unwrap_err();
        let line = text.lines().position(|l| l.starts_with("title")).unwrap() + 1;
        assert_eq!(err.line, Some(line));
    }

    #[test]
    fn font_size_and_format_are_checked() {
        let err = load(&REPORT_JA.replace("size = 10.5", "size = 100")).unwrap_err();
        assert_eq!(err.field.as_deref(), Some("fonts.size"));
        let err = load(&REPORT_JA.replace("format = 1", "format = 2")).unwrap_err();
        assert_eq!(err.field.as_deref(), Some("format"));
        assert!(err.message.contains("newer sonote"));
    }
}
