//! A background thread that writes files atomically, so that a slow disk (fsync) never
//! makes typing wait. The screen hands it finished bytes and hears back when they landed.

use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, Sender, channel};
use std::thread::JoinHandle;

use crate::store;

struct Job {
    id: u64,
    path: PathBuf,
    bytes: Vec<u8>,
}

/// A write that finished, well or not.
#[derive(Debug)]
pub struct Done {
    pub id: u64,
    pub path: PathBuf,
    pub result: Result<(), String>,
}

pub struct Writer {
    jobs: Option<Sender<Job>>,
    done: Receiver<Done>,
    thread: Option<JoinHandle<()>>,
    next_id: u64,
    in_flight: usize,
}

impl Writer {
    pub fn new() -> Writer {
        let (jobs, incoming) = channel::<Job>();
        let (finished, done) = channel();
        let thread = std::thread::Builder::new()
            .name("sonote-writer".into())
            .spawn(move || {
                for job in incoming {
                    let result =
                        store::write_atomically(&job.path, &job.bytes).map_err(|e| e.to_string());
                    let _ = finished.send(Done {
                        id: job.id,
                        path: job.path,
                        result,
                    });
                }
            })
            .ok();
        Writer {
            jobs: thread.as_ref().map(|_| jobs),
            done,
            thread,
            next_id: 0,
            in_flight: 0,
        }
    }

    /// Queue a write. Returns false when no writer thread could be started: the caller then
    /// writes itself.
    pub fn submit(&mut self, path: &Path, bytes: Vec<u8>) -> bool {
        let Some(jobs) = &self.jobs else {
            return false;
        };
        self.next_id += 1;
        let job = Job {
            id: self.next_id,
            path: path.to_path_buf(),
            bytes,
        };
        if jobs.send(job).is_err() {
            return false;
        }
        self.in_flight += 1;
        true
    }

    /// The writes that finished since the last look, oldest first.
    pub fn finished(&mut self) -> Vec<Done> {
        let done: Vec<Done> = self.done.try_iter().collect();
        self.in_flight -= done.len().min(self.in_flight);
        done
    }

    /// Wait for every queued write to finish (before a write of one's own, so an older
    /// queued one cannot land after it); returns them.
    pub fn drain(&mut self) -> Vec<Done> {
        let mut all = Vec::new();
        while self.in_flight > 0 {
            match self.done.recv() {
                Ok(done) => {
                    self.in_flight -= 1;
                    all.push(done);
                }
                Err(_) => break,
            }
        }
        all
    }
}

impl Default for Writer {
    fn default() -> Self {
        Writer::new()
    }
}

impl Drop for Writer {
    /// Closing waits for queued writes: nothing handed to the writer is ever dropped.
    fn drop(&mut self) {
        self.jobs = None;
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}
