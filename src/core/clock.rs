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

/// The wall clock and the boot clock, read together at the first call.
static ANCHOR: OnceLock<(Timestamp, Duration)> = OnceLock::new();

/// Now, in the machine's time zone: the wall clock at start plus the boot clock since.
pub fn now() -> Timestamp {
    let wall = || chrono::Local::now().fixed_offset();
    let Some(boot) = boot_clock() else {
        return wall();
    };
    let (wall_at_start, boot_at_start) = *ANCHOR.get_or_init(|| (wall(), boot));
    anchored(wall_at_start, boot_at_start, boot)
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
