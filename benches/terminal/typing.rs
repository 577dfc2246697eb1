//! The typing harness of `benches/terminal.rs`: the programs measured, how each is started
//! and brought to a text field, and a typist that writes keys (one at a time, or an input
//! method's commit of several in one write) and times each until the screen shows it.
#![allow(dead_code)]

use std::time::{Duration, Instant};

use super::pty::{self, Pty};

pub const COLS: u16 = 200;
pub const ROWS: u16 = 50;
pub const GAP: Duration = Duration::from_millis(20);
pub const KEY_TIMEOUT: Duration = Duration::from_secs(2);
pub const ASCII: &str = "abcdefghijklmnopqrstuvwxyz";
pub const JAPANESE: &str = "あいうえおかきくけこさしすせそたちつてとなにぬねの";
/// Characters an input method commits at once in the burst runs: a phrase.
pub const BURST: usize = 10;
/// Bytes written in a window that mean a session file was saved (the file is ~230 KB;
/// a frame is a few KB at most).
const SAVE_BYTES: u64 = 64 * 1024;

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Program {
    Sonote,
    Vim,
    /// `cat` on a raw terminal: the pty's and the harness's own share of any latency.
    Cat,
}

impl Program {
    pub fn name(self) -> &'static str {
        match self {
            Program::Sonote => "sonote",
            Program::Vim => "vim",
            Program::Cat => "cat",
        }
    }
}

/// The screen sonote starts on.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Start {
    /// `open ID`: the large session.
    Session,
    /// No command: the home screen, which lists every session.
    Home,
    /// `desk`: the clerk's desk, which lists every session too.
    Desk,
}

/// The text field sonote types into.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Field {
    /// The questions tab (F2), the current question's answer (Enter): about 400 bytes.
    Answer,
    /// The consultation tab (F1), the notes (m): 25 KB, beside the list of questions.
    Notes,
    /// The opinion tab (F3), the specialist's view of the diagnosis (three down, Enter):
    /// 600 bytes of prose in a column of the tab.
    Opinion,
}

impl Field {
    pub const ALL: [Field; 3] = [Field::Answer, Field::Notes, Field::Opinion];

    pub fn name(self) -> &'static str {
        match self {
            Field::Answer => "answer",
            Field::Notes => "notes",
            Field::Opinion => "opinion",
        }
    }

    /// The keys that open it from the session's first screen: its tab's, then the rest.
    fn keys(self) -> (&'static str, &'static [&'static str]) {
        match self {
            Field::Answer => (pty::F2, &[pty::ENTER]),
            Field::Notes => (pty::F1, &["m"]),
            Field::Opinion => (pty::F3, &[pty::DOWN, pty::DOWN, pty::DOWN, pty::ENTER]),
        }
    }

    /// Whether its text in `session` ends with `typed`. (Of the answers, any: the current
    /// question's.)
    pub fn ends_with(self, session: &sonote::model::Session, typed: &str) -> bool {
        match self {
            Field::Answer => session.questions.iter().any(|q| q.answer.ends_with(typed)),
            Field::Notes => session.memo.ends_with(typed),
            Field::Opinion => session.opinion.own_diagnosis.ends_with(typed),
        }
    }
}

/// Where things are for one run.
#[derive(Clone)]
pub struct Setup {
    pub sonote: String,
    pub data: String,
    pub id: String,
    pub session_path: std::path::PathBuf,
    pub text_file: String,
    pub start: Start,
}

impl Setup {
    pub fn spawn(&self, program: Program) -> Pty {
        match program {
            Program::Sonote => {
                let mut args = vec!["--data-dir", &self.data];
                match self.start {
                    Start::Session => args.extend(["open", &self.id]),
                    Start::Home => {}
                    Start::Desk => args.push("desk"),
                }
                Pty::spawn(&self.sonote, &args, COLS, ROWS)
            }
            Program::Vim => Pty::spawn("vim", &["-u", "NONE", "-N", &self.text_file], COLS, ROWS),
            Program::Cat => Pty::spawn("sh", &["-c", "stty raw -echo; exec cat"], COLS, ROWS),
        }
    }
}

/// The first frame is whole when its first and last rows are drawn (both programs draw
/// row by row, the status line last).
pub fn first_frame_drawn(screen: &vt100::Screen) -> bool {
    let rows: Vec<String> = screen.rows(0, COLS).collect();
    rows.first().is_some_and(|r| !r.trim().is_empty())
        && rows.last().is_some_and(|r| !r.trim().is_empty())
}

/// The screen shows `text`, typed at `before`, as typed: the cursor moved, and the last
/// character is just left of it; or the line wrapped (perhaps scrolling) right after it, and
/// the whole text is on the row just above the cursor from `before`'s column. (Text that
/// wrapped before its last character has that character left of the cursor.)
pub fn shows(screen: &vt100::Screen, text: &str, before: (u16, u16)) -> bool {
    let (row, col) = screen.cursor_position();
    if (row, col) == before {
        return false;
    }
    let width: u16 = if text.is_ascii() { 1 } else { 2 };
    let at = |r: u16, k: u16, c: char| {
        screen
            .cell(r, k)
            .is_some_and(|cell| cell.contents().chars().eq([c]))
    };
    let Some(last) = text.chars().last() else {
        return false;
    };
    if col >= width && at(row, col - width, last) {
        return true;
    }
    let wrapped = col < before.1 || row > before.0;
    wrapped
        && row >= 1
        && (0u16..)
            .zip(text.chars())
            .all(|(k, c)| at(row - 1, before.1 + k * width, c))
}

/// One typed key (or burst of keys): its latency, the first output's latency, and whether a
/// save was near.
pub struct Sample {
    pub latency: Duration,
    pub first_output: Duration,
    /// A save's write fell inside the keystroke's window.
    pub save_during: bool,
    /// A save's write fell in the gap before the keystroke (it may still be syncing).
    pub save_before: bool,
    /// What the program was doing when the key was written (`pty::activity`).
    pub activity: &'static str,
}

pub struct Typist {
    pub program: Program,
    pub term: Pty,
    pub pid: u32,
    pub typed: String,
    pub timeouts: usize,
}

impl Typist {
    /// Start the program and open a text field at the end of the text: sonote in the
    /// current question's answer; vim on a new last line.
    pub fn start(setup: &Setup, program: Program) -> Typist {
        Typist::start_in(setup, program, Field::Answer)
    }

    /// The same, sonote in `field` (vim and cat have one).
    pub fn start_in(setup: &Setup, program: Program, field: Field) -> Typist {
        let mut term = setup.spawn(program);
        if program != Program::Cat {
            term.until(Duration::from_secs(10), first_frame_drawn)
                .expect("a first frame");
        }
        match program {
            Program::Sonote => {
                let (tab, open) = field.keys();
                term.send(tab.as_bytes());
                term.drain(Duration::from_millis(300));
                for key in open {
                    term.send(key.as_bytes());
                    term.drain(Duration::from_millis(50));
                }
            }
            Program::Vim => {
                term.send(b"Go");
            }
            Program::Cat => {}
        }
        term.drain(Duration::from_millis(500));
        let pid = term.pid().expect("a child pid");
        Typist {
            program,
            term,
            pid,
            typed: String::new(),
            timeouts: 0,
        }
    }

    /// vim: go on typing on a new line (Esc, o), untimed, so that a run does not lengthen
    /// the line the runs before it typed: vim's time for a key grows with its line.
    pub fn new_line(&mut self) {
        assert_eq!(
            self.program,
            Program::Vim,
            "only vim's text is typed in lines"
        );
        self.term.send(b"\x1bo");
        self.term.drain(Duration::from_millis(100));
        self.typed.push('\n');
    }

    /// Type `keys` characters of `chars` in turn, one at a time, `GAP` apart.
    pub fn type_keys(&mut self, chars: &str, keys: usize) -> Vec<Sample> {
        self.type_runs(chars, keys, 1)
    }

    /// Type `bursts` times `BURST` characters of `chars` in turn, each burst in one write as
    /// an input method commits a phrase, `GAP` apart; time each to its last character.
    pub fn type_bursts(&mut self, chars: &str, bursts: usize) -> Vec<Sample> {
        self.type_runs(chars, bursts, BURST)
    }

    fn type_runs(&mut self, chars: &str, runs: usize, per_run: usize) -> Vec<Sample> {
        let mut chars = chars.chars().cycle();
        let mut samples = Vec::with_capacity(runs);
        let mut written_after_last = pty::written_bytes(self.pid).unwrap_or(0);
        for i in 0..runs {
            if self.program == Program::Cat && i % (100 / per_run).max(1) == 0 {
                // cat does not wrap lines as the editors do: start a new one, untimed.
                self.term.send(b"\r\n");
                self.term.drain(GAP);
            }
            let text: String = chars.by_ref().take(per_run).collect();
            let (sample, written_after) = self.key(&text, written_after_last);
            samples.push(sample);
            written_after_last = written_after;
            self.term.drain(GAP);
        }
        samples
    }

    /// Type `text` in one write and time it; `written_after_last` is the program's `wchar`
    /// after the key before. Returns the sample and the `wchar` after this key.
    fn key(&mut self, text: &str, written_after_last: u64) -> (Sample, u64) {
        // Start from a screen at rest: the program may still be drawing for the key before
        // (sonote draws the field first, then the whole frame, and a busy machine may
        // stop it in between), and a cursor read mid-frame would be the wrong start.
        let deadline = Instant::now() + Duration::from_secs(1);
        while !pty::waits_for_input(&pty::current_syscall(self.pid)) && Instant::now() < deadline {
            self.term.drain(Duration::from_micros(200));
        }
        self.term.drain(Duration::from_millis(2));
        let before = self.term.parser.screen().cursor_position();
        let written_before = pty::written_bytes(self.pid).unwrap_or(0);
        let activity = pty::activity(&pty::current_syscall(self.pid));
        let started = Instant::now();
        self.term.send(text.as_bytes());
        let result = self
            .term
            .until_with_first(KEY_TIMEOUT, |screen| shows(screen, text, before));
        let written_after = pty::written_bytes(self.pid).unwrap_or(0);
        self.typed.push_str(text);
        let (first, done) = match result {
            Some((first, done)) => (first - started, done - started),
            None => {
                if self.timeouts == 0 {
                    eprintln!(
                        "{}: no screen update for {text:?} (cursor {before:?} -> {:?}); the screen:\n{}",
                        self.program.name(),
                        self.term.parser.screen().cursor_position(),
                        self.term.parser.screen().contents()
                    );
                }
                self.timeouts += 1;
                (KEY_TIMEOUT, KEY_TIMEOUT)
            }
        };
        let sample = Sample {
            latency: done,
            first_output: first,
            save_during: written_after - written_before >= SAVE_BYTES,
            save_before: written_before - written_after_last >= SAVE_BYTES,
            activity,
        };
        (sample, written_after)
    }

    /// The worst case on purpose: after each typed key, wait until a thread of the program
    /// is in fsync (the autosave that key caused), and type the next key right then.
    /// Returns the latencies of the keys typed during a save, and how many saves were seen.
    pub fn type_during_saves(&mut self, chars: &str, keys: usize) -> (Vec<Duration>, usize) {
        let chars: Vec<char> = chars.chars().collect();
        let mut latencies = Vec::new();
        let mut missed = 0;
        for i in 0..keys {
            let (_, written) = self.key(&chars[i % chars.len()].to_string(), 0);
            let deadline = Instant::now() + Duration::from_secs(1);
            let mut caught = false;
            while Instant::now() < deadline {
                if pty::syncing(self.pid) {
                    caught = true;
                    break;
                }
                std::thread::sleep(Duration::from_micros(50));
            }
            if !caught {
                missed += 1;
                continue;
            }
            let next = chars[(i + 7) % chars.len()].to_string();
            let (sample, _) = self.key(&next, written);
            latencies.push(sample.latency);
            self.term.drain(Duration::from_millis(50));
        }
        let seen = keys - missed;
        (latencies, seen)
    }

    /// Peak resident memory so far, in MB.
    pub fn peak_rss_mb(&self) -> f64 {
        pty::proc_status_kb(self.pid, "VmHWM").unwrap_or(0) as f64 / 1024.0
    }

    /// Leave the field and quit (sonote saves first; vim writes the file).
    pub fn quit(mut self) -> String {
        match self.program {
            Program::Sonote => {
                self.term.send(pty::ESC.as_bytes());
                self.term.drain(Duration::from_millis(200));
                self.term.send(b"q");
            }
            Program::Vim => {
                self.term.send(b"\x1b:wq\r");
            }
            Program::Cat => return self.typed,
        }
        if !self.term.wait_exit(Duration::from_secs(10)) {
            eprintln!("{} did not quit; killed", self.program.name());
        }
        self.typed
    }
}
