//! The fee as collected by the clerk: when, how, and how much.

use serde::{Deserialize, Serialize};

use super::clock::Timestamp;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PaymentMethod {
    Cash,
    Card,
    Transfer,
}

impl PaymentMethod {
    pub(crate) const ALL: [PaymentMethod; 3] = [
        PaymentMethod::Cash,
        PaymentMethod::Card,
        PaymentMethod::Transfer,
    ];
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Payment {
    pub at: Timestamp,
    pub method: PaymentMethod,
    /// What was collected (or, for a refund, paid back), in whole units of the fee's
    /// currency.
    pub amount: u64,
    /// Money paid back to the patient, not collected.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub refund: bool,
}
