//! The filter parser: splits the line into terms (respecting quotes),
//! recognises `field:value` terms and reads each value, reporting the column
//! of the first problem.

use super::{Cmp, Condition, Filter, FilterError, SlaState, Term};
use crate::domain::{ParseStatusError, Severity};

/// Parses a filter line. An empty line is the empty filter (matches all).
pub fn parse(line: &str) -> Result<Filter, FilterError> {
    let mut conditions = Vec::new();
    for token in tokens(line)? {
        conditions.push(condition(&token)?);
    }
    Ok(Filter {
        conditions,
        source: line.trim().to_string(),
    })
}

/// One whitespace-separated token, with quotes removed and its column.
struct Token {
    text: String,
    column: usize,
    /// The token began with a quote: it is free text even if it holds `:`.
    quoted: bool,
}

fn tokens(line: &str) -> Result<Vec<Token>, FilterError> {
    let mut out = Vec::new();
    let mut chars = line.chars().enumerate().peekable();
    while let Some(&(start, c)) = chars.peek() {
        if c.is_whitespace() {
            chars.next();
            continue;
        }
        let mut token = Token {
            text: String::new(),
            column: start + 1,
            quoted: c == '"',
        };
        // Column of the quote that is currently open, if any.
        let mut open: Option<usize> = None;
        while let Some(&(i, c)) = chars.peek() {
            if c.is_whitespace() && open.is_none() {
                break;
            }
            chars.next();
            match (c, open) {
                ('"', None) => open = Some(i + 1),
                ('"', Some(_)) => open = None,
                _ => token.text.push(c),
            }
        }
        if let Some(column) = open {
            return Err(err(column, "unclosed quote"));
        }
        out.push(token);
    }
    Ok(out)
}

fn err(column: usize, message: impl Into<String>) -> FilterError {
    FilterError {
        column,
        message: message.into(),
    }
}

fn condition(token: &Token) -> Result<Condition, FilterError> {
    let (negated, text, offset) = match token.text.strip_prefix('-') {
        Some(rest) if rest.contains(':') => (true, rest, 1),
        _ => (false, token.text.as_str(), 0),
    };
    let Some((field, value)) = text.split_once(':').filter(|(f, _)| !f.is_empty() && !token.quoted) else {
        return Ok(Condition {
            negated: false,
            term: Term::Text(token.text.to_lowercase()),
        });
    };
    let value_column = token.column + offset + field.chars().count() + 1;
    if value.is_empty() {
        return Err(err(value_column, format!("{field}: needs a value")));
    }
    let verr = |message: String| err(value_column, message);
    let term = match field.to_ascii_lowercase().as_str() {
        "sev" | "severity" => {
            let (cmp, rest) = comparison(value);
            let sev = match rest.to_ascii_lowercase().as_str() {
                "none" | "-" if cmp == Cmp::Eq => None,
                other => Some(other.parse::<Severity>().map_err(|e| verr(e.to_string()))?),
            };
            Term::Severity(cmp, sev)
        }
        "status" => Term::Status(value.parse().map_err(|e: ParseStatusError| verr(e.to_string()))?),
        "cat" | "category" => Term::Category(value.to_lowercase()),
        "owner" => Term::Owner(value.to_string()),
        "customer" => Term::Customer(value.to_string()),
        "segment" => Term::Segment(value.to_lowercase()),
        "tag" => Term::Tag(value.to_lowercase()),
        "theme" => Term::Theme(value.to_string()),
        "age" => {
            let (cmp, rest) = comparison(value);
            let d = crate::sla::parse_duration(rest).map_err(|e| verr(e.to_string()))?;
            Term::Age(cmp, d)
        }
        "sla" => Term::Sla(match value.to_ascii_lowercase().replace('_', "-").as_str() {
            "at-risk" | "risk" => SlaState::AtRisk,
            "breached" | "late" | "over" => SlaState::Breached,
            "on-track" | "ok" => SlaState::OnTrack,
            _ => return Err(verr(format!("sla: {value:?} is not at-risk, breached or on-track"))),
        }),
        other => {
            let known = "sev, status, cat, owner, customer, segment, tag, age, sla, theme";
            return Err(err(
                token.column + offset,
                format!("unknown field {other:?} (known: {known})"),
            ));
        }
    };
    Ok(Condition { negated, term })
}

/// Splits a leading `<`, `<=`, `>`, `>=` or `=` off a value.
fn comparison(value: &str) -> (Cmp, &str) {
    for (prefix, cmp) in [
        ("<=", Cmp::Le),
        (">=", Cmp::Ge),
        ("<", Cmp::Lt),
        (">", Cmp::Gt),
        ("=", Cmp::Eq),
    ] {
        if let Some(rest) = value.strip_prefix(prefix) {
            return (cmp, rest);
        }
    }
    (Cmp::Eq, value)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::Status;
    use chrono::Duration;

    fn terms(line: &str) -> Vec<Term> {
        parse(line)
            .expect(line)
            .conditions
            .into_iter()
            .map(|c| c.term)
            .collect()
    }

    #[test]
    fn the_examples_from_the_issue_parse() {
        let got = terms(
            r#"sev:1 sev:<=2 cat:billing status:new owner:dana customer:acme segment:enterprise tag:sso age:>7d sla:breached theme:"invoice totals""#,
        );
        assert_eq!(
            got,
            vec![
                Term::Severity(Cmp::Eq, Some(Severity::S1)),
                Term::Severity(Cmp::Le, Some(Severity::S2)),
                Term::Category("billing".into()),
                Term::Status(Status::New),
                Term::Owner("dana".into()),
                Term::Customer("acme".into()),
                Term::Segment("enterprise".into()),
                Term::Tag("sso".into()),
                Term::Age(Cmp::Gt, Duration::days(7)),
                Term::Sla(SlaState::Breached),
                Term::Theme("invoice totals".into()),
            ]
        );
    }

    #[test]
    fn free_text_and_negation_mix_with_fields() {
        let f = parse("export -status:declined CSV").expect("parse");
        assert_eq!(f.conditions.len(), 3);
        assert_eq!(f.conditions[0].term, Term::Text("export".into()));
        assert!(f.conditions[1].negated);
        assert_eq!(f.conditions[1].term, Term::Status(Status::Declined));
        assert_eq!(f.conditions[2].term, Term::Text("csv".into()));
        assert_eq!(terms("\"quoted: words\""), vec![Term::Text("quoted: words".into())]);
        assert_eq!(terms("sev:none"), vec![Term::Severity(Cmp::Eq, None)]);
        assert!(parse("").expect("empty").is_empty());
    }

    #[test]
    fn errors_point_at_the_column() {
        for (line, column, needle) in [
            ("sev:5", 5, "S1"),
            ("cat:billing  colour:red", 14, "unknown field"),
            ("status:done", 8, "status"),
            ("age:>soon", 5, "soon"),
            ("sla:maybe", 5, "at-risk"),
            ("owner:", 7, "needs a value"),
            ("theme:\"open", 7, "unclosed quote"),
            ("-sev:9", 6, "S1"),
        ] {
            let e = parse(line).expect_err(line);
            assert_eq!(e.column, column, "{line}: {e}");
            assert!(e.message.contains(needle), "{line}: {e}");
        }
    }
}
