//! The domain, pure: no IO, no terminal, no system clock. Everything here is serde.

pub mod alerts;
pub mod clock;
pub mod fee;
pub mod question;
pub mod roles;
pub mod session;

pub use clock::{Clock, ClockError, ClockEvent, ClockRules, ClockState, EventKind, Timestamp};
pub use fee::{Fee, FeeItem, FeeLine, FeeSchedule, PaymentTiming};
pub use question::{Asker, Priority, QuestionState};
pub use roles::{CompanionPart, Role};
pub use session::{Mode, NewSession, Patient, Question, Session, Specialist};
