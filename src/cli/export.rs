//! `sonote export` and `sonote mark-sent`: the core's export use case from the command
//! line, with its messages, the clerk's batch and its progress bar.

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};

use super::Failure;
use super::args::{ExportArgs, ExportFormat, LangArg};
use crate::config::{Config, Lang};
use crate::core::export::{self, Destination, ExportError, Exported, Job, Source};
use crate::core::now as local_now;
use crate::model::ClockState;
use crate::report::template::ReportTemplate;
use crate::report::{self, Format};
use crate::store::{self, Store};

pub(super) fn export(config: &Config, store: &Store, args: ExportArgs) -> Result<(), Failure> {
    let format = match args.format {
        ExportFormat::Docx => Format::Docx,
        ExportFormat::Md => Format::Markdown,
        ExportFormat::Json => Format::Json,
        ExportFormat::Fhir => Format::Fhir,
    };
    let template = template(config, args.lang)?;
    let job = Job {
        config,
        template: &template,
        format,
        force: args.force,
        with_memo: args.with_memo,
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
        if args.patient {
            let render = || export::render_patient_file(&session_path, &job);
            let (_, bytes) = to_stdout_first(&job, render)?;
            return write_stdout(&bytes);
        }
        return export_to_stdout(&job, &session_path);
    }
    let destination = match (args.out, args.out_dir) {
        (Some(out), _) => Destination::File(out),
        (None, Some(dir)) => Destination::Dir(dir),
        (None, None) => Destination::WorkingDir,
    };
    // The summary for the patient, beside the letter (`--patient`), or the letter.
    let write = match args.patient {
        true => export::export_patient,
        false => export::export,
    };
    let exported = write(Source::File(&session_path), &job, &destination, local_now())
        .map_err(|err| failure(message(&err, &job)))?;
    println!("{}", exported.path.display());
    warn_findings(&exported.id, &exported.findings);
    Ok(())
}

/// The report template of the language asked for (else the configured one). A broken
/// template is a configuration error: said before any session is touched.
pub(super) fn template(config: &Config, lang: Option<LangArg>) -> Result<ReportTemplate, Failure> {
    let lang = report::language(config, lang.map(Lang::from));
    ReportTemplate::for_config(config, lang).map_err(|err| Failure {
        message: err.to_string(),
        code: 2,
    })
}

/// The FHIR document was written, but breaks these rules: say so on standard error, with
/// what to record, so the clerk can mend the record and export again.
fn warn_findings(id: &str, findings: &[report::fhir::Finding]) {
    if findings.is_empty() {
        return;
    }
    eprintln!(
        "sonote: {id}: the FHIR document does not meet {} rule(s) (sonote check {id}):",
        findings.len()
    );
    for finding in findings {
        eprintln!("  {finding}");
    }
}

/// `sonote check SESSION`: the rules of the eReferral and JP-CLINS guides the session's
/// FHIR document would break, before it is exported. Exit 1 when there are any.
pub(super) fn check_fhir(config: &Config, store: &Store, session: &str) -> Result<(), Failure> {
    let template = template(config, None)?;
    let path = store.resolve(session);
    let (id, findings) =
        export::fhir_findings(&path, config, &template).map_err(|err| failure(err.to_string()))?;
    if findings.is_empty() {
        println!("{id}: the FHIR document meets every rule sonote checks");
        return Ok(());
    }
    println!(
        "{id}: the FHIR document would not meet {} rule(s):",
        findings.len()
    );
    for finding in &findings {
        println!("  {finding}");
    }
    Err(failure(format!("{id}: {} rule(s) not met", findings.len())))
}

/// The command line's wording of an export error: it knows `--force`.
fn message(err: &ExportError, job: &Job) -> String {
    match err {
        ExportError::NotOurs(out) if !job.force => format!(
            "{}: the file exists and is not an earlier export of this session (--force replaces it)",
            out.display()
        ),
        other => other.to_string(),
    }
}

pub(super) fn mark_sent(config: &Config, store: &Store, session_arg: &str) -> Result<(), Failure> {
    let path = store.resolve(session_arg);
    let now = local_now();
    let by = crate::core::author(config, "clerk");
    let (session, result) = store::update(&path, &by, now, |session| session.mark_report_sent(now))
        .map_err(|err| match err {
            // A file error names its file already.
            store::UpdateError::File(err) => failure(err.to_string()),
            other => failure(format!("{}: {other}", path.display())),
        })?;
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

fn export_to_stdout(job: &Job, session_path: &Path) -> Result<(), Failure> {
    let (_, bytes) = to_stdout_first(job, || export::render_file(session_path, job))?;
    write_stdout(&bytes)
}

/// A document for standard output, refused while a docx would go to the terminal.
pub(super) fn to_stdout_first(
    job: &Job,
    render: impl FnOnce() -> Result<(String, Vec<u8>), ExportError>,
) -> Result<(String, Vec<u8>), Failure> {
    if job.format == Format::Docx && std::io::stdout().is_terminal() {
        return Err(failure(
            "a docx file is not for the terminal: give --out FILE, or redirect the output",
        ));
    }
    render().map_err(|err| failure(err.to_string()))
}

pub(super) fn write_stdout(bytes: &[u8]) -> Result<(), Failure> {
    let mut stdout = std::io::stdout();
    stdout
        .write_all(bytes)
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
    let mut progress = Progress::new(
        pending.len(),
        std::io::stderr().is_terminal(),
        !std::io::stdout().is_terminal(),
    );
    let mut exported = 0;
    let destination = Destination::Dir(dir.to_path_buf());
    for (path, id) in &pending {
        progress.start(id);
        match export::export(Source::File(path), job, &destination, local_now()) {
            Ok(done) => {
                exported += 1;
                progress.done(&done);
            }
            Err(err) => {
                failed += 1;
                progress.failed(&message(&err, job));
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
        if !exported.findings.is_empty() {
            if self.tty {
                // Clear the bar so the list is not drawn over it.
                eprint!("\r\x1b[2K");
            }
            warn_findings(&exported.id, &exported.findings);
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
pub(crate) fn bar(finished: usize, total: usize, label: &str, width: usize) -> String {
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
