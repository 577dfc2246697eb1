//! The question prompt lists shipped with sonote (`templates/questions.*.toml`): questions
//! patients are glad to have asked, grouped by topic, for the questions tab to pick from.

use std::path::Path;

use serde::Deserialize;

use crate::config::Lang;
use crate::tomlfile::{self, FileError};

const PROMPTS_JA: &str = include_str!("../templates/questions.ja.toml");
const PROMPTS_EN: &str = include_str!("../templates/questions.en.toml");

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PromptList {
    pub topics: Vec<Topic>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Topic {
    pub title: String,
    pub questions: Vec<String>,
}

/// The list in one language. The embedded files are checked by a test, so this only fails
/// if a build embeds a broken file.
pub fn prompt_list(lang: Lang) -> Result<PromptList, FileError> {
    let (name, text) = match lang {
        Lang::Ja => ("templates/questions.ja.toml", PROMPTS_JA),
        Lang::En => ("templates/questions.en.toml", PROMPTS_EN),
    };
    tomlfile::parse(Path::new(name), text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_lists_parse_and_cover_the_same_topics() {
        let ja = prompt_list(Lang::Ja).unwrap();
        let en = prompt_list(Lang::En).unwrap();
        assert!(ja.topics.len() >= 7);
        assert_eq!(ja.topics.len(), en.topics.len());
        for (j, e) in ja.topics.iter().zip(&en.topics) {
            assert_eq!(j.questions.len(), e.questions.len(), "{}", j.title);
            assert!(!j.questions.is_empty());
            assert!(
                j.questions
                    .iter()
                    .chain(&e.questions)
                    .all(|q| !q.trim().is_empty())
            );
        }
    }
}
