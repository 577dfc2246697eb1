//! Writing the open session's file off the event loop, in two steps on two threads, so
//! that neither a keystroke nor the crash guarantee waits for the disk:
//! - the journal thread appends each snapshot's change to the journal, one `write` with no
//!   fsync: from then on a kill of the process loses nothing (the next read replays it);
//! - the save thread syncs the journal and replaces the file (temporary file, fsync,
//!   rename, fsync of the folder), 2 to 20 ms on a quiet disk and seconds on a busy one.
//!
//! While the save thread is busy, newer snapshots are journaled and only the latest waits
//! to be saved; one `Written` then answers for all of them.

use std::io;
use std::path::PathBuf;
use std::sync::mpsc::{Receiver, Sender, TryRecvError, channel};
use std::sync::{Arc, Condvar, Mutex};
use std::thread::JoinHandle;

use crate::model::roles::CompanionPart;
use crate::model::{Session, Timestamp};
use crate::store::journal::{self, Author, JournalWriter, Tail};

use crate::store::{self, Fingerprint};

/// What to write, copied on the event loop's thread.
pub(crate) enum Snapshot {
    Session(Box<Session>),
    Part(Box<CompanionPart>),
}

impl Snapshot {
    /// The file's text and its content as the journal compares it.
    fn text_and_value(&self) -> io::Result<(String, serde_json::Value)> {
        let (text, value) = match self {
            Snapshot::Session(session) => (
                store::refuse_unknown_fields(session)
                    .and_then(|()| store::serialize_within_limit(session))?,
                serde_json::to_value(session),
            ),
            Snapshot::Part(part) => (
                store::serialize_within_limit(part)?,
                serde_json::to_value(part),
            ),
        };
        Ok((text, value.map_err(io::Error::other)?))
    }
}

/// A save asked for: the file, what to write in it, and when.
struct Job {
    serial: u64,
    path: PathBuf,
    snapshot: Snapshot,
    at: Timestamp,
}

/// A finished write: its result, and the file's fingerprint right after it.
pub(crate) struct Written {
    pub result: io::Result<()>,
    pub fingerprint: Option<Fingerprint>,
}

/// A job journaled and waiting to be saved.
struct Journaled {
    serial: u64,
    path: PathBuf,
    text: String,
    /// The journal's append failed: the save goes ahead, and this is reported.
    journal_error: Option<io::Error>,
    /// The journal's file, to sync before the save.
    journal_file: Option<std::fs::File>,
}

/// The journal of the file this terminal writes: opened when first needed, and opened
/// again when its file went away (a folder removed and made again), continuing the chain.
struct JournalSlot {
    file: PathBuf,
    tail: io::Result<Tail>,
    writer: Option<JournalWriter>,
}

impl JournalSlot {
    fn get(&mut self) -> io::Result<&mut JournalWriter> {
        if let Some(writer) = self.writer.take_if(|writer| !writer.in_place()) {
            self.tail = Ok(writer.into_tail());
        }
        let writer = match self.writer.take() {
            Some(writer) => writer,
            None => {
                let tail = match &self.tail {
                    Ok(tail) => tail.clone(),
                    Err(err) => return Err(io::Error::new(err.kind(), err.to_string())),
                };
                JournalWriter::open(&self.file, tail)?
            }
        };
        Ok(self.writer.insert(writer))
    }
}

/// Between the two threads: the latest journaled job not yet saved.
#[derive(Default)]
struct Handover {
    waiting: Option<Journaled>,
    /// The journal thread is gone: save what waits, then stop.
    closed: bool,
}

type Shared = Arc<(Mutex<Handover>, Condvar)>;

struct Threads {
    jobs: Sender<Job>,
    done: Receiver<(u64, Written)>,
    journal: JoinHandle<()>,
    save: JoinHandle<()>,
}

/// The event loop's end of the two threads.
pub(crate) struct Writer {
    by: Author,
    /// The journal, until the threads take it (or for writing here when they cannot start).
    journal: Option<JournalSlot>,
    threads: Option<Threads>,
    /// Serials handed over and answered.
    sent: u64,
    answered: u64,
    /// A write done here, when no thread could be started.
    ready: Option<Written>,
}

impl Writer {
    /// A writer of `file` that journals as `by`, continuing its journal at `tail`.
    /// (`tail`: an error when the journal could not be read; saves then say so.)
    pub(crate) fn new(by: Author, file: PathBuf, tail: io::Result<Tail>) -> Writer {
        Writer {
            by,
            journal: Some(JournalSlot {
                file,
                tail,
                writer: None,
            }),
            threads: None,
            sent: 0,
            answered: 0,
            ready: None,
        }
    }

    /// A write is under way.
    pub(crate) fn busy(&self) -> bool {
        self.answered < self.sent
    }

    /// Start writing `snapshot` to `path` (`at`: when it was taken). Never waits: a
    /// snapshot handed over while the last is being saved supersedes it.
    pub(crate) fn start(&mut self, path: PathBuf, snapshot: Snapshot, at: Timestamp) {
        self.sent += 1;
        let job = Job {
            serial: self.sent,
            path,
            snapshot,
            at,
        };
        if self.threads.is_none() {
            self.threads = self.spawn();
        }
        let job = match &self.threads {
            Some(threads) => match threads.jobs.send(job) {
                Ok(()) => return,
                // The threads are gone (a panic): write here; the next write starts anew.
                Err(returned) => returned.0,
            },
            None => job,
        };
        self.threads = None;
        let journaled = match self.journal.as_mut() {
            Some(journal) => journal_job(journal, &self.by, job),
            None => unjournaled(job),
        };
        let (serial, written) = save_job(journaled);
        self.answered = serial;
        self.ready = Some(written);
    }

    /// The finished write, if there is one, without waiting.
    pub(crate) fn finished(&mut self) -> Option<Written> {
        self.take(false)
    }

    /// Wait for every write under way, and return the last one's result.
    pub(crate) fn wait(&mut self) -> Option<Written> {
        self.take(true)
    }

    fn take(&mut self, block: bool) -> Option<Written> {
        let mut last = self.ready.take();
        while self.busy() {
            let Some(threads) = self.threads.as_ref() else {
                self.answered = self.sent;
                break;
            };
            let received = match block {
                true => threads.done.recv().map_err(|_| TryRecvError::Disconnected),
                false => threads.done.try_recv(),
            };
            match received {
                Ok((serial, written)) => {
                    self.answered = serial;
                    last = Some(written);
                }
                Err(TryRecvError::Empty) => break,
                Err(TryRecvError::Disconnected) => {
                    self.answered = self.sent;
                    self.threads = None;
                    last = Some(Written {
                        result: Err(io::Error::other("the thread writing the session stopped")),
                        fingerprint: None,
                    });
                }
            }
        }
        last
    }

    /// Start the two threads; None when the system has no thread to give.
    fn spawn(&mut self) -> Option<Threads> {
        let mut journal = self.journal.take()?;
        let by = self.by.clone();
        let (jobs, incoming) = channel::<Job>();
        let (answers, done) = channel();
        let shared: Shared = Arc::default();
        let handover = Arc::clone(&shared);
        let save = std::thread::Builder::new()
            .name("sonote-save".into())
            .spawn(move || save_thread(&handover, &answers))
            .ok()?;
        let handover = Arc::clone(&shared);
        let journal = std::thread::Builder::new()
            .name("sonote-journal".into())
            .spawn(move || {
                for mut job in incoming.iter() {
                    // Only the latest snapshot matters: it holds every change before it.
                    while let Ok(newer) = incoming.try_recv() {
                        job = newer;
                    }
                    let journaled = journal_job(&mut journal, &by, job);
                    let (lock, wake) = &*handover;
                    if let Ok(mut handover) = lock.lock() {
                        handover.waiting = Some(journaled);
                        wake.notify_one();
                    }
                }
                let (lock, wake) = &*handover;
                if let Ok(mut handover) = lock.lock() {
                    handover.closed = true;
                    wake.notify_one();
                }
            })
            .ok()?;
        Some(Threads {
            jobs,
            done,
            journal,
            save,
        })
    }
}

impl Drop for Writer {
    /// Finish the writes under way before the session's lock is let go.
    fn drop(&mut self) {
        if let Some(threads) = self.threads.take() {
            drop(threads.jobs);
            let _ = threads.journal.join();
            let _ = threads.save.join();
        }
    }
}

/// Serialize a job and append its change to the journal.
fn journal_job(journal: &mut JournalSlot, by: &Author, job: Job) -> Journaled {
    let (text, value) = match job.snapshot.text_and_value() {
        Ok(serialized) => serialized,
        Err(err) => return failed(job, err),
    };
    let hash = journal::hash(text.as_bytes());
    let (journal_file, journal_error) = match journal.get() {
        Ok(writer) => (
            writer.try_clone_file().ok(),
            writer.record(by, job.at, value, hash).err(),
        ),
        Err(err) => (None, Some(err)),
    };
    Journaled {
        serial: job.serial,
        path: job.path,
        text,
        journal_error: journal_error
            .map(|err| io::Error::new(err.kind(), format!("journal: {err}"))),
        journal_file,
    }
}

/// A job that cannot be written: its error, to be reported.
fn failed(job: Job, err: io::Error) -> Journaled {
    Journaled {
        serial: job.serial,
        path: job.path,
        text: String::new(),
        journal_error: Some(err),
        journal_file: None,
    }
}

/// A job written without a journal (its journal went to the thread that failed).
fn unjournaled(job: Job) -> Journaled {
    match job.snapshot.text_and_value() {
        Ok((text, _)) => Journaled {
            serial: job.serial,
            path: job.path,
            text,
            journal_error: Some(io::Error::other("journal: the journal thread stopped")),
            journal_file: None,
        },
        Err(err) => failed(job, err),
    }
}

/// Sync the journal, then put the file in place.
fn save_job(job: Journaled) -> (u64, Written) {
    let result = match job.journal_error {
        Some(err) if job.text.is_empty() => Err(err),
        journal_error => job
            .journal_file
            .as_ref()
            .map_or(Ok(()), |file| file.sync_data())
            .and_then(|()| store::stage(&job.path, job.text.as_bytes()))
            .and_then(store::Staged::commit)
            .and(journal_error.map_or(Ok(()), Err)),
    };
    let written = Written {
        result,
        fingerprint: store::fingerprint(&job.path),
    };
    (job.serial, written)
}

fn save_thread(handover: &Shared, answers: &Sender<(u64, Written)>) {
    let (lock, wake) = &**handover;
    loop {
        let job = {
            let Ok(mut handover) = lock.lock() else {
                return;
            };
            loop {
                if let Some(job) = handover.waiting.take() {
                    break job;
                }
                if handover.closed {
                    return;
                }
                handover = match wake.wait(handover) {
                    Ok(handover) => handover,
                    Err(_) => return,
                };
            }
        };
        if answers.send(save_job(job)).is_err() {
            return;
        }
    }
}
