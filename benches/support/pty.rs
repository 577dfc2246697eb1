//! A program in a pseudo-terminal, its output read by a thread that stamps each chunk with
//! the moment `read` returned it, and parsed by vt100 into the screen a person would see.
//! (Ideas from `tests/common/pty.rs`; the timestamps are what the benchmarks need.)
#![allow(dead_code)]

use std::io::{Read, Write};
use std::sync::mpsc::{Receiver, RecvTimeoutError, channel};
use std::time::{Duration, Instant};

use portable_pty::{Child, CommandBuilder, MasterPty, PtySize, native_pty_system};

pub const F1: &str = "\x1bOP";
pub const F2: &str = "\x1bOQ";
pub const F3: &str = "\x1bOR";
pub const F4: &str = "\x1bOS";
pub const F5: &str = "\x1b[15~";
pub const ENTER: &str = "\r";
pub const DOWN: &str = "\x1b[B";
pub const ESC: &str = "\x1b";

pub struct Pty {
    pub parser: vt100::Parser,
    output: Receiver<(Instant, Vec<u8>)>,
    writer: Box<dyn Write + Send>,
    child: Box<dyn Child + Send + Sync>,
    _master: Box<dyn MasterPty + Send>,
    /// When the program was spawned.
    pub spawned: Instant,
}

impl Pty {
    pub fn spawn(program: &str, args: &[&str], cols: u16, rows: u16) -> Pty {
        let size = PtySize {
            rows,
            cols,
            pixel_width: 0,
            pixel_height: 0,
        };
        let pair = native_pty_system().openpty(size).expect("open a pty");
        let mut command = CommandBuilder::new(program);
        command.args(args);
        command.env("TERM", "xterm-256color");
        // vim takes its encoding from the locale: UTF-8 for both programs.
        command.env("LANG", "C.UTF-8");
        command.env("LC_ALL", "C.UTF-8");
        command.env_remove("NO_COLOR");
        command.env_remove("SONOTE_CONFIG");
        command.env_remove("SONOTE_DATA_DIR");
        let mut reader = pair.master.try_clone_reader().expect("pty reader");
        let writer = pair.master.take_writer().expect("pty writer");
        let (sender, output) = channel();
        std::thread::spawn(move || {
            let mut buffer = [0u8; 65536];
            while let Ok(n) = reader.read(&mut buffer) {
                let at = Instant::now();
                if n == 0 || sender.send((at, buffer[..n].to_vec())).is_err() {
                    break;
                }
            }
        });
        let spawned = Instant::now();
        let child = pair.slave.spawn_command(command).expect("spawn in the pty");
        drop(pair.slave);
        Pty {
            parser: vt100::Parser::new(non_zero(rows), non_zero(cols), 0),
            output,
            writer,
            child,
            _master: pair.master,
            spawned,
        }
    }

    pub fn pid(&self) -> Option<u32> {
        self.child.process_id()
    }

    /// Write bytes as typed keys; returns the moment the write returned.
    pub fn send(&mut self, bytes: &[u8]) -> Instant {
        self.writer.write_all(bytes).expect("write to the pty");
        self.writer.flush().expect("flush the pty");
        Instant::now()
    }

    /// Parse output as it comes until `done` holds; returns the moment the chunk that made
    /// it hold was read, or None after `timeout`.
    pub fn until(
        &mut self,
        timeout: Duration,
        done: impl FnMut(&vt100::Screen) -> bool,
    ) -> Option<Instant> {
        self.until_with_first(timeout, done).map(|(_, at)| at)
    }

    /// The same, also returning when the first chunk of output came.
    pub fn until_with_first(
        &mut self,
        timeout: Duration,
        mut done: impl FnMut(&vt100::Screen) -> bool,
    ) -> Option<(Instant, Instant)> {
        let deadline = Instant::now() + timeout;
        let mut first = None;
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            match self.output.recv_timeout(left) {
                Ok((at, bytes)) => {
                    first.get_or_insert(at);
                    self.parser.process(&bytes);
                    if done(self.parser.screen()) {
                        return Some((first.unwrap_or(at), at));
                    }
                }
                Err(RecvTimeoutError::Timeout | RecvTimeoutError::Disconnected) => return None,
            }
        }
    }

    /// Wait until the screen shows `text`; panic with the screen after `timeout`.
    pub fn wait_for(&mut self, text: &str, timeout: Duration) -> Instant {
        if self.parser.screen().contents().contains(text) {
            return Instant::now();
        }
        match self.until(timeout, |screen| screen.contents().contains(text)) {
            Some(at) => at,
            None => panic!(
                "timed out waiting for {text:?}; the screen:\n{}",
                self.parser.screen().contents()
            ),
        }
    }

    /// Take in whatever output arrives for `wait` (the program's idle redraws).
    pub fn drain(&mut self, wait: Duration) {
        let deadline = Instant::now() + wait;
        while let Ok((_, bytes)) = self
            .output
            .recv_timeout(deadline.saturating_duration_since(Instant::now()))
        {
            self.parser.process(&bytes);
        }
    }

    /// Take in the output already read, without waiting.
    pub fn drain_now(&mut self) {
        while let Ok((_, bytes)) = self.output.try_recv() {
            self.parser.process(&bytes);
        }
    }

    /// Wait for the program to exit; kill it after `timeout`. Returns whether it exited.
    pub fn wait_exit(&mut self, timeout: Duration) -> bool {
        let deadline = Instant::now() + timeout;
        loop {
            if let Ok(Some(_)) = self.child.try_wait() {
                return true;
            }
            if Instant::now() > deadline {
                let _ = self.child.kill();
                let _ = self.child.wait();
                return false;
            }
            self.drain(Duration::from_millis(20));
        }
    }
}

impl Drop for Pty {
    fn drop(&mut self) {
        if let Ok(None) = self.child.try_wait() {
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
    }
}

fn non_zero(n: u16) -> std::num::NonZeroU16 {
    std::num::NonZeroU16::new(n).expect("a terminal has at least one row and column")
}

/// A field of `/proc/<pid>/status` in kB (`VmHWM`: peak resident memory).
pub fn proc_status_kb(pid: u32, field: &str) -> Option<u64> {
    let text = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    text.lines()
        .find_map(|line| line.strip_prefix(field)?.strip_prefix(':'))
        .and_then(|rest| rest.split_whitespace().next()?.parse().ok())
}

/// Bytes the process has written so far (`wchar` of `/proc/<pid>/io`): files and terminal.
pub fn written_bytes(pid: u32) -> Option<u64> {
    let text = std::fs::read_to_string(format!("/proc/{pid}/io")).ok()?;
    text.lines()
        .find_map(|line| line.strip_prefix("wchar:"))
        .and_then(|rest| rest.trim().parse().ok())
}

/// What the process's main thread is doing now, from `/proc/<pid>/syscall`: the number of
/// the system call it is blocked in, or "running".
pub fn current_syscall(pid: u32) -> String {
    std::fs::read_to_string(format!("/proc/{pid}/syscall"))
        .ok()
        .and_then(|text| text.split_whitespace().next().map(str::to_string))
        .unwrap_or_default()
}

/// A main thread's state as `current_syscall` gives it, in words (x86-64 Linux numbers).
pub fn activity(syscall: &str) -> &'static str {
    match syscall {
        // poll, select, ppoll, pselect6, epoll_wait, epoll_pwait: waiting for input.
        "7" | "23" | "270" | "271" | "232" | "281" => "idle",
        // fsync, fdatasync, rename, renameat(2), openat, close, write, pwrite: the disk.
        "74" | "75" | "82" | "264" | "316" | "257" | "3" | "1" | "18" => "disk",
        "running" => "running",
        _ => "other",
    }
}

/// Whether a main thread in `syscall` waits for input: in poll or the like (sonote, vim),
/// or blocked reading the terminal (cat).
pub fn waits_for_input(syscall: &str) -> bool {
    activity(syscall) == "idle" || syscall == "0"
}

/// Whether any thread of the process is blocked in fsync or fdatasync now: a save under way.
pub fn syncing(pid: u32) -> bool {
    let Ok(tasks) = std::fs::read_dir(format!("/proc/{pid}/task")) else {
        return false;
    };
    tasks.filter_map(Result::ok).any(|task| {
        std::fs::read_to_string(task.path().join("syscall"))
            .ok()
            .and_then(|text| {
                text.split_whitespace()
                    .next()
                    .map(|n| n == "74" || n == "75")
            })
            .unwrap_or(false)
    })
}
