//! Sessions on disk: one TOML file per session, written atomically, private to the user.
//!
//! Layout: `<data dir>/sessions/<id>.toml`. Ids are the scheduled date and a number
//! (`2026-11-21-01`): short to type, sortable, and free of patient data.

use std::fs::{self, File, OpenOptions};
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use chrono::NaiveDate;

use crate::model::Session;
use crate::model::session::FORMAT_VERSION;
use crate::tomlfile::{self, FileError};

#[derive(Debug, Clone)]
pub struct Store {
    root: PathBuf,
}

/// One file of the sessions folder, read for a listing: the session, or why it could not be.
#[derive(Debug)]
pub struct Listed {
    pub path: PathBuf,
    pub session: Result<Session, FileError>,
}

impl Store {
    /// Open (and create, private) the data directory.
    pub fn open(root: &Path) -> io::Result<Store> {
        let store = Store {
            root: root.to_path_buf(),
        };
        create_private_dir(root)?;
        create_private_dir(&store.sessions_dir())?;
        Ok(store)
    }

    /// The platform's data directory for sonote (e.g. `~/.local/share/sonote`).
    pub fn default_root() -> Option<PathBuf> {
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

    /// Every session file, newest id first; unreadable ones are listed with their error.
    pub fn list(&self) -> io::Result<Vec<Listed>> {
        let mut paths: Vec<PathBuf> = fs::read_dir(self.sessions_dir())?
            .filter_map(|entry| entry.ok().map(|e| e.path()))
            .filter(|path| path.extension().is_some_and(|ext| ext == "toml"))
            .collect();
        paths.sort();
        paths.reverse();
        Ok(paths
            .into_iter()
            .map(|path| Listed {
                session: load(&path),
                path,
            })
            .collect())
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
    pub fn create(&self, session: &mut Session) -> io::Result<PathBuf> {
        for n in 1..10_000 {
            let id = format!("{}-{n:02}", session.scheduled_date);
            let path = self.path_of(&id);
            match OpenOptions::new().write(true).create_new(true).open(&path) {
                Ok(_) => {
                    session.id = id;
                    save(&path, session)?;
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
    _file: File,
}

/// The lock file beside a session file: `.<id>.lock` (the session file itself is replaced
/// on every save, so a lock on it would not outlive the first save).
fn lock_path(session_path: &Path) -> PathBuf {
    let name = session_path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    session_path.with_file_name(format!(".{name}.lock"))
}

/// Take the writer's lock of a session, or None when another process holds it.
pub fn try_lock(session_path: &Path) -> io::Result<Option<SessionLock>> {
    let file = private_file_options()
        .truncate(false)
        .open(lock_path(session_path))?;
    match file.try_lock() {
        Ok(()) => Ok(Some(SessionLock { _file: file })),
        Err(std::fs::TryLockError::WouldBlock) => Ok(None),
        Err(std::fs::TryLockError::Error(err)) => Err(err),
    }
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
pub fn update<T>(
    path: &Path,
    change: impl FnOnce(&mut Session) -> T,
) -> Result<(Session, T), UpdateError> {
    let _lock = match try_lock(path).map_err(UpdateError::Io)? {
        Some(lock) => lock,
        None => return Err(UpdateError::Busy),
    };
    let mut session = load(path).map_err(UpdateError::File)?;
    let result = change(&mut session);
    save(path, &session).map_err(UpdateError::Io)?;
    Ok((session, result))
}

/// Read and check a session file.
pub fn load(path: &Path) -> Result<Session, FileError> {
    let text = fs::read_to_string(path)
        .map_err(|err| FileError::new(path, format!("cannot read the file: {err}")))?;
    let session: Session = tomlfile::parse(path, &text)?;
    if session.format > FORMAT_VERSION {
        return Err(FileError::at_field(
            path,
            &text,
            "format",
            format!(
                "written by a newer sonote (format {}, this one reads {FORMAT_VERSION})",
                session.format
            ),
        ));
    }
    if let Err((index, message)) = session.clock.validate() {
        let field = format!("clock.events[{index}]");
        let mut err = FileError::at_field(path, &text, &format!("{field}.kind"), message);
        err.field = Some(field);
        return Err(err);
    }
    Ok(session)
}

/// Write a session atomically: a private temporary file beside it, fsync, rename over the
/// old one, fsync the directory. A crash at any point leaves the old or the new file whole.
pub fn save(path: &Path, session: &Session) -> io::Result<()> {
    let text = toml::to_string(session).map_err(io::Error::other)?;
    write_atomically(path, text.as_bytes())
}

pub fn write_atomically(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let name = path
        .file_name()
        .ok_or_else(|| io::Error::other("a session path must name a file"))?;
    let tmp = dir.join(format!(
        ".{}.tmp-{}",
        name.to_string_lossy(),
        std::process::id()
    ));
    let result = (|| {
        let mut file = private_file_options().open(&tmp)?;
        file.write_all(bytes)?;
        file.sync_all()?;
        fs::rename(&tmp, path)?;
        File::open(dir)?.sync_all()
    })();
    if result.is_err() {
        let _ = fs::remove_file(&tmp);
    }
    result
}

fn private_file_options() -> OpenOptions {
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
