//! Importers: every channel feedback arrives through (CSV, JSON, JSONL,
//! GitHub, Slack, Linear, Jira, Zendesk, Intercom, Canny, and loopboard's
//! own interchange) turned into one stream of [`Entry`] records, each with
//! the place in its file it came from. Importers never touch SQL: the store
//! consumes the stream in one transaction (`Store::import_entries`).
//!
//! Everything streams: a file is read as it is imported, so memory stays
//! bounded whatever its size. The format is recognized from the first bytes
//! (`--format` overrides); a UTF-8 BOM is skipped and UTF-16 is decoded.

pub mod aliases;
mod canny;
pub mod csv;
mod csv_lines;
mod format;
mod github;
pub mod input;
mod intercom;
mod jira;
pub mod json;
mod json_stream;
mod linear;
mod record;
mod slack;
mod slack_archive;
mod slack_text;
pub mod values;
mod zendesk;

use chrono::{DateTime, Utc};
use std::io::{BufRead, BufReader, Cursor, Read};
use std::path::Path;
use std::sync::Arc;
use std::sync::atomic::AtomicU64;

use crate::store::ImportBatch;

pub use aliases::{ColumnMap, Field};
pub use format::{Format, describe, detect};
pub use record::{Entry, ImportError, Location, Record};

use input::{Bom, Counted, Utf16Reader};

/// How much of a file is read up front to recognize its format.
const HEAD_BYTES: usize = 64 * 1024;

/// What `loopboard import` was asked to do.
#[derive(Debug, Clone)]
pub struct Options {
    /// `None`: recognize the format from the content.
    pub format: Option<Format>,
    pub maps: Vec<ColumnMap>,
    /// Dates feedback that carries no time of its own.
    pub now: DateTime<Utc>,
}

/// The records of a file, as a stream.
pub type Entries = Box<dyn Iterator<Item = Result<Entry, ImportError>> + Send>;

/// An opened input: its format, its records, and how far reading has got.
pub struct Source {
    pub format: Format,
    pub entries: Entries,
    /// Bytes read so far (shared with the reader), for a progress bar.
    pub bytes_read: Arc<AtomicU64>,
    /// The input's size, when known.
    pub total_bytes: Option<u64>,
    /// Columns no field uses (CSV formats), for `--dry-run`.
    pub unused_columns: Vec<String>,
    /// The input's name in messages.
    pub label: String,
    /// A loopboard export, read whole: complete records linked by file ids
    /// (themes, hypotheses, bets, decisions) rather than a stream of
    /// feedback. `entries` is empty then.
    pub interchange: Option<Box<ImportBatch>>,
}

/// Opens a file, a Slack export folder, or a Slack export .zip.
pub fn open_path(path: &Path, opts: &Options) -> Result<Source, ImportError> {
    let label = path.display().to_string();
    let io = |e| ImportError::io(&label, e);
    let wants_slack = opts.format.is_none_or(|f| f == Format::Slack);
    if path.is_dir() || (wants_slack && is_zip(path).map_err(io)?) {
        if opts.format.is_some_and(|f| f != Format::Slack) {
            return Err(unusable(
                &label,
                "a folder or .zip can only be a Slack export (--format slack)",
            ));
        }
        reject_maps(Format::Slack, opts, &label)?;
        let records = slack::SlackRecords::open(path, &label, opts.now)?;
        return Ok(Source {
            format: Format::Slack,
            entries: Box::new(records),
            bytes_read: Arc::new(AtomicU64::new(0)),
            total_bytes: None,
            unused_columns: Vec::new(),
            label,
            interchange: None,
        });
    }
    let file = std::fs::File::open(path).map_err(io)?;
    let total = file.metadata().map(|m| m.len()).ok();
    open_reader(&label, file, total, opts)
}

/// Opens a stream (a file or standard input) of any format but Slack.
pub fn open_reader(
    label: &str,
    reader: impl Read + Send + 'static,
    total_bytes: Option<u64>,
    opts: &Options,
) -> Result<Source, ImportError> {
    let bytes_read = Arc::new(AtomicU64::new(0));
    let (head, rest) = decode(label, Counted::new(reader, bytes_read.clone()))?;
    let format = match opts.format {
        Some(f) => f,
        None => detect(&head).ok_or_else(|| {
            unusable(
                label,
                "a JSON object that is no known export; name the format with --format",
            )
        })?,
    };
    if format == Format::Slack {
        return Err(unusable(label, "a Slack export is read from its folder or .zip file"));
    }
    reject_maps(format, opts, label)?;
    let reader = BufReader::with_capacity(HEAD_BYTES, Cursor::new(head.clone()).chain(rest));
    if format == Format::Interchange {
        let batch = crate::interchange::parse(reader, opts.now).map_err(|e| unusable(label, &e.to_string()))?;
        return Ok(Source {
            format,
            entries: Box::new(std::iter::empty()),
            bytes_read,
            total_bytes,
            unused_columns: Vec::new(),
            label: label.to_string(),
            interchange: Some(Box::new(batch)),
        });
    }
    let file: Arc<str> = Arc::from(label);
    let (entries, unused_columns) = entries(format, reader, file, &head, opts)?;
    Ok(Source {
        format,
        entries,
        bytes_read,
        total_bytes,
        unused_columns,
        label: label.to_string(),
        interchange: None,
    })
}

fn entries(
    format: Format,
    reader: impl BufRead + Send + 'static,
    file: Arc<str>,
    head: &[u8],
    opts: &Options,
) -> Result<(Entries, Vec<String>), ImportError> {
    let now = opts.now;
    let boxed: Entries = match format {
        Format::Csv | Format::Linear | Format::Jira => {
            let rules = match format {
                Format::Linear => linear::RULES,
                Format::Jira => jira::RULES,
                _ => values::Rules::new("csv"),
            };
            let delimiter = csv::sniff_delimiter(head);
            let records = csv::CsvRecords::open(reader, file, rules, delimiter, &opts.maps, now)?;
            let unused = records.unused_columns();
            return Ok((Box::new(records), unused));
        }
        Format::Jsonl => Box::new(json::jsonl(reader, file, &opts.maps, now)),
        Format::Json => Box::new(json::array(reader, file, &opts.maps, now)),
        Format::Interchange => return Err(unusable(&file, "a loopboard export is read whole, not streamed")),
        Format::Github => Box::new(github::records(reader, file, now)),
        Format::Zendesk => Box::new(zendesk::records(reader, file, now)),
        Format::Intercom => Box::new(intercom::records(reader, file, now)),
        Format::Canny => Box::new(canny::records(reader, file, now)),
        Format::Slack => return Err(unusable(&file, "a Slack export is read from its folder or .zip file")),
    };
    Ok((boxed, Vec::new()))
}

/// Reads the head of the input, skipping a UTF-8 BOM and decoding UTF-16;
/// returns the (decoded) head and the rest of the stream after it.
fn decode(label: &str, reader: impl Read + Send + 'static) -> Result<(Vec<u8>, Box<dyn Read + Send>), ImportError> {
    let mut reader: Box<dyn Read + Send> = Box::new(reader);
    let head = read_head(label, &mut reader)?;
    let bom = Bom::sniff(&head);
    match bom {
        Bom::Utf16Le | Bom::Utf16Be => {
            let raw = Cursor::new(head[bom.byte_len()..].to_vec()).chain(reader);
            let mut decoded: Box<dyn Read + Send> = Box::new(Utf16Reader::new(raw, bom == Bom::Utf16Le));
            let head = read_head(label, &mut decoded)?;
            Ok((head, decoded))
        }
        _ => Ok((head[bom.byte_len()..].to_vec(), reader)),
    }
}

fn read_head(label: &str, reader: &mut dyn Read) -> Result<Vec<u8>, ImportError> {
    let mut head = Vec::with_capacity(HEAD_BYTES);
    reader
        .take(HEAD_BYTES as u64)
        .read_to_end(&mut head)
        .map_err(|e| ImportError::io(label, e))?;
    Ok(head)
}

fn is_zip(path: &Path) -> std::io::Result<bool> {
    let mut magic = [0u8; 4];
    let mut file = std::fs::File::open(path)?;
    let n = file.read(&mut magic)?;
    Ok(n == 4 && magic == *b"PK\x03\x04")
}

fn reject_maps(format: Format, opts: &Options, label: &str) -> Result<(), ImportError> {
    if opts.maps.is_empty() || format.takes_maps() {
        return Ok(());
    }
    Err(unusable(
        label,
        &format!("--map applies to csv, json, jsonl, linear and jira files, not {format}"),
    ))
}

fn unusable(file: &str, reason: &str) -> ImportError {
    ImportError::Unusable {
        file: file.to_string(),
        reason: reason.to_string(),
    }
}
