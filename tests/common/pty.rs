//! A pseudo-terminal for end-to-end tests: run a real program in a terminal of a given
//! size, type into it, and read the screen as a terminal shows it (vt100). Every wait has
//! a deadline and, when it passes, fails with the screen in the message.
//!
//! Use from a test file with `#[path = "common/pty.rs"] mod pty;`.
#![allow(dead_code)]

use std::ffi::OsStr;
use std::io::{Read, Write};
use std::num::NonZeroU16;
use std::sync::{Arc, Mutex, MutexGuard};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use portable_pty::{Child, CommandBuilder, ExitStatus, MasterPty, PtySize, native_pty_system};

/// What keys send, as an xterm-compatible terminal sends them.
pub mod keys {
    pub const ENTER: &str = "\r";
    pub const ESC: &str = "\x1b";
    pub const TAB: &str = "\t";
    pub const BACKTAB: &str = "\x1b[Z";
    pub const BACKSPACE: &str = "\x7f";
    pub const UP: &str = "\x1b[A";
    pub const DOWN: &str = "\x1b[B";
    pub const RIGHT: &str = "\x1b[C";
    pub const LEFT: &str = "\x1b[D";
    pub const HOME: &str = "\x1b[H";
    pub const END: &str = "\x1b[F";
    pub const CTRL_C: &str = "\x03";

    /// F1 to F12.
    pub fn f(n: u8) -> &'static str {
        const KEYS: [&str; 12] = [
            "\x1bOP", "\x1bOQ", "\x1bOR", "\x1bOS", "\x1b[15~", "\x1b[17~", "\x1b[18~", "\x1b[19~",
            "\x1b[20~", "\x1b[21~", "\x1b[23~", "\x1b[24~",
        ];
        KEYS[usize::from(n.clamp(1, 12)) - 1]
    }
}

/// How often a wait looks at the screen again.
const POLL: Duration = Duration::from_millis(20);

pub struct Pty {
    child: Box<dyn Child + Send + Sync>,
    writer: Box<dyn Write + Send>,
    parser: Arc<Mutex<vt100::Parser>>,
    _reader: JoinHandle<()>,
    /// Kept open for the life of the child: closing it hangs the child up.
    _master: Box<dyn MasterPty + Send>,
    cols: u16,
    rows: u16,
}

/// A command with a known terminal type, for `Pty::spawn`.
pub fn command<S: AsRef<OsStr>>(program: S, args: &[&str]) -> CommandBuilder {
    let mut cmd = CommandBuilder::new(program);
    cmd.args(args);
    cmd.env("TERM", "xterm-256color");
    if let Ok(dir) = std::env::current_dir() {
        cmd.cwd(dir);
    }
    cmd
}

impl Pty {
    /// Start `cmd` in a new pseudo-terminal of `cols` x `rows`.
    pub fn spawn(cmd: CommandBuilder, cols: u16, rows: u16) -> Pty {
        let size = PtySize {
            rows,
            cols,
            pixel_width: 0,
            pixel_height: 0,
        };
        let pair = native_pty_system()
            .openpty(size)
            .expect("a pseudo-terminal can be opened");
        let child = pair
            .slave
            .spawn_command(cmd)
            .expect("the program starts in the pseudo-terminal");
        // Only the child holds the terminal's other end now, so the reader sees the end
        // of output when the child exits.
        drop(pair.slave);
        let mut reader = pair.master.try_clone_reader().expect("a reader");
        let writer = pair.master.take_writer().expect("a writer");
        let parser = Arc::new(Mutex::new(vt100::Parser::new(
            NonZeroU16::new(rows).expect("at least one row"),
            NonZeroU16::new(cols).expect("at least one column"),
            0,
        )));
        let sink = Arc::clone(&parser);
        let reader = std::thread::spawn(move || {
            let mut buf = [0u8; 8192];
            loop {
                match reader.read(&mut buf) {
                    Ok(0) | Err(_) => break,
                    Ok(n) => lock(&sink).process(&buf[..n]),
                }
            }
        });
        Pty {
            child,
            writer,
            parser,
            _reader: reader,
            _master: pair.master,
            cols,
            rows,
        }
    }

    /// Type `bytes` (text, or escape sequences from `keys`).
    pub fn send(&mut self, bytes: impl AsRef<[u8]>) {
        self.writer
            .write_all(bytes.as_ref())
            .and_then(|()| self.writer.flush())
            .expect("the terminal accepts input");
    }

    /// The screen's rows as text (a wide character appears once).
    pub fn lines(&self) -> Vec<String> {
        lock(&self.parser)
            .screen()
            .rows(0, self.cols)
            .take(usize::from(self.rows))
            .collect()
    }

    pub fn screen(&self) -> String {
        self.lines().join("\n")
    }

    /// The cursor as (row, column), 0-based.
    pub fn cursor(&self) -> (u16, u16) {
        lock(&self.parser).screen().cursor_position()
    }

    /// Wait until the screen satisfies `check`; fail after `timeout` showing the screen.
    pub fn wait_until(
        &self,
        what: &str,
        timeout: Duration,
        check: impl Fn(&[String]) -> bool,
    ) -> Vec<String> {
        let deadline = Instant::now() + timeout;
        loop {
            let lines = self.lines();
            if check(&lines) {
                return lines;
            }
            if Instant::now() >= deadline {
                panic!(
                    "waited {timeout:?} for {what}; the screen shows:\n{}",
                    lines.join("\n")
                );
            }
            std::thread::sleep(POLL);
        }
    }

    /// Wait until `text` is on the screen.
    pub fn wait_for(&self, text: &str, timeout: Duration) -> Vec<String> {
        self.wait_until(&format!("{text:?}"), timeout, |lines| {
            lines.iter().any(|line| line.contains(text))
        })
    }

    /// Wait for the program to exit; kill it and fail if it has not after `timeout`.
    pub fn wait_for_exit(&mut self, timeout: Duration) -> ExitStatus {
        let deadline = Instant::now() + timeout;
        loop {
            // The reader thread is not joined: it ends by itself when the terminal closes,
            // and a wait here could not be bounded.
            if let Some(status) = self.child.try_wait().expect("the child can be polled") {
                return status;
            }
            if Instant::now() >= deadline {
                let _ = self.child.kill();
                panic!(
                    "the program did not exit within {timeout:?}; the screen shows:\n{}",
                    self.screen()
                );
            }
            std::thread::sleep(POLL);
        }
    }
}

impl Drop for Pty {
    fn drop(&mut self) {
        // A failed test must not leave the program running.
        if let Ok(None) = self.child.try_wait() {
            let _ = self.child.kill();
        }
    }
}

/// The parser's lock; a reader thread that panicked leaves the screen as it was, which is
/// still worth showing.
fn lock(parser: &Mutex<vt100::Parser>) -> MutexGuard<'_, vt100::Parser> {
    parser
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
}
