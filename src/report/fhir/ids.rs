//! The FHIR document's identities: resource uuids, the document identifiers and the issue
//! time, all derived from the record so that the same session always gives the same bytes.

use chrono::{NaiveTime, Offset, SecondsFormat};
use uuid::Uuid;

use crate::report::Facts;

/// sonote's own UUID v5 namespace for FHIR resources (a random value fixed once): the
/// uuids of two programs never collide, and sonote's never change between versions.
const NAMESPACE: Uuid = Uuid::from_u128(0x3884_0c64_71f5_4a55_988b_482c_9ec8_f85d);

/// Names the resources of one session's document.
pub(super) struct Ids {
    /// The institution and the session: a session id is unique only within one clinic's
    /// data directory, so two clinics' documents must not share uuids.
    scope: String,
}

impl Ids {
    pub(super) fn new(facts: &Facts) -> Ids {
        let number = facts.institution.number.as_deref().unwrap_or_default();
        Ids {
            scope: format!("{number}/{}", facts.session_id),
        }
    }

    /// `urn:uuid:<v5 of the session and the resource>`: the entry's fullUrl, and what the
    /// other resources refer to it by.
    pub(super) fn urn(&self, resource: &str) -> String {
        let name = format!("{}/{resource}", self.scope);
        format!("urn:uuid:{}", Uuid::new_v5(&NAMESPACE, name.as_bytes()))
    }
}

/// The document's serial: the session id, kept to what JP-CLINS allows (36 characters of
/// ASCII letters, digits and hyphens, rule R2152).
pub(super) fn serial(session_id: &str) -> String {
    let serial: String = session_id
        .chars()
        .map(|c| match c {
            'A'..='Z' | 'a'..='z' | '0'..='9' | '-' => c,
            _ => '-',
        })
        .take(36)
        .collect();
    match serial.is_empty() {
        true => "0".to_string(),
        false => serial,
    }
}

/// `Bundle.identifier.value`: `<institution number>^<year>^<serial>` (R2152). The same for
/// every version of the document, so a receiver replaces the earlier one.
pub(super) fn bundle_identifier(facts: &Facts) -> String {
    identifier(facts, "^")
}

/// `Composition.identifier.value`: `<institution number>-<year>-<serial>`, as the guides'
/// examples join them.
pub(super) fn composition_identifier(facts: &Facts) -> String {
    identifier(facts, "-")
}

fn identifier(facts: &Facts, separator: &str) -> String {
    let number = facts.institution.number.as_deref().unwrap_or_default();
    let year = facts.report_date.format("%Y");
    format!(
        "{number}{separator}{year}{separator}{}",
        serial(&facts.session_id)
    )
}

/// When this version of the document was issued, from the record: its confirmation, else
/// the end of the consultation, else the start of the report's day in the zone of the
/// record's first time (a session never started has none: then UTC).
pub(super) fn issued(facts: &Facts) -> String {
    let at = facts
        .confirmed_at
        .or(facts.time.ended_at)
        .unwrap_or_else(|| {
            let offset = facts
                .time
                .started_at
                .map(|at| *at.offset())
                .unwrap_or(chrono::Utc.fix());
            let midnight = facts.report_date.and_time(NaiveTime::MIN);
            midnight
                .and_local_timezone(offset)
                .single()
                .unwrap_or_else(|| midnight.and_utc().fixed_offset())
        });
    at.to_rfc3339_opts(SecondsFormat::Secs, false)
}

/// The document's date (Composition.date, the issue event): `issued` when the record has
/// a time for it; before the consultation ended, only its day, which FHIR allows and the
/// guide's rule of a date to the second does not.
pub(super) fn document_date(facts: &Facts) -> String {
    match facts.confirmed_at.or(facts.time.ended_at) {
        Some(_) => issued(facts),
        None => facts.report_date.format("%Y-%m-%d").to_string(),
    }
}

/// The version the document carries: the record's confirmed version, 1 before the first
/// confirmation (a draft is the first issue); a corrected reissue is the next.
pub(super) fn version(facts: &Facts) -> String {
    facts.version.max(1).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_serial_keeps_only_letters_digits_and_hyphens_up_to_36() {
        assert_eq!(serial("2026-11-21-01"), "2026-11-21-01");
        assert_eq!(serial("a_b/c"), "a-b-c");
        assert_eq!(serial(&"x".repeat(50)).len(), 36);
        assert_eq!(serial(""), "0");
    }
}
