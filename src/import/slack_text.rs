//! Slack's message markup to plain text: `<@U01PM>` → `@Dana Park`,
//! `<#C01|general>` → `#general`, `<https://x|label>` → `label (https://x)`,
//! `<!here>` → `@here`, and the three HTML entities Slack escapes.

use chrono::{DateTime, Utc};
use std::collections::HashMap;

pub fn to_plain(text: &str, users: &HashMap<String, String>) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(open) = rest.find('<') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        let Some(close) = after.find('>') else {
            out.push_str(&rest[open..]);
            rest = "";
            break;
        };
        out.push_str(&token(&after[..close], users));
        rest = &after[close + 1..];
    }
    out.push_str(rest);
    out.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")
}

fn token(inner: &str, users: &HashMap<String, String>) -> String {
    let (target, label) = match inner.split_once('|') {
        Some((t, l)) => (t, Some(l)),
        None => (inner, None),
    };
    if let Some(id) = target.strip_prefix('@') {
        let name = label.map(str::to_string).or_else(|| users.get(id).cloned());
        return format!("@{}", name.unwrap_or_else(|| id.to_string()));
    }
    if let Some(id) = target.strip_prefix('#') {
        return format!("#{}", label.unwrap_or(id));
    }
    if let Some(special) = target.strip_prefix('!') {
        return format!("@{}", label.unwrap_or(special.split('^').next().unwrap_or(special)));
    }
    match label {
        Some(l) if l != target => format!("{l} ({target})"),
        _ => target.to_string(),
    }
}

/// A Slack `ts` ("1762160400.000100": seconds, then microseconds) as a time.
pub fn ts_to_time(ts: &str) -> Option<DateTime<Utc>> {
    let (secs, frac) = ts.trim().split_once('.').unwrap_or((ts.trim(), "0"));
    let secs: i64 = secs.parse().ok()?;
    let micros: u32 = format!("{frac:0<6}").get(..6)?.parse().ok()?;
    DateTime::from_timestamp(secs, micros * 1000)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_becomes_plain_text() {
        let users = HashMap::from([("U01PM".to_string(), "Dana Park".to_string())]);
        assert_eq!(
            to_plain(
                "<@U01PM> see <#C1|general> and <https://x.io|the doc> &amp; <!here> <@U9>",
                &users
            ),
            "@Dana Park see #general and the doc (https://x.io) & @here @U9"
        );
        assert_eq!(to_plain("a < b", &users), "a < b");
    }

    #[test]
    fn timestamps_keep_their_microseconds() {
        let t = ts_to_time("1762160400.000100").expect("ts");
        assert_eq!(t.timestamp(), 1_762_160_400);
        assert_eq!(t.timestamp_subsec_micros(), 100);
        assert!(ts_to_time("soon").is_none());
    }
}
