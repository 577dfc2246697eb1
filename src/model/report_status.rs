//! Where the report of a session stands: when it was exported, where to, and when it was sent.
//!
//! The clerk's batch export picks the ended sessions whose report was never exported, and
//! the clerk marks a report sent once it left the hospital (handed over or mailed).

use chrono::SubsecRound;
use serde::{Deserialize, Serialize};

use super::clock::Timestamp;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct ReportStatus {
    /// The last export of the report to a file.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub exported_at: Option<Timestamp>,
    /// The file written by that export, as an absolute path when it could be made one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub exported_path: Option<String>,
    /// "docx", "md" or "json".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub exported_format: Option<String>,
    /// Every file the report was exported to, the last one included: exporting again may
    /// replace any of them (a docx, then a markdown for the chart, then the docx again).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub exported_paths: Vec<String>,
    /// What each export wrote, by file: `purge` removes a report file only while it is
    /// still what sonote wrote there for this session file.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub exported_files: Vec<ExportedFile>,
    /// When the report was handed over or mailed to the referring physician.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sent_at: Option<Timestamp>,
    /// The version of the confirmed record that was sent (none: sent unconfirmed).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sent_version: Option<u32>,
}

/// A report file as sonote wrote it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExportedFile {
    pub path: String,
    /// SHA-256 of the bytes written.
    pub sha256: String,
    /// The session file it was exported from (a copy of the data directory is another).
    pub session_file: String,
}

/// Why a report cannot be marked sent.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SendError {
    #[error("the report has not been exported yet")]
    NotExported,
}

impl ReportStatus {
    pub fn is_empty(&self) -> bool {
        *self == ReportStatus::default()
    }

    pub fn mark_exported(&mut self, at: Timestamp, path: String, format: &str) {
        if !self.exported_paths.contains(&path) {
            self.exported_paths.push(path.clone());
        }
        // Whole seconds, as every other time in the session file.
        self.exported_at = Some(at.trunc_subsecs(0));
        self.exported_path = Some(path);
        self.exported_format = Some(format.to_string());
    }

    /// Remember what an export wrote to its file (replacing what an earlier export wrote
    /// there).
    pub fn record_written(&mut self, file: ExportedFile) {
        self.exported_files.retain(|known| known.path != file.path);
        self.exported_files.push(file);
    }

    /// Whether the report was exported to this file before.
    pub(crate) fn was_exported_to(&self, path: &str) -> bool {
        self.exported_path.as_deref() == Some(path) || self.exported_paths.iter().any(|p| p == path)
    }

    /// Record the sending. A report is sent once: marking it again keeps the first time and
    /// returns false, so a clerk who presses twice does not rewrite the record.
    pub fn mark_sent(&mut self, at: Timestamp) -> Result<bool, SendError> {
        if self.exported_at.is_none() {
            return Err(SendError::NotExported);
        }
        if self.sent_at.is_some() {
            return Ok(false);
        }
        self.sent_at = Some(at.trunc_subsecs(0));
        Ok(true)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(text: &str) -> Timestamp {
        chrono::DateTime::parse_from_rfc3339(text).unwrap()
    }

    #[test]
    fn a_report_is_sent_only_after_export_and_only_once() {
        let mut status = ReportStatus::default();
        assert!(status.is_empty());
        assert_eq!(
            status.mark_sent(at("2026-11-21T11:00:00+09:00")),
            Err(SendError::NotExported)
        );
        status.mark_exported(at("2026-11-21T10:45:00+09:00"), "/r/a.docx".into(), "docx");
        status.mark_exported(at("2026-11-21T10:46:00+09:00"), "/r/a.md".into(), "md");
        assert!(status.was_exported_to("/r/a.docx") && status.was_exported_to("/r/a.md"));
        assert!(!status.was_exported_to("/r/b.docx"));
        assert_eq!(status.exported_path.as_deref(), Some("/r/a.md"));
        assert_eq!(status.mark_sent(at("2026-11-21T11:00:00+09:00")), Ok(true));
        assert_eq!(status.mark_sent(at("2026-11-22T09:00:00+09:00")), Ok(false));
        assert_eq!(status.sent_at, Some(at("2026-11-21T11:00:00+09:00")));
        assert!(!status.is_empty());
    }
}
