//! Configuration: the embedded `config/default.toml`, overlaid by the user's file (the
//! one named, else the machine's and the user's default files: `files.rs`).
//!
//! The user's file may set any subset of keys; it is merged over the embedded defaults
//! table by table, then checked. Every error names the file, the line and the key.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::model::opinion::{OptionalTreatment, Recommendation, TreatmentKind};
use crate::model::{ClockRules, FeeSchedule};
use crate::tomlfile::{self, FileError, Problem};

mod files;
mod zone;

pub(crate) use files::{default_files, init_text, user_file};
pub use zone::Zone;

pub const DEFAULT_CONFIG: &str = include_str!("../config/default.toml");
const EMBEDDED_NAME: &str = "<embedded config/default.toml>";

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    #[default]
    Ja,
    En,
}

impl Lang {
    /// The language's code, as the configuration writes it.
    pub fn code(self) -> &'static str {
        match self {
            Lang::Ja => "ja",
            Lang::En => "en",
        }
    }
}

/// The largest fee the configuration takes, in whole units of the currency (¥100,000,000).
pub const MAX_FEE: u64 = 100_000_000;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    pub institution: Institution,
    pub session: SessionConfig,
    pub fee: FeeSchedule,
    pub desk: DeskConfig,
    pub ui: UiConfig,
    /// Who works at this terminal (`--user` overrides it).
    #[serde(default)]
    pub user: UserConfig,
    pub report: ReportConfig,
    pub opinion: OpinionConfig,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Institution {
    pub name: String,
    pub address: String,
    /// The 10-digit insurance medical institution number (保険医療機関番号: prefecture 2,
    /// category 1, number 7), empty when not configured: the FHIR export's sender and the
    /// prefix of its document identifiers.
    #[serde(default)]
    pub number: String,
    /// The clinic's time zone, an IANA name ("Asia/Tokyo"): the report prints its times
    /// and dates there, whatever zone the computer that recorded them was set to.
    pub time_zone: String,
    /// `time_zone`, read when the configuration is.
    #[serde(skip)]
    pub zone: Zone,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SessionConfig {
    pub minutes: u32,
    pub extension_minutes: u32,
    pub extensions_allowed: u32,
    pub warn_minutes: Vec<u32>,
    pub bell: bool,
    pub suspend_gap_seconds: u32,
    pub autosave_ms: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DeskConfig {
    pub report_due_days: u32,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct UserConfig {
    /// The person the journal names for this terminal's changes; empty: the login name.
    pub name: String,
}

impl UserConfig {
    /// The name to record: the configured one, else the login name, else "unknown".
    pub fn name_or_login(&self) -> String {
        let configured = self.name.trim();
        if !configured.is_empty() {
            return configured.to_string();
        }
        ["USER", "LOGNAME", "USERNAME"]
            .iter()
            .find_map(|var| std::env::var(var).ok().filter(|v| !v.trim().is_empty()))
            .unwrap_or_else(|| "unknown".to_string())
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct UiConfig {
    pub language: Lang,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReportConfig {
    pub language: Lang,
    /// A hospital's own report template, used for the language it declares. A relative
    /// path is taken from the directory of the configuration file that names it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub template: Option<PathBuf>,
    /// A shorter letter: the questions left open only in their list, for each option only
    /// the reasoning (not the benefit, risks, reference and note), and the body set half a
    /// point smaller than the template's size.
    #[serde(default)]
    pub compact: bool,
}

/// The opinion tab: which optional treatment rows this hospital uses, and the words of the
/// recommendation scale in each language.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OpinionConfig {
    pub optional_options: Vec<OptionalTreatment>,
    pub scale: ScaleLanguages,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ScaleLanguages {
    pub ja: ScaleWords,
    pub en: ScaleWords,
}

/// The words of the recommendation scale, as the hospital wants them read.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ScaleWords {
    pub recommended: String,
    pub consider: String,
    pub not_recommended: String,
    pub not_discussed: String,
}

/// Wider words would spread the scale over more than two lines of an 80-column card.
const SCALE_WORD_MAX_WIDTH: usize = 20;

impl ScaleWords {
    pub(crate) fn word(&self, value: Recommendation) -> &str {
        match value {
            Recommendation::Recommended => &self.recommended,
            Recommendation::Consider => &self.consider,
            Recommendation::NotRecommended => &self.not_recommended,
            Recommendation::NotDiscussed => &self.not_discussed,
        }
    }

    fn fields(&self) -> [(&'static str, &str); 4] {
        [
            ("recommended", &self.recommended),
            ("consider", &self.consider),
            ("not_recommended", &self.not_recommended),
            ("not_discussed", &self.not_discussed),
        ]
    }
}

impl OpinionConfig {
    pub(crate) fn scale(&self, lang: Lang) -> &ScaleWords {
        match lang {
            Lang::Ja => &self.scale.ja,
            Lang::En => &self.scale.en,
        }
    }

    /// The optional rows switched on, as treatment kinds for the model.
    pub(crate) fn optional_kinds(&self) -> Vec<TreatmentKind> {
        self.optional_options
            .iter()
            .map(|&o| TreatmentKind::from(o))
            .collect()
    }

    fn validate(&self) -> Result<(), (String, String, Problem)> {
        for (i, option) in self.optional_options.iter().enumerate() {
            if self.optional_options[..i].contains(option) {
                let name = toml::Value::try_from(option)
                    .ok()
                    .and_then(|v| v.as_str().map(str::to_string))
                    .unwrap_or_default();
                return Err((
                    format!("opinion.optional_options[{i}]"),
                    "is listed twice".to_string(),
                    Problem::ListedTwice(name),
                ));
            }
        }
        for (lang, words) in [("ja", &self.scale.ja), ("en", &self.scale.en)] {
            let fields = words.fields();
            for (i, (key, word)) in fields.iter().enumerate() {
                let field = format!("opinion.scale.{lang}.{key}");
                let width = unicode_width::UnicodeWidthStr::width(word.trim());
                if width == 0 {
                    return Err((field, "must not be empty".to_string(), Problem::Empty));
                }
                if width > SCALE_WORD_MAX_WIDTH {
                    return Err((
                        field,
                        format!(
                            "is {width} columns wide; at most {SCALE_WORD_MAX_WIDTH} fit on a card"
                        ),
                        Problem::TooWide {
                            width,
                            max: SCALE_WORD_MAX_WIDTH,
                        },
                    ));
                }
                if let Some((other, _)) = fields[..i].iter().find(|(_, w)| w.trim() == word.trim())
                {
                    return Err((
                        field,
                        format!("is the same word as `{other}`"),
                        Problem::SameWordAs(other.to_string()),
                    ));
                }
            }
        }
        Ok(())
    }
}

impl Config {
    /// The embedded defaults. They are checked by a test, so this cannot fail at run time.
    pub fn embedded() -> Config {
        Self::from_text(Path::new(EMBEDDED_NAME), DEFAULT_CONFIG, false)
            .expect("the embedded default configuration is valid")
    }

    /// Load the user's file over the embedded defaults.
    pub fn load(path: &Path) -> Result<Config, FileError> {
        let text = crate::tomlfile::read_text(path)?;
        Self::from_text(path, &text, true)
    }

    /// `overlay_defaults` says whether `text` is a partial file to merge over the embedded defaults.
    fn from_text(path: &Path, text: &str, overlay_defaults: bool) -> Result<Config, FileError> {
        let user = tomlfile::parse_table(path, text)?;
        tomlfile::check_characters(path, text)?;
        let merged = match overlay_defaults {
            true => {
                let mut base = tomlfile::parse_table(Path::new(EMBEDDED_NAME), DEFAULT_CONFIG)?;
                merge(&mut base, user);
                base
            }
            false => user,
        };
        let mut config: Config = tomlfile::from_table(path, text, merged)?;
        config.validate(path, text)?;
        config.institution.zone =
            Zone::named(&config.institution.time_zone).map_err(|message| {
                FileError::at_field(path, text, "institution.time_zone", message)
                    .with(Problem::UnknownTimeZone)
            })?;
        if let Some(template) = &config.report.template
            && template.is_relative()
            && let Some(dir) = path.parent()
        {
            config.report.template = Some(dir.join(template));
        }
        Ok(config)
    }

    fn validate(&self, path: &Path, text: &str) -> Result<(), FileError> {
        let err = |field: &str, message: &str, problem: Problem| {
            Err(FileError::at_field(path, text, field, message).with(problem))
        };
        // A rule the faces can word in the user's language.
        let between = |field: &str, min: i64, max: i64| {
            Err(FileError::at_field(
                path,
                text,
                field,
                format!("must be between {min} and {max}"),
            )
            .with(Problem::Between { min, max }))
        };
        let s = &self.session;
        if !(1..=240).contains(&s.minutes) {
            return between("session.minutes", 1, 240);
        }
        if s.extension_minutes > 240 {
            return between("session.extension_minutes", 0, 240);
        }
        if s.extensions_allowed > 10 {
            return between("session.extensions_allowed", 0, 10);
        }
        if let Some(bad) = s.warn_minutes.iter().find(|&&m| m == 0 || m >= s.minutes) {
            return err(
                "session.warn_minutes",
                &format!(
                    "{bad} must be more than 0 and less than session.minutes ({})",
                    s.minutes
                ),
                Problem::WarnMinute {
                    value: *bad,
                    minutes: s.minutes,
                },
            );
        }
        // A fee far past any consultation's is a typo; and the total of the largest with
        // every extension must still be a number the screens can print.
        let fees = [
            ("fee.base", Some(self.fee.base)),
            ("fee.extension", Some(self.fee.extension)),
            ("fee.online", self.fee.online),
        ];
        for (field, fee) in fees {
            if fee.is_some_and(|fee| fee > MAX_FEE) {
                return err(
                    field,
                    &format!("must be at most {MAX_FEE} (whole units of the currency)"),
                    Problem::AtMost(MAX_FEE),
                );
            }
        }
        if !(50..=1000).contains(&s.autosave_ms) {
            return between("session.autosave_ms", 50, 1000);
        }
        if s.suspend_gap_seconds < 5 {
            return Err(FileError::at_field(
                path,
                text,
                "session.suspend_gap_seconds",
                "must be at least 5",
            )
            .with(Problem::AtLeast(5)));
        }
        if self.desk.report_due_days > 365 {
            return between("desk.report_due_days", 0, 365);
        }
        let currency = &self.fee.currency;
        if currency.len() != 3 || !currency.chars().all(|c| c.is_ascii_uppercase()) {
            return err(
                "fee.currency",
                "must be a three-letter code such as \"JPY\"",
                Problem::Currency,
            );
        }
        if !self.institution.number.is_empty() && !is_institution_number(&self.institution.number) {
            return err(
                "institution.number",
                "must be the 10-digit insurance medical institution number (2 digits for the \
                 prefecture, 1 for the category (1-3), 7 for the number), or empty",
                Problem::InstitutionNumber(self.institution.number.clone()),
            );
        }
        if let Err((field, message, problem)) = self.opinion.validate() {
            return err(&field, &message, problem);
        }
        Ok(())
    }

    pub fn clock_rules(&self) -> ClockRules {
        ClockRules {
            session_minutes: self.session.minutes,
            extension_minutes: self.session.extension_minutes,
            extensions_allowed: self.session.extensions_allowed,
        }
    }

    /// Where the configuration came from, for `sonote check` and error messages.
    pub(crate) fn source_name(path: Option<&PathBuf>) -> String {
        path.map(|p| p.display().to_string())
            .unwrap_or_else(|| EMBEDDED_NAME.to_string())
    }
}

/// Overlay `over` onto `base`: tables merge key by key, anything else replaces.
/// A 10-digit insurance medical institution number as JP-CLINS checks it (rule R1021):
/// prefecture `[0-4][0-9]`, category `[1-3]`, seven digits.
pub fn is_institution_number(text: &str) -> bool {
    let b = text.as_bytes();
    b.len() == 10
        && b.iter().all(u8::is_ascii_digit)
        && b[0] <= b'4'
        && (b'1'..=b'3').contains(&b[2])
}

fn merge(base: &mut toml::Table, over: toml::Table) {
    for (key, value) in over {
        match (base.get_mut(&key), value) {
            (Some(toml::Value::Table(base_table)), toml::Value::Table(over_table)) => {
                merge(base_table, over_table)
            }
            (_, value) => {
                base.insert(key, value);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn load_text(text: &str) -> Result<Config, FileError> {
        Config::from_text(Path::new("my.toml"), text, true)
    }

    #[test]
    fn embedded_defaults_are_valid_and_as_documented() {
        let config = Config::embedded();
        assert_eq!(config.session.minutes, 30);
        assert_eq!(config.session.extension_minutes, 30);
        assert_eq!(config.session.extensions_allowed, 1);
        assert_eq!(config.session.warn_minutes, vec![10, 5]);
        assert_eq!(config.fee.base, 5500);
        assert_eq!(config.ui.language, Lang::Ja);
    }

    #[test]
    fn a_partial_file_overrides_only_its_keys() {
        let config =
            load_text("[fee]\nbase = 33000\nonline = 44000\n[ui]\nlanguage = \"en\"\n").unwrap();
        assert_eq!(config.fee.base, 33000);
        assert_eq!(config.fee.online, Some(44000));
        assert_eq!(config.fee.extension, 5500);
        assert_eq!(config.ui.language, Lang::En);
        assert_eq!(config.session.minutes, 30);
    }

    #[test]
    fn a_bad_value_names_file_line_and_key() {
        let err = load_text("# mine\n[session]\nminutes = 0\n").unwrap_err();
        assert_eq!(
            err.to_string(),
            "my.toml:3: field `session.minutes`: must be between 1 and 240"
        );
    }

    #[test]
    fn a_wrong_type_names_file_line_and_key() {
        let err = load_text("[session]\n\nbell = \"yes\"\n").unwrap_err();
        assert_eq!(err.line, Some(3));
        assert_eq!(err.field.as_deref(), Some("session.bell"));
    }

    #[test]
    fn an_unknown_key_is_refused_with_its_line() {
        let err = load_text("[fee]\nbase = 1\nbse = 2\n").unwrap_err();
        assert_eq!(err.line, Some(3));
        assert_eq!(err.field.as_deref(), Some("fee.bse"));
    }

    #[test]
    fn an_unknown_language_is_refused() {
        let err = load_text("[ui]\nlanguage = \"fr\"\n").unwrap_err();
        assert_eq!(err.field.as_deref(), Some("ui.language"));
        assert_eq!(err.line, Some(2));
    }

    #[test]
    fn a_syntax_error_names_the_line() {
        let err = load_text("[ui]\nlanguage = \n").unwrap_err();
        assert_eq!(err.line, Some(2));
    }

    #[test]
    fn a_relative_report_template_is_found_beside_the_config_file() {
        let text = "[report]\ntemplate = \"templates/ours.toml\"\n";
        let config = Config::from_text(Path::new("/etc/sonote/config.toml"), text, true).unwrap();
        assert_eq!(
            config.report.template.as_deref(),
            Some(Path::new("/etc/sonote/templates/ours.toml"))
        );
        assert_eq!(Config::embedded().report.template, None);
    }

    #[test]
    fn the_opinion_defaults_show_the_core_rows_with_japanese_and_english_words() {
        let config = Config::embedded();
        assert!(config.opinion.optional_options.is_empty());
        assert_eq!(config.opinion.scale(Lang::Ja).recommended, "推奨");
        assert_eq!(config.opinion.scale(Lang::Ja).not_discussed, "言及なし");
        assert_eq!(
            config
                .opinion
                .scale(Lang::En)
                .word(Recommendation::NotRecommended),
            "Not recommended"
        );
    }

    #[test]
    fn optional_rows_and_scale_words_can_be_set() {
        let config = load_text(
            "[opinion]\noptional_options = [\"watchful_waiting\", \"clinical_trial\"]\n\
             [opinion.scale.ja]\nconsider = \"考慮\"\n",
        )
        .unwrap();
        assert_eq!(
            config.opinion.optional_kinds(),
            [TreatmentKind::WatchfulWaiting, TreatmentKind::ClinicalTrial]
        );
        assert_eq!(config.opinion.scale.ja.consider, "考慮");
        assert_eq!(
            config.opinion.scale.ja.recommended, "推奨",
            "the rest is kept"
        );
    }

    #[test]
    fn an_optional_row_must_be_one_of_the_allowed() {
        let err = load_text("[opinion]\noptional_options = [\"surgery\"]\n").unwrap_err();
        assert_eq!(err.field.as_deref(), Some("opinion.optional_options[0]"));
        assert_eq!(err.line, Some(2));
        assert!(err.message.contains("clinical_trial"), "{err}");
        assert!(err.message.contains("watchful_waiting"), "{err}");
    }

    #[test]
    fn an_optional_row_listed_twice_is_refused() {
        let err =
            load_text("[opinion]\noptional_options = [\"clinical_trial\", \"clinical_trial\"]\n")
                .unwrap_err();
        assert_eq!(
            err.to_string(),
            "my.toml:2: field `opinion.optional_options[1]`: is listed twice"
        );
    }

    #[test]
    fn scale_words_must_be_present_short_and_distinct() {
        let err = load_text("\n[opinion.scale.en]\nnot_discussed = \" \"\n").unwrap_err();
        assert_eq!(
            err.to_string(),
            "my.toml:3: field `opinion.scale.en.not_discussed`: must not be empty"
        );
        let err =
            load_text("[opinion.scale.ja]\nrecommended = \"強く推奨される標準的な治療法です\"\n")
                .unwrap_err();
        assert_eq!(err.field.as_deref(), Some("opinion.scale.ja.recommended"));
        assert_eq!(err.line, Some(2));
        let err = load_text("[opinion.scale.ja]\nconsider = \"推奨\"\n").unwrap_err();
        assert_eq!(
            err.to_string(),
            "my.toml:2: field `opinion.scale.ja.consider`: is the same word as `recommended`"
        );
    }

    #[test]
    fn an_unknown_scale_key_is_refused_with_its_line() {
        let err = load_text("[opinion.scale.ja]\nrecomended = \"推奨\"\n").unwrap_err();
        assert_eq!(err.field.as_deref(), Some("opinion.scale.ja.recomended"));
        assert_eq!(err.line, Some(2));
    }

    #[test]
    fn warnings_must_fit_in_the_session() {
        let err = load_text("[session]\nwarn_minutes = [10, 30]\n").unwrap_err();
        assert_eq!(err.field.as_deref(), Some("session.warn_minutes"));
    }
}
