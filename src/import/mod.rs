//! Importers: every channel feedback arrives through (CSV, JSON, JSONL,
//! GitHub, Slack, Linear, Jira, Zendesk, Intercom, Canny, loopboard's own
//! interchange) turned into one stream of [`Entry`] records, each with the
//! place in its file it came from. Importers never touch SQL: the store
//! consumes the stream in one transaction (`Store::import_entries`).

pub mod input;
mod record;

pub use record::{Entry, ImportError, ImportedCustomer, ImportedDecision, ImportedItem, Location, Record};
