//! The journal beside each file sonote writes: who changed what, and when, appended one
//! line per save and never rewritten. `<id>.journal` records the session file,
//! `<id>.companion.journal` the companion's part.
//!
//! Each line is a JSON [`Entry`]: its number, time, author, the edits ([`change`]), the
//! SHA-256 of the file before and after, and the SHA-256 of the line before it. So a third
//! party can check that nothing was left out or rewritten (`sonote verify`), and that the
//! file is the journal's last state.
//!
//! The journal also carries the crash guarantee: a line is appended (one `write`, no
//! fsync) before the slow synced save of the file, so after a kill the file may be behind
//! and reading it replays the lines it lacks ([`catch_up`]).

pub mod change;
pub mod check;

use std::fs::{self, File, OpenOptions};
use std::io::{self, Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use serde_json::Value;
use sha2::{Digest, Sha256};

use crate::model::Timestamp;
use change::Change;

/// Who made a change: a person (`--user`, the configuration, or the login name) and the
/// role they made it in.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Author {
    pub name: String,
    pub role: String,
}

impl Author {
    pub fn new(name: &str, role: &str) -> Author {
        Author {
            name: name.to_string(),
            role: role.to_string(),
        }
    }
}

/// One line of the journal.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Entry {
    /// 1, 2, 3, ... with no gaps.
    pub n: u64,
    pub at: Timestamp,
    pub by: Author,
    /// SHA-256 of the line before this one, as written (empty on the first line).
    pub prev: String,
    /// SHA-256 of the file before this change (empty when there was no file).
    pub from: String,
    /// SHA-256 of the file after it.
    pub to: String,
    pub changes: Vec<Change>,
}

/// The journal that belongs beside a file: its extension replaced by `journal`.
pub fn path_for(file: &Path) -> PathBuf {
    file.with_extension("journal")
}

/// SHA-256 in lower-case hex.
pub fn hash(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// A journal as read: its entries with each line's hash, and whether it ended in a line
/// cut short (a crash in the middle of an append), which is left out.
#[derive(Debug, Default)]
pub struct Journal {
    pub entries: Vec<(Entry, String)>,
    pub torn: bool,
}

/// Why a journal cannot be trusted, naming the line.
#[derive(Debug, thiserror::Error)]
pub enum JournalError {
    #[error("{path}: {err}")]
    Io { path: PathBuf, err: io::Error },
    #[error("{path}, line {line}: {message}")]
    Line {
        path: PathBuf,
        line: usize,
        message: String,
    },
}

/// Read a journal; an absent one is empty. Every line must parse, except a last line
/// without its newline (an append cut short).
pub fn read(path: &Path) -> Result<Journal, JournalError> {
    let io_err = |err| JournalError::Io {
        path: path.to_path_buf(),
        err,
    };
    let text = match crate::tomlfile::read_regular(path) {
        Ok(bytes) => bytes,
        Err(err) if err.kind() == io::ErrorKind::NotFound => return Ok(Journal::default()),
        Err(err) => return Err(io_err(err)),
    };
    let mut journal = Journal::default();
    for (index, line) in text.split_inclusive(|b| *b == b'\n').enumerate() {
        let number = index + 1;
        let Some(line) = line.strip_suffix(b"\n") else {
            journal.torn = true;
            break;
        };
        let entry: Entry = serde_json::from_slice(line).map_err(|err| JournalError::Line {
            path: path.to_path_buf(),
            line: number,
            message: err.to_string(),
        })?;
        journal.entries.push((entry, hash(line)));
    }
    Ok(journal)
}

/// The last complete line of a journal, read from its end (the journal grows all day; a
/// reader of the session needs only its last state), or None when there is none.
fn last_entry(path: &Path) -> io::Result<Option<Entry>> {
    let (mut file, meta) = match crate::tomlfile::open_regular(path)? {
        Some(opened) => opened,
        None => return Ok(None),
    };
    let len = meta.len();
    let mut window = 16 * 1024u64;
    loop {
        let start = len.saturating_sub(window);
        file.seek(SeekFrom::Start(start))?;
        let mut tail = Vec::new();
        file.read_to_end(&mut tail)?;
        // Complete lines only: a torn last line ends without a newline.
        let complete = match tail.iter().rposition(|b| *b == b'\n') {
            Some(end) => &tail[..end],
            None if start == 0 => return Ok(None),
            None => {
                window *= 4;
                continue;
            }
        };
        match complete.iter().rposition(|b| *b == b'\n') {
            Some(newline) => return Ok(serde_json::from_slice(&complete[newline + 1..]).ok()),
            None if start == 0 => return Ok(serde_json::from_slice(complete).ok()),
            None => window *= 4,
        }
    }
}

/// Where a file stands against its journal.
#[derive(Debug)]
pub enum Standing {
    /// The file is the journal's last state (or there is no journal).
    Current,
    /// The file is the state after entry `at` (0: before the first); the later entries'
    /// changes bring it up to date.
    Behind { at: usize },
    /// The file is no state the journal knows: it was changed outside sonote (or the
    /// journal was cut).
    Unknown,
}

pub fn standing(file_hash: &str, journal: &Journal) -> Standing {
    let Some((last, _)) = journal.entries.last() else {
        return Standing::Current;
    };
    if last.to == file_hash {
        return Standing::Current;
    }
    let after = journal.entries.iter().rposition(|(e, _)| e.to == file_hash);
    match after {
        Some(index) => Standing::Behind { at: index + 1 },
        None if journal.entries[0].0.from == file_hash => Standing::Behind { at: 0 },
        None => Standing::Unknown,
    }
}

/// The entries a file lacks, when the journal is ahead of it (a save cut short by a
/// crash): applied in order to the file's content, they bring it to the journal's last
/// state. None when the file is current, or unknown to the journal (taken as it is; then
/// `verify` says why), or the journal cannot be read.
pub fn missing_from(file: &Path, file_bytes: &[u8]) -> io::Result<Option<Vec<Entry>>> {
    let journal_path = path_for(file);
    // The ordinary case, cheaply: no journal, or the file is its last line's state.
    let Some(last) = last_entry(&journal_path)? else {
        return Ok(None);
    };
    let file_hash = hash(file_bytes);
    if last.to == file_hash {
        return Ok(None);
    }
    let Ok(journal) = read(&journal_path) else {
        return Ok(None);
    };
    let Standing::Behind { at } = standing(&file_hash, &journal) else {
        return Ok(None);
    };
    Ok(Some(
        journal
            .entries
            .into_iter()
            .skip(at)
            .map(|(entry, _)| entry)
            .collect(),
    ))
}

/// `value` with `entries` applied, or None when they do not fit it.
pub fn replay(mut value: Value, entries: &[Entry]) -> Option<Value> {
    for entry in entries {
        change::apply(&mut value, &entry.changes).ok()?;
    }
    Some(value)
}

/// The journal's end, as a writer continues it: the next number, the last line's hash, and
/// the state after it (its file hash and content).
#[derive(Debug, Clone)]
pub struct Tail {
    pub next: u64,
    pub prev: String,
    pub to: String,
    pub value: Value,
}

impl Tail {
    /// The end of the journal of a file whose current content (after [`catch_up`]) is
    /// `value`, read as `file_bytes` (None: no file yet).
    pub fn of(file: &Path, file_bytes: Option<&[u8]>, value: Value) -> io::Result<Tail> {
        let file_hash = file_bytes.map(hash).unwrap_or_default();
        let journal = match read(&path_for(file)) {
            Ok(journal) => journal,
            // A damaged line: carry on after the last line whatever it holds, so that the
            // lines to come still chain and `verify` names only the damaged one.
            Err(JournalError::Line { .. }) => return Tail::after_damage(file, file_hash, value),
            Err(err) => return Err(io::Error::other(err)),
        };
        let Some((last, line_hash)) = journal.entries.last() else {
            return Ok(Tail {
                next: 1,
                prev: String::new(),
                to: file_hash,
                value,
            });
        };
        let caught_up = !matches!(standing(&file_hash, &journal), Standing::Unknown);
        Ok(Tail {
            next: last.n + 1,
            prev: line_hash.clone(),
            // Changed outside sonote: the next entry starts from the file as it is, and
            // `verify` shows the gap.
            to: if caught_up {
                last.to.clone()
            } else {
                file_hash
            },
            value,
        })
    }
}

impl Tail {
    fn after_damage(file: &Path, file_hash: String, value: Value) -> io::Result<Tail> {
        let bytes = crate::tomlfile::read_regular(&path_for(file))?;
        let lines: Vec<&[u8]> = bytes
            .split_inclusive(|b| *b == b'\n')
            .filter_map(|line| line.strip_suffix(b"\n"))
            .collect();
        Ok(Tail {
            next: lines.len() as u64 + 1,
            prev: lines.last().map(|line| hash(line)).unwrap_or_default(),
            to: file_hash,
            value,
        })
    }
}

/// Appends to one file's journal.
pub struct JournalWriter {
    file: File,
    path: PathBuf,
    tail: Tail,
}

impl JournalWriter {
    /// Open the journal of `file` for appending, continuing `tail`. A line cut short by a
    /// crash is cut off first, so that the next line starts on a line of its own.
    pub fn open(file: &Path, tail: Tail) -> io::Result<JournalWriter> {
        let path = path_for(file);
        let mut journal = super::private_file_options()
            .truncate(false)
            .read(true)
            .open(&path)?;
        let mut bytes = Vec::new();
        journal.read_to_end(&mut bytes)?;
        if !bytes.is_empty() && !bytes.ends_with(b"\n") {
            let keep = bytes.iter().rposition(|b| *b == b'\n').map_or(0, |i| i + 1);
            journal.set_len(keep as u64)?;
        }
        let file = OpenOptions::new().append(true).open(&path)?;
        Ok(JournalWriter { file, path, tail })
    }

    /// The journal's path still names the file this writer appends to (it was not removed
    /// or replaced, with its folder say).
    pub fn in_place(&self) -> bool {
        #[cfg(unix)]
        {
            use std::os::unix::fs::MetadataExt;
            match (fs::metadata(&self.path), self.file.metadata()) {
                (Ok(named), Ok(open)) => named.ino() == open.ino() && named.dev() == open.dev(),
                _ => false,
            }
        }
        #[cfg(not(unix))]
        {
            self.path.exists()
        }
    }

    /// Where the journal ends, to continue it in another file.
    pub fn into_tail(self) -> Tail {
        self.tail
    }

    /// Append the change from the last state to `value` (whose file will hash to
    /// `file_hash`), by `by` at `at`, in one write. Nothing is written when nothing
    /// changed. Not synced: see [`JournalWriter::sync`].
    pub fn record(
        &mut self,
        by: &Author,
        at: Timestamp,
        value: Value,
        file_hash: String,
    ) -> io::Result<()> {
        let changes = change::diff(&self.tail.value, &value);
        if changes.is_empty() && file_hash == self.tail.to {
            return Ok(());
        }
        let entry = Entry {
            n: self.tail.next,
            at,
            by: by.clone(),
            prev: self.tail.prev.clone(),
            from: self.tail.to.clone(),
            to: file_hash,
            changes,
        };
        let mut line = serde_json::to_vec(&entry).map_err(io::Error::other)?;
        let line_hash = hash(&line);
        line.push(b'\n');
        self.file.write_all(&line)?;
        self.tail = Tail {
            next: entry.n + 1,
            prev: line_hash,
            to: entry.to,
            value,
        };
        Ok(())
    }

    /// Make what was appended survive a power cut; done before the file it describes is
    /// put in place, so the file is never ahead of its journal.
    pub fn sync(&self) -> io::Result<()> {
        self.file.sync_data()
    }

    /// A second handle on the journal, for the thread that syncs it.
    pub fn try_clone_file(&self) -> io::Result<File> {
        self.file.try_clone()
    }
}
