//! `sonote history` and `sonote verify`: the journal read for people, and checked; and
//! `sonote confirm` and `sonote correct`, which the journal and `verify` answer for.

use super::{Failure, local_now, printable};
use crate::config::Config;
use crate::store::journal::change::{Change, Edit, path_text};
use crate::store::journal::{self, Entry};
use crate::store::{self, Store};

/// Print the journals of a session, oldest first: when, who in which role, what.
pub(super) fn history(store: &Store, arg: &str) -> Result<(), Failure> {
    let path = store.resolve(arg);
    if !path.is_file() {
        return Err(Failure::new(format!("{}: no such session", path.display())));
    }
    let desk = store::desk_part_path(&path);
    let part = store::part_path(&path);
    for (file, title) in [
        (path.as_path(), "session"),
        (part.as_path(), "companion's part"),
        (desk.as_path(), "clerk's part"),
    ] {
        let read =
            journal::read(&journal::path_for(file)).map_err(|err| Failure::new(err.to_string()))?;
        if read.entries.is_empty() {
            if file == path {
                println!("{}: no changes journaled yet", path.display());
            }
            continue;
        }
        println!("# {title}: {}", file.display());
        for (entry, _) in &read.entries {
            print_entry(entry);
        }
    }
    Ok(())
}

fn print_entry(entry: &Entry) {
    println!(
        "{:>4}  {}  {} ({})",
        entry.n,
        entry.at.format("%Y-%m-%d %H:%M:%S %:z"),
        printable(&entry.by.name),
        printable(&entry.by.role)
    );
    for change in &entry.changes {
        println!("        {}", describe(change));
    }
}

/// One change in a line: the field, and what happened to it.
fn describe(change: &Change) -> String {
    let field = match change.at.is_empty() {
        true => "(the whole file)".to_string(),
        false => printable(&path_text(&change.at)),
    };
    let what = match &change.edit {
        Edit::Set(value) => format!("set to {}", preview(&value.to_string())),
        Edit::Unset(_) => "removed".to_string(),
        Edit::Text(_, 0, added) => {
            format!("+{} characters {}", added.chars().count(), preview(added))
        }
        Edit::Text(_, removed, added) if added.is_empty() => format!("-{removed} characters"),
        Edit::Text(_, removed, added) => format!(
            "{removed} characters replaced by {} {}",
            added.chars().count(),
            preview(added)
        ),
        Edit::Items(_, 0, added) => format!("{} added", added.len()),
        Edit::Items(_, removed, added) if added.is_empty() => format!("{removed} removed"),
        Edit::Items(_, removed, added) => format!("{removed} replaced by {}", added.len()),
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
pub(super) fn verify(store: &Store, arg: Option<&str>) -> Result<(), Failure> {
    let paths = match arg {
        Some(arg) => vec![store.resolve(arg)],
        None => store
            .list()
            .map_err(|err| Failure::new(format!("{}: {err}", store.sessions_dir().display())))?
            .into_iter()
            .map(|listed| listed.path)
            .collect(),
    };
    let mut broken = 0;
    for path in &paths {
        if !path.is_file() {
            return Err(Failure::new(format!("{}: no such session", path.display())));
        }
        for result in store::verify(path) {
            match result {
                Ok(checked) if checked.pending > 0 => println!(
                    "{}: ok, {} entries ({} not yet in the file: the next read replays them)",
                    checked.file.display(),
                    checked.entries,
                    checked.pending
                ),
                Ok(checked) => {
                    println!(
                        "{}: ok, {} entries",
                        checked.file.display(),
                        checked.entries
                    )
                }
                Err(err) => {
                    broken += 1;
                    println!("{err}");
                }
            }
        }
    }
    match broken {
        0 => Ok(()),
        n => Err(Failure::new(format!(
            "{n} journal{} do not match",
            if n == 1 { "" } else { "s" }
        ))),
    }
}

/// Confirm a session's record.
pub(super) fn confirm(config: &Config, store: &Store, arg: &str) -> Result<(), Failure> {
    let path = store.resolve(arg);
    let by = crate::core::author(config, "specialist");
    let version = crate::core::record::confirm_file(&path, &by, local_now())
        .map_err(|err| Failure::new(format!("{}: {err}", path.display())))?;
    println!("{}: confirmed, version {version}", path.display());
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
    crate::core::record::correct_file(&path, &by, reason, local_now())
        .map_err(|err| Failure::new(format!("{}: {err}", path.display())))?;
    println!(
        "{}: open for correction; confirm it again to make the next version",
        path.display()
    );
    Ok(())
}
