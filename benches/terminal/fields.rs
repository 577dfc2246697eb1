//! Keystroke to screen in each of sonote's text fields (an answer, the notes, an opinion
//! field), with 200 and with 5,000 questions, typed one key at a time and committed ten
//! characters at once (an input method's phrase, timed to the last of the ten on screen),
//! with vim typing the same way beside each, in the same run.

use std::path::Path;
use std::time::Duration;

use super::keystroke_verdict;
use super::large_session;
use super::stats;
use super::typing::{Field, JAPANESE, KEY_TIMEOUT, Program, Setup, Start, Typist};

const SIZES: [usize; 2] = [large_session::QUESTIONS, large_session::MANY_QUESTIONS];

#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// One character a write, as typed or as an input method commits a single kana.
    OneKey,
    /// `typing::BURST` characters in one write, as an input method commits a phrase.
    Committed,
}

impl Mode {
    const ALL: [Mode; 2] = [Mode::OneKey, Mode::Committed];

    fn name(self) -> &'static str {
        match self {
            Mode::OneKey => "one key",
            Mode::Committed => "10 at once",
        }
    }
}

/// The latencies of one field, size and way of typing, and vim's typed the same way in turn.
pub struct Row {
    pub questions: usize,
    pub field: Field,
    pub mode: Mode,
    pub sonote: Vec<Duration>,
    pub vim: Vec<Duration>,
}

impl Row {
    /// The name of its figures in the results file.
    fn name(&self, program: Program) -> String {
        let who = match program {
            Program::Sonote => "sonote",
            _ => "vim beside",
        };
        format!(
            "{who} {}, {} questions, {}",
            self.field.name(),
            self.questions,
            self.mode.name()
        )
    }
}

/// How many keys and bursts a run types, and how many rounds.
pub struct Counts {
    pub rounds: usize,
    pub keys: usize,
    pub bursts: usize,
}

impl Counts {
    pub fn new(quick: bool) -> Counts {
        if quick {
            Counts {
                rounds: 1,
                keys: 30,
                bursts: 10,
            }
        } else {
            Counts {
                rounds: 3,
                keys: 100,
                bursts: 40,
            }
        }
    }
}

/// Type into every field at both sizes, both ways, rounds alternating sonote and vim; each
/// field's sonote started anew each round on a data directory of its own (one sonote a
/// session), vim kept open on the same text for all, on a new line for each field's run.
/// Returns the rows and the keys that timed out (sonote, vim).
pub fn run(dir: &Path, sonote: &str, counts: &Counts) -> (Vec<Row>, [usize; 2]) {
    let mut rows = Vec::new();
    let mut timeouts = [0, 0];
    for questions in SIZES {
        let base = dir.join(format!("fields-{questions}"));
        let text_file = base.join("text.txt");
        let mut setups = Vec::new();
        for field in Field::ALL {
            let data = base.join(field.name());
            let (_, session_path, session) = large_session::write_with(&data, questions);
            if setups.is_empty() {
                std::fs::write(&text_file, large_session::plain_text(&session))
                    .expect("write the text");
            }
            setups.push(Setup {
                sonote: sonote.to_string(),
                data: data.to_string_lossy().into_owned(),
                id: session.id.clone(),
                session_path,
                text_file: text_file.to_string_lossy().into_owned(),
                start: Start::Session,
            });
        }
        println!(
            "fields: {questions} questions, a {} B session file; vim on {} B of the same text",
            std::fs::metadata(&setups[0].session_path).map_or(0, |m| m.len()),
            std::fs::metadata(&text_file).map_or(0, |m| m.len()),
        );
        let first = rows.len();
        for field in Field::ALL {
            for mode in Mode::ALL {
                rows.push(Row {
                    questions,
                    field,
                    mode,
                    sonote: Vec::new(),
                    vim: Vec::new(),
                });
            }
        }
        let mut vim = Typist::start(&setups[0], Program::Vim);
        let mut typed = vec![String::new(); Field::ALL.len()];
        for _ in 0..counts.rounds {
            for (k, field) in Field::ALL.into_iter().enumerate() {
                let mut typist = Typist::start_in(&setups[k], Program::Sonote, field);
                // vim's line holds what this field's run adds, as the field holds its own.
                vim.new_line();
                for (m, mode) in Mode::ALL.into_iter().enumerate() {
                    let row = &mut rows[first + k * Mode::ALL.len() + m];
                    for (program, typist) in
                        [(Program::Sonote, &mut typist), (Program::Vim, &mut vim)]
                    {
                        let samples = match mode {
                            Mode::OneKey => typist.type_keys(JAPANESE, counts.keys),
                            Mode::Committed => typist.type_bursts(JAPANESE, counts.bursts),
                        };
                        let latencies = samples.iter().map(|s| s.latency);
                        match program {
                            Program::Sonote => row.sonote.extend(latencies),
                            _ => row.vim.extend(latencies),
                        }
                    }
                }
                timeouts[0] += typist.timeouts;
                typed[k].push_str(&typist.quit());
            }
        }
        timeouts[1] += vim.timeouts;
        let vim_typed = vim.quit();
        check_typed(&setups, &typed, &vim_typed);
    }
    (rows, timeouts)
}

/// Every typed character arrived: at the end of each field in its session file, and of
/// vim's file.
fn check_typed(setups: &[Setup], typed: &[String], vim_typed: &str) {
    for ((setup, field), typed) in setups.iter().zip(Field::ALL).zip(typed) {
        let session = sonote::store::load(&setup.session_path).expect("the session after typing");
        assert!(
            field.ends_with(&session, typed),
            "sonote's {} lacks the typed text",
            field.name()
        );
    }
    let text = std::fs::read_to_string(&setups[0].text_file).expect("vim's file");
    assert!(
        text.trim_end().ends_with(vim_typed),
        "vim's file lacks the typed text"
    );
    println!(
        "checked: all {} characters typed into the fields are in sonote's session files, and \
         vim's {} in its file",
        typed.iter().map(|t| t.chars().count()).sum::<usize>(),
        vim_typed.chars().count()
    );
}

/// Print every row, record it in the results file, and return the verdicts.
pub fn report(rows: &[Row], timeouts: [usize; 2]) -> Vec<String> {
    println!("\nkeystroke to screen by field, questions and way of typing (Japanese), vim beside");
    println!("{}", stats::HEADER);
    let mut verdicts = Vec::new();
    for row in rows {
        let s = stats::summarize(&row.sonote);
        let v = stats::summarize(&row.vim);
        for (program, summary) in [(Program::Sonote, &s), (Program::Vim, &v)] {
            let name = row.name(program);
            println!("{}", stats::line(&name, summary));
            stats::record("fields", &name, summary, &[]);
        }
        let ratio = s.median / v.median;
        let name = row.name(Program::Sonote);
        stats::record_value("fields", &format!("ratio {name}"), ratio, "x");
        verdicts.push(keystroke_verdict(&name, &s, &v));
    }
    if timeouts != [0, 0] {
        println!(
            "keys in the fields with no screen update within {:?}: sonote {}, vim {}",
            KEY_TIMEOUT, timeouts[0], timeouts[1]
        );
    }
    verdicts
}
