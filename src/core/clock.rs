//! The one clock source: everything else takes `now` as an argument, so that tests can
//! set the time.

use crate::model::Timestamp;

/// The wall clock, in the machine's time zone.
pub fn now() -> Timestamp {
    chrono::Local::now().fixed_offset()
}
