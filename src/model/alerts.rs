//! Warnings as the time runs out: how urgent the clock looks, and when the bell rings.

use std::collections::BTreeSet;

use chrono::TimeDelta;

/// How close the consultation is to its allowed time.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Urgency {
    Calm,
    /// At or below the largest warning threshold.
    Warn,
    /// At or below the smallest warning threshold.
    Urgent,
    Overtime,
}

pub(crate) fn urgency(remaining: TimeDelta, warn_minutes: &[u32]) -> Urgency {
    let secs = remaining.num_seconds();
    let at_or_below = |minutes: Option<&u32>| minutes.is_some_and(|&m| secs <= i64::from(m) * 60);
    if secs <= 0 {
        Urgency::Overtime
    } else if at_or_below(warn_minutes.iter().min()) {
        Urgency::Urgent
    } else if at_or_below(warn_minutes.iter().max()) {
        Urgency::Warn
    } else {
        Urgency::Calm
    }
}

/// A threshold just crossed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Alarm {
    MinutesLeft(u32),
    TimeUp,
}

/// Which thresholds have rung, so each rings once; one that time climbs back above (after
/// an extension) may ring again.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Alarms {
    rung: BTreeSet<u32>,
}

impl Alarms {
    /// Start with every threshold already passed marked as rung: reopening a session in
    /// its last minutes must not ring for warnings given long ago.
    pub(crate) fn already_passed(remaining: TimeDelta, warn_minutes: &[u32]) -> Alarms {
        let mut alarms = Alarms::default();
        let _ = alarms.check(remaining, warn_minutes);
        alarms
    }

    /// Record the thresholds crossed at `remaining`; return the most urgent new one.
    pub fn check(&mut self, remaining: TimeDelta, warn_minutes: &[u32]) -> Option<Alarm> {
        let secs = remaining.num_seconds();
        let mut newest = None;
        // 0 stands for "time is up"; larger thresholds first so the smallest wins.
        let mut thresholds: Vec<u32> = warn_minutes.to_vec();
        thresholds.push(0);
        thresholds.sort_unstable_by(|a, b| b.cmp(a));
        thresholds.dedup();
        for minutes in thresholds {
            if secs <= i64::from(minutes) * 60 {
                if self.rung.insert(minutes) {
                    newest = Some(if minutes == 0 {
                        Alarm::TimeUp
                    } else {
                        Alarm::MinutesLeft(minutes)
                    });
                }
            } else {
                self.rung.remove(&minutes);
            }
        }
        newest
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const WARN: [u32; 2] = [10, 5];

    fn secs(s: i64) -> TimeDelta {
        TimeDelta::seconds(s)
    }

    #[test]
    fn urgency_follows_the_thresholds() {
        assert_eq!(urgency(secs(601), &WARN), Urgency::Calm);
        assert_eq!(urgency(secs(600), &WARN), Urgency::Warn);
        assert_eq!(urgency(secs(301), &WARN), Urgency::Warn);
        assert_eq!(urgency(secs(300), &WARN), Urgency::Urgent);
        assert_eq!(urgency(secs(1), &WARN), Urgency::Urgent);
        assert_eq!(urgency(secs(0), &WARN), Urgency::Overtime);
        assert_eq!(urgency(secs(-1), &WARN), Urgency::Overtime);
        assert_eq!(urgency(secs(1), &[]), Urgency::Calm);
    }

    #[test]
    fn each_threshold_rings_once() {
        let mut alarms = Alarms::default();
        assert_eq!(alarms.check(secs(700), &WARN), None);
        assert_eq!(alarms.check(secs(600), &WARN), Some(Alarm::MinutesLeft(10)));
        assert_eq!(alarms.check(secs(599), &WARN), None);
        assert_eq!(alarms.check(secs(300), &WARN), Some(Alarm::MinutesLeft(5)));
        assert_eq!(alarms.check(secs(0), &WARN), Some(Alarm::TimeUp));
        assert_eq!(alarms.check(secs(-60), &WARN), None);
    }

    #[test]
    fn an_extension_rearms_the_warnings() {
        let mut alarms = Alarms::default();
        alarms.check(secs(-10), &WARN);
        assert_eq!(alarms.check(secs(1790), &WARN), None);
        assert_eq!(alarms.check(secs(600), &WARN), Some(Alarm::MinutesLeft(10)));
    }

    #[test]
    fn a_jump_past_several_thresholds_rings_the_most_urgent() {
        let mut alarms = Alarms::default();
        assert_eq!(alarms.check(secs(-5), &WARN), Some(Alarm::TimeUp));
    }

    #[test]
    fn reopening_late_does_not_ring_old_warnings() {
        let mut alarms = Alarms::already_passed(secs(200), &WARN);
        assert_eq!(alarms.check(secs(199), &WARN), None);
        assert_eq!(alarms.check(secs(0), &WARN), Some(Alarm::TimeUp));
    }
}
