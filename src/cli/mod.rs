//! The command line: its clap types (`args`), and what each command does: load the
//! configuration, open the store, then act through the core or open the terminal app.
//! Nothing below this module imports it.

mod args;
mod completions;
mod export;
mod journal;
mod purge;
mod receipt;

pub use args::Cli;
pub(crate) use args::{Command, ImportArgs, NewArgs, QuestionsCommand};

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use crate::config::{Config, Lang};
use crate::core::now as local_now;
use crate::i18n::cli::CliTexts;
use crate::i18n::fill;
use crate::intake_file;
use crate::model::{ClockState, NewSession, Patient, Role};
use crate::store::{self, Store};
use crate::tui::app::App;
use crate::tui::outcome::Status;
use crate::tui::run;
use crate::tui::theme::Theme;

/// A failure to report on stderr, with the exit code it deserves.
pub(crate) struct Failure {
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

/// Every session in the data directory; when the folder cannot be read, a failure that
/// names it, in the user's language.
fn list_sessions(lang: Lang, store: &Store) -> Result<Vec<crate::store::Listed>, Failure> {
    store.list().map_err(|err| {
        Failure::new(format!(
            "{}: {}",
            store.sessions_dir().display(),
            lang.messages().io(&err)
        ))
    })
}

pub fn run(cli: Cli) -> ExitCode {
    crate::tui::panic_hook::install();
    match dispatch(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(failure) => {
            eprintln!("sonote: {}", printable_lines(&failure.message));
            ExitCode::from(failure.code)
        }
    }
}

fn dispatch(cli: Cli) -> Result<(), Failure> {
    // Generated from the clap definitions: they need no configuration and no data directory.
    match cli.command {
        Some(Command::Completions { shell }) => completions::print(shell),
        Some(Command::Man) => completions::man(),
        // Before any configuration is read: the default language's words.
        Some(Command::Init { force }) => init(Lang::default().cli_texts(), force),
        _ => dispatch_configured(cli),
    }
}

fn dispatch_configured(cli: Cli) -> Result<(), Failure> {
    let files = match &cli.config {
        Some(path) => vec![path.clone()],
        None => crate::config::default_files(),
    };
    let mut config = load_config(&files)?;
    if let Some(user) = &cli.user {
        config.user.name = user.trim().to_string();
    }
    // From here on, every message is in the configured language.
    let lang = config.ui.language;
    let words = lang.cli_texts();
    if let Some(Command::Check { session }) = &cli.command {
        let template = crate::report::template::check(&config).map_err(|err| Failure {
            message: lang.messages().file_error(&err),
            code: 2,
        })?;
        let ok = |file: &str| println!("{}", fill(words.check_ok, &[("file", file)]));
        match files.is_empty() {
            true => ok(&Config::source_name(None)),
            false => files
                .iter()
                .for_each(|file| ok(&file.display().to_string())),
        }
        if let Some((path, template_lang)) = template {
            let file = fill(
                words.report_template,
                &[
                    ("path", &path.display().to_string()),
                    ("lang", template_lang.code()),
                ],
            );
            ok(&file);
        }
        if config.sample_letterhead() {
            let warning = sample_letterhead_warning(words, &cli.config);
            eprintln!("{}", fill(words.warning, &[("text", &warning)]));
        }
        return match session {
            Some(session) => {
                let store = open_store(lang, cli.data_dir.as_deref())?;
                export::check_fhir(&config, &store, session)
            }
            None => Ok(()),
        };
    }
    let store = open_store(lang, cli.data_dir.as_deref())?;
    // Opening one session checks its own files only; every other command may read them all.
    let loose = match &cli.command {
        Some(Command::Open { session, .. }) => store.loose_permissions_of(&store.resolve(session)),
        _ => store.loose_permissions(),
    };
    warn_loose(words, &loose);
    let loose = loose.len();
    if matches!(cli.command, Some(Command::Demo)) {
        // Before the demo's session is made.
        need_terminal(words)?;
    }
    match cli.command {
        None => open_tui(config, store, Start::Home, Role::Specialist, loose),
        Some(Command::Demo) => {
            let path = demo(&config, &store)?;
            open_tui(config, store, Start::Session(path), Role::Specialist, loose)
        }
        Some(Command::Open { session, role }) => {
            let path = store.resolve(&session);
            open_tui(config, store, Start::Session(path), role.into(), loose)
        }
        Some(Command::Questions(QuestionsCommand::Import(args))) => {
            import_questions(&config, &store, args)
        }
        Some(Command::Questions(QuestionsCommand::List { session })) => {
            list_questions(lang, &store, &session)
        }
        Some(Command::Purge { older_than, yes }) => purge::purge(lang, &store, older_than, yes),
        Some(Command::Desk) => open_tui(config, store, Start::Desk, Role::Specialist, loose),
        Some(Command::New(args)) => new_session(&config, &store, args),
        Some(Command::List) => list(lang, &store),
        Some(Command::Check { .. } | Command::Init { .. }) => Ok(()),
        Some(Command::Export(args)) => export::export(&config, &store, args),
        Some(Command::MarkSent { session }) => export::mark_sent(&config, &store, &session),
        Some(Command::Receipt(args)) => receipt::receipt(&config, &store, args),
        Some(Command::Cancel { session, reason }) => {
            receipt::cancel(&config, &store, &session, &reason)
        }
        Some(Command::History { session }) => journal::history(lang, &store, &session),
        Some(Command::Confirm { session }) => journal::confirm(&config, &store, &session),
        Some(Command::Correct { session, reason }) => {
            journal::correct(&config, &store, &session, &reason)
        }
        Some(Command::Verify { session }) => journal::verify(lang, &store, session.as_deref()),
        Some(Command::Completions { shell }) => completions::print(shell),
        Some(Command::Man) => completions::man(),
    }
}

/// An error in the configuration itself can only be worded in the default language: the
/// language is one of the things the configuration says.
fn load_config(files: &[PathBuf]) -> Result<Config, Failure> {
    Config::load_layered(files).map_err(|err| Failure {
        message: Lang::default().messages().file_error(&err),
        code: 2,
    })
}

/// What to do while reports would go out under the sample hospital's letterhead.
fn sample_letterhead_warning(words: &CliTexts, named: &Option<PathBuf>) -> String {
    let file = match (named, crate::config::user_file()) {
        (Some(path), _) => path.display().to_string(),
        (None, Some(path)) if path.is_file() => path.display().to_string(),
        (None, _) => words.a_configuration.to_string(),
    };
    fill(words.sample_letterhead, &[("file", &file)])
}

/// `sonote init`: the commented configuration written to the user's config directory.
fn init(words: &CliTexts, force: bool) -> Result<(), Failure> {
    let path = crate::config::user_file().ok_or_else(|| Failure::new(words.no_config_dir))?;
    if path.exists() && !force {
        let path = path.display().to_string();
        return Err(Failure::new(fill(words.config_exists, &[("path", &path)])));
    }
    let io = Lang::default().messages();
    let failed = |err: std::io::Error| Failure::new(format!("{}: {}", path.display(), io.io(&err)));
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).map_err(failed)?;
    }
    crate::store::write_atomically(&path, crate::config::init_text().as_bytes()).map_err(failed)?;
    println!("{}", path.display());
    eprintln!("{}", words.wrote_config);
    Ok(())
}

fn open_store(lang: Lang, dir: Option<&Path>) -> Result<Store, Failure> {
    let root: PathBuf = match dir {
        Some(dir) => dir.to_path_buf(),
        None => Store::default_root().ok_or_else(|| Failure::new(lang.cli_texts().no_data_dir))?,
    };
    let store = Store::open(&root)
        .map_err(|err| Failure::new(format!("{}: {}", root.display(), lang.messages().io(&err))))?;
    store::lock_place::keep_locks_in(store.root());
    Ok(store)
}

/// Warn on stderr about each file or folder of the data directory others can read.
fn warn_loose(words: &CliTexts, loose: &[(PathBuf, u32)]) {
    for (path, mode) in loose {
        let want = if path.is_dir() { "700" } else { "600" };
        let (path, mode) = (path.display().to_string(), format!("{mode:03o}"));
        eprintln!(
            "{}",
            fill(
                words.loose,
                &[("path", &path), ("mode", &mode), ("want", want)]
            )
        );
    }
}

/// The screen the app opens on.
enum Start {
    Home,
    Session(PathBuf),
    Desk,
}

/// `loose`: how many files or folders of the data directory others can read (warned about
/// on stderr already; the screen says so too).
/// The screens need a terminal that can show them: say so plainly, rather than draw into a
/// file or fail with "No such device or address".
fn need_terminal(words: &CliTexts) -> Result<(), Failure> {
    use std::io::IsTerminal;
    if !std::io::stdin().is_terminal() || !std::io::stdout().is_terminal() {
        return Err(Failure::new(words.need_terminal));
    }
    if std::env::var("TERM").is_ok_and(|term| term == "dumb") {
        return Err(Failure::new(words.dumb_terminal));
    }
    Ok(())
}

fn open_tui(
    config: Config,
    store: Store,
    start: Start,
    role: Role,
    loose: usize,
) -> Result<(), Failure> {
    let now = local_now();
    let words = config.ui.language.cli_texts();
    let (theme, today) = (Theme::from_env(), now.date_naive());
    let mut app = match start {
        Start::Home => App::new(config, store, theme, today),
        Start::Session(_) | Start::Desk => App::starting_elsewhere(config, store, theme, today),
    };
    app.role = role;
    if loose > 0 {
        let n = loose.to_string();
        app.status = Some(Status::error(fill(words.loose_status, &[("n", &n)])));
    }
    match start {
        Start::Home => {}
        // Refuse before taking over the terminal, so the error stays readable.
        Start::Session(path) => app.open_session(&path, now).map_err(Failure::new)?,
        Start::Desk => app.show_desk(now.date_naive()),
    }
    // After a session that cannot be read is named, before the terminal is taken over.
    need_terminal(words)?;
    run::run(&mut app)
        .map_err(|err| Failure::new(fill(words.terminal_error, &[("err", &err.to_string())])))?;
    if let Some(path) = app.open_path() {
        println!("{}", path.display());
    }
    Ok(())
}

/// Today's sample session: the one not yet started if there is one, else a new one.
fn demo(config: &Config, store: &Store) -> Result<PathBuf, Failure> {
    let now = local_now();
    let today = now.date_naive();
    let listed = crate::core::sessions::list(store).map_err(Failure::new)?;
    let unused = listed.into_iter().find(|entry| {
        entry
            .summary
            .as_ref()
            .is_ok_and(|s| s.demo && s.scheduled_date == today && s.state == ClockState::Ready)
    });
    if let Some(entry) = unused {
        return Ok(entry.path);
    }
    let draft = crate::demo::demo_session(config.ui.language, today)
        .map_err(|err| Failure::new(config.ui.language.messages().file_error(&err)))?;
    create(config, store, draft)
}

fn create(config: &Config, store: &Store, draft: NewSession) -> Result<PathBuf, Failure> {
    crate::core::sessions::create(store, config, draft, local_now())
        .map(|(_, path)| path)
        .map_err(Failure::new)
}

fn new_session(config: &Config, store: &Store, args: NewArgs) -> Result<(), Failure> {
    let draft = match &args.intake {
        Some(path) => intake_file::read(path)
            .map_err(|err| Failure::new(config.ui.language.messages().file_error(&err)))?,
        None => draft_from_options(config.ui.language.cli_texts(), args)?,
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

fn draft_from_options(words: &CliTexts, args: NewArgs) -> Result<NewSession, Failure> {
    let name = args.patient.unwrap_or_default();
    if name.trim().is_empty() {
        return Err(Failure::new(words.patient_empty));
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

/// Tab-separated rows for scripts; on a terminal, for people, a header over them.
fn list(lang: Lang, store: &Store) -> Result<(), Failure> {
    use std::io::IsTerminal;
    let (words, messages) = (lang.cli_texts(), lang.messages());
    let listed = list_sessions(lang, store)?;
    if std::io::stdout().is_terminal() {
        println!("{}", words.list_header);
    }
    let mut failed = false;
    for entry in listed {
        match entry.summary {
            Ok(s) => println!(
                "{}\t{}\t{}\t{}\t{}",
                s.id,
                s.scheduled_date,
                crate::model::desk::progress(&s).name(),
                snake_name(&s.mode),
                printable(s.patient_label())
            ),
            Err(err) => {
                failed = true;
                eprintln!("sonote: {}", printable_lines(&messages.file_error(&err)));
            }
        }
    }
    if failed {
        return Err(Failure::new(words.some_unreadable));
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

/// The clerk's import before the day (see `import::import_file`).
fn import_questions(config: &Config, store: &Store, args: ImportArgs) -> Result<(), Failure> {
    let path = store.resolve(&args.session);
    let imported = crate::core::import::import_file(
        &path,
        &args.file,
        args.asker.into(),
        args.asked_by.trim(),
        &crate::core::author(config, "clerk"),
        local_now(),
    )
    .map_err(|err| Failure::new(config.ui.language.messages().file_error(&err)))?;
    let (added, skipped) = (imported.added.to_string(), imported.skipped.to_string());
    println!(
        "{}",
        fill(
            config.ui.language.cli_texts().imported,
            &[
                ("id", &imported.session_id),
                ("added", &added),
                ("skipped", &skipped)
            ]
        )
    );
    Ok(())
}

/// Text safe to print on a terminal: control characters (escape sequences among them, which
/// could set the window title, clear the screen or write the clipboard) shown as a visible
/// mark, never sent; a line break as ⏎, so one record stays one line.
pub(super) fn printable(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            '\n' => '⏎',
            c if c.is_control() => '�',
            c => c,
        })
        .collect()
}

/// The same for a message of several lines: its line breaks kept.
fn printable_lines(text: &str) -> String {
    text.split('\n')
        .map(printable)
        .collect::<Vec<_>>()
        .join("\n")
}

fn list_questions(lang: Lang, store: &Store, arg: &str) -> Result<(), Failure> {
    let path = store.resolve(arg);
    let session =
        store::load(&path).map_err(|err| Failure::new(lang.messages().file_error(&err)))?;
    for (index, q) in session.questions.iter().enumerate() {
        let mut asked_by = snake_name(&q.asker);
        if !q.asked_by.is_empty() {
            asked_by = format!("{asked_by} {}", printable(&q.asked_by));
        }
        println!(
            "{}\t{}\t{}\t{}\t{}\t{}",
            index + 1,
            q.id,
            snake_name(&q.state),
            snake_name(&q.priority),
            asked_by,
            printable(&q.text.replace('\n', " "))
        );
    }
    Ok(())
}
