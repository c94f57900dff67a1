//! Customers: the accounts feedback comes from. Reach and weighting count
//! distinct customers, so one account must be one customer whatever the
//! spelling of its name in each tool ("ACME Logistics", "Acme Logistics").

/// Database id of a customer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct CustomerId(pub i64);

/// A customer as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Customer {
    pub id: CustomerId,
    /// The name as first seen (later spellings that differ only in case match it).
    pub name: String,
    pub segment: Option<String>,
    /// A free-form tier ("gold", "tier 1", …).
    pub tier: Option<String>,
    /// Annual recurring revenue in whole currency units.
    pub arr: Option<i64>,
}

/// Changes to a customer's attributes; `None` leaves a field as it is.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CustomerPatch {
    pub segment: Option<String>,
    pub tier: Option<String>,
    pub arr: Option<i64>,
}

/// The key two spellings of one customer share: the name lower-cased
/// (Unicode-aware, so "ÜBER GmbH" and "über gmbh" match too).
pub fn customer_key(name: &str) -> String {
    name.to_lowercase()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_ignore_case_including_non_ascii() {
        assert_eq!(customer_key("ACME Logistics"), customer_key("acme logistics"));
        assert_eq!(customer_key("ÜBER GmbH"), customer_key("über gmbh"));
        assert_ne!(customer_key("Acme"), customer_key("Acme Logistics"));
    }
}
