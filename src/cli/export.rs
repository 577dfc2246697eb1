//! `sonote export` and `sonote mark-sent`: the core's export use case from the command
//! line, with its messages, the clerk's batch and its progress bar.

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};

use super::Failure;
use super::args::{ExportArgs, ExportFormat, LangArg};
use crate::config::{Config, Lang};
use crate::core::export::{self, Destination, ExportError, Exported, Job, Source};
use crate::core::now as local_now;
use crate::i18n::fill;
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
    let lang = config.ui.language;
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
        return export_ended(lang, store, &job, &dir);
    }
    let Some(session_arg) = args.session else {
        return Err(failure(lang.cli_texts().name_a_session));
    };
    let session_path = store.resolve(&session_arg);
    if args.out.as_deref() == Some(Path::new("-")) {
        if args.patient {
            let render = || export::render_patient_file(&session_path, &job);
            let (_, bytes) = to_stdout_first(&job, render)?;
            return write_stdout(lang, &bytes);
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
        .map_err(|err| failure(message(lang, &err, &job)))?;
    println!("{}", exported.path.display());
    warn_findings(lang, &exported.id, &exported.findings);
    Ok(())
}

/// The report template of the language asked for (else the configured one). A broken
/// template is a configuration error: said before any session is touched.
pub(super) fn template(config: &Config, lang: Option<LangArg>) -> Result<ReportTemplate, Failure> {
    let lang = report::language(config, lang.map(Lang::from));
    ReportTemplate::for_config(config, lang).map_err(|err| Failure {
        message: config.ui.language.messages().file_error(&err),
        code: 2,
    })
}

/// The FHIR document was written, but breaks these rules: say so on standard error, with
/// what to record, so the clerk can mend the record and export again.
fn warn_findings(lang: Lang, id: &str, findings: &[report::fhir::Finding]) {
    if findings.is_empty() {
        return;
    }
    let n = findings.len().to_string();
    eprintln!(
        "{}",
        fill(lang.cli_texts().fhir_unmet, &[("id", id), ("n", &n)])
    );
    for finding in findings {
        eprintln!("  {}", crate::i18n::fhir::finding(lang, finding));
    }
}

/// `sonote check SESSION`: the rules of the eReferral and JP-CLINS guides the session's
/// FHIR document would break, before it is exported. Exit 1 when there are any.
pub(super) fn check_fhir(config: &Config, store: &Store, session: &str) -> Result<(), Failure> {
    let template = template(config, None)?;
    let (lang, path) = (config.ui.language, store.resolve(session));
    let words = lang.cli_texts();
    let (id, findings) = export::fhir_findings(&path, config, &template)
        .map_err(|err| failure(lang.messages().export_error(&err, false)))?;
    if findings.is_empty() {
        println!("{}", fill(words.fhir_ok, &[("id", &id)]));
        return Ok(());
    }
    let n = findings.len().to_string();
    println!("{}", fill(words.fhir_would_not, &[("id", &id), ("n", &n)]));
    for finding in &findings {
        println!("  {}", crate::i18n::fhir::finding(lang, finding));
    }
    Err(failure(fill(words.fhir_not_met, &[("id", &id), ("n", &n)])))
}

/// The command line's wording of an export error: it knows `--force`.
fn message(lang: Lang, err: &ExportError, job: &Job) -> String {
    lang.messages().export_error(err, !job.force)
}

pub(super) fn mark_sent(config: &Config, store: &Store, session_arg: &str) -> Result<(), Failure> {
    let path = store.resolve(session_arg);
    let now = local_now();
    let by = crate::core::author(config, "clerk");
    let (words, messages) = (
        config.ui.language.cli_texts(),
        config.ui.language.messages(),
    );
    let (session, result) = store::update(&path, &by, now, |session| session.mark_report_sent(now))
        .map_err(|err| failure(messages.update_error(&err, &path)))?;
    let id = session.id.as_str();
    match result {
        Err(err) => Err(failure(fill(
            words.export_first,
            &[
                ("id", id),
                ("err", messages.send_error(&err)),
                ("session", session_arg),
            ],
        ))),
        Ok(false) => {
            let at = session.report.sent_at.unwrap_or(now);
            let at = at.format("%Y-%m-%d %H:%M").to_string();
            println!("{}", fill(words.already_sent, &[("id", id), ("at", &at)]));
            Ok(())
        }
        Ok(true) => {
            let at = now.format("%Y-%m-%d %H:%M").to_string();
            println!("{}", fill(words.sent, &[("id", id), ("at", &at)]));
            Ok(())
        }
    }
}

fn export_to_stdout(job: &Job, session_path: &Path) -> Result<(), Failure> {
    let (_, bytes) = to_stdout_first(job, || export::render_file(session_path, job))?;
    write_stdout(job.config.ui.language, &bytes)
}

/// A document for standard output, refused while a docx would go to the terminal.
pub(super) fn to_stdout_first(
    job: &Job,
    render: impl FnOnce() -> Result<(String, Vec<u8>), ExportError>,
) -> Result<(String, Vec<u8>), Failure> {
    let lang = job.config.ui.language;
    if job.format == Format::Docx && std::io::stdout().is_terminal() {
        return Err(failure(lang.cli_texts().docx_terminal));
    }
    render().map_err(|err| failure(lang.messages().export_error(&err, !job.force)))
}

pub(super) fn write_stdout(lang: Lang, bytes: &[u8]) -> Result<(), Failure> {
    let mut stdout = std::io::stdout();
    stdout
        .write_all(bytes)
        .and_then(|()| stdout.flush())
        .map_err(|err| {
            let err = lang.messages().io(&err);
            failure(fill(lang.cli_texts().stdout_error, &[("err", &err)]))
        })
}

/// The clerk's batch: every ended session whose report was never exported, oldest first.
/// Demo sessions are skipped: they are not patients.
fn export_ended(lang: Lang, store: &Store, job: &Job, dir: &Path) -> Result<(), Failure> {
    let (words, messages) = (lang.cli_texts(), lang.messages());
    let listed = super::list_sessions(lang, store)?;
    let mut failed = 0;
    let mut demos = 0;
    let mut pending = Vec::new();
    for entry in listed.into_iter().rev() {
        match entry.summary {
            Err(err) => {
                failed += 1;
                eprintln!("sonote: {}", messages.file_error(&err));
            }
            Ok(session) if session.state != ClockState::Ended => {}
            Ok(session) if session.exported_at.is_some() => {}
            Ok(session) if session.demo => demos += 1,
            Ok(session) => pending.push((entry.path, session.id)),
        }
    }
    if pending.is_empty() {
        eprintln!("{}", words.none_awaits);
        return match failed {
            0 => Ok(()),
            n => Err(failure(fill(words.n_unreadable, &[("n", &n.to_string())]))),
        };
    }
    let mut progress = Progress::new(
        lang,
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
                progress.failed(&message(lang, &err, job));
            }
        }
    }
    progress.finish();
    let (exported, dir) = (exported.to_string(), dir.display().to_string());
    let mut summary = fill(words.batch_done, &[("n", &exported), ("dir", &dir)]);
    if demos > 0 {
        summary.push_str(&fill(words.demos_skipped, &[("n", &demos.to_string())]));
    }
    eprintln!("{summary}");
    match failed {
        0 => Ok(()),
        n => Err(failure(fill(words.batch_failed, &[("n", &n.to_string())]))),
    }
}

/// Progress of the batch: a bar redrawn in place when standard error is a terminal, and
/// a plain line per report written (id, tab, path) when standard output is not, for
/// scripts to read.
struct Progress {
    lang: Lang,
    total: usize,
    finished: usize,
    tty: bool,
    lines: bool,
}

impl Progress {
    fn new(lang: Lang, total: usize, tty: bool, lines: bool) -> Self {
        Progress {
            lang,
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
            warn_findings(self.lang, &exported.id, &exported.findings);
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
