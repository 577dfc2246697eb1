//! What each command does: load the configuration, open the store, then act.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use crate::cli::{Cli, Command, NewArgs};
use crate::config::Config;
use crate::intake_file;
use crate::model::{ClockState, NewSession, Patient, Session};
use crate::store::{self, Store};
use crate::tui::app::App;
use crate::tui::run::{self, local_now};
use crate::tui::theme::Theme;

/// A failure to report on stderr, with the exit code it deserves.
pub struct Failure {
    pub message: String,
    pub code: u8,
}

impl Failure {
    fn new(message: impl Into<String>) -> Self {
        Failure {
            message: message.into(),
            code: 1,
        }
    }
}

pub fn run(cli: Cli) -> ExitCode {
    match dispatch(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(failure) => {
            eprintln!("sonote: {}", failure.message);
            ExitCode::from(failure.code)
        }
    }
}

fn dispatch(cli: Cli) -> Result<(), Failure> {
    let config = load_config(cli.config.as_deref())?;
    if let Some(Command::Check) = cli.command {
        let template = crate::report::template::check(&config).map_err(|err| Failure {
            message: err.to_string(),
            code: 2,
        })?;
        println!("{}: ok", Config::source_name(cli.config.as_ref()));
        if let Some(template) = template {
            println!("{template}: ok");
        }
        return Ok(());
    }
    let store = open_store(cli.data_dir.as_deref())?;
    match cli.command {
        None => open_tui(config, store, Start::Home),
        Some(Command::Demo) => {
            let path = demo(&config, &store)?;
            open_tui(config, store, Start::Session(path))
        }
        Some(Command::Open { session }) => {
            let path = store.resolve(&session);
            open_tui(config, store, Start::Session(path))
        }
        Some(Command::Desk) => open_tui(config, store, Start::Desk),
        Some(Command::New(args)) => new_session(&config, &store, args),
        Some(Command::List) => list(&store),
        Some(Command::Check) => Ok(()),
        Some(Command::Export(args)) => crate::export::export(&config, &store, args),
        Some(Command::MarkSent { session }) => crate::export::mark_sent(&store, &session),
    }
}

fn load_config(path: Option<&Path>) -> Result<Config, Failure> {
    match path {
        None => Ok(Config::embedded()),
        Some(path) => Config::load(path).map_err(|err| Failure {
            message: err.to_string(),
            code: 2,
        }),
    }
}

fn open_store(dir: Option<&Path>) -> Result<Store, Failure> {
    let root: PathBuf = match dir {
        Some(dir) => dir.to_path_buf(),
        None => Store::default_root()
            .ok_or_else(|| Failure::new("no data directory: set --data-dir or SONOTE_DATA_DIR"))?,
    };
    Store::open(&root).map_err(|err| Failure::new(format!("{}: {err}", root.display())))
}

/// The screen the app opens on.
enum Start {
    Home,
    Session(PathBuf),
    Desk,
}

fn open_tui(config: Config, store: Store, start: Start) -> Result<(), Failure> {
    let now = local_now();
    let mut app = App::new(config, store, Theme::from_env(), now.date_naive());
    match start {
        Start::Home => {}
        // Refuse before taking over the terminal, so the error stays readable.
        Start::Session(path) => app.open_session(&path, now).map_err(Failure::new)?,
        Start::Desk => app.show_desk(now.date_naive()),
    }
    run::run(&mut app).map_err(|err| Failure::new(format!("terminal: {err}")))?;
    if let Some(path) = app.open_path() {
        println!("{}", path.display());
    }
    Ok(())
}

/// Today's sample session: the one not yet started if there is one, else a new one.
fn demo(config: &Config, store: &Store) -> Result<PathBuf, Failure> {
    let now = local_now();
    let today = now.date_naive();
    let listed = store
        .list()
        .map_err(|err| Failure::new(format!("{}: {err}", store.sessions_dir().display())))?;
    let unused = listed.into_iter().find(|entry| {
        entry
            .session
            .as_ref()
            .is_ok_and(|s| s.demo && s.scheduled_date == today && s.state() == ClockState::Ready)
    });
    if let Some(entry) = unused {
        return Ok(entry.path);
    }
    let draft = crate::demo::demo_session(config.ui.language, today)
        .map_err(|err| Failure::new(err.to_string()))?;
    create(config, store, draft)
}

fn create(config: &Config, store: &Store, draft: NewSession) -> Result<PathBuf, Failure> {
    let mut session = Session::new(draft, config.clock_rules(), config.fee.clone(), local_now());
    store
        .create(&mut session)
        .map_err(|err| Failure::new(format!("{}: {err}", store.sessions_dir().display())))
}

fn new_session(config: &Config, store: &Store, args: NewArgs) -> Result<(), Failure> {
    let draft = match &args.intake {
        Some(path) => intake_file::read(path).map_err(|err| Failure::new(err.to_string()))?,
        None => draft_from_options(args)?,
    };
    let path = create(config, store, draft)?;
    let id = path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    // Eligibility is checked again before the clock starts; say now what is missing.
    if let Ok(session) = store::load(&path) {
        let texts = config.ui.language.texts();
        for missing in session.missing_requirements() {
            eprintln!("sonote: {id}: {}", texts.missing(&missing));
        }
    }
    println!("{id}");
    Ok(())
}

fn draft_from_options(args: NewArgs) -> Result<NewSession, Failure> {
    let name = args.patient.unwrap_or_default();
    if name.trim().is_empty() {
        return Err(Failure::new("--patient must not be empty"));
    }
    Ok(NewSession {
        scheduled_date: args.date.unwrap_or_else(|| local_now().date_naive()),
        scheduled_time: args.time,
        mode: args.mode.map(Into::into).unwrap_or_default(),
        patient: Patient {
            name: name.trim().to_string(),
            name_kana: args.kana.unwrap_or_default(),
            hospital_id: args.patient_id.unwrap_or_default(),
            ..Patient::default()
        },
        ..NewSession::default()
    })
}

fn list(store: &Store) -> Result<(), Failure> {
    let listed = store
        .list()
        .map_err(|err| Failure::new(format!("{}: {err}", store.sessions_dir().display())))?;
    let mut failed = false;
    for entry in listed {
        match entry.session {
            Ok(s) => println!(
                "{}\t{}\t{}\t{}\t{}",
                s.id,
                s.scheduled_date,
                snake_name(&s.state()),
                snake_name(&s.mode),
                s.patient_label()
            ),
            Err(err) => {
                failed = true;
                eprintln!("sonote: {err}");
            }
        }
    }
    if failed {
        return Err(Failure::new(
            "some session files could not be read (see above)",
        ));
    }
    Ok(())
}

/// The name a value has in the session file (`in_person`, `running`), for plain output.
fn snake_name<T: serde::Serialize>(value: &T) -> String {
    toml::Value::try_from(value)
        .ok()
        .and_then(|v| v.as_str().map(str::to_string))
        .unwrap_or_default()
}
