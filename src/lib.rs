//! loopboard: a keyboard-first terminal triage board for customer feedback,
//! over one local SQLite file.
//!
//! Data flows one way: key → action → app update → store (one committed
//! transaction) → view reload → render. `domain`, `store`, `interchange` and
//! `sanitize` never import ratatui; the terminal lives in `tui` only.

#![deny(clippy::unwrap_used)]
#![cfg_attr(test, allow(clippy::unwrap_used))]

#[doc(hidden)]
pub mod bench_data;
pub mod bet_cmd;
pub mod cli;
pub mod clock;
pub mod commands;
pub mod config;
pub mod dashboard;
pub mod decisions_cmd;
pub mod demo;
pub mod doctor;
pub mod domain;
pub mod filter;
pub mod import;
pub mod interchange;
pub mod maintenance;
pub mod paths;
pub mod progress;
pub mod ranking;
pub mod report;
pub mod report_cmd;
pub mod sanitize;
pub mod scoring;
pub mod search;
pub mod similar;
pub mod similar_cmd;
pub mod sla;
pub mod sla_cmd;
pub mod store;
pub mod themes_cmd;
pub mod timefmt;
pub mod tracker_export;
pub mod tui;
