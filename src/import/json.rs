//! Generic JSON: an array of objects (`json`) or one object per line
//! (`jsonl`), keys matched to fields through the same alias table as CSV
//! headers. Values may be text, numbers, booleans, lists (tags) or objects
//! with a `name` (a customer written as `{"name": "Acme"}`).

use chrono::{DateTime, Utc};
use serde_json::{Map, Value};
use std::borrow::Cow;
use std::collections::HashMap;
use std::io::BufRead;
use std::sync::Arc;

use super::aliases::{ColumnMap, Field, lookup};
use super::input::Lines;
use super::json_stream::{Elements, strip_position};
use super::values::{Fields, Rules};
use super::{Entry, ImportError, Location};

/// Which field each key feeds, remembered across records (keys repeat).
pub struct KeyMapper {
    maps: Vec<ColumnMap>,
    memo: HashMap<String, Option<(Field, usize)>>,
}

impl KeyMapper {
    pub fn new(maps: &[ColumnMap]) -> Self {
        KeyMapper {
            maps: maps.to_vec(),
            memo: HashMap::new(),
        }
    }

    fn field_of(&mut self, key: &str) -> Option<(Field, usize)> {
        if let Some(found) = self.memo.get(key) {
            return *found;
        }
        let mapped = self
            .maps
            .iter()
            .find(|m| !m.column.is_empty() && m.column.eq_ignore_ascii_case(key.trim()));
        let found = match mapped {
            Some(m) => Some((m.field, 0)),
            // A field named by --map takes only its mapped key; `--map F=` none.
            None => lookup(key).filter(|(f, _)| !self.maps.iter().any(|m| m.field == *f)),
        };
        self.memo.insert(key.to_string(), found);
        found
    }

    /// The fields of one object, best-ranked key first for each field.
    pub fn fields<'a>(&mut self, obj: &'a Map<String, Value>, at: &Location) -> Result<Fields<'a>, ImportError> {
        let mut matched: Vec<(usize, Field, &'a str, &'a Value)> = obj
            .iter()
            .filter_map(|(k, v)| self.field_of(k).map(|(f, rank)| (rank, f, k.as_str(), v)))
            .collect();
        matched.sort_by_key(|m| m.0);
        let mut fields = Fields::default();
        for (_, field, key, value) in matched {
            offer_value(&mut fields, field, key, value)
                .map_err(|reason| ImportError::invalid(at.clone(), key, reason))?;
        }
        Ok(fields)
    }
}

fn offer_value<'a>(fields: &mut Fields<'a>, field: Field, key: &'a str, value: &'a Value) -> Result<(), String> {
    match value {
        Value::Null => {}
        Value::Array(items) if field.is_multi() => {
            for item in items {
                if let Some(text) = scalar_or_name(item)? {
                    fields.offer(field, key, text);
                }
            }
        }
        Value::Array(_) => return Err(format!("expected text for {field}, found a list")),
        other => {
            if let Some(text) = scalar_or_name(other)? {
                fields.offer(field, key, text);
            }
        }
    }
    Ok(())
}

/// Text, a number or a boolean as text; an object by its `name`.
fn scalar_or_name(value: &Value) -> Result<Option<Cow<'_, str>>, String> {
    Ok(match value {
        Value::Null => None,
        Value::String(s) => Some(Cow::Borrowed(s.as_str())),
        Value::Number(n) => Some(Cow::Owned(n.to_string())),
        Value::Bool(b) => Some(Cow::Owned(b.to_string())),
        Value::Object(o) => match o.get("name") {
            Some(Value::String(s)) => Some(Cow::Borrowed(s.as_str())),
            _ => return Err("expected text, found an object without a \"name\"".to_string()),
        },
        Value::Array(_) => return Err("expected text, found a nested list".to_string()),
    })
}

/// Records from JSONL: one object per line; blank lines are skipped.
pub fn jsonl<R: BufRead>(
    reader: R,
    file: Arc<str>,
    maps: &[ColumnMap],
    now: DateTime<Utc>,
) -> impl Iterator<Item = Result<Entry, ImportError>> + use<R> {
    let mut lines = Lines::new(reader, file.clone());
    let mut mapper = KeyMapper::new(maps);
    let rules = Rules::new("jsonl");
    std::iter::from_fn(move || {
        loop {
            let (line, text) = match lines.next_line()? {
                Ok(l) => l,
                Err(e) => return Some(Err(e)),
            };
            if text.trim().is_empty() {
                continue;
            }
            let at = Location::new(&file, line);
            return Some(parse_object(text, &at).and_then(|obj| {
                let fields = mapper.fields(&obj, &at)?;
                fields
                    .into_record(at, &rules, now)
                    .map(|r| Entry::Feedback(Box::new(r)))
            }));
        }
    })
}

fn parse_object(text: &str, at: &Location) -> Result<Map<String, Value>, ImportError> {
    match serde_json::from_str::<Value>(text) {
        Ok(Value::Object(obj)) => Ok(obj),
        Ok(_) => Err(ImportError::invalid(at.clone(), "", "expected a JSON object ({ ... })")),
        Err(e) => Err(ImportError::invalid(
            at.clone().with_column(e.column() as u64),
            "",
            strip_position(&e.to_string()),
        )),
    }
}

/// Records from a JSON array of objects.
pub fn array<R: BufRead>(
    reader: R,
    file: Arc<str>,
    maps: &[ColumnMap],
    now: DateTime<Utc>,
) -> impl Iterator<Item = Result<Entry, ImportError>> + use<R> {
    let mut mapper = KeyMapper::new(maps);
    let rules = Rules::new("json");
    Elements::new(reader, file, &[]).map(move |element| {
        let element = element?;
        let at = element.location.clone();
        let Value::Object(obj) = element.parse::<Value>()? else {
            return Err(ImportError::invalid(at, "", "expected a JSON object ({ ... })"));
        };
        let fields = mapper.fields(&obj, &at)?;
        fields
            .into_record(at, &rules, now)
            .map(|r| Entry::Feedback(Box::new(r)))
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::Severity;

    fn records(text: &str, maps: &[ColumnMap]) -> Vec<Result<crate::import::Record, String>> {
        jsonl(text.as_bytes(), Arc::from("f.jsonl"), maps, DateTime::UNIX_EPOCH)
            .map(|r| match r {
                Ok(Entry::Feedback(rec)) => Ok(*rec),
                Err(e) => Err(e.to_string()),
            })
            .collect()
    }

    #[test]
    fn keys_map_through_aliases_and_values_convert() {
        let text = r#"{"Subject":"Slow export","description":"It takes ages","company":{"name":"Acme"},"labels":["Perf",{"name":"export"}],"priority":"High","id":42,"date":"2026-10-28"}"#;
        let rec = records(text, &[]).remove(0).expect("record");
        assert_eq!(rec.item.title, "Slow export");
        assert_eq!(rec.item.body, "It takes ages");
        assert_eq!(rec.item.customer.as_deref(), Some("Acme"));
        assert_eq!(rec.item.tags, vec!["Perf", "export"]);
        assert_eq!(rec.item.external_id.as_deref(), Some("42"));
        assert_eq!(rec.item.source, "jsonl");
        assert_eq!(rec.suggested_severity, Some(Severity::S2));
        assert_eq!(rec.item.severity, None);
    }

    #[test]
    fn map_options_pick_keys() {
        let text = r#"{"title":"t","notes":"from notes","body":"from body"}"#;
        let maps = ["body=notes".parse().expect("map")];
        let rec = records(text, &maps).remove(0).expect("record");
        assert_eq!(rec.item.body, "from notes");
    }

    #[test]
    fn errors_name_line_column_and_key() {
        let got = records("{\"title\":\"ok\"}\n\n{\"title\": [1]}\n{\"title\" 1}\n[1]\n", &[]);
        assert_eq!(
            got[1].as_ref().expect_err("list"),
            "f.jsonl:3: title: expected text for title, found a list"
        );
        assert!(
            got[2]
                .as_ref()
                .expect_err("syntax")
                .starts_with("f.jsonl:4:10: expected `:`"),
            "{got:?}"
        );
        assert!(
            got[3]
                .as_ref()
                .expect_err("not object")
                .contains("expected a JSON object")
        );
    }
}
