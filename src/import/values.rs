//! Turning the raw strings of a record into an item: dates to UTC, other
//! tools' priorities to a suggested severity, tag lists, HTML to text, a
//! title from the first line of a message, and the 64 KiB field limit. Every
//! importer goes through [`Fields::into_record`], so the rules are one set.

use chrono::{DateTime, NaiveDate, NaiveDateTime, TimeZone, Utc};
use std::borrow::Cow;

use super::aliases::{FIELD_COUNT, Field};
use super::input::MAX_FIELD_BYTES;
use super::{ImportError, Location, Record};
use crate::domain::{NewItem, Severity};

/// The raw text of one record, by field, before any conversion.
#[derive(Debug, Default)]
pub struct Fields<'a> {
    values: [Option<Cow<'a, str>>; FIELD_COUNT],
    tags: Vec<Cow<'a, str>>,
    /// The name the input used for each field, for error messages.
    names: [Option<Cow<'a, str>>; FIELD_COUNT],
}

/// Per-format rules for [`Fields::into_record`].
#[derive(Debug, Clone, Copy)]
pub struct Rules {
    /// The source when the record names none.
    pub source: &'static str,
    /// Day-first dates such as Jira's `28/Oct/26 9:10 AM` are expected.
    pub day_first_dates: bool,
    /// The body is HTML (Intercom); otherwise HTML is converted only when
    /// the body clearly is some.
    pub html_body: bool,
    /// Derive a missing title from the body's first line (chat messages and
    /// conversations have no subject line).
    pub title_from_body: bool,
}

impl Rules {
    pub const fn new(source: &'static str) -> Rules {
        Rules {
            source,
            day_first_dates: false,
            html_body: false,
            title_from_body: false,
        }
    }
}

impl<'a> Fields<'a> {
    /// Sets `field` unless an earlier (better) column already gave it a
    /// non-empty value; tags add up instead.
    pub fn offer(&mut self, field: Field, name: impl Into<Cow<'a, str>>, value: impl Into<Cow<'a, str>>) {
        let value = value.into();
        if field.is_multi() {
            self.tags.push(value);
            return;
        }
        let slot = &mut self.values[field.index()];
        if slot.as_deref().is_none_or(|v| v.trim().is_empty()) {
            *slot = Some(value);
            self.names[field.index()] = Some(name.into());
        }
    }

    pub fn get(&self, field: Field) -> Option<&str> {
        self.values[field.index()]
            .as_deref()
            .map(str::trim)
            .filter(|v| !v.is_empty())
    }

    /// The input's own name for `field` (`Created`), else the field's name.
    fn label(&self, field: Field) -> String {
        match &self.names[field.index()] {
            Some(n) if n.trim() != field.name() => format!("{} ({field})", n.trim()),
            _ => field.name().to_string(),
        }
    }

    /// Converts and checks every field; errors name the field and the reason.
    pub fn into_record(self, at: Location, rules: &Rules, now: DateTime<Utc>) -> Result<Record, ImportError> {
        let fail = |field: Field, reason: String| ImportError::invalid(at.clone(), self.label(field), reason);
        for field in Field::ALL {
            if let Some(v) = &self.values[field.index()]
                && v.len() > MAX_FIELD_BYTES
            {
                return Err(fail(field, too_big(v.len())));
            }
        }
        if let Some(t) = self.tags.iter().find(|t| t.len() > MAX_FIELD_BYTES) {
            return Err(fail(Field::Tags, too_big(t.len())));
        }
        let body = match self.get(Field::Body) {
            Some(b) if rules.html_body || looks_like_html(b) => html_to_text(b),
            Some(b) => b.to_string(),
            None => String::new(),
        };
        let title = match self.get(Field::Title) {
            Some(t) => t.to_string(),
            None if rules.title_from_body => title_from_text(&body),
            None => String::new(),
        };
        let created_at = match self.get(Field::CreatedAt) {
            Some(d) => parse_date(d, rules.day_first_dates).map_err(|r| fail(Field::CreatedAt, r))?,
            None => now,
        };
        let (severity, mut suggested) = match self.get(Field::Severity) {
            Some(s) => severity_value(s).map_err(|r| fail(Field::Severity, r))?,
            None => (None, None),
        };
        if let Some(p) = self.get(Field::Priority) {
            suggested = suggested.or(priority(p).map_err(|r| fail(Field::Priority, r))?);
        }
        let text = |f: Field| self.get(f).map(str::to_string);
        let item = NewItem {
            title,
            body,
            customer: text(Field::Customer),
            segment: text(Field::Segment),
            category: text(Field::Category),
            tags: self.tags.iter().flat_map(|t| split_tags(t)).collect(),
            severity,
            source: text(Field::Source).unwrap_or_else(|| rules.source.to_string()),
            external_id: text(Field::ExternalId),
            created_at: Some(created_at),
        };
        Ok(Record {
            location: at,
            item,
            suggested_severity: if severity.is_some() { None } else { suggested },
        })
    }
}

fn too_big(len: usize) -> String {
    format!(
        "is {} KiB, over the {} KiB limit (an unbalanced quote may have swallowed the rows after it)",
        len / 1024,
        MAX_FIELD_BYTES / 1024
    )
}

/// Splits a tag list written as text (`a; b`, `a, b`, `a|b`).
pub fn split_tags(s: &str) -> Vec<String> {
    s.split([',', ';', '|'])
        .map(str::trim)
        .filter(|t| !t.is_empty())
        .map(str::to_string)
        .collect()
}

/// loopboard's own severity column: `S1`–`S4` (or `1`–`4`) sets it; another
/// tool's priority word there only suggests one.
fn severity_value(s: &str) -> Result<(Option<Severity>, Option<Severity>), String> {
    match s.parse::<Severity>() {
        Ok(sev) => Ok((Some(sev), None)),
        Err(_) => priority(s).map(|p| (None, p)).map_err(|_| {
            format!("{s:?} is neither a severity (S1-S4) nor a priority (urgent, high, normal, low, ...)")
        }),
    }
}

/// Another tool's priority as a suggested severity: Linear (Urgent, High,
/// Medium, Low, No priority, or 0-4), Jira (Highest…Lowest, Blocker…Trivial),
/// Zendesk (urgent, high, normal, low), and P0–P5.
pub fn priority(s: &str) -> Result<Option<Severity>, String> {
    let p = s.trim().to_lowercase();
    let sev = match p.as_str() {
        "" | "-" | "none" | "no priority" | "0" | "unset" => return Ok(None),
        "urgent" | "critical" | "blocker" | "highest" | "p0" | "p1" | "1" | "s1" => Severity::S1,
        "high" | "major" | "p2" | "2" | "s2" => Severity::S2,
        "medium" | "normal" | "moderate" | "p3" | "3" | "s3" => Severity::S3,
        "low" | "lowest" | "minor" | "trivial" | "p4" | "p5" | "4" | "s4" => Severity::S4,
        _ => {
            return Err(format!(
                "{s:?} is not a known priority (urgent/high/medium/low, highest…lowest, P0-P5); \
                 --map priority= ignores the column"
            ));
        }
    };
    Ok(Some(sev))
}

/// Dates in the shapes exports use, to UTC. A time without a zone is taken
/// as UTC; a bare date as midnight UTC; a number as Unix seconds (or
/// milliseconds when it is that large).
pub fn parse_date(s: &str, day_first: bool) -> Result<DateTime<Utc>, String> {
    let s = s.trim();
    if let Ok(t) = DateTime::parse_from_rfc3339(s) {
        return Ok(t.with_timezone(&Utc));
    }
    if let Ok(n) = s.parse::<i64>() {
        return unix(n).ok_or_else(|| format!("{s:?} is out of range as a Unix time"));
    }
    for f in [
        "%Y-%m-%d %H:%M:%S%.f%#z",
        "%Y-%m-%d %H:%M%#z",
        "%Y-%m-%dT%H:%M:%S%.f%#z",
    ] {
        if let Ok(t) = DateTime::parse_from_str(s, f) {
            return Ok(t.with_timezone(&Utc));
        }
    }
    if let Ok(t) = DateTime::parse_from_rfc2822(s) {
        return Ok(t.with_timezone(&Utc));
    }
    let naive: &[&str] = if day_first {
        &[
            "%d/%b/%y %I:%M %p",
            "%d/%b/%Y %I:%M %p",
            "%d/%b/%y %H:%M",
            "%d/%b/%Y %H:%M",
            "%d/%m/%Y %H:%M",
        ]
    } else {
        &[
            "%Y-%m-%d %H:%M:%S%.f",
            "%Y-%m-%dT%H:%M:%S%.f",
            "%Y-%m-%d %H:%M",
            "%Y-%m-%dT%H:%M",
        ]
    };
    for f in naive {
        if let Ok(t) = NaiveDateTime::parse_from_str(s, f) {
            return Ok(Utc.from_utc_datetime(&t));
        }
    }
    for f in ["%Y-%m-%d", "%d/%b/%y", "%d/%b/%Y"] {
        if let Ok(d) = NaiveDate::parse_from_str(s, f) {
            return Ok(Utc.from_utc_datetime(&d.and_time(chrono::NaiveTime::MIN)));
        }
    }
    Err(format!(
        "{s:?} is not a date loopboard understands (RFC 3339, YYYY-MM-DD HH:MM:SS, Unix seconds, …)"
    ))
}

/// Unix seconds, or milliseconds for values too large to be seconds.
pub fn unix(n: i64) -> Option<DateTime<Utc>> {
    if n.abs() >= 100_000_000_000 {
        DateTime::from_timestamp_millis(n)
    } else {
        DateTime::from_timestamp(n, 0)
    }
}

/// Whether text is HTML markup rather than prose that mentions a tag.
pub fn looks_like_html(s: &str) -> bool {
    let t = s.trim_start();
    t.starts_with('<') && (t.contains("</") || t.contains("/>") || t.contains("<br"))
}

/// HTML to plain text: paragraphs become lines, tags and entities go, links
/// keep their text. Never wraps lines.
pub fn html_to_text(html: &str) -> String {
    html2text::config::plain_no_decorate()
        .allow_width_overflow()
        .string_from_read(html.as_bytes(), 100_000)
        .unwrap_or_else(|_| html.to_string())
}

/// A title for text that has none: its first non-blank line, cut at a word
/// boundary near 80 characters.
pub fn title_from_text(text: &str) -> String {
    const MAX: usize = 80;
    let line = text.lines().map(str::trim).find(|l| !l.is_empty()).unwrap_or("");
    if line.chars().count() <= MAX {
        return line.to_string();
    }
    let cut: String = line.chars().take(MAX).collect();
    let at_word = cut.rfind(' ').filter(|&i| i > MAX / 2).unwrap_or(cut.len());
    format!("{}…", cut[..at_word].trim_end())
}

/// Mail providers whose domain says nothing about the account a person is from.
const FREE_MAIL: &[&str] = &[
    "gmail.com",
    "googlemail.com",
    "outlook.com",
    "hotmail.com",
    "live.com",
    "yahoo.com",
    "icloud.com",
    "me.com",
    "aol.com",
    "proton.me",
    "protonmail.com",
    "gmx.com",
    "gmx.de",
    "mail.com",
    "yandex.ru",
    "qq.com",
];

/// The account a person writes from, as their email's domain
/// (`pm@acme.example` → `acme.example`). The store matches a domain to a
/// known customer whose name it spells (`Acme`). Free mail gives nothing.
pub fn account_from_email(email: &str) -> Option<String> {
    let (_, domain) = email.trim().rsplit_once('@')?;
    let domain = domain.trim().trim_end_matches('.').to_lowercase();
    let plausible = domain.contains('.') && !domain.contains(char::is_whitespace);
    (plausible && !FREE_MAIL.contains(&domain.as_str())).then_some(domain)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn utc(s: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(s).expect("time").with_timezone(&Utc)
    }

    #[test]
    fn dates_from_every_export_shape_become_utc() {
        let want = utc("2026-10-28T09:12:00Z");
        for s in [
            "2026-10-28T09:12:00Z",
            "2026-10-28T11:12:00+02:00",
            "2026-10-28 09:12:00",
            "2026-10-28 09:12:00 +0000",
            "2026-10-28T09:12:00",
            "1793178720",
            "1793178720000",
            "Wed, 28 Oct 2026 09:12:00 +0000",
        ] {
            assert_eq!(parse_date(s, false), Ok(want), "{s}");
        }
        assert_eq!(parse_date("28/Oct/26 9:12 AM", true), Ok(want));
        assert_eq!(
            parse_date("28/Oct/26 9:12 PM", true),
            Ok(want + chrono::Duration::hours(12))
        );
        assert_eq!(parse_date("2026-10-28", false), Ok(utc("2026-10-28T00:00:00Z")));
        let err = parse_date("32/Oct/26 9:14 AM", true).expect_err("no 32nd");
        assert!(err.contains("32/Oct/26"), "{err}");
        assert!(parse_date("yesterday", false).is_err());
    }

    #[test]
    fn priorities_from_other_tools_map_to_suggestions() {
        for (p, want) in [
            ("Urgent", Some(Severity::S1)),
            ("Highest", Some(Severity::S1)),
            ("High", Some(Severity::S2)),
            ("Medium", Some(Severity::S3)),
            ("normal", Some(Severity::S3)),
            ("Low", Some(Severity::S4)),
            ("Lowest", Some(Severity::S4)),
            ("No priority", None),
            ("", None),
            ("P1", Some(Severity::S1)),
        ] {
            assert_eq!(priority(p), Ok(want), "{p}");
        }
        assert!(priority("whenever").is_err());
    }

    #[test]
    fn an_explicit_severity_sets_and_a_word_only_suggests() {
        assert_eq!(severity_value("S2"), Ok((Some(Severity::S2), None)));
        assert_eq!(severity_value("high"), Ok((None, Some(Severity::S2))));
        assert!(severity_value("S7").is_err());
    }

    #[test]
    fn html_becomes_text_and_titles_come_from_first_lines() {
        let text = html_to_text("<p>Hello &amp; welcome</p><p>Second <b>para</b></p>");
        assert!(
            text.contains("Hello & welcome") && text.contains("Second para"),
            "{text}"
        );
        assert!(looks_like_html("<p>x</p>") && !looks_like_html("use <b> tags"));
        assert_eq!(title_from_text("\n  first line \nsecond"), "first line");
        let long = "word ".repeat(40);
        let t = title_from_text(&long);
        assert!(t.ends_with('…') && t.chars().count() <= 81, "{t}");
    }

    #[test]
    fn accounts_come_from_work_email_domains() {
        assert_eq!(account_from_email("pm@Acme.example").as_deref(), Some("acme.example"));
        assert_eq!(account_from_email("someone@gmail.com"), None);
        assert_eq!(account_from_email("not an email"), None);
    }

    #[test]
    fn tags_split_on_common_separators() {
        assert_eq!(split_tags("a; b,c | d,,"), vec!["a", "b", "c", "d"]);
    }
}
