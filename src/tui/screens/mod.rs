//! One file per screen: its state, what its keys do to it, and how it is drawn.

pub mod consult;
pub mod desk;
pub mod home;
pub mod intake;
pub mod new_session;
pub mod opinion;
pub mod questions;
pub mod report;
