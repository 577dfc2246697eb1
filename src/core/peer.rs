//! Two terminals on one session, on disk: each saves its own file and takes in the other's
//! when it changes (who owns what: `model::roles`; the files: `store`). A terminal that
//! only reads (another one writes the session) follows the session file whole.

use std::io;
use std::path::Path;

use super::writer::{Snapshot, Writer};
use crate::model::desk_part::apply_desk;
use crate::model::roles::{self, CompanionPart};
use crate::model::{Role, Session, Timestamp};
use crate::store::journal::Author;
use crate::store::{self, Fingerprint};

/// What this terminal last saw of the files. The fingerprints start as None, so the first
/// look always reads the files (reading is idempotent).
pub(crate) struct PeerFiles {
    role: Role,
    /// Another process writes the session file: this terminal writes nothing and takes up
    /// the session file whole when it changes.
    read_only: bool,
    /// The companion's part file, as last read (specialist) or written (companion).
    part_seen: Option<Fingerprint>,
    /// The session file, as last read (companion) or written by this process (specialist:
    /// any other fingerprint means someone else wrote it, e.g. an import).
    main_seen: Option<Fingerprint>,
    /// The clerk's part file, as last read (specialist).
    desk_seen: Option<Fingerprint>,
    /// The companion's part as last written; entries for questions the session does not
    /// know are carried over from it (see `CompanionPart::of`).
    part: CompanionPart,
    /// Writes this terminal's file off the event loop's thread (`save_in_background`).
    writer: Writer,
}

/// What taking in the other terminal's file did.
#[derive(Debug, Default)]
pub(crate) struct TakenIn {
    /// The session changed and this terminal must save it.
    pub changed: bool,
    /// The session on screen changed (a merge, or the writer's new save followed).
    pub shown: bool,
    /// Questions an import wrote into the session file, taken in.
    pub adopted: usize,
    /// A file that could not be read, and why.
    pub unreadable: Option<String>,
}

impl PeerFiles {
    /// `path`: the session file; `main_seen`: its fingerprint when it was read; `by`: who
    /// this terminal's journal names.
    pub(crate) fn new(
        session: &Session,
        path: &Path,
        role: Role,
        read_only: bool,
        main_seen: Option<Fingerprint>,
        by: Author,
    ) -> PeerFiles {
        // The file this terminal writes, and where its journal ends (read-only: never used).
        let (file, tail) = match role {
            Role::Specialist => (path.to_path_buf(), store::journal_tail::<Session>(path)),
            Role::Companion => {
                let part = store::part_path(path);
                let tail = store::journal_tail::<CompanionPart>(&part);
                (part, tail)
            }
        };
        let tail = match read_only {
            true => Err(io::Error::other("read-only")),
            false => tail,
        };
        PeerFiles {
            role,
            read_only,
            part_seen: None,
            desk_seen: None,
            // The first look reads the files, except a follower's: its session is fresh.
            main_seen: if read_only { main_seen } else { None },
            part: CompanionPart::of(session, &CompanionPart::empty(&session.id)),
            writer: Writer::new(by, file, tail),
        }
    }

    /// Write this terminal's own file: the session file on the specialist's terminal, the
    /// part file on the companion's (which never writes the session file).
    /// Waits for the disk (and for the writes under way, which this one supersedes).
    pub fn save(&mut self, path: &Path, session: &Session, at: Timestamp) -> io::Result<()> {
        self.save_in_background(path, session, at);
        self.wait_written().unwrap_or(Ok(()))
    }

    /// The same without waiting for the disk: a copy of what to write goes to the writing
    /// threads, which journal it at once and save the file when the disk is free.
    pub(crate) fn save_in_background(&mut self, path: &Path, session: &Session, at: Timestamp) {
        let (path, snapshot) = match self.role {
            Role::Specialist => (
                path.to_path_buf(),
                Snapshot::Session(Box::new(session.clone())),
            ),
            Role::Companion => {
                let part = CompanionPart::of(session, &self.part);
                self.part = part.clone();
                (store::part_path(path), Snapshot::Part(Box::new(part)))
            }
        };
        self.writer.start(path, snapshot, at);
    }

    /// A background write is under way.
    pub(crate) fn writing(&self) -> bool {
        self.writer.busy()
    }

    /// The result of the background write, once it is done (None: none finished).
    pub(crate) fn take_written(&mut self) -> Option<io::Result<()>> {
        let written = self.writer.finished()?;
        Some(self.note_written(written))
    }

    /// Wait for the background write under way, if any, and return its result.
    pub(crate) fn wait_written(&mut self) -> Option<io::Result<()>> {
        let written = self.writer.wait()?;
        Some(self.note_written(written))
    }

    /// Remember the fingerprint our own write left, so it is not taken for another's.
    fn note_written(&mut self, written: super::writer::Written) -> io::Result<()> {
        if written.result.is_ok() {
            match self.role {
                Role::Specialist => self.main_seen = written.fingerprint,
                Role::Companion => self.part_seen = written.fingerprint,
            }
        }
        written.result
    }

    /// Look at the files this terminal does not write and merge in what changed:
    /// - specialist: the companion's part (`roles::apply`), and questions that an import
    ///   wrote into the session file (`roles::adopt_new_questions`);
    /// - companion: the session file, with its own part laid over it (`roles::merge`);
    /// - read-only: the session file and its part, whole.
    pub(crate) fn take_in(&mut self, path: &Path, session: &mut Session) -> TakenIn {
        let unreadable = |err: &dyn std::fmt::Display| Some(err.to_string());
        let mut taken = TakenIn::default();
        if self.read_only {
            let seen = store::fingerprint(path);
            if seen != self.main_seen {
                match store::load(path) {
                    Ok(followed) => {
                        *session = followed;
                        self.main_seen = seen;
                        taken.shown = true;
                    }
                    Err(err) => taken.unreadable = unreadable(&err),
                }
            }
            return taken;
        }
        match self.role {
            Role::Specialist => {
                let part_path = store::part_path(path);
                let seen = store::fingerprint(&part_path);
                if seen.is_some() && seen != self.part_seen {
                    // Fingerprint first: a write after it is seen on the next look.
                    self.part_seen = seen;
                    match store::load_part(&part_path, &session.id) {
                        // A confirmed record takes nothing in until a correction opens it.
                        Ok(Some(_)) if session.record.locked() => {}
                        Ok(Some(part)) => taken.changed |= roles::apply(session, &part),
                        Ok(None) => {}
                        Err(err) => taken.unreadable = unreadable(&err),
                    }
                }
                // The clerk's part: a payment or a report sent while this screen is open.
                let desk_path = store::desk_part_path(path);
                let seen = store::fingerprint(&desk_path);
                if seen.is_some() && seen != self.desk_seen {
                    self.desk_seen = seen;
                    match store::load_desk_part(path, &session.id) {
                        Ok(Some(part)) => taken.changed |= apply_desk(session, &part),
                        Ok(None) => {}
                        Err(err) => taken.unreadable = unreadable(&err),
                    }
                }
                let seen = store::fingerprint(path);
                // While our own write is replacing the file, a new fingerprint is ours.
                if seen.is_some() && seen != self.main_seen && !self.writer.busy() {
                    self.main_seen = seen;
                    match store::load_main(path) {
                        Ok(on_disk) => {
                            taken.adopted = roles::adopt_new_questions(session, &on_disk);
                            taken.changed |= taken.adopted > 0;
                        }
                        Err(err) => taken.unreadable = unreadable(&err),
                    }
                }
            }
            Role::Companion => {
                let seen = store::fingerprint(path);
                if seen.is_some() && seen != self.main_seen {
                    self.main_seen = seen;
                    match store::load_main(path) {
                        Ok(main) => {
                            // Only the specialist's fields change: nothing to save here.
                            let part = CompanionPart::of(session, &self.part);
                            *session = roles::merge(main, &part);
                            self.part = part;
                            taken.shown = true;
                        }
                        Err(err) => taken.unreadable = unreadable(&err),
                    }
                }
            }
        }
        taken.shown |= taken.changed;
        taken
    }
}
