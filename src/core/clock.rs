//! The one clock source: everything else takes `now` as an argument, so that tests can
//! set the time.
//!
//! The wall clock is read once, when sonote starts; from then on time is measured with the
//! system's boot clock (Linux's CLOCK_BOOTTIME), which never jumps when someone sets the
//! clock, and goes on counting while the computer sleeps. So a clock set forward is never
//! billed, a clock set back never erases time already counted, and setting it right is not
//! taken for a sleep; a real sleep still shows as a gap (and pauses the consultation's
//! clock, see `core::open_session`). A clock set while sonote runs takes effect at its
//! next start.

use std::sync::OnceLock;
use std::time::Duration;

use chrono::TimeDelta;

use crate::model::Timestamp;

/// Where the time comes from: the wall clock (which people and NTP set) and a clock that
/// only counts up. The system's are `SystemClocks`; tests give their own, to step the wall
/// clock apart from the time that really passes.
pub trait Clocks {
    fn wall(&self) -> Timestamp;
    /// Time since some fixed moment, sleep included; None where there is no such clock.
    fn boot(&self) -> Option<Duration>;
}

/// The machine's clocks: the local wall clock and Linux's CLOCK_BOOTTIME.
pub struct SystemClocks;

impl Clocks for SystemClocks {
    fn wall(&self) -> Timestamp {
        chrono::Local::now().fixed_offset()
    }

    fn boot(&self) -> Option<Duration> {
        boot_clock()
    }
}

/// Time as sonote tells it: the wall clock read once, at the first call, then the boot
/// clock's count since.
pub struct AnchoredClock<C: Clocks> {
    clocks: C,
    anchor: OnceLock<(Timestamp, Duration)>,
}

impl<C: Clocks> AnchoredClock<C> {
    pub const fn new(clocks: C) -> Self {
        AnchoredClock {
            clocks,
            anchor: OnceLock::new(),
        }
    }

    pub fn clocks(&self) -> &C {
        &self.clocks
    }

    pub fn now(&self) -> Timestamp {
        let Some(boot) = self.clocks.boot() else {
            return self.clocks.wall();
        };
        let (wall_at_start, boot_at_start) =
            *self.anchor.get_or_init(|| (self.clocks.wall(), boot));
        anchored(wall_at_start, boot_at_start, boot)
    }
}

static CLOCK: AnchoredClock<SystemClocks> = AnchoredClock::new(SystemClocks);

/// Now, in the machine's time zone: the wall clock at start plus the boot clock since.
pub fn now() -> Timestamp {
    CLOCK.now()
}

/// The wall time `boot` stands for, given the two clocks read together once.
fn anchored(wall_at_start: Timestamp, boot_at_start: Duration, boot: Duration) -> Timestamp {
    let since = boot.saturating_sub(boot_at_start);
    let since = TimeDelta::from_std(since).unwrap_or(TimeDelta::MAX);
    wall_at_start
        .checked_add_signed(since)
        .unwrap_or(wall_at_start)
}

/// The time since boot, sleep included; None where the system has no such clock.
fn boot_clock() -> Option<Duration> {
    #[cfg(target_os = "linux")]
    {
        let mut spec = libc::timespec {
            tv_sec: 0,
            tv_nsec: 0,
        };
        // SAFETY: clock_gettime writes one timespec to the pointer it is given, which
        // points at a live local.
        let read = unsafe { libc::clock_gettime(libc::CLOCK_BOOTTIME, &mut spec) };
        if read != 0 {
            return None;
        }
        let secs = u64::try_from(spec.tv_sec).ok()?;
        let nanos = u32::try_from(spec.tv_nsec).ok()?;
        Some(Duration::new(secs, nanos))
    }
    #[cfg(not(target_os = "linux"))]
    {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn time_goes_on_from_the_wall_clock_at_start_by_the_boot_clock() {
        let start = chrono::DateTime::parse_from_rfc3339("2026-11-30T10:00:00+09:00").unwrap();
        let boot = Duration::from_secs(5_000);
        assert_eq!(anchored(start, boot, boot), start);
        let later = anchored(start, boot, boot + Duration::from_millis(90_500));
        assert_eq!(later - start, TimeDelta::milliseconds(90_500));
        // A boot clock read before the anchor (it never is) gives the start, not the past.
        assert_eq!(anchored(start, boot, Duration::from_secs(10)), start);
    }

    #[test]
    fn now_never_goes_back_and_follows_the_boot_clock() {
        let first = now();
        std::thread::sleep(Duration::from_millis(20));
        let second = now();
        assert!(
            second - first >= TimeDelta::milliseconds(20),
            "{first} {second}"
        );
        assert!(second - first < TimeDelta::seconds(5));
    }
}
