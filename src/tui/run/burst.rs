//! Taking in the terminal's events a burst at a time, so that keys that came together (an
//! input method's commit, a paste without bracketed paste, fast typing) cost one frame.
//!
//! The obvious way, reading while `event::poll(Duration::ZERO)` says more is waiting, does
//! not work with crossterm 0.29's `use-dev-tty` event source (crossterm issue #839): its
//! `try_read` loops `while` time is left before the timeout, and only inside that loop looks
//! at the events it has already parsed. A zero timeout never enters the loop, so it answers
//! "nothing" even when the one read of an input method's ten characters left nine of them
//! parsed and waiting: each got a frame of its own. Any positive timeout finds them, but when
//! nothing is waiting it waits the whole timeout (busy, for the last millisecond): every key's
//! frame would be that much later.
//!
//! So the loop asks for a marker instead: it raises SIGWINCH in its own thread, which
//! crossterm's signal handler turns into a byte in the pipe its event source watches beside
//! the terminal. The source returns, in this order, the events it has parsed, then the events
//! in the bytes the terminal has sent since, and only when both are used up the pipe's
//! `Event::Resize`. Reading until that resize takes in everything that had come, without
//! waiting for anything that had not. The marker reports the terminal's size, so a marker of
//! the size the last frame had is no event; one of another size means the terminal was also
//! resized (its SIGWINCH and the marker empty the pipe as one), and is passed on as such.
//! (Once a crossterm release checks its parsed events before the timeout, as its open pull
//! requests #840 and #1047 do, `poll(Duration::ZERO)` will do again and the marker can go;
//! `tests/e2e_burst.rs` shows whether a burst still takes one frame.)

use std::io;
use std::time::Duration;

use ratatui::crossterm::event::{self, Event};

/// How long to wait for a marker before drawing anyway. It comes at once (the signal handler
/// runs before `raise` returns); this only bounds the wait should a later crossterm deliver
/// it otherwise.
const MARKER_WAIT: Duration = Duration::from_millis(50);

/// The longest a burst is taken in before drawing: keys that came together arrive within
/// microseconds, while a typist's keys keep coming every few milliseconds and would keep
/// the marker behind them, the screen undrawn and the autosave unlooked-at (the SIGKILL
/// test lost a second of typing that way).
const BURST_TIME: Duration = Duration::from_millis(8);

/// Where the events come from: the terminal through crossterm, or a test's script.
pub(crate) trait Source {
    /// Whether an event can be read within `timeout` (`event::poll`).
    fn poll(&mut self, timeout: Duration) -> io::Result<bool>;
    /// The next event (`event::read`); called only after `poll` said there is one.
    fn read(&mut self) -> io::Result<Event>;
    /// Queue a marker: an `Event::Resize` of the terminal's size, read after every event that
    /// has come. False when this platform cannot; `poll(Duration::ZERO)` must then be right.
    fn mark(&mut self) -> bool;
}

/// The terminal, through crossterm's reader.
pub(crate) struct Terminal;

impl Source for Terminal {
    fn poll(&mut self, timeout: Duration) -> io::Result<bool> {
        event::poll(timeout)
    }

    fn read(&mut self) -> io::Result<Event> {
        event::read()
    }

    fn mark(&mut self) -> bool {
        raise_sigwinch()
    }
}

/// Whether a marker was asked for and not read yet: then the next `Event::Resize` is it.
#[derive(Default)]
pub(crate) struct Bursts {
    marker_pending: bool,
}

impl Bursts {
    /// Wait up to `timeout` for an event; then take in every event that has come, at most
    /// `cap`, giving each to `take`, which returns false to stop (the app quits). `size` is
    /// the terminal's (columns, rows) at the last frame. Returns how many were taken in.
    /// (`take` has the first event before anything else is looked for.)
    pub(crate) fn take_in(
        &mut self,
        source: &mut impl Source,
        timeout: Duration,
        cap: usize,
        size: (u16, u16),
        mut take: impl FnMut(Event) -> io::Result<bool>,
    ) -> io::Result<usize> {
        let mut taken = 0;
        if !source.poll(timeout)? {
            return Ok(taken);
        }
        let started = std::time::Instant::now();
        loop {
            let event = source.read()?;
            let marker = self.marker_pending && matches!(event, Event::Resize(..));
            if marker {
                self.marker_pending = false;
                if event != Event::Resize(size.0, size.1) {
                    taken += 1;
                    take(event)?;
                }
                // Everything that had come before it is in. (A marker left over from a burst
                // stopped at the cap may be the first event: then nothing came after it.)
                return Ok(taken);
            }
            taken += 1;
            if !take(event)? || taken >= cap || started.elapsed() >= BURST_TIME {
                // A pending marker stays pending: it comes after the rest of the burst.
                return Ok(taken);
            }
            let more = if self.marker_pending || source.mark() {
                self.marker_pending = true;
                source.poll(MARKER_WAIT)?
            } else {
                source.poll(Duration::ZERO)?
            };
            if !more {
                // A marker that did not come is not waited for again: should it come late,
                // it is a resize to the same size, which changes nothing.
                self.marker_pending = false;
                return Ok(taken);
            }
        }
    }
}

/// Raise SIGWINCH in this thread: raise(3) sends the signal to the calling thread, whose
/// handlers (crossterm's among them) run before it returns.
#[cfg(unix)]
fn raise_sigwinch() -> bool {
    // SAFETY: raise(3) takes any signal number and touches no memory of ours.
    unsafe { libc::raise(libc::SIGWINCH) == 0 }
}

/// Elsewhere no marker: a burst is taken in as far as `event::poll(Duration::ZERO)` sees it
/// (on Windows, whole).
#[cfg(not(unix))]
fn raise_sigwinch() -> bool {
    false
}

#[cfg(test)]
mod tests {
    use std::cell::RefCell;
    use std::collections::VecDeque;
    use std::rc::Rc;

    use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

    use super::*;

    const SIZE: (u16, u16) = (80, 24);
    const TIMEOUT: Duration = Duration::from_secs(1);

    /// crossterm's `use-dev-tty` source as the event loop sees it: the events the terminal
    /// has sent, parsed or not yet; a zero poll that says nothing is waiting when something
    /// is (issue #839), unless `zero_poll_works`; markers read after every waiting event.
    #[derive(Default)]
    struct Script {
        waiting: VecDeque<Event>,
        /// The terminal's size as a marker reports it.
        size: (u16, u16),
        marker_queued: bool,
        markers: bool,
        /// `mark` says yes and queues nothing.
        markers_lost: bool,
        zero_poll_works: bool,
        marks: usize,
        /// Polls that found nothing after a positive timeout: time the loop spent waiting.
        waited: Vec<Duration>,
        /// What was asked of the script, in order, shared with a test's `take`.
        calls: Rc<RefCell<Vec<&'static str>>>,
    }

    impl Script {
        fn keys(text: &str) -> Script {
            Script {
                waiting: text.chars().map(key).collect(),
                size: SIZE,
                markers: true,
                ..Script::default()
            }
        }
    }

    impl Source for Script {
        fn poll(&mut self, timeout: Duration) -> io::Result<bool> {
            self.calls.borrow_mut().push("poll");
            if timeout.is_zero() {
                return Ok(self.zero_poll_works && !self.waiting.is_empty());
            }
            let ready = !self.waiting.is_empty() || self.marker_queued;
            if !ready {
                self.waited.push(timeout);
            }
            Ok(ready)
        }

        fn read(&mut self) -> io::Result<Event> {
            self.calls.borrow_mut().push("read");
            if let Some(event) = self.waiting.pop_front() {
                return Ok(event);
            }
            assert!(self.marker_queued, "read with nothing to read");
            self.marker_queued = false;
            Ok(Event::Resize(self.size.0, self.size.1))
        }

        fn mark(&mut self) -> bool {
            self.calls.borrow_mut().push("mark");
            if self.markers {
                self.marks += 1;
                self.marker_queued = !self.markers_lost;
            }
            self.markers
        }
    }

    fn key(c: char) -> Event {
        Event::Key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE))
    }

    /// Take in one burst with a cap of `cap`; the events taken in.
    fn burst(bursts: &mut Bursts, script: &mut Script, cap: usize) -> Vec<Event> {
        let mut events = Vec::new();
        let taken = bursts
            .take_in(script, TIMEOUT, cap, SIZE, |event| {
                events.push(event);
                Ok(true)
            })
            .expect("the script does not fail");
        assert_eq!(taken, events.len());
        events
    }

    #[test]
    fn ten_characters_that_came_together_are_taken_in_at_once() {
        let mut script = Script::keys("あいうえおかきくけこ");
        let mut bursts = Bursts::default();
        let events = burst(&mut bursts, &mut script, 64);
        assert_eq!(
            events,
            "あいうえおかきくけこ".chars().map(key).collect::<Vec<_>>()
        );
        assert!(!script.marker_queued && !bursts.marker_pending);
        assert_eq!(script.marks, 1);
        assert!(script.waited.is_empty(), "waited {:?}", script.waited);
        assert!(burst(&mut bursts, &mut script, 64).is_empty());
    }

    #[test]
    fn a_lone_key_is_taken_in_without_waiting_for_more() {
        let mut script = Script::keys("a");
        let mut bursts = Bursts::default();
        assert_eq!(burst(&mut bursts, &mut script, 64), vec![key('a')]);
        assert!(script.waited.is_empty(), "waited {:?}", script.waited);
    }

    #[test]
    fn the_first_event_is_taken_before_more_are_looked_for() {
        let mut script = Script::keys("ab");
        let calls = Rc::clone(&script.calls);
        let mut bursts = Bursts::default();
        bursts
            .take_in(&mut script, TIMEOUT, 64, SIZE, |_| {
                calls.borrow_mut().push("take");
                Ok(true)
            })
            .expect("the script does not fail");
        let calls = script.calls.borrow().clone();
        assert_eq!(
            calls,
            [
                "poll", "read", "take", "mark", "poll", "read", "take", "poll", "read"
            ]
        );
    }

    #[test]
    fn a_burst_stops_at_the_cap_and_its_rest_comes_in_the_next() {
        let text: String = ('a'..='z').cycle().take(100).collect();
        let mut script = Script::keys(&text);
        let mut bursts = Bursts::default();
        assert_eq!(burst(&mut bursts, &mut script, 64).len(), 64);
        assert!(bursts.marker_pending, "the marker comes after the rest");
        let rest = burst(&mut bursts, &mut script, 64);
        assert_eq!(rest, text.chars().skip(64).map(key).collect::<Vec<_>>());
        assert_eq!(script.marks, 1, "one marker for the two frames");
        assert!(!bursts.marker_pending);
        assert!(burst(&mut bursts, &mut script, 64).is_empty());
    }

    #[test]
    fn a_marker_left_after_a_burst_of_exactly_the_cap_is_no_event() {
        let mut script = Script::keys("abcd");
        let mut bursts = Bursts::default();
        assert_eq!(burst(&mut bursts, &mut script, 4).len(), 4);
        assert!(burst(&mut bursts, &mut script, 4).is_empty());
        assert!(!script.marker_queued && !bursts.marker_pending);
    }

    #[test]
    fn a_marker_of_another_size_is_the_resize_that_came_with_it() {
        let mut script = Script::keys("ab");
        script.size = (100, 30);
        let mut bursts = Bursts::default();
        let events = burst(&mut bursts, &mut script, 64);
        assert_eq!(events, vec![key('a'), key('b'), Event::Resize(100, 30)]);
    }

    #[test]
    fn a_quitting_app_stops_the_burst() {
        let mut script = Script::keys("abcdef");
        let mut bursts = Bursts::default();
        let mut seen = 0;
        let taken = bursts
            .take_in(&mut script, TIMEOUT, 64, SIZE, |_| {
                seen += 1;
                Ok(seen < 3)
            })
            .expect("the script does not fail");
        assert_eq!((taken, script.waiting.len()), (3, 3));
    }

    #[test]
    fn without_markers_a_zero_poll_takes_the_burst_in() {
        let mut script = Script::keys("abcdef");
        script.markers = false;
        script.zero_poll_works = true;
        let mut bursts = Bursts::default();
        assert_eq!(burst(&mut bursts, &mut script, 64).len(), 6);
    }

    #[test]
    fn a_marker_that_never_comes_delays_the_frame_a_bounded_time() {
        let mut script = Script::keys("a");
        script.markers_lost = true;
        let mut bursts = Bursts::default();
        assert_eq!(burst(&mut bursts, &mut script, 64), vec![key('a')]);
        assert_eq!(script.waited, vec![MARKER_WAIT]);
        assert!(!bursts.marker_pending);
        script.waiting.push_back(key('b'));
        assert_eq!(burst(&mut bursts, &mut script, 64), vec![key('b')]);
        assert_eq!(script.marks, 2);
    }
}
