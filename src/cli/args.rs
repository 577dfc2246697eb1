//! The command line: global options, then one command.

use std::path::PathBuf;

use clap::{Parser, Subcommand, ValueEnum};

use crate::model::{Asker, Mode, Role};

#[derive(Debug, Parser)]
#[command(
    name = "sonote",
    version,
    about = "The day of a second-opinion consultation, in a terminal"
)]
pub struct Cli {
    /// Configuration file, laid over the embedded defaults (default: /etc/sonote/config.toml
    /// and then ~/.config/sonote/config.toml, those that exist).
    #[arg(long, env = "SONOTE_CONFIG", value_name = "FILE")]
    pub config: Option<PathBuf>,

    /// Where sessions are kept (default: the platform's data directory).
    #[arg(long, env = "SONOTE_DATA_DIR", value_name = "DIR")]
    pub data_dir: Option<PathBuf>,

    /// Who works at this terminal, as the journal records each change (default: [user]
    /// name of the configuration, else the login name).
    #[arg(long, env = "SONOTE_USER", value_name = "NAME")]
    pub user: Option<String>,

    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Open the consultation screen on a sample session (saved in the data directory).
    Demo,
    /// Create a session (from an intake file, or from options) and print its id.
    New(NewArgs),
    /// List the sessions in the data directory.
    List,
    /// Open a session (its id, or the path of its file) on the consultation screen.
    Open {
        #[arg(value_name = "SESSION")]
        session: String,
        /// Which terminal this is. The companion's (a second terminal, on this machine or
        /// over ssh to it) logs answers and adds questions; the clock is run from the
        /// specialist's.
        #[arg(long, value_enum, default_value_t = RoleArg::Specialist)]
        role: RoleArg,
    },
    /// The clerk's desk: sessions with their progress, fees, payments and report due days.
    Desk,
    /// Prepared questions of a session.
    #[command(subcommand)]
    Questions(QuestionsCommand),
    /// Check the configuration; exits non-zero when it is invalid, and warns while the
    /// letterhead is the embedded sample. With a SESSION, also list the rules of the FHIR
    /// referral guides its document would break (exit 1 when any).
    Check {
        /// The session: its id, or the path of its file.
        #[arg(value_name = "SESSION")]
        session: Option<String>,
    },
    /// Write a commented configuration to the platform's config directory
    /// (~/.config/sonote/config.toml on Linux), read by default from then on.
    Init {
        /// Replace a configuration file already there.
        #[arg(long)]
        force: bool,
    },
    /// Write the report of a session as docx, md, json or fhir; with --ended, of every ended
    /// session not yet exported. The session records when and where it was exported.
    Export(ExportArgs),
    /// Remove sessions (and the report files they exported) older than DAYS days, after
    /// confirmation.
    Purge {
        /// Sessions whose consultation day is more than this many days ago.
        #[arg(long, value_name = "DAYS")]
        older_than: u32,
        /// Do not ask (for scripts).
        #[arg(long)]
        yes: bool,
    },
    /// Write the receipt (領収書) of a session: its fee lines, payments and refunds, and the
    /// amount received. Recorded among the session's exports (so that purge removes it).
    Receipt(ReceiptArgs),
    /// Cancel a session before its consultation, with the reason: it is kept, marked
    /// cancelled, owes nothing (what was paid is shown at the desk as a refund to make).
    Cancel {
        /// The session: its id, or the path of its file.
        #[arg(value_name = "SESSION")]
        session: String,
        /// Why it is cancelled (kept in the session).
        #[arg(long)]
        reason: String,
    },
    /// Record that the report of a session was handed over or mailed (once exported).
    MarkSent {
        /// The session: its id, or the path of its file.
        #[arg(value_name = "SESSION")]
        session: String,
    },
    /// Confirm (確定) the record of an ended session: from then on it is read-only, and a
    /// change needs a correction.
    Confirm {
        /// The session: its id, or the path of its file.
        #[arg(value_name = "SESSION")]
        session: String,
    },
    /// Open a correction (訂正) of a confirmed record, with its reason; confirming again
    /// makes the next version of the report.
    Correct {
        /// The session: its id, or the path of its file.
        #[arg(value_name = "SESSION")]
        session: String,
        /// Why the record is corrected (printed in the report's list of corrections).
        #[arg(long)]
        reason: String,
    },
    /// Show a session's journal: who changed what, and when.
    History {
        /// The session: its id, or the path of its file.
        #[arg(value_name = "SESSION")]
        session: String,
    },
    /// Check the journals of a session (or of every session): exits non-zero naming the
    /// session and the entry that does not match, as after an edit made outside sonote.
    Verify {
        /// The session: its id, or the path of its file (default: every session).
        #[arg(value_name = "SESSION")]
        session: Option<String>,
    },
    /// Print a completion script for a shell (see the README for where to put it).
    Completions {
        #[arg(value_enum, value_name = "SHELL")]
        shell: clap_complete::Shell,
    },
    /// Print sonote's manual page (roff), generated from these options: `sonote man >
    /// ~/.local/share/man/man1/sonote.1`.
    Man,
}

#[derive(Debug, clap::Args)]
pub struct ExportArgs {
    /// The session: its id, or the path of its file.
    #[arg(
        value_name = "SESSION",
        required_unless_present = "ended",
        conflicts_with = "ended"
    )]
    pub session: Option<String>,
    #[arg(long, value_enum, default_value_t = ExportFormat::Docx)]
    pub format: ExportFormat,
    /// Language of the report (default: report.language of the configuration).
    #[arg(long, value_enum)]
    pub lang: Option<LangArg>,
    /// The file to write, or "-" for standard output (default: <id>.<format> in --out-dir,
    /// else in the current directory).
    #[arg(long, value_name = "PATH", conflicts_with_all = ["out_dir", "ended"])]
    pub out: Option<PathBuf>,
    /// The directory to write <id>.<format> into (created if missing).
    #[arg(long, value_name = "DIR")]
    pub out_dir: Option<PathBuf>,
    /// Export every ended session whose report was never exported (demo sessions excepted).
    #[arg(long, requires = "out_dir")]
    pub ended: bool,
    /// Replace an existing file that is not this session's earlier export.
    #[arg(long)]
    pub force: bool,
    /// JSON only: include the specialist's private notes (left out unless the report
    /// template prints them).
    #[arg(long)]
    pub with_memo: bool,
    /// The summary for the patient and family instead of the letter, as
    /// <id>.patient.<format> (its own templates, in --lang).
    #[arg(long, conflicts_with = "ended")]
    pub patient: bool,
}

#[derive(Debug, clap::Args)]
pub struct ReceiptArgs {
    /// The session: its id, or the path of its file.
    #[arg(value_name = "SESSION")]
    pub session: String,
    #[arg(long, value_enum, default_value_t = ReceiptFormat::Docx)]
    pub format: ReceiptFormat,
    /// Language of the receipt (default: report.language of the configuration).
    #[arg(long, value_enum)]
    pub lang: Option<LangArg>,
    /// The file to write, or "-" for standard output (default: <id>.receipt.<format> in
    /// --out-dir, else in the current directory).
    #[arg(long, value_name = "PATH", conflicts_with = "out_dir")]
    pub out: Option<PathBuf>,
    /// The directory to write <id>.receipt.<format> into (created if missing).
    #[arg(long, value_name = "DIR")]
    pub out_dir: Option<PathBuf>,
    /// Replace an existing file that is not this session's earlier receipt.
    #[arg(long)]
    pub force: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ReceiptFormat {
    /// Word document, to print and stamp.
    Docx,
    /// Markdown.
    Md,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ExportFormat {
    /// Word document, to sign and send.
    Docx,
    /// Markdown, to paste into an electronic chart.
    Md,
    /// JSON: the session and the report, with stable field names.
    Json,
    /// FHIR R4 JSON: the Japanese eReferral document (診療情報提供書) for the primary
    /// physician's EHR; written as <id>.fhir.json.
    Fhir,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum LangArg {
    Ja,
    En,
}

impl From<LangArg> for crate::config::Lang {
    fn from(lang: LangArg) -> Self {
        match lang {
            LangArg::Ja => crate::config::Lang::Ja,
            LangArg::En => crate::config::Lang::En,
        }
    }
}

#[derive(Debug, Subcommand)]
pub enum QuestionsCommand {
    /// Add the questions of a plain text file (UTF-8, one question per line; blank lines
    /// and lines starting with # are skipped; a leading ! marks a high priority) before
    /// the consultation starts.
    Import(ImportArgs),
    /// Print a session's questions: number, id, state, priority, who asked, text.
    List {
        #[arg(value_name = "SESSION")]
        session: String,
    },
}

#[derive(Debug, clap::Args)]
pub struct ImportArgs {
    /// The session's id, or the path of its file.
    #[arg(value_name = "SESSION")]
    pub session: String,
    #[arg(value_name = "FILE")]
    pub file: PathBuf,
    /// Who prepared these questions.
    #[arg(long, value_enum, default_value_t = AskerArg::Patient)]
    pub asker: AskerArg,
    /// Their name and relationship, e.g. "長女 佐藤 美咲".
    #[arg(long, default_value = "")]
    pub asked_by: String,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum RoleArg {
    Specialist,
    Companion,
}

impl From<RoleArg> for Role {
    fn from(role: RoleArg) -> Role {
        match role {
            RoleArg::Specialist => Role::Specialist,
            RoleArg::Companion => Role::Companion,
        }
    }
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum AskerArg {
    Patient,
    Companion,
    Specialist,
}

impl From<AskerArg> for Asker {
    fn from(asker: AskerArg) -> Asker {
        match asker {
            AskerArg::Patient => Asker::Patient,
            AskerArg::Companion => Asker::Companion,
            AskerArg::Specialist => Asker::Specialist,
        }
    }
}

#[derive(Debug, clap::Args)]
pub struct NewArgs {
    /// An intake file (see templates/intake.example.toml); the other options are then not used.
    #[arg(long, value_name = "FILE.toml", conflicts_with_all = ["patient", "kana", "patient_id", "mode", "date", "time"])]
    pub intake: Option<PathBuf>,
    /// The patient's name.
    #[arg(long, required_unless_present = "intake")]
    pub patient: Option<String>,
    /// The reading of the name in kana.
    #[arg(long)]
    pub kana: Option<String>,
    /// The patient's ID at this hospital.
    #[arg(long)]
    pub patient_id: Option<String>,
    /// in-person (default), online or hybrid.
    #[arg(long, value_enum)]
    pub mode: Option<ModeArg>,
    /// Scheduled date, YYYY-MM-DD (default: today).
    #[arg(long)]
    pub date: Option<chrono::NaiveDate>,
    /// Scheduled time, HH:MM.
    #[arg(long, value_parser = parse_time)]
    pub time: Option<chrono::NaiveTime>,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum ModeArg {
    InPerson,
    Online,
    Hybrid,
}

impl From<ModeArg> for Mode {
    fn from(mode: ModeArg) -> Mode {
        match mode {
            ModeArg::InPerson => Mode::InPerson,
            ModeArg::Online => Mode::Online,
            ModeArg::Hybrid => Mode::Hybrid,
        }
    }
}

fn parse_time(text: &str) -> Result<chrono::NaiveTime, String> {
    chrono::NaiveTime::parse_from_str(text, "%H:%M").map_err(|err| format!("expected HH:MM: {err}"))
}
