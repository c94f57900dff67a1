//! The formats loopboard imports, and recognizing one from a file's first
//! bytes (`--format` overrides the guess).

use std::fmt;
use std::str::FromStr;

use super::{jira, linear};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Format {
    Csv,
    Json,
    Jsonl,
    /// loopboard's own export (`loopboard export`).
    Interchange,
    Github,
    Slack,
    Linear,
    Jira,
    Zendesk,
    Intercom,
    Canny,
}

impl Format {
    pub const ALL: [Format; 11] = [
        Format::Csv,
        Format::Json,
        Format::Jsonl,
        Format::Interchange,
        Format::Github,
        Format::Slack,
        Format::Linear,
        Format::Jira,
        Format::Zendesk,
        Format::Intercom,
        Format::Canny,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Format::Csv => "csv",
            Format::Json => "json",
            Format::Jsonl => "jsonl",
            Format::Interchange => "interchange",
            Format::Github => "github",
            Format::Slack => "slack",
            Format::Linear => "linear",
            Format::Jira => "jira",
            Format::Zendesk => "zendesk",
            Format::Intercom => "intercom",
            Format::Canny => "canny",
        }
    }

    /// Whether `--map` applies (the formats whose columns or keys vary).
    pub fn takes_maps(self) -> bool {
        matches!(
            self,
            Format::Csv | Format::Json | Format::Jsonl | Format::Linear | Format::Jira
        )
    }
}

impl fmt::Display for Format {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Format {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let want = s.trim().to_lowercase();
        Format::ALL.into_iter().find(|f| f.as_str() == want).ok_or_else(|| {
            let names: Vec<_> = Format::ALL.iter().map(|f| f.as_str()).collect();
            format!("unknown format {s:?}: expected one of {}", names.join(", "))
        })
    }
}

/// Recognizes a format from the first bytes of a file (UTF-8, without BOM).
/// `None`: a JSON object that is no known export.
pub fn detect(head: &[u8]) -> Option<Format> {
    let text = String::from_utf8_lossy(head);
    let trimmed = text.trim_start();
    match trimmed.chars().next() {
        Some('[') => Some(detect_array(trimmed)),
        Some('{') => detect_object(trimmed),
        _ => Some(detect_csv(trimmed)),
    }
}

fn detect_array(text: &str) -> Format {
    let first_element = text.get(..4096.min(text.len())).unwrap_or(text);
    let has = |key: &str| first_element.contains(&format!("\"{key}\""));
    if has("number") && has("title") && (has("createdAt") || has("url") || has("labels")) {
        Format::Github
    } else {
        Format::Json
    }
}

fn detect_object(text: &str) -> Option<Format> {
    let first_line = text.lines().next().unwrap_or("");
    let wrapped = wrapped_export(text);
    if let Ok(serde_json::Value::Object(obj)) = serde_json::from_str::<serde_json::Value>(first_line) {
        // loopboard's own kinds only: a feedback file may well have a "kind" column.
        let kind = obj.get("kind").and_then(serde_json::Value::as_str);
        if matches!(
            kind,
            Some("item" | "decision" | "customer" | "theme" | "hypothesis" | "bet")
        ) {
            return Some(Format::Interchange);
        }
        return Some(wrapped.unwrap_or(Format::Jsonl));
    }
    wrapped
}

/// The tools that wrap their array in an object, by the key holding it.
fn wrapped_export(text: &str) -> Option<Format> {
    let compact: String = text.chars().filter(|c| !c.is_whitespace()).take(1 << 16).collect();
    [
        ("\"tickets\":[", Format::Zendesk),
        ("\"conversations\":[", Format::Intercom),
        ("\"posts\":[", Format::Canny),
    ]
    .into_iter()
    .find(|(key, _)| compact.contains(key))
    .map(|(_, f)| f)
}

fn detect_csv(text: &str) -> Format {
    let header = text.lines().next().unwrap_or("");
    let names: Vec<&str> = header
        .split([',', ';', '\t'])
        .map(|h| h.trim().trim_matches('"'))
        .collect();
    if jira::is_jira(&names) {
        Format::Jira
    } else if linear::is_linear(&names) {
        Format::Linear
    } else {
        Format::Csv
    }
}

/// Used by tests and `--dry-run` to explain a guess.
pub fn describe(format: Format) -> &'static str {
    match format {
        Format::Csv => "CSV with a header row",
        Format::Json => "a JSON array of objects",
        Format::Jsonl => "one JSON object per line",
        Format::Interchange => "loopboard's own export",
        Format::Github => "GitHub issues (gh issue list --json)",
        Format::Slack => "a Slack export",
        Format::Linear => "a Linear CSV export",
        Format::Jira => "a Jira CSV export",
        Format::Zendesk => "Zendesk tickets",
        Format::Intercom => "Intercom conversations",
        Format::Canny => "Canny posts",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn detection_reads_the_first_bytes() {
        let cases: &[(&str, Format)] = &[
            ("title,body\nx,y\n", Format::Csv),
            ("Summary,Issue key,Labels\n", Format::Jira),
            ("ID,Team,Title,Priority,Cycle Number\n", Format::Linear),
            ("{\"title\":\"x\"}\n{\"title\":\"y\"}\n", Format::Jsonl),
            ("{\"kind\":\"item\",\"title\":\"x\"}\n", Format::Interchange),
            ("{\"kind\":\"bug\",\"title\":\"x\"}\n", Format::Jsonl),
            ("{\n  \"tickets\": [\n", Format::Zendesk),
            (
                "{\"type\":\"conversation.list\",\"conversations\":[]}",
                Format::Intercom,
            ),
            ("{\n \"hasMore\": false,\n \"posts\": [", Format::Canny),
            ("[{\"title\":\"x\"}]", Format::Json),
            (
                "[\n {\n \"number\": 1, \"title\": \"x\", \"url\": \"u\"",
                Format::Github,
            ),
        ];
        for (head, want) in cases {
            assert_eq!(detect(head.as_bytes()), Some(*want), "{head}");
        }
        assert_eq!(detect(b"{\n \"something\": 1\n}"), None);
    }

    #[test]
    fn names_parse_and_print() {
        for f in Format::ALL {
            assert_eq!(f.as_str().parse::<Format>(), Ok(f));
        }
        assert!("xml".parse::<Format>().is_err());
    }
}
