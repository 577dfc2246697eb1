//! A session open on this terminal: the session, its file and lock, one save policy with
//! one timer, the merge of the other terminal's part, sleep detection and the alarms. It
//! returns typed events that the screens word.
//!
//! Saving: a change is written within `autosave` of the first unsaved change, on the
//! writing thread when `write_behind` is on (the event loop), at once otherwise (tests
//! that read the disk right after). Clock actions, leaving and quitting save at once.

use std::path::{Path, PathBuf};

use chrono::TimeDelta;

use super::peer::PeerFiles;
use crate::config::Config;
use crate::model::alerts::{Alarm, Alarms};
use crate::model::{ClockState, Role, Session, Timestamp};
use crate::store::{self, SessionLock};
use crate::tomlfile::FileError;

/// How often the other terminal's file is looked at: a quarter second keeps an edit's way
/// to the other screen well under a second.
const PEER_LOOK: TimeDelta = TimeDelta::milliseconds(250);
/// How often the clock's warnings and a sleep are looked for.
const CLOCK_LOOK: TimeDelta = TimeDelta::seconds(1);

/// What one step of [`OpenSession`]'s timer looks at.
struct Looks {
    clock: bool,
    peer: bool,
    /// Save whatever is unsaved, due or not.
    save_all: bool,
}

/// Something that happened to the open session, for the screen to say or show.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SessionEvent {
    /// A save failed; the session stays unsaved and is written again at the next look.
    SaveFailed(String),
    /// A save succeeded after one had failed.
    SavedAgain,
    /// The other terminal's edits (or the writer's save, on a read-only terminal) were
    /// taken in: the screens showing questions must look again.
    Merged,
    /// Questions that an import wrote into the session file were taken in.
    Adopted(usize),
    /// The other terminal's file cannot be read.
    PeerUnreadable(String),
    /// The computer slept (or the process was stopped) while the clock ran: the clock was
    /// paused at the last moment seen. The gap's ends as `HH:MM`.
    Slept { from: String, to: String },
    /// A warning threshold was just crossed.
    Alarm(Alarm),
    /// The lock file was taken away and another process holds it now: this terminal
    /// stopped saving; what it shows is kept on screen, unsaved.
    LockLost(LockTrouble),
}

/// Why this terminal does not save: facts the faces word.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LockTrouble {
    /// Another process took the session's lock.
    TakenElsewhere,
    /// The lock could not be taken or checked: the system's words.
    Io(String),
    /// The file has fields this version does not know (their names): a save would drop them.
    UnknownFields(Vec<String>),
}

/// In English, for logs and tests; the faces word it through `i18n::messages`.
impl std::fmt::Display for LockTrouble {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            LockTrouble::TakenElsewhere => write!(f, "another terminal took the session's lock"),
            LockTrouble::Io(err) => write!(f, "{err}"),
            LockTrouble::UnknownFields(fields) => write!(
                f,
                "the file has fields this version of sonote does not know ({}): it is not \
                 changed, so that they are kept; use the sonote that wrote them",
                fields.join(", ")
            ),
        }
    }
}

/// The file a role's terminal writes: the session's, or the companion's part.
fn written_by(role: Role, path: &Path) -> PathBuf {
    match role {
        Role::Specialist => path.to_path_buf(),
        Role::Companion => store::part_path(path),
    }
}

/// Why a session could not be opened.
pub(crate) type OpenError = FileError;

pub struct OpenSession {
    /// The session as this terminal shows it; screens edit it and call [`changed`].
    ///
    /// [`changed`]: OpenSession::changed
    pub session: Session,
    path: PathBuf,
    role: Role,
    /// Another process writes this session: look, but do not touch.
    read_only: bool,
    /// The writer's lock, held while the session is open for writing.
    lock: Option<SessionLock>,
    /// An event from opening, given with the first poll's.
    pending: Option<SessionEvent>,
    /// Why this terminal could not take its lock, when that was an error rather than
    /// another terminal holding it (or why it lost it).
    lock_error: Option<LockTrouble>,
    peer: PeerFiles,
    /// When the oldest unsaved change was made (None: nothing unsaved).
    dirty_since: Option<Timestamp>,
    /// Why the last save failed; cleared by the next good one.
    save_error: Option<String>,
    alarms: Alarms,
    warn_minutes: Vec<u32>,
    /// The last moment the app was seen alive, to notice a computer that slept.
    last_seen: Timestamp,
    suspend_gap: TimeDelta,
    autosave: TimeDelta,
    write_behind: bool,
    /// When the other terminal's file and the clock were last looked at.
    peer_looked: Option<Timestamp>,
    clock_looked: Option<Timestamp>,
}

impl OpenSession {
    /// Open the session file at `path` in `role`: for writing if this process can take its
    /// lock (the companion writes only its part file and takes none), else read-only.
    pub fn open(
        path: &Path,
        role: Role,
        config: &Config,
        now: Timestamp,
    ) -> Result<OpenSession, OpenError> {
        let session = store::load(path)?;
        let set_aside = store::set_aside_damaged_part(path, &session.id, now);
        let mut open = OpenSession::with(session, path.to_path_buf(), role, config, now);
        // Said at the first poll, as the other terminal's troubles are.
        open.pending = match set_aside {
            Ok(Some((aside, err))) => Some(SessionEvent::PeerUnreadable(format!(
                "{err}; set aside as {}",
                aside.display()
            ))),
            Ok(None) => None,
            Err(err) => Some(SessionEvent::PeerUnreadable(err.to_string())),
        };
        Ok(open)
    }

    /// A session already read (or just created) at `path`, taking its lock as `open` does.
    pub(crate) fn with(
        session: Session,
        path: PathBuf,
        role: Role,
        config: &Config,
        now: Timestamp,
    ) -> OpenSession {
        // Each role's terminal locks the file it writes: a second specialist, or a second
        // companion, opens read-only rather than overwrite the first one's text.
        let (lock, read_only, lock_error) = match store::try_lock(&written_by(role, &path)) {
            Ok(Some(lock)) => (Some(lock), false, None),
            Ok(None) => (None, true, None),
            // A lock that cannot be taken or checked (a read-only disk, a lock file made a
            // link): writing could overwrite another terminal's text, so this one reads.
            Err(err) => (None, true, Some(LockTrouble::Io(err.to_string()))),
        };
        // Fields a newer sonote wrote would be dropped by a save: read only.
        let (lock, read_only, lock_error) = match store::refuse_unknown_fields(&session) {
            Err(_) if role == Role::Specialist => (
                None,
                true,
                Some(LockTrouble::UnknownFields(session.unknown_fields.clone())),
            ),
            _ => (lock, read_only, lock_error),
        };
        let remaining = session.clock.remaining(now);
        let warn_minutes = config.session.warn_minutes.clone();
        let role_name = match role {
            Role::Specialist => "specialist",
            Role::Companion => "companion",
        };
        let peer = PeerFiles::new(
            &session,
            &path,
            role,
            read_only,
            store::fingerprint(&path),
            super::author(config, role_name),
        );
        OpenSession {
            alarms: Alarms::already_passed(remaining, &warn_minutes),
            warn_minutes,
            session,
            path,
            role,
            read_only,
            lock_error,
            lock,
            pending: None,
            peer,
            dirty_since: None,
            save_error: None,
            last_seen: now,
            suspend_gap: TimeDelta::seconds(i64::from(config.session.suspend_gap_seconds)),
            autosave: TimeDelta::milliseconds(i64::from(config.session.autosave_ms)),
            write_behind: false,
            peer_looked: None,
            clock_looked: None,
        }
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    pub(crate) fn role(&self) -> Role {
        self.role
    }

    pub fn read_only(&self) -> bool {
        self.read_only
    }

    /// Why the lock could not be taken, when no other terminal holds it (read-only then).
    pub fn lock_error(&self) -> Option<&LockTrouble> {
        self.lock_error.as_ref()
    }

    /// The lock file was removed or replaced under this terminal: take it again, or stop
    /// writing when another process has taken it meanwhile. The text on screen stays.
    fn keep_lock(&mut self) -> Option<SessionEvent> {
        if self.lock.as_ref()?.in_place() {
            return None;
        }
        match store::try_lock(&written_by(self.role, &self.path)) {
            Ok(Some(lock)) => {
                self.lock = Some(lock);
                None
            }
            // No lock can be made just now (its folder went with a removed disk, say):
            // the saves fail too and say so; look again at the next look.
            Err(_) => None,
            Ok(None) => {
                self.lock = None;
                self.read_only = true;
                self.dirty_since = None;
                let why = LockTrouble::TakenElsewhere;
                self.lock_error = Some(why.clone());
                Some(SessionEvent::LockLost(why))
            }
        }
    }

    /// Why the last save failed, while it is not yet saved.
    pub fn save_error(&self) -> Option<&str> {
        self.save_error.as_deref()
    }

    /// Something is not on disk yet.
    pub fn needs_save(&self) -> bool {
        self.dirty_since.is_some() || self.save_error.is_some()
    }

    /// Write typed text on a thread of its own (the event loop turns this on).
    pub(crate) fn set_write_behind(&mut self, on: bool) {
        self.write_behind = on;
    }

    /// The session was changed at `now`: it is written within the autosave interval.
    pub fn changed(&mut self, now: Timestamp) {
        if !self.read_only {
            self.dirty_since.get_or_insert(now);
        }
        self.last_seen = now;
    }

    /// The user did something at `now`: the computer is awake.
    pub(crate) fn seen(&mut self, now: Timestamp) {
        self.last_seen = now;
    }

    /// Write the session now, after any write under way. Returns the events of it (a
    /// failure, or a success after failures); `Ok` when everything is on disk.
    pub fn save_now(&mut self) -> Result<Option<SessionEvent>, SessionEvent> {
        let was_failing = self.save_error.is_some();
        // A background write under way may still fail: know before deciding.
        // (A failed one leaves the session unsaved, so it is written again below.)
        if let Some(result) = self.peer.wait_written() {
            let _ = self.note_written(result);
        }
        if !self.needs_save() {
            return Ok(self.saved_again(was_failing));
        }
        if self.read_only {
            self.dirty_since = None;
            return Ok(None);
        }
        let result = self.peer.save(&self.path, &self.session, self.last_seen);
        match self.note_written(result) {
            Ok(()) => {
                self.dirty_since = None;
                Ok(self.saved_again(was_failing))
            }
            Err(event) => Err(event),
        }
    }

    fn saved_again(&self, was_failing: bool) -> Option<SessionEvent> {
        (was_failing && self.save_error.is_none()).then_some(SessionEvent::SavedAgain)
    }

    /// Take in a write's result: a failure keeps the session unsaved (`needs_save`).
    fn note_written(&mut self, result: std::io::Result<()>) -> Result<(), SessionEvent> {
        match result {
            Ok(()) => {
                self.save_error = None;
                Ok(())
            }
            Err(err) => {
                let message = err.to_string();
                self.save_error = Some(message.clone());
                Err(SessionEvent::SaveFailed(message))
            }
        }
    }

    /// How long until [`poll`] has something to do: a save falls due, the other
    /// terminal's file or the clock is to be looked at.
    ///
    /// [`poll`]: OpenSession::poll
    pub fn next_due(&self, now: Timestamp) -> std::time::Duration {
        let after = |last: Option<Timestamp>, every: TimeDelta| match last {
            Some(last) => (every - (now - last)).max(TimeDelta::zero()),
            None => TimeDelta::zero(),
        };
        let mut wait = after(self.peer_looked, PEER_LOOK).min(after(self.clock_looked, CLOCK_LOOK));
        if let Some(since) = self.dirty_since {
            let mut save = (self.autosave - (now - since)).max(TimeDelta::zero());
            // Due while the last background write is still under way: look again shortly
            // rather than spin.
            if self.peer.writing() {
                save = save.max(TimeDelta::milliseconds(5));
            }
            wait = wait.min(save);
        }
        wait.to_std().unwrap_or_default()
    }

    /// Do what is due at `now`: take in a finished write, look at the other terminal's
    /// file (four times a second; a failed save is tried again then), look for a sleep and
    /// the clock's warnings (once a second), and save what waited its autosave interval.
    /// Cheap when nothing is due.
    pub fn poll(&mut self, now: Timestamp) -> Vec<SessionEvent> {
        let clock = self
            .clock_looked
            .is_none_or(|last| now - last >= CLOCK_LOOK);
        let peer = self.peer_looked.is_none_or(|last| now - last >= PEER_LOOK);
        self.step(
            now,
            Looks {
                clock,
                peer,
                save_all: false,
            },
        )
    }

    /// Everything at once, as if every interval had passed: the clock, the other
    /// terminal's file, and a save of whatever is unsaved.
    pub fn poll_all(&mut self, now: Timestamp) -> Vec<SessionEvent> {
        let looks = Looks {
            clock: true,
            peer: true,
            save_all: true,
        };
        self.step(now, looks)
    }

    /// Take in the other terminal's edits and save whatever is unsaved now, without
    /// waiting for the autosave interval (the clock is not looked at). For the screen tests.
    #[cfg(test)]
    pub(crate) fn sync(&mut self) -> Vec<SessionEvent> {
        let looks = Looks {
            clock: false,
            peer: true,
            save_all: true,
        };
        self.step(self.last_seen, looks)
    }

    /// Take in a finished background write, and save what waited its autosave interval. For
    /// the screen tests.
    #[cfg(test)]
    pub(crate) fn autosave(&mut self, now: Timestamp) -> Vec<SessionEvent> {
        let looks = Looks {
            clock: false,
            peer: false,
            save_all: false,
        };
        self.step(now, looks)
    }

    fn step(&mut self, now: Timestamp, looks: Looks) -> Vec<SessionEvent> {
        let was_failing = self.save_error.is_some();
        // Saving everything now cannot wait for the next look: finish the write under way.
        let written = match looks.save_all {
            true => self.peer.wait_written(),
            false => self.peer.take_written(),
        };
        let mut events: Vec<SessionEvent> = written
            .and_then(|result| self.note_written(result).err())
            .into_iter()
            .collect();
        events.extend(self.pending.take());
        if looks.clock {
            self.clock_looked = Some(now);
            events.extend(self.look_at_clock(now));
        }
        if looks.peer {
            events.extend(self.keep_lock());
            self.peer_looked = Some(now);
            events.extend(self.take_in_peer(now));
        }
        let due = self
            .dirty_since
            .is_some_and(|since| now - since >= self.autosave);
        let retry = looks.peer && self.save_error.is_some();
        if due || retry || (looks.save_all && self.needs_save()) {
            events.extend(self.save_typing());
        }
        events.extend(self.saved_again(was_failing));
        events
    }

    /// Save what was typed: in the background with `write_behind`, else at once.
    fn save_typing(&mut self) -> Option<SessionEvent> {
        if !self.write_behind {
            return self.save_now().err();
        }
        // Read-only: nothing of ours to write. Else a copy goes to the writing threads.
        if !self.read_only {
            self.peer
                .save_in_background(&self.path, &self.session, self.last_seen);
        }
        self.dirty_since = None;
        None
    }

    fn take_in_peer(&mut self, now: Timestamp) -> Vec<SessionEvent> {
        let taken = self.peer.take_in(&self.path, &mut self.session);
        if taken.changed {
            self.changed(now);
        }
        let mut events = Vec::new();
        if taken.shown {
            events.push(SessionEvent::Merged);
        }
        if taken.adopted > 0 {
            events.push(SessionEvent::Adopted(taken.adopted));
        }
        if let Some(err) = taken.unreadable {
            events.push(SessionEvent::PeerUnreadable(err));
        }
        events
    }

    /// Only the specialist's terminal runs the clock: a companion's laptop that slept says
    /// nothing about the consultation.
    fn look_at_clock(&mut self, now: Timestamp) -> Option<SessionEvent> {
        if self.role == Role::Specialist
            && let Some((from, to)) = self.pause_if_slept(now)
        {
            return Some(SessionEvent::Slept { from, to });
        }
        self.last_seen = now;
        let alarm = match self.session.state() {
            ClockState::Running | ClockState::Paused => self
                .alarms
                .check(self.session.clock.remaining(now), &self.warn_minutes),
            ClockState::Ready | ClockState::Ended => None,
        };
        alarm.map(SessionEvent::Alarm)
    }

    /// If the clock was running and the app saw nothing for longer than the suspend gap,
    /// the computer slept (or the process was stopped): pause at the last moment seen
    /// rather than count time nobody measured.
    fn pause_if_slept(&mut self, now: Timestamp) -> Option<(String, String)> {
        let last_seen = std::mem::replace(&mut self.last_seen, now);
        let slept = now - last_seen > self.suspend_gap;
        if !slept || self.read_only || self.session.state() != ClockState::Running {
            return None;
        }
        let note = format!(
            "no tick from {} to {}",
            last_seen.to_rfc3339(),
            now.to_rfc3339()
        );
        self.session.pause_clock(last_seen, Some(note)).ok()?;
        // A clock change is saved at once, in this same poll.
        self.dirty_since = Some(now - self.autosave);
        Some((
            last_seen.format("%H:%M").to_string(),
            now.format("%H:%M").to_string(),
        ))
    }
}
