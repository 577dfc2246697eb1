//! `sonote purge --older-than DAYS`: every path it would remove or keep, shown before it
//! asks, then removed.

use std::path::PathBuf;

use super::{Failure, local_now, snake_name};
use crate::model::SessionSummary;
use crate::store::Store;

/// Remove old sessions after showing them, file by file, and asking; `yes` skips the
/// question.
pub(super) fn purge(store: &Store, older_than: u32, yes: bool) -> Result<(), Failure> {
    use std::io::{BufRead, IsTerminal, Write};
    let cutoff = local_now().date_naive() - chrono::TimeDelta::days(i64::from(older_than));
    let listed = store
        .list()
        .map_err(|err| Failure::new(format!("{}: {err}", store.sessions_dir().display())))?;
    let old: Vec<(PathBuf, SessionSummary)> = listed
        .into_iter()
        .filter_map(|entry| Some((entry.path, entry.summary.ok()?)))
        .filter(|(_, session)| crate::model::desk::consultation_day(session) < cutoff)
        .collect();
    if old.is_empty() {
        println!("no session from before {cutoff}");
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
                    println!("  remove {}", file.display());
                }
                for (file, why) in &plan.keep {
                    println!("  keep   {} ({why})", file.display());
                }
            }
            Err(err) => println!("  cannot read it: {err}"),
        }
    }
    if !yes {
        if !std::io::stdin().is_terminal() {
            return Err(Failure::new(
                "not removing anything without confirmation: run on a terminal, or add --yes",
            ));
        }
        print!(
            "Remove these {} sessions and the files listed for good? [y/N] ",
            old.len()
        );
        let _ = std::io::stdout().flush();
        let mut answer = String::new();
        let _ = std::io::stdin().lock().read_line(&mut answer);
        if !matches!(answer.trim(), "y" | "Y" | "yes") {
            println!("nothing removed");
            return Ok(());
        }
    }
    let mut failed = false;
    for (path, session) in old {
        match store.purge(&path) {
            Ok(done) => println!(
                "removed {} ({} files; {} kept)",
                session.id,
                done.remove.len(),
                done.keep.len()
            ),
            Err(err) => {
                failed = true;
                eprintln!("sonote: {}: {err}", session.id);
            }
        }
    }
    if failed {
        return Err(Failure::new("some sessions were not removed (see above)"));
    }
    Ok(())
}
