//! A program in a pseudo-terminal, for end-to-end tests: spawn it at a size with an
//! environment, send it keys, read its screen as a terminal would show it, and wait for
//! text on that screen or for it to exit. Every wait has a time limit and polls the
//! screen, so a test never sleeps blindly and never hangs.
#![allow(dead_code)]

use std::io::{Read, Write};
use std::path::Path;
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use portable_pty::{Child, CommandBuilder, ExitStatus, MasterPty, PtySize, native_pty_system};

/// How often the screen is looked at while waiting.
const POLL: Duration = Duration::from_millis(10);

/// Keys as a terminal sends them (xterm).
pub mod keys {
    pub const ENTER: &str = "\r";
    pub const ESC: &str = "\x1b";
    pub const TAB: &str = "\t";
    pub const BACKSPACE: &str = "\x7f";
    pub const UP: &str = "\x1b[A";
    pub const DOWN: &str = "\x1b[B";
    pub const RIGHT: &str = "\x1b[C";
    pub const LEFT: &str = "\x1b[D";
    pub const F1: &str = "\x1bOP";
    pub const F2: &str = "\x1bOQ";
    pub const F3: &str = "\x1bOR";
    pub const F4: &str = "\x1bOS";
    pub const CTRL_C: &str = "\x03";
}

pub struct Pty {
    name: String,
    child: Box<dyn Child + Send + Sync>,
    writer: Box<dyn Write + Send>,
    parser: Arc<Mutex<vt100::Parser>>,
    // Kept so the terminal stays open as long as the test holds the Pty.
    _master: Box<dyn MasterPty + Send>,
    reader: Option<JoinHandle<()>>,
}

impl Pty {
    /// Start `program` with `args` in a new terminal of `cols` x `rows`, in `cwd`, with
    /// `env` added to a clean environment (only PATH and TERM are kept, so the user's
    /// settings cannot change what the test sees). `name` labels failure messages.
    pub fn spawn(
        name: &str,
        program: &Path,
        args: &[&str],
        env: &[(&str, &str)],
        cwd: &Path,
        cols: u16,
        rows: u16,
    ) -> Pty {
        let pair = native_pty_system()
            .openpty(PtySize {
                rows,
                cols,
                pixel_width: 0,
                pixel_height: 0,
            })
            .expect("open a pseudo-terminal");
        let mut command = CommandBuilder::new(program);
        command.args(args);
        command.env_clear();
        if let Some(path) = std::env::var_os("PATH") {
            command.env("PATH", path);
        }
        command.env("TERM", "xterm-256color");
        for (key, value) in env {
            command.env(key, value);
        }
        command.cwd(cwd);
        let child = pair.slave.spawn_command(command).expect("spawn in the pty");
        drop(pair.slave);
        let mut reader = pair.master.try_clone_reader().expect("pty reader");
        let writer = pair.master.take_writer().expect("pty writer");
        let parser = Arc::new(Mutex::new(vt100::Parser::new(
            std::num::NonZeroU16::new(rows).expect("rows > 0"),
            std::num::NonZeroU16::new(cols).expect("cols > 0"),
            0,
        )));
        let sink = Arc::clone(&parser);
        let reader = std::thread::spawn(move || {
            let mut buffer = [0u8; 8192];
            // Ends when the program exits and the terminal closes.
            while let Ok(n) = reader.read(&mut buffer) {
                if n == 0 {
                    break;
                }
                if let Ok(mut parser) = sink.lock() {
                    parser.process(&buffer[..n]);
                }
            }
        });
        Pty {
            name: name.to_string(),
            child,
            writer,
            parser,
            _master: pair.master,
            reader: Some(reader),
        }
    }

    /// Send bytes as if typed (text is sent as UTF-8, as a terminal does).
    pub fn send(&mut self, bytes: impl AsRef<[u8]>) {
        self.writer
            .write_all(bytes.as_ref())
            .expect("write to the pty");
        self.writer.flush().expect("flush the pty");
    }

    /// The screen as text, one line per row.
    pub fn screen(&self) -> String {
        self.parser
            .lock()
            .map(|parser| parser.screen().contents())
            .unwrap_or_default()
    }

    /// Wait until `check` holds for the screen; returns how long it took. On timeout the
    /// error shows the screen.
    pub fn wait_until(
        &self,
        what: &str,
        timeout: Duration,
        check: impl Fn(&str) -> bool,
    ) -> Result<Duration, String> {
        let start = Instant::now();
        loop {
            let screen = self.screen();
            if check(&screen) {
                return Ok(start.elapsed());
            }
            if start.elapsed() > timeout {
                return Err(format!(
                    "{}: no {what} on screen after {timeout:?}; the screen:\n{screen}",
                    self.name
                ));
            }
            std::thread::sleep(POLL);
        }
    }

    /// Wait until `text` is on the screen; returns how long it took.
    pub fn wait_for(&self, text: &str, timeout: Duration) -> Result<Duration, String> {
        self.wait_until(&format!("{text:?}"), timeout, |screen| {
            screen.contains(text)
        })
    }

    /// Wait until `text` is no longer on the screen.
    pub fn wait_gone(&self, text: &str, timeout: Duration) -> Result<Duration, String> {
        self.wait_until(&format!("end of {text:?}"), timeout, |screen| {
            !screen.contains(text)
        })
    }

    /// Wait for the program to exit; kill it if it does not within `timeout`.
    pub fn wait_exit(&mut self, timeout: Duration) -> Result<ExitStatus, String> {
        let start = Instant::now();
        loop {
            match self.child.try_wait() {
                Ok(Some(status)) => {
                    if let Some(reader) = self.reader.take() {
                        let _ = reader.join();
                    }
                    return Ok(status);
                }
                Ok(None) if start.elapsed() > timeout => {
                    let _ = self.child.kill();
                    return Err(format!(
                        "{}: still running after {timeout:?}; the screen:\n{}",
                        self.name,
                        self.screen()
                    ));
                }
                Ok(None) => std::thread::sleep(POLL),
                Err(err) => return Err(format!("{}: {err}", self.name)),
            }
        }
    }
}

impl Drop for Pty {
    /// A failed test must not leave its program running.
    fn drop(&mut self) {
        if let Ok(None) = self.child.try_wait() {
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
    }
}
