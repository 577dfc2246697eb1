//! Two terminals on one session, on disk: each saves its own file and takes in the other's
//! when it changes (who owns what: `model::roles`; the files: `store`).

use std::io;
use std::path::Path;

use super::app::Status;
use super::writer::{Snapshot, Writer};
use crate::i18n::fill;
use crate::i18n::questions::QuestionsTexts;
use crate::model::roles::{self, CompanionPart};
use crate::model::{Role, Session};
use crate::store::{self, Fingerprint};

/// What this terminal last saw of the files. The fingerprints start as None, so the first
/// look always reads the files (reading is idempotent).
pub struct PeerFiles {
    role: Role,
    /// The companion's part file, as last read (specialist) or written (companion).
    part_seen: Option<Fingerprint>,
    /// The session file, as last read (companion) or written by this process (specialist:
    /// any other fingerprint means someone else wrote it, e.g. an import).
    main_seen: Option<Fingerprint>,
    /// The companion's part as last written; entries for questions the session does not
    /// know are carried over from it (see `CompanionPart::of`).
    part: CompanionPart,
    /// Writes this terminal's file off the event loop's thread (`save_in_background`).
    writer: Writer,
}

/// What taking in the other terminal's file did.
#[derive(Debug, Default)]
pub struct TakenIn {
    /// The session changed and this terminal must save it.
    pub changed: bool,
    pub status: Option<Status>,
}

impl PeerFiles {
    pub fn new(session: &Session, role: Role) -> PeerFiles {
        PeerFiles {
            role,
            part_seen: None,
            main_seen: None,
            part: CompanionPart::of(session, &CompanionPart::empty(&session.id)),
            writer: Writer::default(),
        }
    }

    /// Write this terminal's own file: the session file on the specialist's terminal, the
    /// part file on the companion's (which never writes the session file).
    pub fn save(&mut self, path: &Path, session: &Session) -> io::Result<()> {
        // Never two writes of one file at once: finish the one under way (this write
        // supersedes its result).
        self.wait_written();
        match self.role {
            Role::Specialist => {
                store::save(path, session)?;
                self.main_seen = store::fingerprint(path);
            }
            Role::Companion => {
                let part = CompanionPart::of(session, &self.part);
                let part_path = store::part_path(path);
                store::save_part(&part_path, &part)?;
                self.part = part;
                self.part_seen = store::fingerprint(&part_path);
            }
        }
        Ok(())
    }

    /// The same without waiting for the disk: a copy of what to write goes to the writing
    /// thread. Returns false, writing nothing, while the last such write is under way.
    pub fn save_in_background(&mut self, path: &Path, session: &Session) -> bool {
        if self.writer.busy() {
            return false;
        }
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
        self.writer.start(path, snapshot);
        true
    }

    /// A background write is under way.
    pub fn writing(&self) -> bool {
        self.writer.busy()
    }

    /// The result of the background write, once it is done (None: none finished).
    pub fn take_written(&mut self) -> Option<io::Result<()>> {
        let written = self.writer.finished()?;
        Some(self.note_written(written))
    }

    /// Wait for the background write under way, if any, and return its result.
    pub fn wait_written(&mut self) -> Option<io::Result<()>> {
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
    /// - companion: the session file, with its own part laid over it (`roles::merge`).
    pub fn take_in(
        &mut self,
        path: &Path,
        session: &mut Session,
        texts: &QuestionsTexts,
    ) -> TakenIn {
        let unreadable = |err: &dyn std::fmt::Display| {
            Status::error(fill(texts.peer_unreadable, &[("err", &err.to_string())]))
        };
        let mut taken = TakenIn::default();
        match self.role {
            Role::Specialist => {
                let part_path = store::part_path(path);
                let seen = store::fingerprint(&part_path);
                if seen.is_some() && seen != self.part_seen {
                    // Fingerprint first: a write after it is seen on the next look.
                    self.part_seen = seen;
                    match store::load_part(&part_path, &session.id) {
                        Ok(Some(part)) => taken.changed |= roles::apply(session, &part),
                        Ok(None) => {}
                        Err(err) => taken.status = Some(unreadable(&err)),
                    }
                }
                let seen = store::fingerprint(path);
                // While our own write is replacing the file, a new fingerprint is ours.
                if seen.is_some() && seen != self.main_seen && !self.writer.busy() {
                    self.main_seen = seen;
                    match store::load_main(path) {
                        Ok(on_disk) => {
                            let adopted = roles::adopt_new_questions(session, &on_disk);
                            if adopted > 0 {
                                taken.changed = true;
                                let n = adopted.to_string();
                                let message = fill(texts.adopted, &[("n", &n)]);
                                taken.status = Some(Status::info(message));
                            }
                        }
                        Err(err) => taken.status = Some(unreadable(&err)),
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
                        }
                        Err(err) => taken.status = Some(unreadable(&err)),
                    }
                }
            }
        }
        taken
    }
}
