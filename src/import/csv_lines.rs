//! Exact line numbers and a memory bound for the csv crate. The csv reader's
//! own `Position::line` drifts on CRLF files and blank lines, and a runaway
//! quoted field grows its buffer without limit (rust-csv #289). This wrapper
//! sits under the csv reader, remembers where each newline is, and refuses
//! to feed more than a budget of bytes to one record.

use std::collections::VecDeque;
use std::io::{self, Read};

/// A reader that records newline offsets and enforces a per-record budget.
pub struct LineIndex<R> {
    inner: R,
    /// Bytes handed to the csv reader so far.
    offset: u64,
    /// Offsets of newlines not yet pruned, ascending.
    newlines: VecDeque<u64>,
    /// Offsets of carriage returns not yet pruned, ascending.
    returns: VecDeque<u64>,
    /// Newlines already pruned from the front of `newlines`.
    pruned: u64,
    /// Where the record being read started.
    record_start: u64,
    budget: u64,
    /// The last byte that is not a line break (to see a final closing quote).
    last_content: Option<u8>,
}

impl<R: Read> LineIndex<R> {
    pub fn new(inner: R, budget: u64) -> Self {
        LineIndex {
            inner,
            offset: 0,
            newlines: VecDeque::new(),
            returns: VecDeque::new(),
            pruned: 0,
            record_start: 0,
            budget,
            last_content: None,
        }
    }

    /// The 1-based line of the record the csv reader says starts at `byte`.
    /// The csv reader may report an offset inside the line breaks before a
    /// record (after CRLF, blank lines): skip them to the record's first byte.
    pub fn line_of(&self, byte: u64) -> u64 {
        let mut start = byte;
        while self.newlines.binary_search(&start).is_ok() || self.returns.binary_search(&start).is_ok() {
            start += 1;
        }
        let before = self.newlines.partition_point(|&nl| nl < start) as u64;
        1 + self.pruned + before
    }

    /// Starts the budget for the record at `byte` and forgets older newlines.
    pub fn start_record(&mut self, byte: u64) {
        self.record_start = byte;
        while self.newlines.front().is_some_and(|&nl| nl < byte) {
            self.newlines.pop_front();
            self.pruned += 1;
        }
        while self.returns.front().is_some_and(|&cr| cr < byte) {
            self.returns.pop_front();
        }
    }

    pub fn last_content_byte(&self) -> Option<u8> {
        self.last_content
    }
}

/// The message of the error a too-large record raises (recognized upstream).
pub const TOO_LARGE: &str = "record over the size limit";

impl<R: Read> Read for LineIndex<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        if self.offset.saturating_sub(self.record_start) > self.budget {
            return Err(io::Error::new(io::ErrorKind::InvalidData, TOO_LARGE));
        }
        let n = self.inner.read(buf)?;
        let chunk = &buf[..n];
        for (i, &b) in chunk.iter().enumerate() {
            // One comparison per byte in the common case: line breaks are rare.
            if b <= b'\r' {
                match b {
                    b'\n' => self.newlines.push_back(self.offset + i as u64),
                    b'\r' => self.returns.push_back(self.offset + i as u64),
                    _ => {}
                }
            }
        }
        if let Some(&last) = chunk.iter().rev().find(|&&b| b != b'\n' && b != b'\r') {
            self.last_content = Some(last);
        }
        self.offset += n as u64;
        Ok(n)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_are_right_for_crlf_and_blank_lines() {
        for (text, want) in [
            ("h1,h2\na,b\nc,\"d\ne\"\nf,g\n", vec![1, 2, 3, 5]),
            ("h1,h2\r\na,b\r\nc,\"d\r\ne\"\r\nf,g\r\n", vec![1, 2, 3, 5]),
            ("h1,h2\n\n\na,b\n", vec![1, 4]),
        ] {
            let mut rdr = csv::ReaderBuilder::new()
                .has_headers(false)
                .from_reader(LineIndex::new(text.as_bytes(), 1 << 20));
            let mut rec = csv::ByteRecord::new();
            let mut got = Vec::new();
            while rdr.read_byte_record(&mut rec).expect("record") {
                let byte = rec.position().expect("position").byte();
                got.push(rdr.get_ref().line_of(byte));
                rdr.get_mut().start_record(byte);
            }
            assert_eq!(got, want, "{text:?}");
        }
    }

    #[test]
    fn a_record_over_budget_stops_the_reader() {
        let text = format!("h\n\"{}\n", "x".repeat(100_000));
        let mut rdr = csv::ReaderBuilder::new()
            .has_headers(false)
            .buffer_capacity(1024)
            .from_reader(LineIndex::new(text.as_bytes(), 10_000));
        let mut rec = csv::ByteRecord::new();
        assert!(rdr.read_byte_record(&mut rec).expect("header"));
        rdr.get_mut().start_record(rec.position().expect("pos").byte());
        let err = rdr.read_byte_record(&mut rec).expect_err("too large");
        assert!(err.to_string().contains(TOO_LARGE), "{err}");
    }
}
