//! `loopboard similar ID`: likely duplicates of one item, from an index built
//! over every item in the store, each with its score and the shared words
//! that explain it.

use serde::Serialize;
use std::collections::HashMap;
use std::io::Write;

use crate::cli::{ListFormat, SimilarArgs};
use crate::domain::{Item, ItemId};
use crate::sanitize::display;
use crate::similar::{Doc, Index, SHOW_THRESHOLD, Suggestion};
use crate::store::Store;

/// One suggestion as a JSONL line.
#[derive(Serialize)]
struct Line<'a> {
    id: i64,
    score: f32,
    why: &'a [String],
    title: &'a str,
    customer: Option<&'a str>,
    status: &'a str,
}

pub fn similar(store: &Store, args: SimilarArgs, out: &mut dyn Write) -> anyhow::Result<()> {
    let query = store.get_item(ItemId(args.id))?;
    let items = store.list_items(&Default::default())?;
    let index = Index::build(&items.iter().map(Doc::from_item).collect::<Vec<_>>());
    let suggestions: Vec<Suggestion> = index
        .suggest(query.id.0, args.limit)
        .into_iter()
        .filter(|s| args.all || s.is_likely())
        .collect();
    let by_id: HashMap<i64, &Item> = items.iter().map(|i| (i.id.0, i)).collect();
    let found = suggestions.iter().filter_map(|s| Some((s, *by_id.get(&s.id)?)));
    match args.format {
        ListFormat::Jsonl => {
            for (s, item) in found {
                writeln!(out, "{}", serde_json::to_string(&line(s, item))?)?;
            }
        }
        ListFormat::Table => table(out, &query, found.collect())?,
    }
    Ok(())
}

fn line<'a>(s: &'a Suggestion, item: &'a Item) -> Line<'a> {
    Line {
        id: s.id,
        score: (s.score * 1000.0).round() / 1000.0,
        why: &s.why,
        title: &item.title,
        customer: item.customer.as_deref(),
        status: item.status.as_str(),
    }
}

fn table(out: &mut dyn Write, query: &Item, rows: Vec<(&Suggestion, &Item)>) -> anyhow::Result<()> {
    writeln!(out, "likely duplicates of {}: {}", query.id, display(&query.title))?;
    if rows.is_empty() {
        writeln!(
            out,
            "  none scores {SHOW_THRESHOLD:.2} or more (--all shows the closest anyway)"
        )?;
        return Ok(());
    }
    writeln!(
        out,
        "{:>6}  {:>5}  {:<11}  {:<20}  TITLE",
        "ID", "SCORE", "STATUS", "CUSTOMER"
    )?;
    for (s, item) in rows {
        let customer: String = display(item.customer.as_deref().unwrap_or(""))
            .chars()
            .take(20)
            .collect();
        writeln!(
            out,
            "{:>6}  {:>5.2}  {:<11}  {customer:<20}  {}",
            s.id,
            s.score,
            item.status.label(),
            display(&item.title)
        )?;
        writeln!(out, "{:>6}  {:>5}  shared: {}", "", "", display(&s.why.join(", ")))?;
    }
    Ok(())
}
