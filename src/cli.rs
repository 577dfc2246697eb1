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
    /// Configuration file, laid over the embedded defaults.
    #[arg(long, env = "SONOTE_CONFIG", value_name = "FILE")]
    pub config: Option<PathBuf>,

    /// Where sessions are kept (default: the platform's data directory).
    #[arg(long, env = "SONOTE_DATA_DIR", value_name = "DIR")]
    pub data_dir: Option<PathBuf>,

    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Open the consultation screen on a sample session (saved in the data directory).
    Demo,
    /// Create a session and print its id.
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
    /// Prepared questions of a session.
    #[command(subcommand)]
    Questions(QuestionsCommand),
    /// Check the configuration; exits non-zero when it is invalid.
    Check,
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
    /// The patient's name.
    #[arg(long)]
    pub patient: String,
    /// The reading of the name in kana.
    #[arg(long, default_value = "")]
    pub kana: String,
    /// The patient's ID at this hospital.
    #[arg(long, default_value = "")]
    pub patient_id: String,
    #[arg(long, value_enum, default_value_t = ModeArg::InPerson)]
    pub mode: ModeArg,
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
