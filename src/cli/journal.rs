//! `sonote history` and `sonote verify`: the journal read for people, and checked; and
//! `sonote confirm` and `sonote correct`, which the journal and `verify` answer for.

use super::{Failure, local_now, printable};
use crate::config::{Config, Lang};
use crate::i18n::cli::CliTexts;
use crate::i18n::fill;
use crate::store::journal::change::{Change, Edit, path_text};
use crate::store::journal::{self, Entry};
use crate::store::{self, Store};

/// Print the journals of a session, oldest first: when, who in which role, what.
pub(super) fn history(lang: Lang, store: &Store, arg: &str) -> Result<(), Failure> {
    let words = lang.cli_texts();
    let path = store.resolve(arg);
    if !path.is_file() {
        return Err(no_such_session(words, &path));
    }
    let desk = store::desk_part_path(&path);
    let part = store::part_path(&path);
    for (file, title) in [
        (path.as_path(), words.journal_session),
        (part.as_path(), words.journal_companion),
        (desk.as_path(), words.journal_clerk),
    ] {
        let read = journal::read(&journal::path_for(file))
            .map_err(|err| Failure::new(lang.messages().journal_error(&err)))?;
        if read.entries.is_empty() {
            if file == path {
                let path = path.display().to_string();
                println!("{}", fill(words.no_changes, &[("path", &path)]));
            }
            continue;
        }
        println!("# {title}: {}", file.display());
        for (entry, _) in &read.entries {
            print_entry(words, entry);
        }
    }
    Ok(())
}

fn no_such_session(words: &CliTexts, path: &std::path::Path) -> Failure {
    let path = path.display().to_string();
    Failure::new(fill(words.no_such_session, &[("path", &path)]))
}

fn print_entry(words: &CliTexts, entry: &Entry) {
    println!(
        "{:>4}  {}  {} ({})",
        entry.n,
        entry.at.format("%Y-%m-%d %H:%M:%S %:z"),
        printable(&entry.by.name),
        printable(&entry.by.role)
    );
    for change in &entry.changes {
        println!("        {}", describe(words, change));
    }
}

/// One change in a line: the field, and what happened to it.
fn describe(words: &CliTexts, change: &Change) -> String {
    let field = match change.at.is_empty() {
        true => words.whole_file.to_string(),
        false => printable(&path_text(&change.at)),
    };
    let count = |n: usize| n.to_string();
    let what = match &change.edit {
        Edit::Set(value) => fill(words.set_to, &[("value", &preview(&value.to_string()))]),
        Edit::Unset(_) => words.removed_value.to_string(),
        Edit::Text(_, 0, added) => fill(
            words.added_chars,
            &[
                ("n", &count(added.chars().count())),
                ("text", &preview(added)),
            ],
        ),
        Edit::Text(_, removed, added) if added.is_empty() => {
            fill(words.removed_chars, &[("n", &count(*removed))])
        }
        Edit::Text(_, removed, added) => fill(
            words.replaced_chars,
            &[
                ("removed", &count(*removed)),
                ("n", &count(added.chars().count())),
                ("text", &preview(added)),
            ],
        ),
        Edit::Items(_, 0, added) => fill(words.items_added, &[("n", &count(added.len()))]),
        Edit::Items(_, removed, added) if added.is_empty() => {
            fill(words.items_removed, &[("n", &count(*removed))])
        }
        Edit::Items(_, removed, added) => fill(
            words.items_replaced,
            &[("removed", &count(*removed)), ("n", &count(added.len()))],
        ),
    };
    format!("{field}: {what}")
}

/// Up to 40 characters of patient text, quoted, on one line, with no control characters.
fn preview(text: &str) -> String {
    let shown: String = text.chars().take(40).collect();
    let more = if text.chars().count() > 40 { "…" } else { "" };
    format!("「{}{more}」", printable(&shown))
}

/// Check one session, or every session: print what is wrong and fail if anything is.
pub(super) fn verify(lang: Lang, store: &Store, arg: Option<&str>) -> Result<(), Failure> {
    let (words, messages) = (lang.cli_texts(), lang.messages());
    let paths = match arg {
        Some(arg) => vec![store.resolve(arg)],
        None => super::list_sessions(lang, store)?
            .into_iter()
            .map(|listed| listed.path)
            .collect(),
    };
    let mut broken = 0;
    for path in &paths {
        if !path.is_file() {
            return Err(no_such_session(words, path));
        }
        for result in store::verify(path) {
            match result {
                Ok(checked) => {
                    let file = checked.file.display().to_string();
                    let (n, pending) = (checked.entries.to_string(), checked.pending.to_string());
                    let text = match checked.pending {
                        0 => words.verify_ok,
                        _ => words.verify_pending,
                    };
                    let values = [("file", file.as_str()), ("n", &n), ("pending", &pending)];
                    println!("{}", fill(text, &values));
                }
                Err(err) => {
                    broken += 1;
                    println!("{}", messages.broken(&err));
                }
            }
        }
    }
    match broken {
        0 => Ok(()),
        n => Err(Failure::new(fill(
            words.journals_broken,
            &[("n", &n.to_string())],
        ))),
    }
}

/// Confirm a session's record.
pub(super) fn confirm(config: &Config, store: &Store, arg: &str) -> Result<(), Failure> {
    let path = store.resolve(arg);
    let by = crate::core::author(config, "specialist");
    let lang = config.ui.language;
    let version = crate::core::record::confirm_file(&path, &by, local_now())
        .map_err(|err| Failure::new(record_failure(lang, &err, &path)))?;
    let (path, version) = (path.display().to_string(), version.to_string());
    let confirmed = lang.cli_texts().confirmed;
    println!("{}", fill(confirmed, &[("path", &path), ("n", &version)]));
    Ok(())
}

/// Open a correction of a confirmed record.
pub(super) fn correct(
    config: &Config,
    store: &Store,
    arg: &str,
    reason: &str,
) -> Result<(), Failure> {
    let path = store.resolve(arg);
    let by = crate::core::author(config, "specialist");
    let lang = config.ui.language;
    crate::core::record::correct_file(&path, &by, reason, local_now())
        .map_err(|err| Failure::new(record_failure(lang, &err, &path)))?;
    let path = path.display().to_string();
    println!("{}", fill(lang.cli_texts().correcting, &[("path", &path)]));
    Ok(())
}

/// A failure names the session file, unless the error names its file already.
fn record_failure(
    lang: Lang,
    err: &crate::core::record::RecordFailure,
    path: &std::path::Path,
) -> String {
    use crate::core::record::RecordFailure;
    let said = lang.messages().record_failure(err, path);
    match err {
        RecordFailure::Record(_) | RecordFailure::NotEnded | RecordFailure::ReadOnly => {
            format!("{}: {said}", path.display())
        }
        RecordFailure::Update(_) | RecordFailure::Io(_) => said,
    }
}
