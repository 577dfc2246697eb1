//! Reports written to files: the `export` and `mark-sent` commands, each session's record
//! of when its report was exported and sent, and [`export_into`], which the screens (the
//! report tab, the clerk's desk) use to export a session they hold the lock of.

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};

use crate::cli::{ExportArgs, ExportFormat};
use crate::commands::Failure;
use crate::config::{Config, Lang};
use crate::model::{ClockState, Session, Timestamp};
use crate::report::template::ReportTemplate;
use crate::report::{self, Format, Report};
use crate::store::{self, Store};
use crate::tomlfile::FileError;
use crate::tui::run::local_now;

/// Why a report could not be written.
#[derive(Debug)]
pub enum ExportError {
    /// The configured report template cannot be read or is wrong.
    Template(FileError),
    /// A file of that name exists and is not an earlier export of this session: it could be
    /// another patient's report, so it is left alone.
    NotOurs(PathBuf),
    /// The document could not be made, or the file (or its folder) written.
    Io(PathBuf, std::io::Error),
}

impl std::fmt::Display for ExportError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ExportError::Template(err) => write!(f, "{err}"),
            ExportError::NotOurs(path) => write!(
                f,
                "{}: the file exists and is not an earlier export of this session",
                path.display()
            ),
            ExportError::Io(path, err) => write!(f, "{}: {err}", path.display()),
        }
    }
}

/// The folder the screens export into: `exports` in the data directory.
pub fn exports_dir(data_dir: &Path) -> PathBuf {
    data_dir.join("exports")
}

/// Export the report of a session the caller holds the writer's lock of (the open session
/// screen, or a `store::update`) into `dir/<id>.<format>`, worded by `template` (which
/// gives the language), and record the export on the session; the caller saves it.
/// Exporting again replaces the session's own earlier export, and nothing else. Returns
/// the file written.
pub fn export_into(
    session: &mut Session,
    session_path: &Path,
    config: &Config,
    template: &ReportTemplate,
    format: Format,
    dir: &Path,
    now: Timestamp,
) -> Result<PathBuf, ExportError> {
    let report = report::build(session, config, template);
    let bytes = report::render(&report, format).map_err(|err| ExportError::Io(dir.into(), err))?;
    create_private_dir(dir).map_err(|err| ExportError::Io(dir.into(), err))?;
    let out = dir.join(file_name(&session.id, session_path, format));
    write_report(session, &bytes, &out, false, format, now)?;
    Ok(out)
}

/// Write a rendered report to `out` unless that would replace a file that is not this
/// session's (`force` replaces it anyway), and record the export on the session.
fn write_report(
    session: &mut Session,
    bytes: &[u8],
    out: &Path,
    force: bool,
    format: Format,
    now: Timestamp,
) -> Result<(), ExportError> {
    let out_abs = absolute_name(out);
    write_out(bytes, out, session.report.was_exported_to(&out_abs), force)?;
    session
        .report
        .mark_exported(now, out_abs, format.extension());
    Ok(())
}

/// The name an export is recorded under: the absolute path of the file.
fn absolute_name(out: &Path) -> String {
    std::path::absolute(out)
        .unwrap_or_else(|_| out.to_path_buf())
        .to_string_lossy()
        .into_owned()
}

/// Write a rendered report to `out`, atomically and synced. A file already there is
/// replaced only when it is the session's earlier export (`ours`), already holds exactly
/// these bytes, or `force` says so: anything else could be another patient's report.
fn write_out(bytes: &[u8], out: &Path, ours: bool, force: bool) -> Result<(), ExportError> {
    let replaceable = || ours || std::fs::read(out).is_ok_and(|existing| existing == bytes);
    if out.exists() && !force && !replaceable() {
        return Err(ExportError::NotOurs(out.to_path_buf()));
    }
    store::write_atomically(out, bytes).map_err(|err| ExportError::Io(out.into(), err))
}

/// A folder for reports, private to the user like the data directory: they hold patient
/// data.
fn create_private_dir(dir: &Path) -> std::io::Result<()> {
    let mut builder = std::fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::DirBuilderExt;
        builder.mode(0o700);
    }
    builder.create(dir)
}

/// A report written to a file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Exported {
    pub id: String,
    pub path: PathBuf,
}

pub fn export(config: &Config, store: &Store, args: ExportArgs) -> Result<(), Failure> {
    let format = match args.format {
        ExportFormat::Docx => Format::Docx,
        ExportFormat::Md => Format::Markdown,
        ExportFormat::Json => Format::Json,
    };
    let lang = report::language(config, args.lang.map(Lang::from));
    // A broken template is a configuration error: say so before touching any session.
    let template = ReportTemplate::for_config(config, lang).map_err(|err| Failure {
        message: err.to_string(),
        code: 2,
    })?;
    let job = Job {
        config,
        template: &template,
        format,
        force: args.force,
    };
    if args.ended {
        // clap requires --out-dir with --ended.
        let dir = args.out_dir.unwrap_or_else(|| PathBuf::from("."));
        return export_ended(store, &job, &dir);
    }
    let Some(session_arg) = args.session else {
        return Err(failure("name a SESSION, or use --ended --out-dir DIR"));
    };
    let session_path = store.resolve(&session_arg);
    if args.out.as_deref() == Some(Path::new("-")) {
        return export_to_stdout(&job, &session_path);
    }
    let out_dir = match (&args.out, args.out_dir) {
        (None, Some(dir)) => {
            create_dir(&dir)?;
            Some(dir)
        }
        _ => None,
    };
    // The session is read once, under its lock, and the file named from it.
    let exported = job
        .write(
            &session_path,
            |session| match (args.out, out_dir) {
                (Some(out), _) => out,
                (None, Some(dir)) => dir.join(file_name(&session.id, &session_path, format)),
                (None, None) => PathBuf::from(file_name(&session.id, &session_path, format)),
            },
            local_now(),
        )
        .map_err(failure)?;
    println!("{}", exported.path.display());
    Ok(())
}

pub fn mark_sent(store: &Store, session_arg: &str) -> Result<(), Failure> {
    let path = store.resolve(session_arg);
    let now = local_now();
    let (session, result) = store::update(&path, |session| session.report.mark_sent(now))
        .map_err(|err| failure(format!("{}: {err}", path.display())))?;
    match result {
        Err(err) => Err(failure(format!(
            "{}: {err}; export it first (sonote export {session_arg})",
            session.id
        ))),
        Ok(false) => {
            let at = session.report.sent_at.unwrap_or(now);
            println!(
                "{}: already marked sent on {}",
                session.id,
                at.format("%Y-%m-%d %H:%M")
            );
            Ok(())
        }
        Ok(true) => {
            println!("{}: sent {}", session.id, now.format("%Y-%m-%d %H:%M"));
            Ok(())
        }
    }
}

struct Job<'a> {
    config: &'a Config,
    template: &'a ReportTemplate,
    format: Format,
    force: bool,
}

impl Job<'_> {
    fn render(&self, report: &Report, id: &str) -> Result<Vec<u8>, String> {
        report::render(report, self.format).map_err(|err| format!("{id}: {err}"))
    }

    /// Render the report of session `id` and write it to `out`, unless that would replace
    /// a file that is not this session's (`ours`: the session was exported there before).
    fn write_file(&self, report: &Report, id: &str, out: &Path, ours: bool) -> Result<(), String> {
        let bytes = self.render(report, id)?;
        write_out(&bytes, out, ours, self.force).map_err(|err| match err {
            ExportError::NotOurs(_) => format!(
                "{}: the file exists and is not an earlier export of {id} (--force replaces it)",
                out.display()
            ),
            other => other.to_string(),
        })
    }

    /// Write the report of the session file at `session_path` to the file `out_for` names
    /// (from the session), then record the export in the session file. The session's writer
    /// lock is held throughout, so the report and the record are of the same session, read
    /// once, and no screen saves over the record.
    fn write(
        &self,
        session_path: &Path,
        out_for: impl FnOnce(&Session) -> PathBuf,
        now: Timestamp,
    ) -> Result<Exported, String> {
        // No lock file for a session that does not exist: say that it does not.
        if !session_path.is_file() {
            return Err(store::load(session_path)
                .err()
                .map(|err| err.to_string())
                .unwrap_or_else(|| format!("{}: not a file", session_path.display())));
        }
        let _lock = store::try_lock(session_path)
            .map_err(|err| format!("{}: {err}", session_path.display()))?
            .ok_or_else(|| {
                format!(
                    "{}: the session is open on another terminal; close it there and export again",
                    session_path.display()
                )
            })?;
        let mut session = store::load(session_path).map_err(|err| err.to_string())?;
        let out = out_for(&session);
        let out = out.as_path();
        let out_abs = absolute_name(out);
        let ours = session.report.was_exported_to(&out_abs);
        session
            .report
            .mark_exported(now, out_abs, self.format.extension());
        let session = &session;
        // The session's record of the export is serialized and written beside its file
        // while the report is made and written (two cores for the two, and two fsyncs
        // waited for at once); it goes into its place only once the report is on disk.
        // (The report does not print the record.)
        let (written, record) = std::thread::scope(|scope| {
            let record = scope.spawn(|| store::stage_session(session_path, session));
            let report = report::build(session, self.config, self.template);
            let written = self.write_file(&report, &session.id, out, ours);
            let record = record
                .join()
                .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
            (written, record)
        });
        // Dropped on an error, the staged record is removed: the session says nothing of
        // a report that was not written.
        written?;
        record
            .and_then(store::Staged::commit)
            .map_err(|err| format!("{}: {err}", session_path.display()))?;
        Ok(Exported {
            id: session.id.clone(),
            path: out.to_path_buf(),
        })
    }
}

fn export_to_stdout(job: &Job, session_path: &Path) -> Result<(), Failure> {
    let mut stdout = std::io::stdout();
    if job.format == Format::Docx && stdout.is_terminal() {
        return Err(failure(
            "a docx file is not for the terminal: give --out FILE, or redirect the output",
        ));
    }
    let session = store::load(session_path).map_err(|err| failure(err.to_string()))?;
    let report = report::build(&session, job.config, job.template);
    let bytes = job.render(&report, &session.id).map_err(failure)?;
    stdout
        .write_all(&bytes)
        .and_then(|()| stdout.flush())
        .map_err(|err| failure(format!("standard output: {err}")))
}

/// The clerk's batch: every ended session whose report was never exported, oldest first.
/// Demo sessions are skipped: they are not patients.
fn export_ended(store: &Store, job: &Job, dir: &Path) -> Result<(), Failure> {
    let listed = store
        .list()
        .map_err(|err| failure(format!("{}: {err}", store.sessions_dir().display())))?;
    let mut failed = 0;
    let mut demos = 0;
    let mut pending = Vec::new();
    for entry in listed.into_iter().rev() {
        match entry.summary {
            Err(err) => {
                failed += 1;
                eprintln!("sonote: {err}");
            }
            Ok(session) if session.state != ClockState::Ended => {}
            Ok(session) if session.exported_at.is_some() => {}
            Ok(session) if session.demo => demos += 1,
            Ok(session) => pending.push((entry.path, session.id)),
        }
    }
    if pending.is_empty() {
        eprintln!("no ended session awaits export");
        return match failed {
            0 => Ok(()),
            n => Err(failure(format!("{n} session file(s) could not be read"))),
        };
    }
    create_dir(dir)?;
    let mut progress = Progress::new(
        pending.len(),
        std::io::stderr().is_terminal(),
        !std::io::stdout().is_terminal(),
    );
    let mut exported = 0;
    for (path, id) in &pending {
        progress.start(id);
        let out = dir.join(file_name(id, path, job.format));
        match job.write(path, |_| out, local_now()) {
            Ok(done) => {
                exported += 1;
                progress.done(&done);
            }
            Err(err) => {
                failed += 1;
                progress.failed(&err);
            }
        }
    }
    progress.finish();
    let mut summary = format!("{exported} report(s) exported to {}", dir.display());
    if demos > 0 {
        summary.push_str(&format!(", {demos} demo session(s) skipped"));
    }
    eprintln!("{summary}");
    match failed {
        0 => Ok(()),
        n => Err(failure(format!(
            "{n} session(s) could not be exported (see above)"
        ))),
    }
}

/// Progress of the batch: a bar redrawn in place when standard error is a terminal, and
/// a plain line per report written (id, tab, path) when standard output is not, for
/// scripts to read.
struct Progress {
    total: usize,
    finished: usize,
    tty: bool,
    lines: bool,
}

impl Progress {
    fn new(total: usize, tty: bool, lines: bool) -> Self {
        Progress {
            total,
            finished: 0,
            tty,
            lines,
        }
    }

    fn start(&mut self, id: &str) {
        if self.tty {
            eprint!("\r\x1b[2K{}", bar(self.finished, self.total, id, 30));
            let _ = std::io::stderr().flush();
        }
    }

    fn done(&mut self, exported: &Exported) {
        self.finished += 1;
        if self.lines {
            println!("{}\t{}", exported.id, exported.path.display());
        }
    }

    fn failed(&mut self, message: &str) {
        self.finished += 1;
        if self.tty {
            // Clear the bar so the message is not drawn over it.
            eprint!("\r\x1b[2K");
        }
        eprintln!("sonote: {message}");
    }

    fn finish(&self) {
        if self.tty {
            eprintln!("\r\x1b[2K{}", bar(self.finished, self.total, "", 30));
        }
    }
}

/// `[#########         ] 3/10 2026-11-21-03`
pub fn bar(finished: usize, total: usize, label: &str, width: usize) -> String {
    let filled = (finished * width)
        .checked_div(total)
        .unwrap_or(width)
        .min(width);
    let line = format!(
        "[{}{}] {finished}/{total} {label}",
        "#".repeat(filled),
        " ".repeat(width - filled)
    );
    line.trim_end().to_string()
}

/// `<id>.<extension>`; the id comes from the store and is safe in a file name, but a
/// session file given by path might carry anything, so only plain characters are kept.
fn file_name(id: &str, session_path: &Path, format: Format) -> String {
    let stem = session_path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let id = if id.is_empty() { stem } else { id.to_string() };
    let safe: String = id
        .chars()
        .map(|c| match c {
            '/' | '\\' | ':' | '\0'..='\u{1f}' => '_',
            c => c,
        })
        .collect();
    let safe = safe.trim_start_matches('.');
    let safe = if safe.is_empty() { "report" } else { safe };
    format!("{safe}.{}", format.extension())
}

fn create_dir(dir: &Path) -> Result<(), Failure> {
    std::fs::create_dir_all(dir).map_err(|err| failure(format!("{}: {err}", dir.display())))
}

fn failure(message: impl Into<String>) -> Failure {
    Failure {
        message: message.into(),
        code: 1,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_bar_fills_with_progress() {
        assert_eq!(bar(0, 4, "a", 8), "[        ] 0/4 a");
        assert_eq!(bar(2, 4, "b", 8), "[####    ] 2/4 b");
        assert_eq!(bar(4, 4, "", 8), "[########] 4/4");
        assert_eq!(bar(0, 0, "", 4), "[####] 0/0");
    }
}
