//! What search looks through, read from the store: every item (title, then
//! customer, tags and body), theme, hypothesis, bet and decision, as [`Doc`]s.
//! Text is sanitized here, so nothing untrusted reaches a result line.

use super::{Doc, Kind};
use crate::sanitize::clean_line;
use crate::store::{Store, StoreError};

/// Every searchable object in the store.
pub fn collect(store: &Store) -> Result<Vec<Doc>, StoreError> {
    let mut docs = Vec::new();
    for item in store.list_items(&Default::default())? {
        let mut text = clean_line(&item.title);
        for part in [item.customer.as_deref(), item.category.as_deref()]
            .into_iter()
            .flatten()
        {
            text.push_str(" · ");
            text.push_str(&clean_line(part));
        }
        for tag in &item.tags {
            text.push_str(" #");
            text.push_str(&clean_line(tag));
        }
        text.push_str(" · ");
        text.push_str(&clean_line(&item.body));
        docs.push(Doc {
            kind: Kind::Item,
            id: item.id.0,
            label: clean_line(&item.title),
            text,
        });
    }
    for theme in store.themes()? {
        docs.push(plain(Kind::Theme, theme.id.0, &theme.name, ""));
    }
    for h in store.list_hypotheses()? {
        docs.push(plain(Kind::Hypothesis, h.id.0, &h.statement, ""));
    }
    for bet in store.list_bets()? {
        let metric = bet.metric.as_deref().unwrap_or_default();
        docs.push(plain(Kind::Bet, bet.id.0, &bet.title, metric));
    }
    for d in store.list_decisions()? {
        let label = format!("{} {} #{}", d.kind.as_str(), d.subject.as_str(), d.subject_id);
        docs.push(plain(
            Kind::Decision,
            d.id,
            &label,
            &format!("{} · {}", d.rationale, d.decided_by),
        ));
    }
    Ok(docs)
}

fn plain(kind: Kind, id: i64, label: &str, rest: &str) -> Doc {
    let label = clean_line(label);
    let text = if rest.is_empty() {
        label.clone()
    } else {
        format!("{label} · {}", clean_line(rest))
    };
    Doc { kind, id, label, text }
}
