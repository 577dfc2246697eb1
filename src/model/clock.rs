//! The consultation clock: a state machine over recorded timestamps.
//!
//! Nothing here reads the system clock. Every question ("how much is left?") takes `now`,
//! and every state change is an event with its timestamp, kept in the session file so that
//! the clock can be rebuilt after a crash and printed in the report.

use chrono::{DateTime, FixedOffset, SubsecRound, TimeDelta};
use serde::{Deserialize, Serialize};

pub type Timestamp = DateTime<FixedOffset>;

/// How long a consultation may run. Frozen into each session when it is created, so a
/// later change of the configuration never rewrites a past consultation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct ClockRules {
    pub session_minutes: u32,
    pub extension_minutes: u32,
    pub extensions_allowed: u32,
}

impl Default for ClockRules {
    fn default() -> Self {
        ClockRules {
            session_minutes: 30,
            extension_minutes: 30,
            extensions_allowed: 1,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EventKind {
    Start,
    Pause,
    Resume,
    Extend,
    /// The last extension taken back before any of its time was used.
    Withdraw,
    End,
}

/// One recorded change of the clock.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ClockEvent {
    pub kind: EventKind,
    pub at: Timestamp,
    /// Minutes added, for `extend`; minutes taken back, for `withdraw`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub minutes: Option<u32>,
    /// Why the event happened when it was not a key press (e.g. the computer slept).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ClockState {
    Ready,
    Running,
    Paused,
    Ended,
}

/// Why a clock command was refused. The UI turns these into words.
/// What is wrong with a clock read from disk, at one of its events (`Clock::validate`).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ClockFault {
    #[error("is earlier than the event before it")]
    EarlierThanBefore,
    #[error("'{name}' is not possible here: {1}", name = kind_name(*.0))]
    NotPossible(EventKind, ClockError),
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ClockError {
    #[error("the clock has not been started")]
    NotStarted,
    #[error("the clock is already running")]
    AlreadyRunning,
    #[error("the clock is not running")]
    NotRunning,
    #[error("the clock is not paused")]
    NotPaused,
    #[error("the consultation has already ended")]
    AlreadyEnded,
    #[error("no extension left ({allowed} allowed)")]
    NoExtensionLeft { allowed: u32 },
    #[error("the session is cancelled")]
    Cancelled,
    #[error("no extension to withdraw")]
    NoExtensionToWithdraw,
    #[error("the extension is already in use")]
    ExtensionInUse,
}

#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Clock {
    pub rules: ClockRules,
    #[serde(default)]
    pub events: Vec<ClockEvent>,
}

impl Clock {
    pub fn new(rules: ClockRules) -> Self {
        Clock {
            rules,
            events: Vec::new(),
        }
    }

    pub fn state(&self) -> ClockState {
        let mut state = ClockState::Ready;
        for event in &self.events {
            state = match event.kind {
                EventKind::Start | EventKind::Resume => ClockState::Running,
                EventKind::Pause => ClockState::Paused,
                EventKind::End => ClockState::Ended,
                EventKind::Extend | EventKind::Withdraw => state,
            };
        }
        state
    }

    pub fn started_at(&self) -> Option<Timestamp> {
        self.first(EventKind::Start)
    }

    pub fn ended_at(&self) -> Option<Timestamp> {
        self.first(EventKind::End)
    }

    fn first(&self, kind: EventKind) -> Option<Timestamp> {
        self.events.iter().find(|e| e.kind == kind).map(|e| e.at)
    }

    /// Extensions granted and not withdrawn. Whether they are charged is the fee's
    /// matter (`FeeSchedule::extension_charge`, `extensions_entered`).
    pub fn extensions_used(&self) -> u32 {
        self.granted().len() as u32
    }

    /// The minutes of each extension granted and not withdrawn, in order: a withdrawal
    /// takes back the last one.
    fn granted(&self) -> Vec<u32> {
        let mut granted = Vec::new();
        for event in &self.events {
            match event.kind {
                EventKind::Extend => {
                    granted.push(event.minutes.unwrap_or(self.rules.extension_minutes));
                }
                EventKind::Withdraw => {
                    granted.pop();
                }
                _ => {}
            }
        }
        granted
    }

    /// Whole minutes the clock ran up to `at`, to the nearest minute: what the letter
    /// prints as the consultation's time, and what the fee charges by, so the two agree.
    pub fn minutes_used(&self, at: Timestamp) -> i64 {
        (self.elapsed(at).num_seconds() + 30).div_euclid(60)
    }

    /// How many of the granted extensions the time used up to `at` reached into: the
    /// extensions charged when the fee follows the time used.
    pub fn extensions_entered(&self, at: Timestamp) -> u32 {
        let mut past = self.minutes_used(at) - i64::from(self.rules.session_minutes);
        let mut entered = 0;
        for minutes in self.granted() {
            if past <= 0 {
                break;
            }
            entered += 1;
            past -= i64::from(minutes);
        }
        entered
    }

    /// The moment the clock's figures are final up to: the end, else the last event.
    pub(crate) fn settled_at(&self) -> Option<Timestamp> {
        self.ended_at()
            .or_else(|| self.events.last().map(|event| event.at))
    }

    pub(crate) fn extensions_left(&self) -> u32 {
        self.rules
            .extensions_allowed
            .saturating_sub(self.extensions_used())
    }

    /// The time the consultation may take, extensions included.
    pub fn allowed(&self) -> TimeDelta {
        let extra: i64 = self.granted().into_iter().map(i64::from).sum();
        TimeDelta::minutes(i64::from(self.rules.session_minutes) + extra)
    }

    /// Time the clock has run: the sum of the running stretches up to `now`.
    ///
    /// A stretch never counts negative time, so a wall clock set backwards freezes the
    /// count until it catches up instead of giving an absurd figure.
    pub fn elapsed(&self, now: Timestamp) -> TimeDelta {
        self.running_intervals(now)
            .iter()
            .fold(TimeDelta::zero(), |total, (from, to)| total + (*to - *from))
    }

    /// The stretches the clock ran, up to `now` for one still running. Like `elapsed`, a
    /// stretch never runs backwards.
    pub(crate) fn running_intervals(&self, now: Timestamp) -> Vec<(Timestamp, Timestamp)> {
        let mut stretches = Vec::new();
        let mut running_since: Option<Timestamp> = None;
        for event in &self.events {
            match event.kind {
                EventKind::Start | EventKind::Resume => {
                    running_since.get_or_insert(event.at);
                }
                EventKind::Pause | EventKind::End => {
                    if let Some(since) = running_since.take() {
                        stretches.push((since, event.at.max(since)));
                    }
                }
                EventKind::Extend | EventKind::Withdraw => {}
            }
        }
        if let Some(since) = running_since {
            stretches.push((since, now.max(since)));
        }
        stretches
    }

    /// Allowed minus elapsed; negative once in overtime.
    pub fn remaining(&self, now: Timestamp) -> TimeDelta {
        self.allowed() - self.elapsed(now)
    }

    pub fn overtime(&self, now: Timestamp) -> TimeDelta {
        non_negative(-self.remaining(now))
    }

    pub fn start(&mut self, now: Timestamp) -> Result<(), ClockError> {
        match self.state() {
            ClockState::Ready => self.push(EventKind::Start, now, None),
            ClockState::Running => Err(ClockError::AlreadyRunning),
            ClockState::Paused => Err(ClockError::NotRunning),
            ClockState::Ended => Err(ClockError::AlreadyEnded),
        }
    }

    pub fn pause(&mut self, now: Timestamp) -> Result<(), ClockError> {
        self.pause_with_note(now, None)
    }

    /// Pause with a reason, e.g. when the app noticed that the computer had slept.
    pub(crate) fn pause_with_note(
        &mut self,
        now: Timestamp,
        note: Option<String>,
    ) -> Result<(), ClockError> {
        match self.state() {
            ClockState::Running => {
                self.push(EventKind::Pause, now, None)?;
                if let Some(last) = self.events.last_mut() {
                    last.note = note;
                }
                Ok(())
            }
            ClockState::Ready => Err(ClockError::NotStarted),
            ClockState::Paused => Err(ClockError::NotRunning),
            ClockState::Ended => Err(ClockError::AlreadyEnded),
        }
    }

    pub fn resume(&mut self, now: Timestamp) -> Result<(), ClockError> {
        match self.state() {
            ClockState::Paused => self.push(EventKind::Resume, now, None),
            ClockState::Ready => Err(ClockError::NotStarted),
            ClockState::Running => Err(ClockError::NotPaused),
            ClockState::Ended => Err(ClockError::AlreadyEnded),
        }
    }

    /// Start, pause or resume, whichever the state calls for: the one key a specialist uses.
    pub fn toggle(&mut self, now: Timestamp) -> Result<(), ClockError> {
        match self.state() {
            ClockState::Ready => self.start(now),
            ClockState::Running => self.pause(now),
            ClockState::Paused => self.resume(now),
            ClockState::Ended => Err(ClockError::AlreadyEnded),
        }
    }

    /// Whether an extension would be accepted now (the UI asks before confirming).
    pub(crate) fn can_extend(&self) -> Result<(), ClockError> {
        match self.state() {
            ClockState::Ready => Err(ClockError::NotStarted),
            ClockState::Ended => Err(ClockError::AlreadyEnded),
            _ if self.extensions_left() == 0 => Err(ClockError::NoExtensionLeft {
                allowed: self.rules.extensions_allowed,
            }),
            _ => Ok(()),
        }
    }

    pub fn extend(&mut self, now: Timestamp) -> Result<(), ClockError> {
        self.can_extend()?;
        self.push(EventKind::Extend, now, Some(self.rules.extension_minutes))
    }

    /// Whether the last extension could be taken back at `now`: the consultation is still
    /// on and its time has not reached into that extension.
    pub fn can_withdraw(&self, now: Timestamp) -> Result<(), ClockError> {
        match self.state() {
            ClockState::Ready => return Err(ClockError::NotStarted),
            ClockState::Ended => return Err(ClockError::AlreadyEnded),
            ClockState::Running | ClockState::Paused => {}
        }
        let Some(last) = self.granted().last().copied() else {
            return Err(ClockError::NoExtensionToWithdraw);
        };
        if self.elapsed(now) > self.allowed() - TimeDelta::minutes(i64::from(last)) {
            return Err(ClockError::ExtensionInUse);
        }
        Ok(())
    }

    /// Take back the last extension while none of its time is used.
    pub fn withdraw_extension(&mut self, now: Timestamp) -> Result<(), ClockError> {
        self.can_withdraw(now)?;
        let minutes = self.granted().last().copied();
        self.push(EventKind::Withdraw, now, minutes)
    }

    pub fn end(&mut self, now: Timestamp) -> Result<(), ClockError> {
        match self.state() {
            ClockState::Running | ClockState::Paused => self.push(EventKind::End, now, None),
            ClockState::Ready => Err(ClockError::NotStarted),
            ClockState::Ended => Err(ClockError::AlreadyEnded),
        }
    }

    /// Record an event. Timestamps never go backwards: if the wall clock was set back, the
    /// event is recorded at the previous event's time so every stretch stays non-negative.
    fn push(
        &mut self,
        kind: EventKind,
        now: Timestamp,
        minutes: Option<u32>,
    ) -> Result<(), ClockError> {
        // Whole seconds: the record is read by people, and sub-seconds only add noise.
        let now = now.trunc_subsecs(0);
        let at = match self.events.last() {
            Some(last) if now < last.at => last.at,
            _ => now,
        };
        self.events.push(ClockEvent {
            kind,
            at,
            minutes,
            note: None,
        });
        Ok(())
    }

    /// Check a clock read from disk: the events must be a sequence the commands could have
    /// made. Returns the index of the first bad event and what is wrong with it.
    pub fn validate(&self) -> Result<(), (usize, ClockFault)> {
        let mut replay = Clock::new(self.rules);
        for (index, event) in self.events.iter().enumerate() {
            if let Some(last) = replay.events.last()
                && event.at < last.at
            {
                return Err((index, ClockFault::EarlierThanBefore));
            }
            let result = match event.kind {
                EventKind::Start => replay.start(event.at),
                EventKind::Pause => replay.pause(event.at),
                EventKind::Resume => replay.resume(event.at),
                EventKind::Extend => replay.can_extend(),
                EventKind::Withdraw => replay.can_withdraw(event.at),
                EventKind::End => replay.end(event.at),
            };
            if let Err(err) = result {
                return Err((index, ClockFault::NotPossible(event.kind, err)));
            }
            if matches!(event.kind, EventKind::Extend | EventKind::Withdraw) {
                replay.events.push(event.clone());
            } else if let Some(last) = replay.events.last_mut() {
                *last = event.clone();
            }
        }
        Ok(())
    }
}

pub(crate) fn kind_name(kind: EventKind) -> &'static str {
    match kind {
        EventKind::Start => "start",
        EventKind::Pause => "pause",
        EventKind::Resume => "resume",
        EventKind::Extend => "extend",
        EventKind::Withdraw => "withdraw",
        EventKind::End => "end",
    }
}

fn non_negative(delta: TimeDelta) -> TimeDelta {
    delta.max(TimeDelta::zero())
}

/// `mm:ss`, or `h:mm:ss` from one hour on. Always of the magnitude; callers add the sign.
pub(crate) fn format_duration(delta: TimeDelta) -> String {
    let secs = delta.num_seconds().unsigned_abs();
    let (h, m, s) = (secs / 3600, (secs / 60) % 60, secs % 60);
    if h > 0 {
        format!("{h}:{m:02}:{s:02}")
    } else {
        format!("{m:02}:{s:02}")
    }
}
