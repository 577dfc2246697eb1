//! Confirmation (確定) and correction (訂正) of the record. Once the specialist confirms it,
//! the session is read-only: a change needs a correction with a reason, and the next
//! confirmation makes the next version of the report (第2版, …), which lists the
//! corrections with the text they replaced.

use chrono::SubsecRound;
use serde::{Deserialize, Serialize};

use super::clock::Timestamp;

/// The record's confirmations and corrections, in order.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Record {
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub confirmations: Vec<Confirmation>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub corrections: Vec<Correction>,
}

/// One confirmation: the content confirmed is kept beside the session as
/// `<id>.v<version>.toml`, and `sha256` is its hash.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Confirmation {
    pub version: u32,
    pub at: Timestamp,
    pub by: String,
    pub sha256: String,
}

/// One correction: opened with its reason on a confirmed record; the confirmation after it
/// fills in what it changed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Correction {
    pub at: Timestamp,
    pub by: String,
    pub reason: String,
    /// The version it corrects.
    pub of_version: u32,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub changes: Vec<Corrected>,
}

/// A field a correction changed, with the text before and after.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Corrected {
    pub field: String,
    pub before: String,
    pub after: String,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum RecordError {
    #[error("the record is already confirmed (version {0}); a change needs a correction")]
    AlreadyConfirmed(u32),
    #[error("the record is not confirmed: it can still be changed without a correction")]
    NotConfirmed,
    #[error("a correction needs its reason")]
    NoReason,
}

impl Record {
    pub fn is_empty(&self) -> bool {
        *self == Record::default()
    }

    /// The version confirmed last (0: never confirmed).
    pub fn version(&self) -> u32 {
        self.confirmations.last().map_or(0, |c| c.version)
    }

    /// Confirmed, and no correction opened since: nothing may change.
    pub fn locked(&self) -> bool {
        self.confirmations.len() > self.corrections.len()
    }

    /// A correction is open: the record may change until it is confirmed again.
    pub fn correcting(&self) -> Option<&Correction> {
        match self.locked() {
            true => None,
            false => self.corrections.last(),
        }
    }

    /// Confirm the content whose hash is `sha256`; returns its version. `changed` gives
    /// what the open correction changed (from the last confirmed content to this one).
    pub fn confirm(
        &mut self,
        at: Timestamp,
        by: &str,
        sha256: String,
        changed: Vec<Corrected>,
    ) -> Result<u32, RecordError> {
        if self.locked() {
            return Err(RecordError::AlreadyConfirmed(self.version()));
        }
        if let Some(open) = self.corrections.last_mut() {
            open.changes = changed;
        }
        let version = self.version() + 1;
        self.confirmations.push(Confirmation {
            version,
            // Whole seconds, as every other time in the session file.
            at: at.trunc_subsecs(0),
            by: by.to_string(),
            sha256,
        });
        Ok(version)
    }

    /// Open a correction of the confirmed record, for `reason`.
    pub fn correct(&mut self, at: Timestamp, by: &str, reason: &str) -> Result<(), RecordError> {
        if !self.locked() {
            return Err(RecordError::NotConfirmed);
        }
        let reason = reason.trim();
        if reason.is_empty() {
            return Err(RecordError::NoReason);
        }
        self.corrections.push(Correction {
            at: at.trunc_subsecs(0),
            by: by.to_string(),
            reason: reason.to_string(),
            of_version: self.version(),
            changes: Vec::new(),
        });
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(minute: u32) -> Timestamp {
        chrono::DateTime::parse_from_rfc3339(&format!("2026-11-30T10:{minute:02}:00+09:00"))
            .unwrap()
    }

    #[test]
    fn confirm_lock_correct_and_confirm_again_make_version_two() {
        let mut record = Record::default();
        assert!(!record.locked());
        assert_eq!(
            record.correct(at(0), "山田", "誤記"),
            Err(RecordError::NotConfirmed)
        );
        assert_eq!(record.confirm(at(1), "山田", "a".into(), vec![]), Ok(1));
        assert!(record.locked());
        assert_eq!(
            record.confirm(at(2), "山田", "b".into(), vec![]),
            Err(RecordError::AlreadyConfirmed(1))
        );
        assert_eq!(
            record.correct(at(3), "山田", "  "),
            Err(RecordError::NoReason)
        );
        record.correct(at(3), "山田", "用量の誤記").unwrap();
        assert!(!record.locked());
        assert_eq!(record.correcting().unwrap().of_version, 1);
        let fixed = Corrected {
            field: "opinion.summary".into(),
            before: "10mg".into(),
            after: "1mg".into(),
        };
        assert_eq!(
            record.confirm(at(4), "山田", "c".into(), vec![fixed.clone()]),
            Ok(2)
        );
        assert!(record.locked());
        assert_eq!(record.corrections[0].changes, vec![fixed]);
        assert_eq!(record.version(), 2);
    }
}
