//! Sessions on disk: one TOML file per session, written atomically, private to the user.
//!
//! Layout: `<data dir>/sessions/<id>.toml`. Ids are the scheduled date and a number
//! (`2026-11-21-01`): short to type, sortable, and free of patient data.
//!
//! A companion's terminal never writes `<id>.toml`; it writes `<id>.companion.toml` beside
//! it (see `model::roles` for who owns what). `load` returns the two merged, so every
//! reader of a session sees the companion's answers.

use std::fs::{self, File, OpenOptions};
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::SystemTime;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::model::desk_part::{DeskPart, apply_desk};
use crate::model::roles::{self, CompanionPart, PART_FORMAT};
use crate::model::session::FORMAT_VERSION;
use crate::model::{Role, Session};
use crate::tomlfile::{self, FileError, Problem};

pub mod journal;
mod listing;
pub(crate) mod lock_place;
mod purge;

pub use listing::Listed;
pub use purge::{Kept, PurgePlan};

use journal::{Author, JournalWriter, Tail};
use serde::de::DeserializeOwned;
use serde_json::Value;

use crate::model::Timestamp;

#[derive(Debug, Clone)]
pub struct Store {
    root: PathBuf,
    /// The summaries of the sessions listed so far, shared by the clones of this store.
    listing: Arc<Mutex<listing::Summaries>>,
}

impl Store {
    /// Open (and create, private) the data directory.
    pub fn open(root: &Path) -> io::Result<Store> {
        let store = Store {
            root: root.to_path_buf(),
            listing: Arc::default(),
        };
        create_private_dir(root)?;
        create_private_dir(&store.sessions_dir())?;
        // Copies of sessions and reports half-written when a process died.
        let now = SystemTime::now();
        remove_stale_temporaries(&store.sessions_dir(), now);
        remove_stale_temporaries(&root.join("exports"), now);
        Ok(store)
    }

    /// The platform's data directory for sonote (e.g. `~/.local/share/sonote`).
    pub(crate) fn default_root() -> Option<PathBuf> {
        directories::ProjectDirs::from("", "", "sonote").map(|dirs| dirs.data_dir().to_path_buf())
    }

    pub fn root(&self) -> &Path {
        &self.root
    }

    pub fn sessions_dir(&self) -> PathBuf {
        self.root.join("sessions")
    }

    pub fn path_of(&self, id: &str) -> PathBuf {
        self.sessions_dir().join(format!("{id}.toml"))
    }

    /// Files and folders of the store that others than the user may read or write (mode
    /// bits beyond 0700/0600), with their mode: patient data must stay private.
    pub fn loose_permissions(&self) -> Vec<(PathBuf, u32)> {
        let mut paths = self.own_paths();
        if let Ok(entries) = fs::read_dir(self.sessions_dir()) {
            paths.extend(entries.filter_map(|e| e.ok().map(|e| e.path())));
        }
        loose_among(paths)
    }

    /// [`Store::loose_permissions`] for opening one session: the data directory's folders
    /// and listing cache, the session's file and its companion's part, and no other
    /// session's file (a year of them would be one `stat` each at every start).
    pub fn loose_permissions_of(&self, session_path: &Path) -> Vec<(PathBuf, u32)> {
        let mut paths = self.own_paths();
        paths.extend([session_path.to_path_buf(), part_path(session_path)]);
        loose_among(paths)
    }

    /// The folders and files of the data directory that are not sessions.
    fn own_paths(&self) -> Vec<PathBuf> {
        vec![
            self.root.clone(),
            self.sessions_dir(),
            self.listing_cache_path(),
        ]
    }

    /// A SESSION argument is an id in this store, or the path of a session file.
    pub fn resolve(&self, arg: &str) -> PathBuf {
        let as_path = Path::new(arg);
        let looks_like_path = arg.contains(std::path::MAIN_SEPARATOR) || arg.ends_with(".toml");
        if looks_like_path || (as_path.is_file() && !self.path_of(arg).is_file()) {
            as_path.to_path_buf()
        } else {
            self.path_of(arg)
        }
    }

    /// Every session file, newest id first, summarized; unreadable ones are listed with their
    /// error. A summary is that of `load`, made again only for files that changed since they
    /// were last listed (see `store/listing.rs`).
    pub fn list(&self) -> io::Result<Vec<Listed>> {
        self.list_at(SystemTime::now())
    }

    /// [`Store::list`], the folder read at `now`.
    fn list_at(&self, now: SystemTime) -> io::Result<Vec<Listed>> {
        let (parts, mut paths): (Vec<PathBuf>, Vec<PathBuf>) = fs::read_dir(self.sessions_dir())?
            .filter_map(|entry| entry.ok().map(|e| e.path()))
            .filter(|path| path.extension().is_some_and(|ext| ext == "toml"))
            .partition(|path| is_part_file(path));
        // A session's id has no dot: `<id>.v2.toml` is a confirmed version kept beside it.
        paths.retain(|path| {
            path.file_stem()
                .is_some_and(|stem| !stem.to_string_lossy().contains('.'))
        });
        paths.sort();
        paths.reverse();
        let mut summaries = self.lock_listing();
        let parts = parts.into_iter().collect();
        Ok(summaries.list(&self.listing_cache_path(), paths, &parts, now))
    }

    /// The file that keeps the listing's summaries between runs: a cache, never read as the
    /// sessions themselves (see `store/listing.rs`).
    pub fn listing_cache_path(&self) -> PathBuf {
        self.root.join(listing::CACHE_FILE)
    }

    /// Drop a removed session's summary from the listing cache, in memory and on disk.
    fn forget_listed(&self, path: &Path) -> io::Result<()> {
        self.lock_listing().forget(&self.listing_cache_path(), path)
    }

    fn lock_listing(&self) -> std::sync::MutexGuard<'_, listing::Summaries> {
        // A panic while listing leaves nothing half-done that a later listing would trust.
        self.listing
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    /// The first free id for a date: `<date>-01`, `<date>-02`, …
    pub fn next_id(&self, date: NaiveDate) -> String {
        (1..)
            .map(|n| format!("{date}-{n:02}"))
            .find(|id| !self.path_of(id).exists())
            .expect("an unbounded range always has a free id")
    }

    /// Save a new session under the first free id of its date, setting `session.id`.
    /// The id is claimed with an exclusive create, so two clerks never get the same one.
    pub fn create(&self, session: &mut Session, by: &Author, at: Timestamp) -> io::Result<PathBuf> {
        for n in 1..10_000 {
            let id = format!("{}-{n:02}", session.scheduled_date);
            let path = self.path_of(&id);
            match OpenOptions::new().write(true).create_new(true).open(&path) {
                Ok(_) => {
                    session.id = id;
                    let journal = journal::path_for(&path);
                    let had_journal = journal.exists();
                    if let Err(err) = save(&path, session, by, at) {
                        // A full disk, say: leave nothing behind, not even the claimed id
                        // (an empty file would fail every later `list`).
                        let _ = fs::remove_file(&path);
                        if !had_journal {
                            let _ = fs::remove_file(&journal);
                        }
                        return Err(err);
                    }
                    return Ok(path);
                }
                Err(err) if err.kind() == io::ErrorKind::AlreadyExists => continue,
                Err(err) => return Err(err),
            }
        }
        Err(io::Error::other("no free session id left for that date"))
    }
}

/// Held while a process may write a session file; dropped (and released) on close.
/// A second process that cannot take it opens the session read-only.
#[derive(Debug)]
pub struct SessionLock {
    file: File,
    path: PathBuf,
}

impl SessionLock {
    /// The lock file still has its name: nobody removed or replaced it (a process that
    /// came after could then take a lock of its own and write too).
    pub fn in_place(&self) -> bool {
        same_file(&self.path, &self.file)
    }
}

/// `path` names the open `file` (the same inode on the same device).
fn same_file(path: &Path, file: &File) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        match (fs::symlink_metadata(path), file.metadata()) {
            (Ok(named), Ok(open)) => named.ino() == open.ino() && named.dev() == open.dev(),
            _ => false,
        }
    }
    #[cfg(not(unix))]
    {
        let _ = file;
        path.exists()
    }
}

/// The lock file beside a file sonote writes: `.<stem>.lock` (the file itself is replaced
/// on every save, so a lock on it would not outlive the first save). The session's is
/// `.<id>.lock`, the companion's part's `.<id>.companion.lock`.
fn lock_path(session_path: &Path) -> PathBuf {
    lock_place::lock_of(session_path, beside(session_path, ".", ".lock"))
}

/// Take the writer's lock of a file (a session's, or the companion's part), or None when
/// another process holds it. An error means the lock could not be taken or checked: the
/// caller must not write.
pub fn try_lock(session_path: &Path) -> io::Result<Option<SessionLock>> {
    let path = lock_path(session_path);
    // A lock kept away from its file (in the data directory's locks/) may need its folder.
    if let Some(folder) = path.parent()
        && path.parent() != session_path.parent()
    {
        create_private_dir(folder)?;
    }
    let mut options = private_file_options();
    options.truncate(false);
    // A lock file that is a link is refused, never followed (it could name any file).
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(libc::O_NOFOLLOW);
    }
    let file = options.open(&path)?;
    match file.try_lock() {
        Ok(()) => {}
        Err(std::fs::TryLockError::WouldBlock) => return Ok(None),
        Err(std::fs::TryLockError::Error(err)) => return Err(err),
    }
    // Removed and made again between our open and our lock: the lock guards nothing.
    if !same_file(&path, &file) {
        return Err(io::Error::other(format!(
            "{}: the lock file changed while it was taken",
            path.display()
        )));
    }
    Ok(Some(SessionLock { file, path }))
}

/// Why a session could not be changed from outside its consultation screen.
#[derive(Debug)]
pub enum UpdateError {
    /// The session is open for writing in another sonote.
    Busy,
    File(FileError),
    Io(io::Error),
}

impl std::fmt::Display for UpdateError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            UpdateError::Busy => write!(f, "the session is open on another terminal"),
            UpdateError::File(err) => write!(f, "{err}"),
            UpdateError::Io(err) => write!(f, "{err}"),
        }
    }
}

/// Change a session on disk safely: take its writer's lock (refusing while another sonote
/// has it open), read it fresh, change it, write it atomically.
pub(crate) fn update<T>(
    path: &Path,
    by: &Author,
    at: Timestamp,
    change: impl FnOnce(&mut Session) -> T,
) -> Result<(Session, T), UpdateError> {
    // Only a session gets a lock file beside it (not /etc/hostname, say).
    load_main(path).map_err(UpdateError::File)?;
    let _lock = match try_lock(path).map_err(UpdateError::Io)? {
        Some(lock) => lock,
        None => return Err(UpdateError::Busy),
    };
    let mut session = load(path).map_err(UpdateError::File)?;
    let result = change(&mut session);
    save(path, &session, by, at).map_err(UpdateError::Io)?;
    Ok((session, result))
}

/// Read a session: its file, merged with the companion's part file when there is one.
/// This is what every reader should use. A part that cannot be read is left out (see
/// [`set_aside_damaged_part`]): another role's damaged file never locks the specialist or
/// the desk out of the session.
pub fn load(path: &Path) -> Result<Session, FileError> {
    let mut session = load_main(path)?;
    // A confirmed record is what was confirmed: the companion's later notes stay out.
    if session.record.locked() {
        return Ok(with_desk_part(path, session));
    }
    if let Ok(Some(part)) = load_part(&part_path(path), &session.id) {
        roles::apply(&mut session, &part);
    }
    Ok(with_desk_part(path, session))
}

/// The session with the clerk's part laid over it, when there is one that reads.
fn with_desk_part(path: &Path, mut session: Session) -> Session {
    if let Ok(Some(part)) = load_desk_part(path, &session.id) {
        apply_desk(&mut session, &part);
    }
    session
}

/// The clerk's part file beside a session file: `<id>.desk.toml`.
pub fn desk_part_path(session_path: &Path) -> PathBuf {
    beside(session_path, "", ".desk.toml")
}

/// A file beside a session's: `<prefix><id><suffix>`.
fn beside(session_path: &Path, prefix: &str, suffix: &str) -> PathBuf {
    let stem = session_path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    session_path.with_file_name(format!("{prefix}{stem}{suffix}"))
}

/// A part file that names another session than the one it lies beside.
fn not_ours(part_path: &Path, text: &str, named: &str, session_id: &str) -> FileError {
    FileError::at_field(
        part_path,
        text,
        "session",
        format!("belongs to session '{named}', not to '{session_id}'"),
    )
    .with(Problem::NotOurs(Box::new((
        named.to_string(),
        session_id.to_string(),
    ))))
}

/// Read the clerk's part of the session at `path`, if there is one, checking that it
/// belongs to `session_id`.
pub fn load_desk_part(path: &Path, session_id: &str) -> Result<Option<DeskPart>, FileError> {
    let part_path = desk_part_path(path);
    let Some(text) = tomlfile::read_text_if_exists(&part_path)? else {
        return Ok(None);
    };
    let part: DeskPart = tomlfile::parse(&part_path, &text)?;
    let part = caught_up(&part_path, &text, part);
    if part.session != session_id {
        return Err(not_ours(&part_path, &text, &part.session, session_id));
    }
    Ok(Some(part))
}

/// Write the clerk's part, journaled like a session.
pub fn save_desk_part(path: &Path, part: &DeskPart, by: &Author, at: Timestamp) -> io::Result<()> {
    stage_recorded(&desk_part_path(path), part, by, at)?.commit()
}

/// The file that keeps the content of a confirmed `version` beside the session at `path`:
/// `<id>.v<version>.toml`.
pub fn version_path(path: &Path, version: u32) -> PathBuf {
    beside(path, "", &format!(".v{version}.toml"))
}

/// Move a companion's part that cannot be read out of the way, to
/// `<id>.companion.toml.damaged-<time>` beside it, so that the companion's next save starts
/// a good one and nothing of the damaged one is overwritten. Only when no companion's
/// terminal has the part open (it would write it again anyway). Returns where it went and
/// why it could not be read.
pub fn set_aside_damaged_part(
    path: &Path,
    session_id: &str,
    at: Timestamp,
) -> io::Result<Option<(PathBuf, FileError)>> {
    let part = part_path(path);
    let Err(err) = load_part(&part, session_id) else {
        return Ok(None);
    };
    let Some(_lock) = try_lock(&part)? else {
        return Ok(None);
    };
    let mut aside = part.as_os_str().to_owned();
    aside.push(format!(".damaged-{}", at.format("%Y%m%d-%H%M%S")));
    let aside = PathBuf::from(aside);
    fs::rename(&part, &aside)?;
    Ok(Some((aside, err)))
}

/// The companion's part file that belongs beside a session file.
pub fn part_path(session_path: &Path) -> PathBuf {
    beside(
        session_path,
        "",
        &format!(".{}.toml", role_suffix(Role::Companion)),
    )
}

/// Those of `paths` that exist with mode bits for others than the user, with their mode.
fn loose_among(paths: Vec<PathBuf>) -> Vec<(PathBuf, u32)> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        paths
            .into_iter()
            .filter_map(|path| {
                let mode = fs::metadata(&path).ok()?.permissions().mode() & 0o777;
                (mode & 0o077 != 0).then_some((path, mode))
            })
            .collect()
    }
    #[cfg(not(unix))]
    {
        let _ = paths;
        Vec::new()
    }
}

fn role_suffix(role: Role) -> &'static str {
    match role {
        Role::Specialist => "specialist",
        Role::Companion => "companion",
    }
}

/// Whether a path is a companion's part file rather than a session.
pub(crate) fn is_part_file(path: &Path) -> bool {
    path.file_name().is_some_and(|name| {
        let name = name.to_string_lossy();
        name.ends_with(".companion.toml") || name.ends_with(".desk.toml")
    })
}

/// Read the companion's part file, if there is one, and check that it belongs to
/// `session_id`.
pub fn load_part(path: &Path, session_id: &str) -> Result<Option<CompanionPart>, FileError> {
    let Some(text) = tomlfile::read_text_if_exists(path)? else {
        return Ok(None);
    };
    let part: CompanionPart = tomlfile::parse(path, &text)?;
    let part = match part.format > PART_FORMAT {
        true => part,
        false => caught_up(path, &text, part),
    };
    if part.format > PART_FORMAT {
        return Err(FileError::at_field(
            path,
            &text,
            "format",
            format!(
                "written by a newer sonote (format {}, this one reads {PART_FORMAT})",
                part.format
            ),
        )
        .with(Problem::NewerFormat {
            found: part.format,
            reads: PART_FORMAT,
        }));
    }
    if part.session != session_id {
        return Err(not_ours(path, &text, &part.session, session_id));
    }
    Ok(Some(part))
}

/// Write the companion's part file, atomically and privately like a session file.
pub fn save_part(path: &Path, part: &CompanionPart) -> io::Result<()> {
    let text = toml::to_string(part).map_err(io::Error::other)?;
    write_atomically(path, text.as_bytes())
}

/// What tells that a file was replaced or changed: each save renames a new file into
/// place, so the inode changes, and the size or time usually do too; any write, rename or
/// chmod sets the status change time (ctime), which nothing can set back.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct Fingerprint {
    len: u64,
    modified: Option<SystemTime>,
    inode: u64,
    changed: Option<SystemTime>,
}

impl Fingerprint {
    fn of(meta: &fs::Metadata) -> Fingerprint {
        #[cfg(unix)]
        let (inode, changed) = {
            use std::os::unix::fs::MetadataExt;
            let changed = u64::try_from(meta.ctime()).ok().map(|secs| {
                SystemTime::UNIX_EPOCH
                    + std::time::Duration::new(secs, meta.ctime_nsec().clamp(0, 999_999_999) as u32)
            });
            (meta.ino(), changed)
        };
        #[cfg(not(unix))]
        let (inode, changed) = (0, None);
        Fingerprint {
            len: meta.len(),
            modified: meta.modified().ok(),
            inode,
            changed,
        }
    }
}

/// The file's fingerprint, or None when it does not exist (or cannot be read).
pub(crate) fn fingerprint(path: &Path) -> Option<Fingerprint> {
    fs::metadata(path).ok().map(|meta| Fingerprint::of(&meta))
}

/// Read and check a session file alone, without the companion's part.
pub fn load_main(path: &Path) -> Result<Session, FileError> {
    let text = tomlfile::read_text(path)?;
    let (session, unknown): (Session, _) = tomlfile::parse_noting_unknown(path, &text)?;
    // A newer sonote's journal is not replayed either: the format check comes first.
    let mut session = match session.format > FORMAT_VERSION {
        true => session,
        false => caught_up(path, &text, session),
    };
    if session.format > FORMAT_VERSION {
        return Err(FileError::at_field(
            path,
            &text,
            "format",
            format!(
                "written by a newer sonote (format {}, this one reads {FORMAT_VERSION})",
                session.format
            ),
        )
        .with(Problem::NewerFormat {
            found: session.format,
            reads: FORMAT_VERSION,
        }));
    }
    if let Err((index, fault)) = session.clock.validate() {
        let field = format!("clock.events[{index}]");
        let mut err = FileError::at_field(path, &text, &format!("{field}.kind"), fault.to_string())
            .with(Problem::Clock(fault));
        err.field = Some(field);
        return Err(err);
    }
    session.ensure_question_ids();
    session.unknown_fields = unknown;
    Ok(session)
}

/// What was read of a file, brought up to its journal when the journal is ahead (a save
/// cut short by a crash: see `journal::missing_from`). Anything the journal cannot bring
/// up leaves the file as it was read.
fn caught_up<T: Serialize + DeserializeOwned>(path: &Path, text: &str, parsed: T) -> T {
    let Ok(Some(missing)) = journal::missing_from(path, text.as_bytes()) else {
        return parsed;
    };
    serde_json::to_value(&parsed)
        .ok()
        .and_then(|value| journal::replay(value, &missing))
        .and_then(|value| serde_json::from_value(value).ok())
        .unwrap_or(parsed)
}

/// The end of the journal of the file at `path`, for a writer to continue: the file as it
/// is now, brought up to its journal, or nothing when there is no file yet (or an empty
/// one, as `Store::create` leaves while it takes an id).
pub fn journal_tail<T: Serialize + DeserializeOwned>(path: &Path) -> io::Result<Tail> {
    let text = match tomlfile::read_regular(path).and_then(|bytes| {
        String::from_utf8(bytes).map_err(|err| io::Error::new(io::ErrorKind::InvalidData, err))
    }) {
        Ok(text) if !text.is_empty() => text,
        Ok(_) => return Tail::of(path, None, Value::Null),
        Err(err) if err.kind() == io::ErrorKind::NotFound => {
            return Tail::of(path, None, Value::Null);
        }
        Err(err) => return Err(err),
    };
    let parsed: T =
        tomlfile::parse(path, &text).map_err(|err| io::Error::other(err.to_string()))?;
    let value = serde_json::to_value(caught_up(path, &text, parsed)).map_err(io::Error::other)?;
    Tail::of(path, Some(text.as_bytes()), value)
}

/// The TOML text of a session or part, unless it is larger than sonote reads back
/// (`tomlfile::MAX_FILE_BYTES`): such a file could not be opened again, so it is not
/// written, and the error says so (what was typed stays on screen, unsaved).
pub fn serialize_within_limit<T: Serialize>(content: &T) -> io::Result<String> {
    let text = toml::to_string(content).map_err(io::Error::other)?;
    let limit = tomlfile::MAX_FILE_BYTES;
    if text.len() as u64 > limit {
        return Err(io::Error::new(
            io::ErrorKind::FileTooLarge,
            format!(
                "the file would be {:.1} MB, more than the {} MB sonote reads back: not saved; \
                 shorten or remove the longest text",
                text.len() as f64 / 1e6,
                limit / 1024 / 1024
            ),
        ));
    }
    Ok(text)
}

/// A session read with fields this version does not know is not written: they would be
/// dropped.
pub fn refuse_unknown_fields(session: &Session) -> io::Result<()> {
    match session.unknown_fields.as_slice() {
        [] => Ok(()),
        fields => Err(io::Error::new(
            io::ErrorKind::Unsupported,
            format!(
                "the file has fields this version of sonote does not know ({}): it is \
                 not changed, so that they are kept; use the sonote that wrote them",
                fields.join(", ")
            ),
        )),
    }
}

/// Write a session atomically, its change journaled as made by `by` at `at`: a private
/// temporary file beside it, fsync, the journal line appended and synced, rename over the
/// old one, fsync the directory. A crash at any point leaves the old or the new file whole.
pub fn save(path: &Path, session: &Session, by: &Author, at: Timestamp) -> io::Result<()> {
    stage_session(path, session, by, at)?.commit()
}

/// The first half of [`save`]: the session serialized, written and synced beside its file,
/// not yet in its place nor in its journal.
pub fn stage_session(
    path: &Path,
    session: &Session,
    by: &Author,
    at: Timestamp,
) -> io::Result<Recorded> {
    refuse_unknown_fields(session)?;
    stage_recorded(path, session, by, at)
}

/// Stage any file sonote writes with its journal line: see [`stage_session`].
fn stage_recorded<T: Serialize + DeserializeOwned>(
    path: &Path,
    content: &T,
    by: &Author,
    at: Timestamp,
) -> io::Result<Recorded> {
    let text = serialize_within_limit(content)?;
    let journal = JournalWriter::open(path, journal_tail::<T>(path)?)?;
    let value = serde_json::to_value(content).map_err(io::Error::other)?;
    Ok(Recorded {
        hash: journal::hash(text.as_bytes()),
        staged: stage(path, text.as_bytes())?,
        journal,
        value,
        by: by.clone(),
        at,
    })
}

/// A change staged ([`stage_session`]): the new file synced beside its place, its journal
/// line ready. Dropped without [`Recorded::commit`], it leaves no trace.
pub struct Recorded {
    staged: Staged,
    journal: JournalWriter,
    value: Value,
    hash: String,
    by: Author,
    at: Timestamp,
}

impl Recorded {
    /// Journal the change (synced), then put the file in its place: the file is never
    /// ahead of its journal, and a crash between the two is caught up on the next read.
    pub fn commit(self) -> io::Result<()> {
        let Recorded {
            staged,
            mut journal,
            value,
            hash,
            by,
            at,
        } = self;
        journal.record(&by, at, value, hash)?;
        journal.sync()?;
        staged.commit()
    }
}

/// Check a session's files (its own and the companion's part) against their journals.
pub fn verify(path: &Path) -> Vec<Result<journal::check::Checked, journal::check::Broken>> {
    fn content<T: Serialize + DeserializeOwned>(path: &Path, bytes: &[u8]) -> Option<Value> {
        let text = std::str::from_utf8(bytes).ok()?;
        let parsed: T = tomlfile::parse(path, text).ok()?;
        serde_json::to_value(parsed).ok()
    }
    let read = |file: &Path| tomlfile::read_regular(file).ok();
    let part = part_path(path);
    let mut checked = vec![journal::check::verify(
        path,
        read(path).as_deref(),
        |bytes| content::<Session>(path, bytes),
    )];
    let desk = desk_part_path(path);
    if desk.exists() || journal::path_for(&desk).exists() {
        checked.push(journal::check::verify(
            &desk,
            read(&desk).as_deref(),
            |bytes| content::<DeskPart>(&desk, bytes),
        ));
    }
    if part.exists() || journal::path_for(&part).exists() {
        checked.push(journal::check::verify(
            &part,
            read(&part).as_deref(),
            |bytes| content::<CompanionPart>(&part, bytes),
        ));
    }
    // Each confirmed version is kept as it was confirmed.
    if let Ok(session) = load_main(path) {
        for confirmed in &session.record.confirmations {
            let kept = version_path(path, confirmed.version);
            let matches =
                read(&kept).is_some_and(|bytes| journal::hash(&bytes) == confirmed.sha256);
            if !matches {
                checked.push(Err(journal::check::Broken {
                    file: kept,
                    entry: None,
                    why: journal::check::Why::VersionChanged(confirmed.version),
                }));
            }
        }
    }
    checked
}

/// Write a session file without a journal line, as a program other than sonote would:
/// for tests and benchmarks that set a file up. sonote itself saves with [`save`].
pub fn save_unjournaled(path: &Path, session: &Session) -> io::Result<()> {
    let text = toml::to_string(session).map_err(io::Error::other)?;
    write_atomically(path, text.as_bytes())
}

pub fn write_atomically(path: &Path, bytes: &[u8]) -> io::Result<()> {
    stage(path, bytes)?.commit()
}

/// A file written and synced beside the one it replaces, not yet in its place:
/// [`Staged::commit`] puts it there; dropped uncommitted, it is removed.
#[derive(Debug)]
pub struct Staged {
    /// Removed when dropped, unless it was renamed into place.
    tmp: Option<tempfile::NamedTempFile>,
    path: PathBuf,
    dir: PathBuf,
}

/// Write `bytes` to a private temporary file beside `path` and sync it.
pub fn stage(path: &Path, bytes: &[u8]) -> io::Result<Staged> {
    stage_beside(path, bytes, true)
}

/// Write a file that may be lost in a crash (a cache) in one step, atomically but without
/// syncing: a reader sees the old file or the new one whole.
fn replace_unsynced(path: &Path, bytes: &[u8]) -> io::Result<()> {
    stage_beside(path, bytes, false)?.rename()
}

fn stage_beside(path: &Path, bytes: &[u8], sync: bool) -> io::Result<Staged> {
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let name = path
        .file_name()
        .ok_or_else(|| io::Error::other("a session path must name a file"))?;
    // A random name, created exclusively and private: a name another user could guess, or
    // a link planted under it, is never written through. On an error the file is dropped,
    // which removes what was written.
    let mut tmp = tempfile::Builder::new()
        .prefix(&format!(".{}{TMP_MARK}", name.to_string_lossy()))
        .tempfile_in(dir)?;
    tmp.write_all(bytes)?;
    if sync {
        tmp.as_file().sync_all()?;
    }
    Ok(Staged {
        tmp: Some(tmp),
        path: path.to_path_buf(),
        dir: dir.to_path_buf(),
    })
}

/// What the name of every temporary file sonote writes holds after the name it replaces.
const TMP_MARK: &str = ".tmp-";

/// Remove the temporary files a crash left in `dir` (sonote's own, by their name, and only
/// those older than an hour: a write under way is never older than seconds). Returns how
/// many were removed.
pub fn remove_stale_temporaries(dir: &Path, now: SystemTime) -> usize {
    let Ok(entries) = fs::read_dir(dir) else {
        return 0;
    };
    let hour = std::time::Duration::from_secs(3600);
    entries
        .filter_map(Result::ok)
        .filter(|entry| {
            let name = entry.file_name().to_string_lossy().into_owned();
            name.starts_with('.') && name.contains(TMP_MARK)
        })
        .filter(|entry| {
            entry
                .metadata()
                .ok()
                .filter(|meta| meta.is_file())
                .and_then(|meta| meta.modified().ok())
                .is_some_and(|modified| now.duration_since(modified).is_ok_and(|age| age > hour))
        })
        .filter(|entry| fs::remove_file(entry.path()).is_ok())
        .count()
}

impl Staged {
    /// Rename the file into its place and sync the folder, so the rename outlives a crash.
    pub fn commit(self) -> io::Result<()> {
        let dir = self.dir.clone();
        self.rename()?;
        File::open(&dir)?.sync_all()
    }

    fn rename(mut self) -> io::Result<()> {
        let tmp = self
            .tmp
            .take()
            .ok_or_else(|| io::Error::other("the staged file is gone"))?;
        tmp.persist(&self.path).map_err(|err| err.error)?;
        Ok(())
    }
}

pub(crate) fn private_file_options() -> OpenOptions {
    let mut options = OpenOptions::new();
    options.write(true).create(true).truncate(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    options
}

fn create_private_dir(dir: &Path) -> io::Result<()> {
    if !dir.exists() {
        fs::create_dir_all(dir)?;
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            fs::set_permissions(dir, fs::Permissions::from_mode(0o700))?;
        }
    }
    Ok(())
}
