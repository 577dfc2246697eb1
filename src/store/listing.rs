//! Listing the sessions folder (the home screen, the desk, `sonote list`) as fast with a year
//! of sessions as with one.
//!
//! A session's summary is made from the session read whole and checked (`store::load`), so a
//! listing shows what opening the session would show, and a file that does not load is
//! listed with its error (file, line and field). Reading every file took 60 to 90 ms for 300
//! sessions of 21 KB, at every start on the home screen and every return to it. So each
//! summary is kept with the fingerprints of the session file and of its companion's part it
//! was made from: in memory for the process's life, and in a cache file in the data
//! directory for the next start. A kept summary is used only while both files still have
//! exactly those fingerprints; the sessions are the only source of truth:
//!
//! - a save renames a new file into place (a new inode); a write, rename or chmod sets the
//!   ctime, which nothing can set back: the fingerprint has both, the size and the mtime;
//! - only files unchanged for [`SETTLE`] before the listing began are kept, so that a file
//!   written again within one tick of the file system's clock cannot keep its fingerprint;
//! - files that fail to load are never kept: they are read, and their error made, each time;
//! - a cache file that cannot be read, or that another version of sonote or of the cache
//!   wrote, is ignored (and replaced); it is replaced atomically, without fsync: a crash can
//!   only lose it.
//!
//! The cache holds patients' names: it is private (0600) like the sessions, in the private
//! data directory, `loose_permissions` checks it, and `purge` drops what it removes.

use std::collections::{BTreeMap, HashSet};
use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, SystemTime};

use serde::{Deserialize, Serialize};

use super::{Fingerprint, desk_part_path, fingerprint, load, part_path};
use crate::model::SessionSummary;
use crate::tomlfile::{FileError, MAX_FILE_BYTES};

/// In the data directory, beside `sessions/`.
pub(crate) const CACHE_FILE: &str = "listing-cache.json";

/// Bump when a summary's fields or meaning change, or what `store::load` accepts: a cache
/// of another format (or another version of sonote) is not read.
const CACHE_FORMAT: u32 = 2;

/// How long a file must have been left alone before its summary is kept.
const SETTLE: Duration = Duration::from_secs(2);

/// Sessions to read before another thread is worth starting.
const SESSIONS_PER_THREAD: usize = 16;

/// One file of the sessions folder as listed: its summary, or why the session cannot be read.
#[derive(Debug)]
pub struct Listed {
    pub path: PathBuf,
    pub summary: Result<SessionSummary, FileError>,
}

/// The summaries kept so far, by session file name.
#[derive(Debug, Default)]
pub(super) struct Summaries {
    /// None until the cache file is read, at the first listing.
    entries: Option<BTreeMap<String, Entry>>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
struct Entry {
    files: Files,
    summary: SessionSummary,
}

/// What a summary was made from: the session file, and the companion's and the clerk's
/// parts if there were any.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
struct Files {
    session: Fingerprint,
    part: Option<Fingerprint>,
    #[serde(default)]
    desk: Option<Fingerprint>,
}

#[derive(Serialize, Deserialize)]
struct CacheFile<E> {
    format: u32,
    sonote: String,
    entries: E,
}

impl Summaries {
    /// The sessions at `paths` (in that order), each from its kept summary when its files
    /// are unchanged, else read again. `parts`: the companions' part files in the folder
    /// (looking for each session's would take as long as the rest of a listing); `now`: when
    /// the folder was read.
    pub(super) fn list(
        &mut self,
        cache_path: &Path,
        paths: Vec<PathBuf>,
        parts: &HashSet<PathBuf>,
        now: SystemTime,
    ) -> Vec<Listed> {
        let entries = self.entries.get_or_insert_with(|| read_cache(cache_path));
        let looked: Vec<(PathBuf, Option<Files>)> = paths
            .into_iter()
            .map(|path| {
                let files = files_of(&path, parts);
                (path, files)
            })
            .collect();
        let kept: Vec<Option<SessionSummary>> = looked
            .iter()
            .map(|(path, files)| {
                let entry = entries.get(name_of(path)?)?;
                (Some(entry.files) == *files).then(|| entry.summary.clone())
            })
            .collect();
        let to_read: Vec<&Path> = looked
            .iter()
            .zip(&kept)
            .filter(|(_, kept)| kept.is_none())
            .map(|((path, _), _)| path.as_path())
            .collect();
        let mut read = read_summaries(&to_read).into_iter();

        let settled_before = now.checked_sub(SETTLE).unwrap_or(SystemTime::UNIX_EPOCH);
        let mut changed = false;
        let mut listed = Vec::with_capacity(looked.len());
        for ((path, files), kept) in looked.into_iter().zip(kept) {
            let summary = match kept {
                Some(summary) => Ok(summary),
                None => {
                    let summary = read.next().expect("a summary for each session read");
                    if let Some(name) = name_of(&path) {
                        let keep = files.filter(|f| f.unchanged_before(settled_before));
                        changed |= match (keep, &summary) {
                            (Some(files), Ok(summary)) => {
                                let entry = Entry {
                                    files,
                                    summary: summary.clone(),
                                };
                                entries.insert(name.to_string(), entry);
                                true
                            }
                            _ => entries.remove(name).is_some(),
                        };
                    }
                    summary
                }
            };
            listed.push(Listed { path, summary });
        }
        // Sessions no longer in the folder.
        let present: HashSet<&str> = listed.iter().filter_map(|l| name_of(&l.path)).collect();
        let count = entries.len();
        entries.retain(|name, _| present.contains(name.as_str()));
        changed |= entries.len() != count;
        if changed {
            // Only a cache: the next start reads the sessions again if it is not written.
            let _ = write_cache(cache_path, entries);
        }
        listed
    }

    /// Drop the summary of a session that was removed, here and in the cache file.
    pub(super) fn forget(&mut self, cache_path: &Path, session: &Path) -> io::Result<()> {
        let entries = self.entries.get_or_insert_with(|| read_cache(cache_path));
        match name_of(session) {
            Some(name) if entries.remove(name).is_some() => write_cache(cache_path, entries)
                // The name must not stay behind: without the cache the next start reads all.
                .or_else(|_| fs::remove_file(cache_path))
                .map_err(|err| {
                    io::Error::new(err.kind(), format!("{}: {err}", cache_path.display()))
                }),
            _ => Ok(()),
        }
    }
}

impl Files {
    fn unchanged_before(&self, time: SystemTime) -> bool {
        self.session.unchanged_before(time) && self.part.is_none_or(|p| p.unchanged_before(time))
    }
}

impl Fingerprint {
    fn unchanged_before(&self, time: SystemTime) -> bool {
        self.modified.is_some_and(|t| t < time) && self.changed.is_none_or(|t| t < time)
    }
}

/// The fingerprints of a session file and of its part, or None when either cannot be
/// looked at (then the session is read, and says why it cannot be).
fn files_of(session: &Path, parts: &HashSet<PathBuf>) -> Option<Files> {
    let of = |part_path: PathBuf| -> Option<Option<Fingerprint>> {
        if !parts.contains(&part_path) {
            return Some(None);
        }
        match fs::metadata(&part_path) {
            Ok(meta) => Some(Some(Fingerprint::of(&meta))),
            Err(err) if err.kind() == io::ErrorKind::NotFound => Some(None),
            Err(_) => None,
        }
    };
    Some(Files {
        session: fingerprint(session)?,
        part: of(part_path(session))?,
        desk: of(desk_part_path(session))?,
    })
}

fn name_of(path: &Path) -> Option<&str> {
    path.file_name()?.to_str()
}

/// Read and summarize sessions, on as many threads as are worth it.
fn read_summaries(paths: &[&Path]) -> Vec<Result<SessionSummary, FileError>> {
    let threads = std::thread::available_parallelism()
        .map_or(1, usize::from)
        .min(paths.len() / SESSIONS_PER_THREAD)
        .max(1);
    let next = AtomicUsize::new(0);
    // Each takes the next session to read, so one large session does not hold up a thread's
    // share of the others.
    let work = || {
        let mut done = Vec::new();
        loop {
            let index = next.fetch_add(1, Ordering::Relaxed);
            let Some(path) = paths.get(index) else {
                return done;
            };
            done.push((index, load(path).map(|session| session.summary())));
        }
    };
    let mut results: Vec<Option<Result<SessionSummary, FileError>>> =
        (0..paths.len()).map(|_| None).collect();
    std::thread::scope(|scope| {
        // A thread that cannot be started leaves its share to the others.
        let helpers: Vec<_> = (1..threads)
            .filter_map(|_| {
                std::thread::Builder::new()
                    .name("sonote-listing".into())
                    .spawn_scoped(scope, work)
                    .ok()
            })
            .collect();
        let mut done = work();
        for helper in helpers {
            done.extend(
                helper
                    .join()
                    .unwrap_or_else(|panic| std::panic::resume_unwind(panic)),
            );
        }
        for (index, result) in done {
            results[index] = Some(result);
        }
    });
    results
        .into_iter()
        .map(|result| result.expect("every session read"))
        .collect()
}

fn read_cache(path: &Path) -> BTreeMap<String, Entry> {
    let read = || -> Option<BTreeMap<String, Entry>> {
        if fs::metadata(path).ok()?.len() > MAX_FILE_BYTES {
            return None;
        }
        let cache: CacheFile<BTreeMap<String, Entry>> =
            serde_json::from_slice(&fs::read(path).ok()?).ok()?;
        (cache.format == CACHE_FORMAT && cache.sonote == env!("CARGO_PKG_VERSION"))
            .then_some(cache.entries)
    };
    read().unwrap_or_default()
}

fn write_cache(path: &Path, entries: &BTreeMap<String, Entry>) -> io::Result<()> {
    let cache = CacheFile {
        format: CACHE_FORMAT,
        sonote: env!("CARGO_PKG_VERSION").to_string(),
        entries,
    };
    let bytes = serde_json::to_vec(&cache).map_err(io::Error::other)?;
    super::replace_unsynced(path, &bytes)
}

#[cfg(test)]
mod tests {
    use std::fs::File;

    use chrono::{DateTime, NaiveDate};

    use super::*;
    use crate::model::payment::PaymentMethod;
    use crate::model::{ClockRules, CompanionPart, FeeSchedule, NewSession, Patient, Session};
    use crate::store::{Store, is_part_file, journal, save_part, save_unjournaled};

    fn at(time: &str) -> crate::model::Timestamp {
        DateTime::parse_from_rfc3339(&format!("2026-11-{time}+09:00")).unwrap()
    }

    fn temp_store() -> (tempfile::TempDir, Store) {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(dir.path()).unwrap();
        (dir, store)
    }

    /// A session of that day for that patient, saved in the store.
    fn create(store: &Store, day: u32, patient: &str) -> (PathBuf, Session) {
        let draft = NewSession {
            scheduled_date: NaiveDate::from_ymd_opt(2026, 11, day).unwrap(),
            patient: Patient {
                name: patient.into(),
                ..Patient::default()
            },
            ..NewSession::default()
        };
        let created = at("01T09:00:00");
        let mut session = Session::new(
            draft,
            ClockRules::default(),
            FeeSchedule::default(),
            created,
        );
        let path = store
            .create(
                &mut session,
                &journal::Author::new("test", "clerk"),
                chrono::Local::now().fixed_offset(),
            )
            .unwrap();
        (path, session)
    }

    /// As the folder will be once every file in it is older than `SETTLE`.
    fn later() -> SystemTime {
        SystemTime::now() + SETTLE + Duration::from_secs(1)
    }

    type Shown = Vec<(PathBuf, Result<SessionSummary, FileError>)>;

    fn shown(listed: Vec<Listed>) -> Shown {
        listed.into_iter().map(|l| (l.path, l.summary)).collect()
    }

    /// What a listing showed before summaries were kept: every session read whole.
    fn read_whole(store: &Store) -> Shown {
        let mut paths: Vec<PathBuf> = fs::read_dir(store.sessions_dir())
            .unwrap()
            .map(|entry| entry.unwrap().path())
            .filter(|path| path.extension().is_some_and(|ext| ext == "toml"))
            .filter(|path| !is_part_file(path))
            .collect();
        paths.sort();
        paths.reverse();
        paths
            .into_iter()
            .map(|path| {
                let summary = load(&path).map(|s| s.summary());
                (path, summary)
            })
            .collect()
    }

    fn kept(store: &Store) -> Vec<String> {
        let listing = store.lock_listing();
        listing
            .entries
            .iter()
            .flatten()
            .map(|(name, _)| name.clone())
            .collect()
    }

    fn cache_text(store: &Store) -> String {
        fs::read_to_string(store.listing_cache_path()).unwrap_or_default()
    }

    fn patient_shown(store: &Store, path: &Path) -> String {
        let listed = store.list_at(later()).unwrap();
        let entry = listed.into_iter().find(|l| l.path == path).unwrap();
        entry.summary.unwrap().patient_name
    }

    /// Sleep past the file system clock's tick, so that a change gets a new ctime.
    fn next_tick() {
        std::thread::sleep(Duration::from_millis(30));
    }

    #[test]
    fn a_listing_shows_what_reading_every_session_shows() {
        let (dir, store) = temp_store();
        create(&store, 20, "一覧 一郎");
        let (path, mut done) = create(&store, 19, "一覧 二郎");
        done.toggle_clock(at("19T10:00:00")).unwrap();
        done.extend(at("19T10:25:00")).unwrap();
        done.end(at("19T10:50:00")).unwrap();
        done.mark_paid(PaymentMethod::Card, at("19T11:00:00"));
        done.report
            .mark_exported(at("19T12:00:00"), "/r/a.docx".into(), "docx");
        done.report.mark_sent(at("20T09:00:00")).unwrap();
        save_unjournaled(&path, &done).unwrap();
        save_part(&part_path(&path), &CompanionPart::empty(&done.id)).unwrap();
        fs::write(store.path_of("2026-11-18-01"), "x = [").unwrap();
        let (path, _) = create(&store, 17, "一覧 三郎");
        save_part(&part_path(&path), &CompanionPart::empty("another")).unwrap();

        let whole = read_whole(&store);
        assert_eq!(whole.len(), 4);
        // The damaged session file; a part of another session is left out, not an error.
        assert_eq!(whole.iter().filter(|(_, s)| s.is_err()).count(), 1);
        let ended = whole[1].1.as_ref().unwrap();
        assert_eq!(
            (ended.fee_total, ended.state),
            (11000, crate::model::ClockState::Ended)
        );

        assert_eq!(
            shown(store.list().unwrap()),
            whole,
            "files written just now"
        );
        assert!(kept(&store).is_empty());
        assert_eq!(shown(store.list_at(later()).unwrap()), whole, "read, kept");
        assert_eq!(
            kept(&store),
            [
                "2026-11-17-01.toml",
                "2026-11-19-01.toml",
                "2026-11-20-01.toml"
            ]
        );
        assert_eq!(shown(store.list_at(later()).unwrap()), whole, "in memory");
        let next_start = Store::open(dir.path()).unwrap();
        assert_eq!(
            shown(next_start.list_at(later()).unwrap()),
            whole,
            "cache file"
        );
        assert_eq!(kept(&next_start), kept(&store));
    }

    #[test]
    fn a_changed_session_is_read_again_even_with_its_size_and_time_put_back() {
        let (dir, store) = temp_store();
        let (path, mut session) = create(&store, 20, "山田 太郎");
        assert_eq!(patient_shown(&store, &path), "山田 太郎");
        let size_and_time = |path: &Path| {
            let meta = fs::metadata(path).unwrap();
            (meta.len(), meta.modified().unwrap())
        };
        let (size, modified) = size_and_time(&path);
        let put_time_back = || {
            let file = File::options().write(true).open(&path).unwrap();
            file.set_modified(modified).unwrap();
        };

        // Saved as sonote saves: a new file renamed into place.
        next_tick();
        session.patient.name = "川田 太郎".into();
        save_unjournaled(&path, &session).unwrap();
        put_time_back();
        assert_eq!(size_and_time(&path), (size, modified));
        assert_eq!(patient_shown(&store, &path), "川田 太郎");

        // Written in place, as some editors do: only the ctime tells.
        next_tick();
        let text = fs::read_to_string(&path).unwrap().replace("川田", "森田");
        fs::write(&path, text).unwrap();
        put_time_back();
        assert_eq!(size_and_time(&path), (size, modified));
        assert_eq!(patient_shown(&store, &path), "森田 太郎");
        let next_start = Store::open(dir.path()).unwrap();
        assert_eq!(patient_shown(&next_start, &path), "森田 太郎");
    }

    /// Another role's damaged file does not make the session unreadable (it kept the
    /// desk from the session): the session is listed from its own file.
    #[test]
    fn a_companion_part_that_breaks_or_belongs_elsewhere_leaves_the_session_listed() {
        let (_dir, store) = temp_store();
        let (path, session) = create(&store, 20, "部分 花子");
        let part = part_path(&path);
        for broken in ["format = 1\nsession = [".to_string(), String::new()] {
            if broken.is_empty() {
                save_part(&part, &CompanionPart::empty("another")).unwrap();
            } else {
                fs::write(&part, broken).unwrap();
            }
            next_tick();
            let listed = store.list_at(later()).unwrap();
            let summary = listed[0].summary.as_ref().unwrap();
            assert_eq!(summary.patient_name, "部分 花子");
        }
        save_part(&part, &CompanionPart::empty(&session.id)).unwrap();
        assert!(store.list_at(later()).unwrap()[0].summary.is_ok());
    }

    #[test]
    fn the_cache_file_is_private_and_written_only_when_something_changed() {
        let (_dir, store) = temp_store();
        create(&store, 20, "秘密 一子");
        store.list().unwrap();
        assert!(
            !store.listing_cache_path().exists(),
            "nothing kept, nothing written"
        );
        store.list_at(later()).unwrap();
        let written = crate::store::fingerprint(&store.listing_cache_path()).unwrap();
        assert!(cache_text(&store).contains("秘密 一子"));
        next_tick();
        store.list_at(later()).unwrap();
        let again = crate::store::fingerprint(&store.listing_cache_path()).unwrap();
        assert_eq!(again, written);
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let cache = store.listing_cache_path();
            let mode = |path: &Path| fs::metadata(path).unwrap().permissions().mode() & 0o777;
            assert_eq!(mode(&cache), 0o600);
            let loose = || {
                store
                    .loose_permissions()
                    .into_iter()
                    .any(|(p, _)| p == cache)
            };
            assert!(!loose());
            fs::set_permissions(&cache, fs::Permissions::from_mode(0o644)).unwrap();
            assert!(loose(), "a loose cache is warned about like a session file");
        }
    }

    #[test]
    fn a_broken_or_foreign_cache_file_is_ignored() {
        let (dir, store) = temp_store();
        let (path, _) = create(&store, 20, "本物 太郎");
        store.list_at(later()).unwrap();
        let good = cache_text(&store);
        let forged = good.replace("本物", "偽物");
        let start_from = |cache: &str| {
            fs::write(store.listing_cache_path(), cache).unwrap();
            patient_shown(&Store::open(dir.path()).unwrap(), &path)
        };
        // The cache is trusted as written: a forged summary would show.
        assert_eq!(start_from(&forged), "偽物 太郎");
        let format = format!("\"format\":{CACHE_FORMAT},");
        let other_format = forged.replace(&format, &format!("\"format\":{},", CACHE_FORMAT + 1));
        assert_eq!(start_from(&other_format), "本物 太郎");
        let version = format!("\"sonote\":\"{}\"", env!("CARGO_PKG_VERSION"));
        let other_version = forged.replace(&version, "\"sonote\":\"0.0.0-other\"");
        assert_eq!(start_from(&other_version), "本物 太郎");
        assert_eq!(start_from(&forged[..forged.len() / 2]), "本物 太郎");
        assert_eq!(start_from("garbage"), "本物 太郎");
        assert_eq!(cache_text(&store), good, "written again");
    }

    #[test]
    fn removed_sessions_leave_the_cache() {
        let (dir, store) = temp_store();
        let (removed, _) = create(&store, 19, "削除 一郎");
        let (purged, _) = create(&store, 20, "削除 二郎");
        create(&store, 21, "残留 三郎");
        store.list_at(later()).unwrap();
        assert!(cache_text(&store).contains("削除 一郎"));
        fs::remove_file(&removed).unwrap();
        store.list_at(later()).unwrap();
        assert!(!cache_text(&store).contains("削除 一郎"));
        // Purged from another process that has not listed: straight from the cache file.
        Store::open(dir.path()).unwrap().purge(&purged).unwrap();
        assert!(!cache_text(&store).contains("削除 二郎"));
        assert!(cache_text(&store).contains("残留 三郎"));
    }

    #[test]
    fn sessions_read_on_several_threads_come_back_in_order() {
        let (_dir, store) = temp_store();
        let (first, _) = create(&store, 20, "順番 一郎");
        let (second, _) = create(&store, 21, "順番 二郎");
        let broken = store.path_of("broken");
        fs::write(&broken, "x = [").unwrap();
        let files = [first.as_path(), second.as_path(), broken.as_path()];
        let paths: Vec<&Path> = files.iter().copied().cycle().take(100).collect();
        let one_by_one: Vec<_> = paths
            .iter()
            .map(|path| load(path).map(|s| s.summary()))
            .collect();
        assert_eq!(read_summaries(&paths), one_by_one);
    }
}
