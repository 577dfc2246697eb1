//! Pieces drawn on several screens.

pub mod clock_bar;
pub mod fingerprint;
pub mod one_line;
pub mod popup;
pub mod text_field;
pub mod wrap;
pub mod wrapped;
