//! Strict CSV with a header row: columns are matched to fields through the
//! alias table (`aliases`), and every row becomes one record. Linear and
//! Jira exports are CSV too and come through here with their own rules.
//!
//! Strict means: a row with a different number of fields than the header,
//! a field over 64 KiB, invalid UTF-8, text after a closing quote's field,
//! or a quoted field that holds what look like whole rows (an unbalanced
//! quote swallowing the rows after it, which the csv crate accepts silently,
//! rust-csv #289) are errors with their line, never data.

use chrono::{DateTime, Utc};
use std::io::Read;
use std::sync::Arc;

use super::aliases::{ColumnMap, Field, Mapping};
use super::csv_lines::{LineIndex, TOO_LARGE};
use super::input::{MAX_FIELD_BYTES, MAX_RECORD_BYTES};
use super::values::{Fields, Rules};
use super::{Entry, ImportError, Location};

/// Reads records from CSV text (already UTF-8, without a BOM).
pub struct CsvRecords<R: Read> {
    rdr: csv::Reader<LineIndex<R>>,
    file: Arc<str>,
    headers: Vec<String>,
    mapping: Mapping,
    rules: Rules,
    delimiter: u8,
    now: DateTime<Utc>,
    rec: csv::ByteRecord,
    /// Line of the last row when its last field spans lines: if the file
    /// then ends without a closing quote, that quote was never closed.
    open_tail: Option<u64>,
    done: bool,
}

/// The delimiter the header line uses: `,` unless `;` or a tab is clearly
/// meant (spreadsheets in many locales write `;`).
pub fn sniff_delimiter(head: &[u8]) -> u8 {
    let line = head.split(|&b| b == b'\n').next().unwrap_or(head);
    let count = |d: u8| line.iter().filter(|&&b| b == d).count();
    [b',', b';', b'\t']
        .into_iter()
        .max_by_key(|&d| (count(d), d == b','))
        .unwrap_or(b',')
}

impl<R: Read> CsvRecords<R> {
    /// Reads the header and matches its columns; errors point at line 1.
    pub fn open(
        reader: R,
        file: Arc<str>,
        rules: Rules,
        delimiter: u8,
        maps: &[ColumnMap],
        now: DateTime<Utc>,
    ) -> Result<Self, ImportError> {
        // Generous enough for the widest real export, small enough that a
        // runaway quote cannot take the memory down with it.
        let budget = (MAX_RECORD_BYTES + 2 * 64 * 1024) as u64;
        let mut rdr = csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .delimiter(delimiter)
            .buffer_capacity(64 * 1024)
            .from_reader(LineIndex::new(reader, budget));
        let header_at = Location::new(&file, 1);
        let mut rec = csv::ByteRecord::new();
        match rdr.read_byte_record(&mut rec) {
            Ok(true) => {}
            Ok(false) => return Err(ImportError::invalid(header_at, "header", "the file is empty")),
            Err(e) => return Err(ImportError::invalid(header_at, "header", e.to_string())),
        }
        let headers = rec
            .iter()
            .map(|h| std::str::from_utf8(h).map(|s| s.trim().to_string()))
            .collect::<Result<Vec<_>, _>>()
            .map_err(|_| ImportError::invalid(header_at.clone(), "header", "invalid UTF-8"))?;
        let names: Vec<&str> = headers.iter().map(String::as_str).collect();
        let mapping = Mapping::new(&names, maps).map_err(|r| ImportError::invalid(header_at.clone(), "header", r))?;
        if mapping.columns(Field::Title).is_empty() && !rules.title_from_body {
            let reason = format!(
                "no column for the title (looked for title, summary, subject; columns: {}); \
                 name one with --map title=COLUMN",
                names.join(", ")
            );
            return Err(ImportError::invalid(header_at, "header", reason));
        }
        Ok(CsvRecords {
            rdr,
            file,
            headers,
            mapping,
            rules,
            delimiter,
            now,
            rec,
            open_tail: None,
            done: false,
        })
    }

    /// Column names no field uses.
    pub fn unused_columns(&self) -> Vec<String> {
        let names: Vec<&str> = self.headers.iter().map(String::as_str).collect();
        self.mapping.unused(&names).into_iter().map(str::to_string).collect()
    }

    fn read_error(&self, e: csv::Error) -> ImportError {
        let byte = self.rdr.position().byte();
        let at = Location::new(&self.file, self.rdr.get_ref().line_of(byte));
        let too_large = matches!(e.kind(), csv::ErrorKind::Io(io) if io.to_string().contains(TOO_LARGE));
        if too_large {
            let reason = format!(
                "the row starting here runs past {} MiB: an unbalanced quote probably swallowed the rows after it",
                MAX_RECORD_BYTES >> 20
            );
            return ImportError::invalid(at, "", reason);
        }
        match e.into_kind() {
            csv::ErrorKind::Io(io) => ImportError::io(&self.file, io),
            other => ImportError::invalid(at, "", format!("{other:?}")),
        }
    }

    fn row(&mut self) -> Result<Entry, ImportError> {
        let byte = self.rec.position().map_or(0, |p| p.byte());
        let line = self.rdr.get_ref().line_of(byte);
        self.rdr.get_mut().start_record(byte);
        let at = Location::new(&self.file, line);
        let rec = &self.rec;
        check_shape(rec, &self.headers, &at)?;
        let values = utf8_fields(rec, &self.headers, &at)?;
        for (i, v) in values.iter().enumerate() {
            check_field(v, &self.headers[i], self.delimiter, self.headers.len(), &at)?;
        }
        self.open_tail = values.last().filter(|v| v.contains('\n')).map(|_| line);
        let mut fields = Fields::default();
        for field in Field::ALL {
            for &col in self.mapping.columns(field) {
                fields.offer(field, self.headers[col].as_str(), values[col]);
            }
        }
        fields
            .into_record(at, &self.rules, self.now)
            .map(|r| Entry::Feedback(Box::new(r)))
    }

    /// At the end: a last field spanning lines must have ended with its
    /// closing quote; otherwise the quote ran to the end of the file.
    fn check_end(&self) -> Result<(), ImportError> {
        match self.open_tail {
            Some(line) if self.rdr.get_ref().last_content_byte() != Some(b'"') => Err(ImportError::invalid(
                Location::new(&self.file, line),
                self.headers.last().map_or("", String::as_str),
                "a quote opened in this row is never closed: it swallowed every row after it",
            )),
            _ => Ok(()),
        }
    }
}

impl<R: Read> Iterator for CsvRecords<R> {
    type Item = Result<Entry, ImportError>;

    fn next(&mut self) -> Option<Self::Item> {
        if self.done {
            return None;
        }
        match self.rdr.read_byte_record(&mut self.rec) {
            Ok(true) => {
                let row = self.row();
                self.done = row.is_err();
                Some(row)
            }
            Ok(false) => {
                self.done = true;
                self.check_end().err().map(Err)
            }
            Err(e) => {
                self.done = true;
                Some(Err(self.read_error(e)))
            }
        }
    }
}

fn check_shape(rec: &csv::ByteRecord, headers: &[String], at: &Location) -> Result<(), ImportError> {
    if rec.len() == headers.len() {
        return Ok(());
    }
    let suspicious = rec.iter().any(|f| f.contains(&b'"') || f.contains(&b'\n'));
    let hint = if suspicious {
        ": an unbalanced quote probably merged fields or rows"
    } else {
        ""
    };
    let reason = format!("has {} fields but the header has {}{hint}", rec.len(), headers.len());
    Err(ImportError::invalid(at.clone(), "", reason))
}

/// Every field as text; invalid UTF-8 is reported on its own line.
fn utf8_fields<'r>(rec: &'r csv::ByteRecord, headers: &[String], at: &Location) -> Result<Vec<&'r str>, ImportError> {
    // One validation of the whole record; fields are then slices of it.
    if let Ok(all) = std::str::from_utf8(rec.as_slice()) {
        return Ok((0..rec.len())
            .filter_map(|i| rec.range(i).and_then(|r| all.get(r)))
            .collect());
    }
    let mut lines_before = 0u64;
    for (i, raw) in rec.iter().enumerate() {
        if let Err(e) = std::str::from_utf8(raw) {
            let within = raw[..e.valid_up_to()].iter().filter(|&&b| b == b'\n').count() as u64;
            let mut bad = at.clone();
            bad.line += lines_before + within;
            let reason = "invalid UTF-8 (is the file in another encoding?)";
            return Err(ImportError::invalid(bad, headers[i].as_str(), reason));
        }
        lines_before += raw.iter().filter(|&&b| b == b'\n').count() as u64;
    }
    Err(ImportError::invalid(at.clone(), "", "invalid UTF-8"))
}

/// A field too big, or holding whole rows after a line break, is what an
/// unbalanced quote leaves behind.
fn check_field(value: &str, name: &str, delimiter: u8, columns: usize, at: &Location) -> Result<(), ImportError> {
    if value.len() > MAX_FIELD_BYTES {
        let reason = format!(
            "is {} KiB, over the {} KiB limit: an unbalanced quote probably swallowed the rows after it",
            value.len() / 1024,
            MAX_FIELD_BYTES / 1024
        );
        return Err(ImportError::invalid(at.clone(), name, reason));
    }
    if columns < 3 || !value.contains('\n') {
        return Ok(());
    }
    let row_like = value
        .lines()
        .skip(1)
        .position(|l| l.bytes().filter(|&b| b == delimiter).count() + 1 >= columns);
    match row_like {
        Some(i) => {
            let reason = format!(
                "holds a line break followed by what looks like a whole row (line {}): \
                 an unbalanced quote probably swallowed the rows after it",
                at.line + 1 + i as u64
            );
            Err(ImportError::invalid(at.clone(), name, reason))
        }
        None => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::values::Rules;

    fn read(text: &[u8]) -> Vec<Result<Entry, ImportError>> {
        let now = DateTime::UNIX_EPOCH;
        match CsvRecords::open(text, Arc::from("t.csv"), Rules::new("csv"), b',', &[], now) {
            Ok(r) => r.collect(),
            Err(e) => vec![Err(e)],
        }
    }

    fn first_error(text: impl AsRef<[u8]>) -> String {
        read(text.as_ref())
            .into_iter()
            .find_map(Result::err)
            .map(|e| e.to_string())
            .unwrap_or_default()
    }

    #[test]
    fn rows_become_records_with_their_lines() {
        let got = read(b"Subject,Details\r\nA,\"multi\r\nline\"\r\n\r\nB,b\r\n");
        let lines: Vec<u64> = got.iter().map(|r| r.as_ref().expect("ok").location().line).collect();
        assert_eq!(lines, vec![2, 5]);
    }

    #[test]
    fn a_short_row_names_its_line() {
        let err = first_error("title,body,customer\na,b,c\n\"x \"\"y,\"z,w\nnext,row,here\n");
        assert!(err.starts_with("t.csv:3: has 2 fields but the header has 3"), "{err}");
    }

    #[test]
    fn a_quote_running_to_the_end_is_caught() {
        let err = first_error("first,title,ssn,city\nJane,Doe,111,\"Boston\nJohn,Smith,333,LA\n");
        assert!(err.starts_with("t.csv:2: city:"), "{err}");
        let err = first_error("title,b\nx,\"never closed\nmore\n");
        assert!(err.contains("never closed"), "{err}");
    }

    #[test]
    fn a_field_holding_rows_is_caught_even_when_counts_match() {
        let err = first_error("title,body,customer\nx,\"start\nb,c,Globex\nend\",Acme\n");
        assert!(
            err.contains("t.csv:2: body: holds a line break") && err.contains("line 3"),
            "{err}"
        );
    }

    #[test]
    fn invalid_utf8_and_oversized_fields_name_line_and_field() {
        let err = first_error(b"title,body\nok,fine\nbad,\"a\nb\xff\"\n");
        assert!(err.starts_with("t.csv:4: body: invalid UTF-8"), "{err}");
        let big = format!("title,body\nx,{}\n", "y".repeat(MAX_FIELD_BYTES + 1));
        assert!(first_error(&big).contains("over the 64 KiB limit"));
    }

    #[test]
    fn headers_need_a_title_column() {
        let err = first_error("foo,bar\n1,2\n");
        assert!(err.starts_with("t.csv:1: header: no column for the title"), "{err}");
        assert!(first_error("").contains("empty"));
    }

    #[test]
    fn delimiters_are_sniffed_from_the_header() {
        assert_eq!(sniff_delimiter(b"a;b;c\n1,5;2;3"), b';');
        assert_eq!(sniff_delimiter(b"a\tb\n"), b'\t');
        assert_eq!(sniff_delimiter(b"title\n"), b',');
    }
}
