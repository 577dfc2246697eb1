//! Checking a file against its journal, as a third party would (`sonote verify`): the
//! lines chain, the states follow on from each other, and the file is a state the journal
//! reached.

use std::path::{Path, PathBuf};

use serde_json::Value;

use super::{Journal, Standing, change, hash, path_for, read, standing};

/// What is wrong, naming the file and the entry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Broken {
    pub file: PathBuf,
    /// The entry's number (its line), when one entry is at fault.
    pub entry: Option<u64>,
    pub why: Why,
}

/// What is wrong with a file and its journal, as facts the faces word.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Why {
    /// The journal cannot be read: the system's kind of error (None for a line that is
    /// not a journal entry), and its English words naming the file and the line.
    Unreadable(Option<std::io::ErrorKind>, String),
    /// The last line was cut short.
    Torn,
    /// The entry carries another number.
    Renumbered(u64),
    /// The entry is not chained to the line before it.
    Unchained,
    /// The file was changed outside sonote before this entry.
    ChangedBefore,
    /// The journal has entries, the file is gone.
    FileMissing,
    /// The file was changed outside sonote after this entry.
    ChangedAfter(usize),
    /// The entry's changes do not apply to the state before it.
    DoNotApply(String),
    /// Replayed from nothing, the journal does not give the file.
    ReplayDiffers,
    /// A confirmed version's copy is missing or changed.
    VersionChanged(u32),
}

/// In English, for logs and tests; the faces word it through `i18n::messages`.
impl std::fmt::Display for Why {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Why::Unreadable(_, err) => write!(f, "{err}"),
            Why::Torn => write!(
                f,
                "the last line was cut short (a crash while it was written)"
            ),
            Why::Renumbered(n) => write!(f, "numbered {n} (an entry was removed or moved)"),
            Why::Unchained => write!(
                f,
                "the line before it is not the one it was chained to (a line was changed, \
                 removed or inserted)"
            ),
            Why::ChangedBefore => {
                write!(f, "the file was changed outside sonote before this entry")
            }
            Why::FileMissing => write!(f, "the file is missing"),
            Why::ChangedAfter(n) => {
                write!(f, "the file was changed outside sonote after entry {n}")
            }
            Why::DoNotApply(why) => write!(f, "its changes do not apply: {why}"),
            Why::ReplayDiffers => write!(
                f,
                "the journal's changes, replayed, do not give the file's content"
            ),
            Why::VersionChanged(v) => {
                write!(f, "version {v} is missing or is not what was confirmed")
            }
        }
    }
}

impl std::fmt::Display for Broken {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.entry {
            Some(n) => write!(f, "{}: entry {n}: {}", self.file.display(), self.why),
            None => write!(f, "{}: {}", self.file.display(), self.why),
        }
    }
}

/// What a good check found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Checked {
    /// The file checked.
    pub file: PathBuf,
    pub entries: usize,
    /// Entries the file has not caught up with yet (a save cut short; the next read
    /// replays them).
    pub pending: usize,
}

/// Check `file` (None when it does not exist) against its journal. `parse` reads the
/// file's content as the journal records it, to replay a journal that starts from nothing
/// and compare its end with the file.
pub fn verify(
    file: &Path,
    bytes: Option<&[u8]>,
    parse: impl Fn(&[u8]) -> Option<Value>,
) -> Result<Checked, Broken> {
    let broken = |entry: Option<u64>, why: Why| Broken {
        file: file.to_path_buf(),
        entry,
        why,
    };
    let journal = read(&path_for(file)).map_err(|err| {
        let kind = match &err {
            super::JournalError::Io { err, .. } => Some(err.kind()),
            super::JournalError::Line { .. } => None,
        };
        broken(None, Why::Unreadable(kind, err.to_string()))
    })?;
    let Journal { entries, torn } = journal;
    if torn {
        let n = entries.len() as u64 + 1;
        return Err(broken(Some(n), Why::Torn));
    }
    let mut prev_line = String::new();
    let mut prev_to: Option<&str> = None;
    for (index, (entry, line_hash)) in entries.iter().enumerate() {
        let n = index as u64 + 1;
        if entry.n != n {
            return Err(broken(Some(n), Why::Renumbered(entry.n)));
        }
        if entry.prev != prev_line {
            return Err(broken(Some(n), Why::Unchained));
        }
        if let Some(prev_to) = prev_to
            && entry.from != prev_to
        {
            return Err(broken(Some(n), Why::ChangedBefore));
        }
        prev_line = line_hash.clone();
        prev_to = Some(&entry.to);
    }
    let Some(bytes) = bytes else {
        return match entries.is_empty() {
            true => Ok(Checked {
                file: file.to_path_buf(),
                entries: 0,
                pending: 0,
            }),
            false => Err(broken(None, Why::FileMissing)),
        };
    };
    let journal = Journal { entries, torn };
    let pending = match standing(&hash(bytes), &journal) {
        Standing::Current => 0,
        Standing::Behind { at } => journal.entries.len() - at,
        Standing::Unknown => {
            let last = journal.entries.len();
            return Err(broken(None, Why::ChangedAfter(last)));
        }
    };
    // A journal from the file's creation holds every change: replayed from nothing, it
    // must give the file's content (what the hashes claim, checked by content).
    if pending == 0
        && journal
            .entries
            .first()
            .is_some_and(|(e, _)| e.from.is_empty())
    {
        let mut replayed = Value::Null;
        for (entry, _) in &journal.entries {
            change::apply(&mut replayed, &entry.changes)
                .map_err(|change::Mismatch(why)| broken(Some(entry.n), Why::DoNotApply(why)))?;
        }
        if parse(bytes).is_some_and(|content| content != replayed) {
            return Err(broken(None, Why::ReplayDiffers));
        }
    }
    Ok(Checked {
        file: file.to_path_buf(),
        entries: journal.entries.len(),
        pending,
    })
}
