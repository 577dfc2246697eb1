//! Writing the open session's file on a thread of its own, so that a keystroke never waits
//! for the disk: an autosave of a large session takes 2 to 20 ms, most of it in fsync
//! (BENCHMARKS.md), and the event loop would sit in it with the key unread.
//!
//! One write at a time: the caller hands over a snapshot only when the last one is done,
//! and a synchronous save waits for it first, so two writes of one file never overlap.

use std::io;
use std::path::PathBuf;
use std::sync::mpsc::{Receiver, Sender, TryRecvError, channel};
use std::thread::JoinHandle;

use crate::model::Session;
use crate::model::roles::CompanionPart;
use crate::store::{self, Fingerprint};

/// What to write, copied on the event loop's thread.
pub(crate) enum Snapshot {
    Session(Box<Session>),
    Part(Box<CompanionPart>),
}

/// A finished write: its result, and the file's fingerprint right after it.
pub(crate) struct Written {
    pub result: io::Result<()>,
    pub fingerprint: Option<Fingerprint>,
}

type Thread = (
    Sender<(PathBuf, Snapshot)>,
    Receiver<Written>,
    JoinHandle<()>,
);

#[derive(Default)]
pub(crate) struct Writer {
    /// The thread and its two ends, started on the first write.
    thread: Option<Thread>,
    in_flight: bool,
    /// A write done at once, when no thread could be started.
    ready: Option<Written>,
}

impl Writer {
    /// A write is under way.
    pub(crate) fn busy(&self) -> bool {
        self.in_flight
    }

    /// Start writing `snapshot` to `path`. The caller checks `busy` first.
    pub(crate) fn start(&mut self, path: PathBuf, snapshot: Snapshot) {
        debug_assert!(!self.in_flight, "one write at a time");
        self.in_flight = true;
        if self.thread.is_none() {
            self.thread = spawn();
        }
        let job = match &self.thread {
            Some((jobs, _, _)) => match jobs.send((path, snapshot)) {
                Ok(()) => return,
                // The thread is gone (it panicked): write here; the next write starts a
                // new thread.
                Err(returned) => returned.0,
            },
            None => (path, snapshot),
        };
        self.thread = None;
        self.ready = Some(write(&job.0, &job.1));
    }

    /// The finished write, if there is one, without waiting.
    pub(crate) fn finished(&mut self) -> Option<Written> {
        self.take(false)
    }

    /// Wait for the write under way, if any, and return it.
    pub(crate) fn wait(&mut self) -> Option<Written> {
        self.take(true)
    }

    fn take(&mut self, block: bool) -> Option<Written> {
        if !self.in_flight {
            return None;
        }
        if let Some(written) = self.ready.take() {
            self.in_flight = false;
            return Some(written);
        }
        let Some((_, done, _)) = self.thread.as_ref() else {
            self.in_flight = false;
            return None;
        };
        let received = if block {
            done.recv().map_err(|_| TryRecvError::Disconnected)
        } else {
            done.try_recv()
        };
        match received {
            Ok(written) => {
                self.in_flight = false;
                Some(written)
            }
            Err(TryRecvError::Empty) => None,
            Err(TryRecvError::Disconnected) => {
                self.in_flight = false;
                self.thread = None;
                Some(Written {
                    result: Err(io::Error::other("the thread writing the session stopped")),
                    fingerprint: None,
                })
            }
        }
    }
}

impl Drop for Writer {
    /// Finish the write under way before the session's lock is let go.
    fn drop(&mut self) {
        if let Some((jobs, _, thread)) = self.thread.take() {
            drop(jobs);
            let _ = thread.join();
        }
    }
}

/// Start the writing thread; None when the system has no thread to give.
fn spawn() -> Option<Thread> {
    let (jobs, incoming) = channel::<(PathBuf, Snapshot)>();
    let (outgoing, done) = channel();
    let thread = std::thread::Builder::new()
        .name("sonote-writer".into())
        .spawn(move || {
            for (path, snapshot) in incoming {
                if outgoing.send(write(&path, &snapshot)).is_err() {
                    break;
                }
            }
        })
        .ok()?;
    Some((jobs, done, thread))
}

fn write(path: &std::path::Path, snapshot: &Snapshot) -> Written {
    let result = match snapshot {
        Snapshot::Session(session) => store::save(path, session),
        Snapshot::Part(part) => store::save_part(path, part),
    };
    Written {
        result,
        fingerprint: store::fingerprint(path),
    }
}
