//! A small harness to run the real `sonote` binary in a pseudo-terminal and read its
//! screen through a vt100 parser, as a person at a terminal would see it.

use std::io::{Read, Write};
use std::path::Path;
use std::sync::mpsc::{Receiver, RecvTimeoutError, channel};
use std::time::{Duration, Instant};

use portable_pty::{Child, CommandBuilder, MasterPty, PtySize, native_pty_system};

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

pub struct Pty {
    parser: vt100::Parser,
    output: Receiver<Vec<u8>>,
    writer: Box<dyn Write + Send>,
    child: Box<dyn Child + Send + Sync>,
    master: Box<dyn MasterPty + Send>,
}

impl Pty {
    /// Start `sonote ARGS` with `--data-dir DATA` in a terminal of `cols` x `rows`.
    pub fn sonote(data: &Path, args: &[&str], cols: u16, rows: u16) -> Pty {
        Pty::sonote_with_env(data, args, &[], cols, rows)
    }

    /// The same, with extra environment variables.
    pub fn sonote_with_env(
        data: &Path,
        args: &[&str],
        env: &[(&str, &str)],
        cols: u16,
        rows: u16,
    ) -> Pty {
        let mut all = vec!["--data-dir", data.to_str().expect("utf-8 temp path")];
        all.extend_from_slice(args);
        Pty::spawn(env!("CARGO_BIN_EXE_sonote"), &all, env, cols, rows)
    }

    /// How many cells of the screen have a colour of their own (foreground or background).
    pub fn coloured_cells(&self) -> usize {
        let screen = self.parser.screen();
        let (rows, cols) = screen.size();
        (0..rows.get())
            .flat_map(|row| (0..cols.get()).map(move |col| (row, col)))
            .filter_map(|(row, col)| screen.cell(row, col))
            .filter(|cell| {
                cell.fgcolor() != vt100::Color::Default || cell.bgcolor() != vt100::Color::Default
            })
            .count()
    }

    /// Whether the program is on the terminal's alternate screen (full-screen mode).
    pub fn on_alternate_screen(&self) -> bool {
        self.parser.screen().alternate_screen()
    }

    pub fn spawn(program: &str, args: &[&str], env: &[(&str, &str)], cols: u16, rows: u16) -> Pty {
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
        command.env_remove("NO_COLOR");
        command.env_remove("SONOTE_CONFIG");
        command.env_remove("SONOTE_DATA_DIR");
        for (key, value) in env {
            command.env(key, value);
        }
        let child = pair.slave.spawn_command(command).expect("spawn in the pty");
        drop(pair.slave);
        let mut reader = pair.master.try_clone_reader().expect("pty reader");
        let writer = pair.master.take_writer().expect("pty writer");
        let (sender, output) = channel();
        std::thread::spawn(move || {
            let mut buffer = [0u8; 8192];
            while let Ok(n) = reader.read(&mut buffer) {
                if n == 0 || sender.send(buffer[..n].to_vec()).is_err() {
                    break;
                }
            }
        });
        Pty {
            parser: vt100::Parser::new(non_zero(rows), non_zero(cols), 0),
            output,
            writer,
            child,
            master: pair.master,
        }
    }

    pub fn send(&mut self, bytes: &str) {
        self.writer
            .write_all(bytes.as_bytes())
            .expect("write to the pty");
        self.writer.flush().expect("flush the pty");
    }

    /// Read what the program drew, for at most `wait`.
    /// Read what the program wrote, waiting up to `wait` for the first of it.
    pub fn pump(&mut self, wait: Duration) {
        match self.output.recv_timeout(wait) {
            Ok(bytes) => {
                self.parser.process(&bytes);
                while let Ok(more) = self.output.try_recv() {
                    self.parser.process(&more);
                }
            }
            Err(RecvTimeoutError::Timeout | RecvTimeoutError::Disconnected) => {}
        }
    }

    /// The screen's rows, trailing blanks trimmed.
    pub fn lines(&self) -> Vec<String> {
        self.screen()
            .lines()
            .map(|l| l.trim_end().to_string())
            .collect()
    }

    pub fn screen(&self) -> String {
        self.parser.screen().contents()
    }

    /// What a person sees in each cell: its character, colours and attributes; of a blank
    /// (written or never written alike) only what shows on one: the background, inverse,
    /// underline. A row a line.
    pub fn looks(&self) -> Vec<String> {
        let screen = self.parser.screen();
        let (rows, cols) = screen.size();
        (0..rows.get())
            .map(|row| {
                (0..cols.get())
                    .filter_map(|col| screen.cell(row, col))
                    .map(|cell| {
                        let text = match cell.contents() {
                            "" | " " => {
                                return format!(
                                    " {:?}{}{}|",
                                    cell.bgcolor(),
                                    u8::from(cell.inverse()),
                                    u8::from(cell.underline())
                                );
                            }
                            text => text,
                        };
                        format!(
                            "{text}{:?}{:?}{}{}{}{}|",
                            cell.fgcolor(),
                            cell.bgcolor(),
                            u8::from(cell.bold()),
                            u8::from(cell.italic()),
                            u8::from(cell.underline()),
                            u8::from(cell.inverse())
                        )
                    })
                    .collect()
            })
            .collect()
    }

    /// Read what the program writes until it has written nothing for `quiet`.
    pub fn settle(&mut self, quiet: Duration) {
        while let Ok(bytes) = self.output.recv_timeout(quiet) {
            self.parser.process(&bytes);
        }
    }

    /// The cursor as (row, col).
    pub fn cursor(&self) -> (u16, u16) {
        self.parser.screen().cursor_position()
    }

    /// Wait until the screen satisfies `ready`; panic with the screen after `timeout`.
    pub fn wait_until(
        &mut self,
        what: &str,
        timeout: Duration,
        ready: impl Fn(&str) -> bool,
    ) -> String {
        let deadline = Instant::now() + timeout;
        loop {
            let screen = self.screen();
            if ready(&screen) {
                return screen;
            }
            if Instant::now() > deadline {
                panic!("timed out waiting for {what}; the screen:\n{screen}");
            }
            self.pump(Duration::from_millis(50));
        }
    }

    pub fn wait_for(&mut self, text: &str, timeout: Duration) -> String {
        self.wait_until(&format!("{text:?}"), timeout, |screen| {
            screen.contains(text)
        })
    }

    /// Wait until `text` is no longer on the screen.
    pub fn wait_gone(&mut self, text: &str, timeout: Duration) -> String {
        self.wait_until(&format!("{text:?} to go"), timeout, |screen| {
            !screen.contains(text)
        })
    }

    /// Wait until the cursor is at column `col`; return its (row, col).
    pub fn wait_for_cursor_column(&mut self, col: u16, timeout: Duration) -> (u16, u16) {
        let deadline = Instant::now() + timeout;
        while self.cursor().1 != col {
            if Instant::now() > deadline {
                panic!(
                    "timed out waiting for the cursor at column {col}, it is at {:?}; the screen:\n{}",
                    self.cursor(),
                    self.screen()
                );
            }
            self.pump(Duration::from_millis(50));
        }
        self.cursor()
    }

    pub fn resize(&mut self, cols: u16, rows: u16) {
        self.master
            .resize(PtySize {
                rows,
                cols,
                pixel_width: 0,
                pixel_height: 0,
            })
            .expect("resize the pty");
        self.parser
            .screen_mut()
            .set_size(non_zero(rows), non_zero(cols));
    }

    /// Wait for the program to exit; kill it and panic after `timeout`.
    pub fn wait_exit(&mut self, timeout: Duration) -> portable_pty::ExitStatus {
        let deadline = Instant::now() + timeout;
        loop {
            if let Some(status) = self.child.try_wait().expect("child status") {
                return status;
            }
            if Instant::now() > deadline {
                let _ = self.child.kill();
                panic!("the program did not exit; the screen:\n{}", self.screen());
            }
            self.pump(Duration::from_millis(50));
        }
    }

    /// SIGKILL: the process gets no chance to save anything.
    pub fn sigkill(&mut self) {
        if let Some(pid) = self.child.process_id() {
            let _ = std::process::Command::new("kill")
                .args(["-KILL", &pid.to_string()])
                .status();
        }
        let _ = self.child.wait();
    }

    pub fn kill(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn non_zero(n: u16) -> std::num::NonZeroU16 {
    std::num::NonZeroU16::new(n).expect("a terminal has at least one row and column")
}

impl Drop for Pty {
    fn drop(&mut self) {
        if let Ok(None) = self.child.try_wait() {
            self.kill();
        }
    }
}
