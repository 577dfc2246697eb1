//! The consultation clock at its edges, with injected time: a 30-minute consultation in
//! microseconds.

use chrono::{DateTime, FixedOffset, TimeDelta};
use sonote::model::{Clock, ClockError, ClockRules, ClockState, EventKind};

fn t0() -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339("2026-11-21T10:00:00+09:00").unwrap()
}

fn at(minutes: i64, seconds: i64) -> DateTime<FixedOffset> {
    t0() + TimeDelta::minutes(minutes) + TimeDelta::seconds(seconds)
}

fn started() -> Clock {
    let mut clock = Clock::new(ClockRules::default());
    clock.start(t0()).unwrap();
    clock
}

fn mmss(delta: TimeDelta) -> (i64, i64) {
    let secs = delta.num_seconds();
    (secs / 60, secs % 60)
}

#[test]
fn a_new_clock_is_ready_with_the_full_time() {
    let clock = Clock::new(ClockRules::default());
    assert_eq!(clock.state(), ClockState::Ready);
    assert_eq!(clock.remaining(t0()), TimeDelta::minutes(30));
    assert_eq!(clock.elapsed(at(5, 0)), TimeDelta::zero());
}

#[test]
fn one_second_before_the_end_of_the_thirty_minutes() {
    let clock = started();
    assert_eq!(mmss(clock.remaining(at(29, 59))), (0, 1));
    assert_eq!(clock.overtime(at(29, 59)), TimeDelta::zero());
}

#[test]
fn at_thirty_minutes_nothing_is_left_and_nothing_is_over() {
    let clock = started();
    assert_eq!(clock.remaining(at(30, 0)), TimeDelta::zero());
    assert_eq!(clock.overtime(at(30, 0)), TimeDelta::zero());
    assert_eq!(
        clock.state(),
        ClockState::Running,
        "the clock never stops by itself"
    );
}

#[test]
fn past_the_allowed_time_overtime_is_counted() {
    let clock = started();
    assert_eq!(clock.overtime(at(32, 15)), TimeDelta::seconds(135));
    assert_eq!(clock.remaining(at(32, 15)), TimeDelta::seconds(-135));
    assert_eq!(clock.state(), ClockState::Running);
}

#[test]
fn an_extension_adds_thirty_minutes_even_from_overtime() {
    let mut clock = started();
    clock.extend(at(31, 0)).unwrap();
    assert_eq!(clock.allowed(), TimeDelta::minutes(60));
    assert_eq!(mmss(clock.remaining(at(31, 0))), (29, 0));
    assert_eq!(clock.extensions_used(), 1);
}

#[test]
fn one_second_before_the_end_of_the_extension() {
    let mut clock = started();
    clock.extend(at(25, 0)).unwrap();
    assert_eq!(mmss(clock.remaining(at(59, 59))), (0, 1));
    assert_eq!(clock.remaining(at(60, 0)), TimeDelta::zero());
    assert_eq!(clock.overtime(at(61, 0)), TimeDelta::minutes(1));
}

#[test]
fn a_second_extension_is_refused() {
    let mut clock = started();
    clock.extend(at(20, 0)).unwrap();
    assert_eq!(
        clock.extend(at(59, 59)),
        Err(ClockError::NoExtensionLeft { allowed: 1 })
    );
    assert_eq!(clock.extensions_used(), 1);
    assert_eq!(clock.allowed(), TimeDelta::minutes(60));
}

#[test]
fn extensions_allowed_is_configurable() {
    let mut clock = Clock::new(ClockRules {
        extensions_allowed: 0,
        ..ClockRules::default()
    });
    clock.start(t0()).unwrap();
    assert_eq!(
        clock.extend(at(1, 0)),
        Err(ClockError::NoExtensionLeft { allowed: 0 })
    );
}

#[test]
fn an_extension_needs_a_started_clock_that_has_not_ended() {
    let mut clock = Clock::new(ClockRules::default());
    assert_eq!(clock.extend(t0()), Err(ClockError::NotStarted));
    clock.start(t0()).unwrap();
    clock.end(at(10, 0)).unwrap();
    assert_eq!(clock.extend(at(11, 0)), Err(ClockError::AlreadyEnded));
}

#[test]
fn a_pause_across_the_thirty_minute_mark_stops_the_count() {
    let mut clock = started();
    clock.pause(at(29, 30)).unwrap();
    // Ten minutes of pause: the clock stays at 0:30 left, past the 30-minute mark of the wall.
    assert_eq!(mmss(clock.remaining(at(39, 30))), (0, 30));
    assert_eq!(clock.state(), ClockState::Paused);
    clock.resume(at(39, 30)).unwrap();
    assert_eq!(clock.remaining(at(40, 0)), TimeDelta::zero());
    assert_eq!(clock.overtime(at(40, 10)), TimeDelta::seconds(10));
    assert_eq!(clock.elapsed(at(40, 10)), TimeDelta::seconds(30 * 60 + 10));
}

#[test]
fn toggle_starts_pauses_and_resumes() {
    let mut clock = Clock::new(ClockRules::default());
    clock.toggle(t0()).unwrap();
    assert_eq!(clock.state(), ClockState::Running);
    clock.toggle(at(1, 0)).unwrap();
    assert_eq!(clock.state(), ClockState::Paused);
    clock.toggle(at(2, 0)).unwrap();
    assert_eq!(clock.state(), ClockState::Running);
    assert_eq!(clock.elapsed(at(3, 0)), TimeDelta::minutes(2));
}

#[test]
fn end_twice_is_refused_and_changes_nothing() {
    let mut clock = started();
    clock.end(at(20, 0)).unwrap();
    let events = clock.events.clone();
    assert_eq!(clock.end(at(21, 0)), Err(ClockError::AlreadyEnded));
    assert_eq!(clock.events, events);
}

#[test]
fn time_after_the_end_does_not_count() {
    let mut clock = started();
    clock.end(at(20, 0)).unwrap();
    // Writing the report afterwards is not consultation time.
    assert_eq!(clock.elapsed(at(90, 0)), TimeDelta::minutes(20));
    assert_eq!(clock.toggle(at(91, 0)), Err(ClockError::AlreadyEnded));
}

#[test]
fn end_from_pause_counts_only_the_running_time() {
    let mut clock = started();
    clock.pause(at(10, 0)).unwrap();
    clock.end(at(15, 0)).unwrap();
    assert_eq!(clock.elapsed(at(15, 0)), TimeDelta::minutes(10));
}

#[test]
fn end_needs_a_start() {
    let mut clock = Clock::new(ClockRules::default());
    assert_eq!(clock.end(t0()), Err(ClockError::NotStarted));
    assert!(clock.events.is_empty());
}

#[test]
fn a_wall_clock_set_backwards_never_gives_negative_time() {
    let clock = started();
    let an_hour_before = at(-60, 0);
    assert_eq!(clock.elapsed(an_hour_before), TimeDelta::zero());
    assert_eq!(clock.remaining(an_hour_before), TimeDelta::minutes(30));
}

#[test]
fn events_after_a_backwards_jump_keep_their_order() {
    let mut clock = started();
    clock.pause(at(10, 0)).unwrap();
    // The wall clock is set back by 5 minutes, then the specialist resumes and pauses.
    clock.resume(at(5, 0)).unwrap();
    clock.pause(at(7, 0)).unwrap();
    let times: Vec<_> = clock.events.iter().map(|e| e.at).collect();
    assert!(times.windows(2).all(|w| w[0] <= w[1]), "{times:?}");
    assert!(clock.elapsed(at(7, 0)) >= TimeDelta::minutes(10));
    assert!(clock.validate().is_ok());
}

#[test]
fn every_change_is_a_timestamped_event() {
    let mut clock = started();
    clock.pause(at(5, 0)).unwrap();
    clock.resume(at(6, 0)).unwrap();
    clock.extend(at(28, 0)).unwrap();
    clock.end(at(45, 0)).unwrap();
    let kinds: Vec<_> = clock.events.iter().map(|e| e.kind).collect();
    assert_eq!(
        kinds,
        [
            EventKind::Start,
            EventKind::Pause,
            EventKind::Resume,
            EventKind::Extend,
            EventKind::End
        ]
    );
    assert_eq!(clock.events[3].minutes, Some(30));
    assert_eq!(clock.started_at(), Some(t0()));
    assert_eq!(clock.ended_at(), Some(at(45, 0)));
}

#[test]
fn sub_seconds_are_not_recorded() {
    let mut clock = Clock::new(ClockRules::default());
    clock.start(t0() + TimeDelta::milliseconds(750)).unwrap();
    assert_eq!(clock.events[0].at, t0());
}

#[test]
fn validate_rejects_impossible_sequences() {
    let mut clock = started();
    clock.end(at(10, 0)).unwrap();
    assert!(clock.validate().is_ok());
    let mut broken = clock.clone();
    broken.events[1].kind = EventKind::Resume;
    assert_eq!(broken.validate().unwrap_err().0, 1);
    let mut backwards = clock.clone();
    backwards.events[1].at = at(-1, 0);
    assert_eq!(backwards.validate().unwrap_err().0, 1);
    let mut two_extensions = started();
    two_extensions.events.push(clock.events[0].clone());
    two_extensions.events[1].kind = EventKind::Extend;
    two_extensions.events.push(two_extensions.events[1].clone());
    assert_eq!(two_extensions.validate().unwrap_err().0, 2);
}

/// The wall clock and the boot clock as a test sets them: the wall clock can be stepped
/// (by a person, by NTP) without time passing, and time can pass (a suspend included).
struct SteppedClocks {
    wall: std::sync::Mutex<DateTime<FixedOffset>>,
    boot: std::sync::Mutex<std::time::Duration>,
}

impl SteppedClocks {
    fn pass(&self, minutes: u64) {
        *self.boot.lock().unwrap() += std::time::Duration::from_secs(minutes * 60);
        *self.wall.lock().unwrap() += TimeDelta::minutes(minutes as i64);
    }

    fn step_wall(&self, minutes: i64) {
        *self.wall.lock().unwrap() += TimeDelta::minutes(minutes);
    }
}

impl sonote::core::clock::Clocks for SteppedClocks {
    fn wall(&self) -> DateTime<FixedOffset> {
        *self.wall.lock().unwrap()
    }

    fn boot(&self) -> Option<std::time::Duration> {
        Some(*self.boot.lock().unwrap())
    }
}

/// Through an injected time source: a wall clock stepped forward an hour during the
/// consultation is not billed, one stepped back two hours erases nothing, and a real
/// suspend (counted by the boot clock) still shows as the gap it was.
#[test]
fn a_stepped_wall_clock_neither_bills_nor_erases_time() {
    let source = sonote::core::clock::AnchoredClock::new(SteppedClocks {
        wall: std::sync::Mutex::new(t0()),
        boot: std::sync::Mutex::new(std::time::Duration::from_secs(5_000)),
    });
    let mut clock = Clock::new(ClockRules::default());
    clock.start(source.now()).unwrap();
    source.clocks().pass(10);
    source.clocks().step_wall(60);
    assert_eq!(source.now(), at(10, 0), "the hour set forward is not time");
    assert_eq!(clock.elapsed(source.now()), TimeDelta::minutes(10));
    source.clocks().step_wall(-120);
    source.clocks().pass(5);
    assert_eq!(
        source.now(),
        at(15, 0),
        "setting the clock back erases nothing"
    );
    assert_eq!(clock.elapsed(source.now()), TimeDelta::minutes(15));
    let before_sleep = source.now();
    source.clocks().pass(20);
    assert_eq!(
        source.now() - before_sleep,
        TimeDelta::minutes(20),
        "a suspend still shows as a gap"
    );
    clock.end(source.now()).unwrap();
    assert_eq!(clock.elapsed(source.now()), TimeDelta::minutes(35));
    assert!(clock.overtime(source.now()) > TimeDelta::zero());
}
