//! The rules of the eReferral and JP-CLINS guides that sonote checks on the document it
//! wrote: the fixed shape (codes, cardinalities, section order, references, uuids), which
//! the writer always meets, and the items a profile requires that come from the record or
//! the configuration, which a clinic may lack. The export writes the document whatever is
//! missing; `sonote check SESSION` and the export say which rules it breaks, and how to
//! mend each. Rule ids are the guides' own where they have one (R1012 ...).

use std::collections::HashSet;

use serde::Serialize;
use serde_json::Value;

use super::*;

/// Which guide asks for it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Scope {
    /// The eReferral profiles: any receiver of the document.
    EReferral,
    /// Only the national EHR sharing service (JP-CLINS) asks for it.
    Clins,
}

/// One rule.
pub struct Rule {
    pub id: &'static str,
    pub scope: Scope,
    /// What the guide requires.
    pub requirement: &'static str,
    /// What to record, and where, to meet it.
    pub fix: &'static str,
    holds: fn(&Doc) -> bool,
}

/// A rule the document does not meet.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Finding {
    pub rule: &'static str,
    pub scope: Scope,
    pub requirement: &'static str,
    pub fix: &'static str,
}

impl std::fmt::Display for Finding {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let scope = match self.scope {
            Scope::EReferral => "eReferral",
            Scope::Clins => "JP-CLINS",
        };
        write!(
            f,
            "{} ({scope}): {}; {}",
            self.rule, self.requirement, self.fix
        )
    }
}

/// The document's parts the rules look at.
struct Doc<'a> {
    bundle: &'a Value,
    composition: &'a Value,
    patient: &'a Value,
    sender: &'a Value,
    addressee: &'a Value,
    author: &'a Value,
    condition: Option<&'a Value>,
    encounter: &'a Value,
}

static NULL: Value = Value::Null;

impl<'a> Doc<'a> {
    fn new(bundle: &'a Value) -> Doc<'a> {
        let composition = &bundle["entry"][0]["resource"];
        let find = |reference: &Value| -> &'a Value {
            let Some(urn) = reference["reference"].as_str() else {
                return &NULL;
            };
            entries(bundle)
                .find(|e| e["fullUrl"] == urn)
                .map(|e| &e["resource"])
                .unwrap_or(&NULL)
        };
        let section = |code: &str| section(composition, code);
        let of_kind = |code: &str, kind: &str| -> &'a Value {
            section(code)
                .and_then(|s| s["entry"].as_array())
                .and_then(|refs| refs.iter().find(|r| r["type"] == kind))
                .map(find)
                .unwrap_or(&NULL)
        };
        Doc {
            bundle,
            composition,
            patient: find(&composition["subject"]),
            sender: find(&composition["custodian"]),
            addressee: of_kind("910", "Organization"),
            author: of_kind("920", "Practitioner"),
            condition: entries(bundle)
                .map(|e| &e["resource"])
                .find(|r| r["resourceType"] == "Condition"),
            encounter: find(&composition["encounter"]),
        }
    }
}

fn entries(bundle: &Value) -> impl Iterator<Item = &Value> {
    bundle["entry"].as_array().into_iter().flatten()
}

/// A section by code, at the top level or inside 300.
fn section<'a>(composition: &'a Value, code: &str) -> Option<&'a Value> {
    let top = composition["section"].as_array()?;
    let inner = top.iter().filter_map(|s| s["section"].as_array()).flatten();
    top.iter()
        .chain(inner)
        .find(|s| s["code"]["coding"][0]["code"] == code)
}

fn text(value: &Value) -> bool {
    value.as_str().is_some_and(|s| !s.trim().is_empty())
}

fn institution_number(organization: &Value) -> bool {
    organization["identifier"]
        .as_array()
        .into_iter()
        .flatten()
        .any(|id| {
            id["system"] == INSTITUTION_NO
                && id["value"]
                    .as_str()
                    .is_some_and(crate::config::is_institution_number)
        })
}

fn department(organization: &Value) -> bool {
    organization["extension"]
        .as_array()
        .into_iter()
        .flatten()
        .any(|e| e["url"] == EXT_DEPARTMENT && text(&e["valueCodeableConcept"]["text"]))
}

fn name_of<'a>(person: &'a Value, representation: &str) -> Option<&'a Value> {
    person["name"].as_array()?.iter().find(|name| {
        name["extension"]
            .as_array()
            .into_iter()
            .flatten()
            .any(|e| e["url"] == NAME_REPRESENTATION && e["valueCode"] == representation)
    })
}

fn insurance_ids(patient: &Value) -> Vec<&str> {
    patient["identifier"]
        .as_array()
        .into_iter()
        .flatten()
        .filter(|id| id["system"] == INSURANCE_MEMBER_ID)
        .filter_map(|id| id["value"].as_str())
        .collect()
}

/// R1013: `insurer:symbol:number:branch`: 8 digits; symbol and number without colons or
/// spaces (either may be empty); the branch empty or two digits.
pub(crate) fn is_insurance_id(value: &str) -> bool {
    let parts: Vec<&str> = value.split(':').collect();
    let plain = |s: &str| {
        !s.chars()
            .any(|c| c.is_whitespace() || c == '\u{3000}' || c == '^')
    };
    matches!(parts.as_slice(), [insurer, symbol, number, branch]
        if insurer.len() == 8 && insurer.bytes().all(|b| b.is_ascii_digit())
            && plain(symbol) && plain(number)
            && (branch.is_empty() || (branch.len() == 2 && branch.bytes().all(|b| b.is_ascii_digit()))))
}

/// The sections in the order the guide lists them.
fn section_codes(composition: &Value) -> Vec<String> {
    let mut codes = Vec::new();
    for s in composition["section"].as_array().into_iter().flatten() {
        codes.push(
            s["code"]["coding"][0]["code"]
                .as_str()
                .unwrap_or("")
                .to_string(),
        );
        for inner in s["section"].as_array().into_iter().flatten() {
            codes.push(format!(
                "300/{}",
                inner["code"]["coding"][0]["code"].as_str().unwrap_or("")
            ));
        }
    }
    codes
}

/// Every rule sonote checks, in the order a reader of the document meets them.
pub fn all() -> &'static [Rule] {
    RULES
}

/// The rules a bundle does not meet.
pub fn check(bundle: &Value) -> Vec<Finding> {
    let doc = Doc::new(bundle);
    RULES
        .iter()
        .filter(|rule| !(rule.holds)(&doc))
        .map(|rule| Finding {
            rule: rule.id,
            scope: rule.scope,
            requirement: rule.requirement,
            fix: rule.fix,
        })
        .collect()
}

mod table;
use table::RULES;
