//! Exporting a report: the one use case behind `sonote export`, the report tab and the
//! clerk's desk. It takes the session (the open one, or a file it locks), builds the
//! report, writes the file atomically, and records the export on the session.

use std::path::{Path, PathBuf};

use crate::config::Config;
use crate::model::{ExportedFile, Session, Timestamp};
use crate::report::template::ReportTemplate;
use crate::report::{self, Format};
use crate::store;
use crate::tomlfile::FileError;

/// Why a report could not be written.
#[derive(Debug)]
pub enum ExportError {
    /// The configured report template cannot be read or is wrong.
    Template(Box<FileError>),
    /// A file of that name exists and is not an earlier export of this session: it could be
    /// another patient's report, so it is left alone.
    NotOurs(PathBuf),
    /// The session is open for writing on another terminal.
    Busy(PathBuf),
    /// The session file cannot be read (boxed: an error this large would weigh on every
    /// result that carries one).
    Session(Box<FileError>),
    /// The document could not be made, or the file (or its folder) written.
    Io(PathBuf, std::io::Error),
    /// A receipt was asked for before anything was paid.
    NothingPaid(String),
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
            ExportError::Busy(path) => write!(
                f,
                "{}: the session is open on another terminal; close it there and export again",
                path.display()
            ),
            ExportError::Session(message) => write!(f, "{message}"),
            ExportError::Io(path, err) => write!(f, "{}: {err}", path.display()),
            ExportError::NothingPaid(id) => write!(f, "{id}: nothing has been paid yet"),
        }
    }
}

/// Where the session to export comes from.
pub enum Source<'a> {
    /// The session open on this terminal, whose writer's lock the caller holds: the export
    /// is recorded on it in memory, and the caller saves it.
    Open {
        session: &'a mut Session,
        path: &'a Path,
    },
    /// A session file: it is locked for the export (refused while another terminal has it
    /// open), read once, and the record of the export written back to it.
    File(&'a Path),
}

/// Where the report goes.
pub enum Destination {
    /// `<dir>/<id>.<extension>`; the folder is made private to the user if it is new.
    Dir(PathBuf),
    /// This file.
    File(PathBuf),
    /// `<id>.<extension>` in the working directory.
    WorkingDir,
}

/// What to export, and how.
pub struct Job<'a> {
    pub config: &'a Config,
    /// The template gives the report's words and language.
    pub template: &'a ReportTemplate,
    pub format: Format,
    /// Replace a file that is not an earlier export of this session.
    pub force: bool,
    /// Put the specialist's private notes in a JSON export whatever the template prints.
    pub with_memo: bool,
}

/// A report written to a file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Exported {
    pub id: String,
    pub path: PathBuf,
    /// For the FHIR document: the guides' rules it does not meet (it is written anyway).
    pub findings: Vec<report::fhir::Finding>,
}

/// The report templates of both languages (Japanese, English) as the configuration names
/// them, or why one cannot be used: read once when a session is opened, for its preview
/// and its exports.
pub(crate) fn templates(config: &Config) -> [Result<ReportTemplate, String>; 2] {
    [crate::config::Lang::Ja, crate::config::Lang::En]
        .map(|lang| ReportTemplate::for_config(config, lang).map_err(|err| err.to_string()))
}

/// The folder the screens export into: `exports` in the data directory.
pub(crate) fn exports_dir(data_dir: &Path) -> PathBuf {
    data_dir.join("exports")
}

/// Which document of a session is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Document {
    /// The report to the referring physician.
    Letter,
    /// The receipt of what was paid (`<id>.receipt.<extension>`), in the template's
    /// language; written from the desk and `sonote receipt`.
    Receipt,
    /// The summary for the patient and family (`<id>.patient.<extension>`), worded by its
    /// own template in the template's language; `sonote export --patient`, the report tab.
    Patient,
}

impl Document {
    fn build(self, session: &Session, job: &Job) -> Result<report::Report, ExportError> {
        match self {
            Document::Letter => Ok(report::build(session, job.config, job.template)),
            Document::Receipt => {
                let words = report::receipt::ReceiptWords::embedded(job.template.language)
                    .map_err(|err| ExportError::Template(Box::new(err)))?;
                report::receipt::build(session, job.config, job.template, &words)
                    .map_err(|_| ExportError::NothingPaid(session.id.clone()))
            }
            Document::Patient => {
                let template = report::patient_template(job.template.language);
                Ok(report::build_patient(session, job.config, &template))
            }
        }
    }
}

/// Export a session's report. Exporting again replaces the session's own earlier export,
/// and nothing else unless `job.force` says so.
pub fn export(
    source: Source,
    job: &Job,
    destination: &Destination,
    now: Timestamp,
) -> Result<Exported, ExportError> {
    export_document(Document::Letter, source, job, destination, now)
}

/// Write a session's receipt, as `export` writes its report; recorded among the files the
/// session exported (so that `purge` and deleting remove it), not as the report's export.
pub fn export_receipt(
    source: Source,
    job: &Job,
    destination: &Destination,
    now: Timestamp,
) -> Result<Exported, ExportError> {
    export_document(Document::Receipt, source, job, destination, now)
}

/// Write a session's summary for the patient and family, as `export` writes its report;
/// recorded among the files the session exported, not as the report's export.
pub fn export_patient(
    source: Source,
    job: &Job,
    destination: &Destination,
    now: Timestamp,
) -> Result<Exported, ExportError> {
    export_document(Document::Patient, source, job, destination, now)
}

fn export_document(
    document: Document,
    source: Source,
    job: &Job,
    destination: &Destination,
    now: Timestamp,
) -> Result<Exported, ExportError> {
    match source {
        Source::Open { session, path } => {
            export_open(document, session, path, job, destination, now)
        }
        Source::File(path) => export_file(document, path, job, destination, now),
    }
}

fn export_open(
    document: Document,
    session: &mut Session,
    session_path: &Path,
    job: &Job,
    destination: &Destination,
    now: Timestamp,
) -> Result<Exported, ExportError> {
    let out = out_path(destination, session, session_path, job.format, document)?;
    let report = document.build(session, job)?;
    let bytes = render(&report, job, &out)?;
    let out_abs = absolute_name(&out);
    write_out(
        &bytes,
        &out,
        session.report.was_exported_to(&out_abs),
        job.force,
    )?;
    note_export(document, session, session_path, &bytes, out_abs, job, now);
    Ok(Exported {
        id: session.id.clone(),
        path: out,
        findings: findings(&report, job.format),
    })
}

/// Record in the session where its report went, when, and what was written there; of a
/// receipt, only what was written where (the report's export is not the receipt's).
fn note_export(
    document: Document,
    session: &mut Session,
    session_path: &Path,
    bytes: &[u8],
    out_abs: String,
    job: &Job,
    now: Timestamp,
) {
    session.report.record_written(ExportedFile {
        path: out_abs.clone(),
        sha256: store::journal::hash(bytes),
        session_file: absolute_name(session_path),
    });
    match document {
        Document::Letter => {
            session
                .report
                .mark_exported(now, out_abs, job.format.extension());
        }
        Document::Receipt | Document::Patient => {
            if !session.report.exported_paths.contains(&out_abs) {
                session.report.exported_paths.push(out_abs);
            }
        }
    }
}

/// The session's writer lock is held throughout, so the report and the record are of the
/// same session, read once, and no screen saves over the record.
fn export_file(
    document: Document,
    session_path: &Path,
    job: &Job,
    destination: &Destination,
    now: Timestamp,
) -> Result<Exported, ExportError> {
    // No lock file for a session that does not exist: say that it does not.
    if !session_path.is_file() {
        return Err(ExportError::Session(Box::new(
            store::load(session_path).err().unwrap_or_else(|| {
                FileError::new(session_path, "not a file")
                    .with(crate::tomlfile::Problem::NotRegular)
            }),
        )));
    }
    // Only a session gets a lock file beside it.
    store::load_main(session_path).map_err(|err| ExportError::Session(Box::new(err)))?;
    let _lock = store::try_lock(session_path)
        .map_err(|err| ExportError::Io(session_path.into(), err))?
        .ok_or_else(|| ExportError::Busy(session_path.into()))?;
    let mut session =
        store::load(session_path).map_err(|err| ExportError::Session(Box::new(err)))?;
    let out = out_path(destination, &session, session_path, job.format, document)?;
    let out_abs = absolute_name(&out);
    let ours = session.report.was_exported_to(&out_abs);
    let report = document.build(&session, job)?;
    let bytes = render(&report, job, &out)?;
    note_export(
        document,
        &mut session,
        session_path,
        &bytes,
        out_abs,
        job,
        now,
    );
    let session = &session;
    // The session's record of the export is written beside its file while the report is
    // written (two fsyncs waited for at once); it goes into its place only once the report
    // is on disk.
    let by = super::author(job.config, "clerk");
    let (written, record) = std::thread::scope(|scope| {
        let record = scope.spawn(|| store::stage_session(session_path, session, &by, now));
        let written = write_out(&bytes, &out, ours, job.force);
        let record = record
            .join()
            .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
        (written, record)
    });
    // Dropped on an error, the staged record is removed: the session says nothing of a
    // report that was not written.
    written?;
    record
        .and_then(store::Recorded::commit)
        .map_err(|err| ExportError::Io(session_path.into(), err))?;
    Ok(Exported {
        id: session.id.clone(),
        path: out,
        findings: findings(&report, job.format),
    })
}

/// The rules of the eReferral and JP-CLINS guides the FHIR document does not meet; none
/// for the other formats.
fn findings(report: &report::Report, format: Format) -> Vec<report::fhir::Finding> {
    match format {
        Format::Fhir => report::fhir::check(report),
        _ => Vec::new(),
    }
}

/// What the FHIR document of a session would break (`sonote check SESSION`): read only,
/// no lock, nothing written.
pub fn fhir_findings(
    session_path: &Path,
    config: &Config,
    template: &ReportTemplate,
) -> Result<(String, Vec<report::fhir::Finding>), ExportError> {
    let session = store::load(session_path).map_err(|err| ExportError::Session(Box::new(err)))?;
    let report = report::build(&session, config, template);
    Ok((session.id, report::fhir::check(&report)))
}

/// The report's bytes, without writing them anywhere (`sonote export --out -`).
pub(crate) fn render_file(
    session_path: &Path,
    job: &Job,
) -> Result<(String, Vec<u8>), ExportError> {
    render_document(Document::Letter, session_path, job)
}

/// The patient's summary's bytes, without writing them anywhere (`--patient --out -`).
pub(crate) fn render_patient_file(
    session_path: &Path,
    job: &Job,
) -> Result<(String, Vec<u8>), ExportError> {
    render_document(Document::Patient, session_path, job)
}

/// The receipt's bytes, without writing them anywhere (`sonote receipt --out -`).
pub(crate) fn render_receipt_file(
    session_path: &Path,
    job: &Job,
) -> Result<(String, Vec<u8>), ExportError> {
    render_document(Document::Receipt, session_path, job)
}

fn render_document(
    document: Document,
    session_path: &Path,
    job: &Job,
) -> Result<(String, Vec<u8>), ExportError> {
    let session = store::load(session_path).map_err(|err| ExportError::Session(Box::new(err)))?;
    let report = document.build(&session, job)?;
    let bytes = render(&report, job, session_path)?;
    Ok((session.id, bytes))
}

fn render(report: &report::Report, job: &Job, out: &Path) -> Result<Vec<u8>, ExportError> {
    match job.format {
        Format::Json => Ok(report::json::render_with(report, job.with_memo).into_bytes()),
        format => report::render(report, format).map_err(|err| ExportError::Io(out.into(), err)),
    }
}

/// The file a destination names for this session; a new folder is made private.
fn out_path(
    destination: &Destination,
    session: &Session,
    session_path: &Path,
    format: Format,
    document: Document,
) -> Result<PathBuf, ExportError> {
    let name = || {
        let name = file_name(&session.id, session_path, format);
        match document {
            Document::Letter => name,
            // Beside the report, never over it.
            Document::Receipt => match name.strip_suffix(format.extension()) {
                Some(stem) => format!("{stem}receipt.{}", format.extension()),
                None => name,
            },
            Document::Patient => match name.strip_suffix(format.extension()) {
                Some(stem) => format!("{stem}patient.{}", format.extension()),
                None => name,
            },
        }
    };
    match destination {
        Destination::File(out) => Ok(out.clone()),
        Destination::WorkingDir => Ok(PathBuf::from(name())),
        Destination::Dir(dir) => {
            create_private_dir(dir).map_err(|err| ExportError::Io(dir.clone(), err))?;
            Ok(dir.join(name()))
        }
    }
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

/// `<id>.<extension>`; the id comes from the store and is safe in a file name, but a
/// session file given by path might carry anything, so only plain characters are kept.
pub(crate) fn file_name(id: &str, session_path: &Path, format: Format) -> String {
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
