//! `sonote purge --older-than DAYS`: every path it would remove or keep, shown before it
//! asks, then removed.

use std::path::PathBuf;

use super::{Failure, list_sessions, local_now, snake_name};
use crate::config::Lang;
use crate::i18n::fill;
use crate::model::SessionSummary;
use crate::store::Store;

/// Remove old sessions after showing them, file by file, and asking; `yes` skips the
/// question.
pub(super) fn purge(lang: Lang, store: &Store, older_than: u32, yes: bool) -> Result<(), Failure> {
    use std::io::{BufRead, IsTerminal, Write};
    let (words, messages) = (lang.cli_texts(), lang.messages());
    let cutoff = local_now().date_naive() - chrono::TimeDelta::days(i64::from(older_than));
    let listed = list_sessions(lang, store)?;
    let old: Vec<(PathBuf, SessionSummary)> = listed
        .into_iter()
        .filter_map(|entry| Some((entry.path, entry.summary.ok()?)))
        .filter(|(_, session)| crate::model::desk::consultation_day(session) < cutoff)
        .collect();
    if old.is_empty() {
        let date = cutoff.to_string();
        println!("{}", fill(words.nothing_older, &[("date", &date)]));
        return Ok(());
    }
    for (path, session) in &old {
        println!(
            "{}\t{}\t{}",
            session.id,
            crate::model::desk::consultation_day(session),
            snake_name(&session.state)
        );
        match store.purge_plan(path) {
            Ok(plan) => {
                for file in &plan.remove {
                    let path = file.display().to_string();
                    println!("{}", fill(words.purge_remove, &[("path", &path)]));
                }
                for (file, why) in &plan.keep {
                    let (path, why) = (file.display().to_string(), messages.kept(why));
                    println!(
                        "{}",
                        fill(words.purge_keep, &[("path", &path), ("why", &why)])
                    );
                }
            }
            Err(err) => {
                let err = messages.update_error(&err, path);
                println!("{}", fill(words.purge_unreadable, &[("err", &err)]));
            }
        }
    }
    if !yes {
        if !std::io::stdin().is_terminal() {
            return Err(Failure::new(words.purge_unconfirmed));
        }
        print!(
            "{}",
            fill(words.purge_ask, &[("n", &old.len().to_string())])
        );
        let _ = std::io::stdout().flush();
        let mut answer = String::new();
        let _ = std::io::stdin().lock().read_line(&mut answer);
        if !matches!(answer.trim(), "y" | "Y" | "yes") {
            println!("{}", words.nothing_removed);
            return Ok(());
        }
    }
    let mut failed = false;
    for (path, session) in old {
        match store.purge(&path) {
            Ok(done) => {
                let (n, kept) = (done.remove.len().to_string(), done.keep.len().to_string());
                let values = [("id", session.id.as_str()), ("n", &n), ("kept", &kept)];
                println!("{}", fill(words.purged, &values));
            }
            Err(err) => {
                failed = true;
                let err = messages.update_error(&err, &path);
                eprintln!("sonote: {}: {err}", session.id);
            }
        }
    }
    if failed {
        return Err(Failure::new(words.some_not_purged));
    }
    Ok(())
}
