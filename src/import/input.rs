//! Reading input safely: byte-order marks (a UTF-8 BOM is skipped, UTF-16
//! with a BOM is decoded), lines with a length limit and their numbers, and
//! a byte counter for the progress bar. Everything streams: memory stays
//! bounded by the limits here, whatever the size of the file.

use std::io::{self, BufRead, Read};
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

use super::{ImportError, Location};

/// Longest text field accepted (title, body, …): a bigger one is almost
/// always a parsing accident, such as an unbalanced quote swallowing rows.
pub const MAX_FIELD_BYTES: usize = 64 * 1024;
/// Longest line of JSONL, or JSON element, accepted.
pub const MAX_RECORD_BYTES: usize = 4 * 1024 * 1024;

/// Counts the bytes read through it, for the progress bar.
pub struct Counted<R> {
    inner: R,
    count: Arc<AtomicU64>,
}

impl<R> Counted<R> {
    pub fn new(inner: R, count: Arc<AtomicU64>) -> Self {
        Counted { inner, count }
    }
}

impl<R: Read> Read for Counted<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.count.fetch_add(n as u64, Ordering::Relaxed);
        Ok(n)
    }
}

/// Decodes UTF-16 (either byte order) to UTF-8 as it streams; an unpaired
/// surrogate is an error, never silently replaced.
pub struct Utf16Reader<R> {
    inner: R,
    little_endian: bool,
    pending_high: Option<u16>,
    out: Vec<u8>,
    pos: usize,
}

impl<R: Read> Utf16Reader<R> {
    pub fn new(inner: R, little_endian: bool) -> Self {
        Utf16Reader {
            inner,
            little_endian,
            pending_high: None,
            out: Vec::new(),
            pos: 0,
        }
    }

    /// Decodes the next chunk into `out`; returns false at the end of input.
    fn refill(&mut self) -> io::Result<bool> {
        let mut raw = [0u8; 8192];
        let mut n = 0;
        // Read an even number of bytes so units never straddle two reads.
        while n == 0 || n % 2 == 1 {
            let got = self.inner.read(&mut raw[n..])?;
            if got == 0 {
                if n % 2 == 1 {
                    return Err(invalid_data("UTF-16 input ends in the middle of a character"));
                }
                break;
            }
            n += got;
        }
        if n == 0 {
            if self.pending_high.is_some() {
                return Err(invalid_data("UTF-16 input ends with an unpaired surrogate"));
            }
            return Ok(false);
        }
        self.out.clear();
        self.pos = 0;
        for pair in raw[..n].chunks_exact(2) {
            let unit = if self.little_endian {
                u16::from_le_bytes([pair[0], pair[1]])
            } else {
                u16::from_be_bytes([pair[0], pair[1]])
            };
            self.push_unit(unit)?;
        }
        Ok(true)
    }

    fn push_unit(&mut self, unit: u16) -> io::Result<()> {
        let units: Vec<u16> = match self.pending_high.take() {
            Some(high) => vec![high, unit],
            None if (0xD800..0xDC00).contains(&unit) => {
                self.pending_high = Some(unit);
                return Ok(());
            }
            None => vec![unit],
        };
        for c in char::decode_utf16(units) {
            let c = c.map_err(|_| invalid_data("invalid UTF-16: unpaired surrogate"))?;
            let mut buf = [0u8; 4];
            self.out.extend_from_slice(c.encode_utf8(&mut buf).as_bytes());
        }
        Ok(())
    }
}

impl<R: Read> Read for Utf16Reader<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        while self.pos >= self.out.len() {
            if !self.refill()? {
                return Ok(0);
            }
        }
        let n = buf.len().min(self.out.len() - self.pos);
        buf[..n].copy_from_slice(&self.out[self.pos..self.pos + n]);
        self.pos += n;
        Ok(n)
    }
}

fn invalid_data(msg: &str) -> io::Error {
    io::Error::new(io::ErrorKind::InvalidData, msg.to_string())
}

/// Which text encoding a file's first bytes announce.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Bom {
    None,
    Utf8,
    Utf16Le,
    Utf16Be,
}

impl Bom {
    pub fn sniff(head: &[u8]) -> Bom {
        match head {
            [0xEF, 0xBB, 0xBF, ..] => Bom::Utf8,
            [0xFF, 0xFE, ..] => Bom::Utf16Le,
            [0xFE, 0xFF, ..] => Bom::Utf16Be,
            _ => Bom::None,
        }
    }

    pub fn byte_len(self) -> usize {
        match self {
            Bom::None => 0,
            Bom::Utf8 => 3,
            Bom::Utf16Le | Bom::Utf16Be => 2,
        }
    }
}

/// Lines of text with their 1-based numbers: CR/LF trimmed, each checked to
/// be UTF-8 and no longer than [`MAX_RECORD_BYTES`].
pub struct Lines<R> {
    reader: R,
    file: Arc<str>,
    line: u64,
    buf: Vec<u8>,
}

impl<R: BufRead> Lines<R> {
    pub fn new(reader: R, file: Arc<str>) -> Self {
        Lines {
            reader,
            file,
            line: 0,
            buf: Vec::new(),
        }
    }

    /// The next line and its number; `None` at the end of input.
    pub fn next_line(&mut self) -> Option<Result<(u64, &str), ImportError>> {
        self.buf.clear();
        self.line += 1;
        let limit = MAX_RECORD_BYTES as u64 + 1;
        match (&mut self.reader).take(limit).read_until(b'\n', &mut self.buf) {
            Ok(0) => return None,
            Ok(_) => {}
            Err(e) => return Some(Err(ImportError::io(&self.file, e))),
        }
        let at = Location::new(&self.file, self.line);
        if self.buf.len() > MAX_RECORD_BYTES {
            let reason = format!("line is longer than {} MiB", MAX_RECORD_BYTES >> 20);
            return Some(Err(ImportError::invalid(at, "", reason)));
        }
        while matches!(self.buf.last(), Some(b'\n' | b'\r')) {
            self.buf.pop();
        }
        let line = self.line;
        Some(match std::str::from_utf8(&self.buf) {
            Ok(text) => Ok((line, text.strip_prefix('\u{feff}').unwrap_or(text))),
            Err(e) => Err(ImportError::invalid(
                at.with_column(e.valid_up_to() as u64 + 1),
                "",
                "invalid UTF-8",
            )),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn utf16(text: &str, le: bool) -> Vec<u8> {
        text.encode_utf16()
            .flat_map(|u| if le { u.to_le_bytes() } else { u.to_be_bytes() })
            .collect()
    }

    #[test]
    fn utf16_decodes_both_byte_orders_and_astral_characters() {
        for le in [true, false] {
            let mut out = String::new();
            Utf16Reader::new(&utf16("title\r\nCafé 🚀\n", le)[..], le)
                .read_to_string(&mut out)
                .expect("decodes");
            assert_eq!(out, "title\r\nCafé 🚀\n");
        }
    }

    #[test]
    fn utf16_rejects_unpaired_surrogates_and_odd_lengths() {
        let mut out = String::new();
        let lone = [0x00, 0xD8, 0x41, 0x00];
        assert!(Utf16Reader::new(&lone[..], true).read_to_string(&mut out).is_err());
        assert!(
            Utf16Reader::new(&[0x41, 0x00, 0x42][..], true)
                .read_to_string(&mut out)
                .is_err()
        );
    }

    #[test]
    fn lines_are_numbered_trimmed_and_checked() {
        let file: Arc<str> = Arc::from("x.jsonl");
        let mut lines = Lines::new(&b"\xEF\xBB\xBFone\r\ntwo\n\xFFbad\n"[..], file);
        assert_eq!(lines.next_line().expect("line").expect("ok"), (1, "one"));
        assert_eq!(lines.next_line().expect("line").expect("ok"), (2, "two"));
        let err = lines.next_line().expect("line").expect_err("bad utf-8");
        assert_eq!(err.to_string(), "x.jsonl:3:1: invalid UTF-8");
        assert!(lines.next_line().is_none());
    }
}
