//! The domain, pure: no IO, no terminal, no system clock. Everything here is serde.

pub mod alerts;
pub(crate) mod clock;
pub mod desk;
pub mod desk_part;
pub(crate) mod fee;
pub mod intake;
pub mod money;
pub mod opinion;
pub mod payment;
pub mod question;
pub mod record;
pub(crate) mod report_status;
pub mod roles;
pub(crate) mod session;
pub(crate) mod summary;

pub use clock::{
    Clock, ClockError, ClockEvent, ClockFault, ClockRules, ClockState, EventKind, Timestamp,
};
pub use fee::{ExtensionCharge, Fee, FeeItem, FeeLine, FeeSchedule, PaymentTiming};
pub use intake::{Intake, Missing};
pub use opinion::{Opinion, Recommendation, TreatmentKind};
pub use question::{Asker, Priority, QuestionState};
pub use report_status::{ExportedFile, ReportStatus, SendError};
pub use roles::{CompanionPart, Role};
pub use session::{Mode, NewSession, Patient, Question, Session, Specialist};
pub use summary::SessionSummary;
