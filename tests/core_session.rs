//! The core's open session and export, through its public API alone: one save policy with
//! one timer, the other terminal's part merged, sleep and alarms as events, and the one
//! export use case.

mod common;

use chrono::TimeDelta;
use common::{at, new_session, temp_store};
use sonote::config::Config;
use sonote::core::export::{self, Destination, ExportError, Job, Source};
use sonote::core::{OpenSession, SessionEvent};
use sonote::model::Role;
use sonote::model::alerts::Alarm;
use sonote::report::Format;
use sonote::report::template::ReportTemplate;
use sonote::store;

fn opened(config: &Config) -> (tempfile::TempDir, OpenSession, std::path::PathBuf) {
    let (dir, store) = temp_store();
    let mut session = new_session(config);
    let path = common::create(&store, &mut session).unwrap();
    let open = OpenSession::open(&path, Role::Specialist, config, at(0, 0)).unwrap();
    (dir, open, path)
}

#[test]
fn a_change_is_saved_once_its_autosave_interval_has_passed_and_not_before() {
    let config = Config::embedded();
    let interval = i64::from(config.session.autosave_ms);
    let (_dir, mut open, path) = opened(&config);
    open.poll(at(0, 0));
    open.session.memo = "所見".into();
    open.changed(at(0, 1));
    assert!(open.needs_save());
    let early = at(0, 1) + TimeDelta::milliseconds(interval - 1);
    assert!(open.next_due(early) <= std::time::Duration::from_millis(1));
    open.poll(early);
    assert_eq!(
        store::load(&path).unwrap().memo,
        "",
        "saved before its time"
    );
    open.poll(at(0, 1) + TimeDelta::milliseconds(interval));
    assert_eq!(store::load(&path).unwrap().memo, "所見");
    assert!(!open.needs_save());
}

#[test]
fn nothing_is_due_when_nothing_changed_but_the_looks_at_the_peer_and_clock() {
    let config = Config::embedded();
    let (_dir, mut open, _path) = opened(&config);
    open.poll(at(0, 0));
    let wait = open.next_due(at(0, 0));
    assert!(wait > std::time::Duration::ZERO && wait <= std::time::Duration::from_millis(250));
}

#[test]
fn the_companions_part_is_merged_with_an_event() {
    let config = Config::embedded();
    let (_dir, mut specialist, path) = opened(&config);
    specialist.poll_all(at(0, 0));
    let mut companion = OpenSession::open(&path, Role::Companion, &config, at(0, 0)).unwrap();
    let id = companion.session.questions[0].id.clone();
    companion.session.questions[0].companion_answer = "家族のメモ".into();
    companion.changed(at(0, 1));
    companion.save_now().unwrap();
    let events = specialist.poll_all(at(0, 2));
    assert!(events.contains(&SessionEvent::Merged), "{events:?}");
    let question = specialist
        .session
        .questions
        .iter()
        .find(|q| q.id == id)
        .unwrap();
    assert_eq!(question.companion_answer, "家族のメモ");
}

#[test]
fn a_second_specialist_terminal_is_read_only_and_follows_the_writer() {
    let config = Config::embedded();
    let (_dir, mut writer, path) = opened(&config);
    let mut reader = OpenSession::open(&path, Role::Specialist, &config, at(0, 0)).unwrap();
    assert!(reader.read_only() && !writer.read_only());
    writer.session.memo = "書いた".into();
    writer.changed(at(0, 1));
    writer.save_now().unwrap();
    let events = reader.poll_all(at(0, 2));
    assert!(events.contains(&SessionEvent::Merged), "{events:?}");
    assert_eq!(reader.session.memo, "書いた");
    // What the reader types is never written over the writer's file.
    reader.session.memo = "読む側".into();
    reader.changed(at(0, 3));
    reader.save_now().unwrap();
    assert_eq!(store::load(&path).unwrap().memo, "書いた");
}

#[test]
fn a_sleep_pauses_the_clock_and_is_saved_at_once() {
    let config = Config::embedded();
    let (_dir, mut open, path) = opened(&config);
    open.session.toggle_clock(at(0, 0)).unwrap();
    open.changed(at(0, 0));
    open.save_now().unwrap();
    open.poll_all(at(1, 0));
    let events = open.poll(at(10, 0));
    assert!(
        events
            .iter()
            .any(|e| matches!(e, SessionEvent::Slept { .. })),
        "{events:?}"
    );
    let on_disk = store::load(&path).unwrap();
    assert_eq!(on_disk.clock.elapsed(at(10, 0)), TimeDelta::minutes(1));
}

#[test]
fn a_warning_rings_once_as_its_threshold_is_crossed() {
    let config = Config::embedded();
    let (_dir, mut open, _path) = opened(&config);
    open.session.toggle_clock(at(0, 0)).unwrap();
    open.changed(at(0, 0));
    let minutes = i64::from(config.session.minutes);
    let first = i64::from(*config.session.warn_minutes.iter().max().unwrap());
    // Seen every second up to the threshold, so no sleep is taken for it.
    let mut rung = Vec::new();
    let mut second = 0;
    while second <= (minutes - first) * 60 + 1 {
        let now = at(0, 0) + TimeDelta::seconds(second);
        rung.extend(
            open.poll(now)
                .into_iter()
                .filter(|e| matches!(e, SessionEvent::Alarm(_))),
        );
        second += 1;
    }
    assert_eq!(
        rung,
        [SessionEvent::Alarm(Alarm::MinutesLeft(first as u32))]
    );
}

#[test]
fn one_export_serves_the_open_session_and_a_file() {
    let config = Config::embedded();
    let (dir, mut open, path) = opened(&config);
    let template = ReportTemplate::embedded(config.report.language);
    let job = Job {
        config: &config,
        template: &template,
        format: Format::Markdown,
        force: false,
        with_memo: false,
    };
    let out = Destination::Dir(dir.path().join("exports"));
    // The open session: recorded in memory, the caller saves.
    let source = Source::Open {
        session: &mut open.session,
        path: &path,
    };
    let done = export::export(source, &job, &out, at(40, 0)).unwrap();
    assert!(done.path.is_file());
    assert!(open.session.report.exported_at.is_some());
    assert!(store::load(&path).unwrap().report.exported_at.is_none());
    // A file: refused while this terminal holds the writer's lock.
    let busy = export::export(Source::File(&path), &job, &out, at(41, 0));
    assert!(matches!(busy, Err(ExportError::Busy(_))), "{busy:?}");
    open.changed(at(40, 0));
    open.save_now().unwrap();
    drop(open);
    // Unlocked: the record goes into the session file; another file of that name, not
    // this session's export, is left alone.
    let done = export::export(Source::File(&path), &job, &out, at(42, 0)).unwrap();
    let on_disk = store::load(&path).unwrap();
    assert_eq!(on_disk.report.exported_at, Some(at(42, 0)));
    let other = Destination::File(dir.path().join("someone-else.md"));
    std::fs::write(dir.path().join("someone-else.md"), "not ours").unwrap();
    let refused = export::export(Source::File(&path), &job, &other, at(43, 0));
    assert!(
        matches!(refused, Err(ExportError::NotOurs(_))),
        "{refused:?}"
    );
    assert!(done.path.is_file());
}
