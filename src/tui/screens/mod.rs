//! One file per screen: its state, what its keys do to it, and how it is drawn.

pub mod consult;
pub mod home;
pub mod new_session;
pub mod questions;
