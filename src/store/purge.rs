//! Removing a session for good (`sonote purge`): its files, and the report files it
//! exported only while they are still what sonote wrote there for this session file: not
//! one replaced by another session's report, not one the clerk edited and signed in Word,
//! not one exported from another copy of the data directory.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use super::{Store, UpdateError, journal, load_main, lock_path, part_path, try_lock};
use crate::model::Session;

/// What purging a session removes, and what it leaves, with why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PurgePlan {
    pub remove: Vec<PathBuf>,
    pub keep: Vec<(PathBuf, Kept)>,
}

/// Why an exported report is left where it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Kept {
    /// Exported by an earlier sonote, which did not record what it wrote.
    NoRecord,
    /// Exported from another session file (another copy of the data directory).
    OtherCopy(String),
    /// Its content is not what was exported (edited, or another export replaced it).
    Changed,
}

impl std::fmt::Display for Kept {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Kept::NoRecord => write!(f, "no record of what was written there"),
            Kept::OtherCopy(from) => write!(f, "exported from another session file ({from})"),
            Kept::Changed => write!(f, "changed since it was exported"),
        }
    }
}

impl Store {
    /// What purging the session at `path` would remove and keep.
    pub(crate) fn purge_plan(&self, path: &Path) -> Result<PurgePlan, UpdateError> {
        let session = load_main(path).map_err(UpdateError::File)?;
        Ok(plan(path, &session))
    }

    /// Remove a session for good: its file, the companion's part, the journals, its lock,
    /// and the report files the plan says are still ours. Refused while the session is
    /// open on a terminal. Returns the plan carried out.
    pub(crate) fn purge(&self, path: &Path) -> Result<PurgePlan, UpdateError> {
        let lock = try_lock(path)
            .map_err(UpdateError::Io)?
            .ok_or(UpdateError::Busy)?;
        let mut plan = self.purge_plan(path)?;
        let mut removed = Vec::new();
        for file in plan.remove {
            match fs::remove_file(&file) {
                Ok(()) => removed.push(file),
                Err(err) if err.kind() == io::ErrorKind::NotFound => {}
                Err(err) => return Err(UpdateError::Io(err)),
            }
        }
        plan.remove = removed;
        drop(lock);
        let _ = fs::remove_file(lock_path(path));
        // The listing cache holds the patient's name too.
        self.forget_listed(path).map_err(UpdateError::Io)?;
        Ok(plan)
    }
}

fn plan(path: &Path, session: &Session) -> PurgePlan {
    let mut plan = PurgePlan {
        remove: Vec::new(),
        keep: Vec::new(),
    };
    let this_file = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    let report = &session.report;
    let mut exported: Vec<&str> = report.exported_paths.iter().map(String::as_str).collect();
    exported.extend(report.exported_path.as_deref());
    exported.sort_unstable();
    exported.dedup();
    for out in exported {
        let out_path = PathBuf::from(out);
        let Ok(bytes) = fs::read(&out_path) else {
            continue;
        };
        let written = report.exported_files.iter().find(|f| f.path == out);
        let kept = match written {
            None => Some(Kept::NoRecord),
            Some(w) if Path::new(&w.session_file) != this_file => {
                Some(Kept::OtherCopy(w.session_file.clone()))
            }
            Some(w) if journal::hash(&bytes) != w.sha256 => Some(Kept::Changed),
            Some(_) => None,
        };
        match kept {
            Some(why) => plan.keep.push((out_path, why)),
            None => plan.remove.push(out_path),
        }
    }
    let part = part_path(path);
    let desk = super::desk_part_path(path);
    let own = [
        desk.clone(),
        journal::path_for(&desk),
        lock_path(&desk),
        part.clone(),
        journal::path_for(&part),
        lock_path(&part),
        path.to_path_buf(),
        journal::path_for(path),
    ];
    let versions = session
        .record
        .confirmations
        .iter()
        .map(|confirmed| super::version_path(path, confirmed.version));
    plan.remove
        .extend(own.into_iter().chain(versions).filter(|file| file.exists()));
    plan
}
