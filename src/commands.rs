//! The CLI commands: each opens nothing itself, takes the open store and
//! writes its result to the given output.

use anyhow::Context;
use chrono::{DateTime, Utc};
use std::io::{BufReader, Read, Write};
use std::path::Path;

use crate::cli::{AddArgs, ListArgs, ListFormat};
use crate::domain::NewItem;
use crate::interchange;
use crate::sanitize::display;
use crate::store::{ItemFilter, Store};

pub fn add(
    store: &mut Store,
    args: AddArgs,
    stdin: &mut dyn Read,
    out: &mut dyn Write,
    now: DateTime<Utc>,
) -> anyhow::Result<()> {
    let body = match args.body.as_deref() {
        Some("-") => {
            let mut text = String::new();
            stdin
                .read_to_string(&mut text)
                .context("--body -: reading standard input")?;
            text
        }
        Some(b) => b.to_string(),
        None => String::new(),
    };
    let new = NewItem {
        title: args.title,
        body,
        customer: args.customer,
        segment: args.segment,
        category: args.category,
        tags: args.tags,
        severity: args.severity,
        source: args.source,
        external_id: None,
        created_at: None,
    };
    let outcome = store.add_item(&new, now).map_err(|e| anyhow::anyhow!("--{e}"))?;
    writeln!(out, "{}", outcome.id.0)?;
    if !outcome.created {
        eprintln!("loopboard: an identical item already exists; nothing added");
    }
    Ok(())
}

pub fn list(store: &Store, args: ListArgs, out: &mut dyn Write, now: DateTime<Utc>) -> anyhow::Result<()> {
    let filter = ItemFilter {
        status: args.status,
        severity: args.severity,
        category: args.category,
    };
    let mut items = store.list_items(&filter)?;
    if let Some(sla) = args.sla {
        // Keep the SLA order (most urgent first), then the other filters.
        let order = crate::sla_cmd::matching(store, &crate::sla::Policy::default(), sla, now)?;
        let rank = |id| order.iter().position(|o| *o == id);
        items.retain(|i| rank(i.id).is_some());
        items.sort_by_key(|i| rank(i.id));
    }
    match args.format {
        ListFormat::Jsonl => {
            for item in &items {
                writeln!(out, "{}", interchange::item_line(item)?)?;
            }
        }
        ListFormat::Table => {
            writeln!(
                out,
                "{:>6}  {:<3}  {:<11}  {:<20}  TITLE",
                "ID", "SEV", "STATUS", "CUSTOMER"
            )?;
            for item in &items {
                let sev = item.severity.map_or("--", |s| s.as_str());
                let customer: String = display(item.customer.as_deref().unwrap_or(""))
                    .chars()
                    .take(20)
                    .collect();
                writeln!(
                    out,
                    "{:>6}  {sev:<3}  {:<11}  {customer:<20}  {}",
                    item.id.0,
                    item.status.label(),
                    display(&item.title)
                )?;
            }
        }
    }
    Ok(())
}

pub fn export(store: &Store, out_path: Option<&Path>, stdout: &mut dyn Write) -> anyhow::Result<()> {
    match out_path {
        Some(path) => {
            let mut file = std::io::BufWriter::new(crate::paths::create_private_file(path)?);
            interchange::export(store, &mut file)?;
            file.flush().with_context(|| format!("writing {}", path.display()))?;
            file.into_inner()?.sync_all()?;
        }
        None => interchange::export(store, stdout)?,
    }
    Ok(())
}

pub fn import(
    store: &mut Store,
    path: &Path,
    stdin: &mut dyn Read,
    out: &mut dyn Write,
    now: DateTime<Utc>,
) -> anyhow::Result<()> {
    let name = path.display().to_string();
    let batch = if name == "-" {
        interchange::parse(BufReader::new(stdin), now)
    } else {
        let file = std::fs::File::open(path).with_context(|| format!("opening {name}"))?;
        interchange::parse(BufReader::new(file), now)
    }
    .map_err(|e| anyhow::anyhow!("{name}: {e}"))?;
    let started = std::time::Instant::now();
    store
        .backup()
        .context("backing up before the import; nothing was imported")?;
    let s = store
        .import(&batch)
        .map_err(|e| anyhow::anyhow!("{name}: {e}; nothing was imported"))?;
    writeln!(
        out,
        "imported {} new, {} already present, 0 errors in {:.2} s ({} new decisions)",
        s.items_new,
        s.items_present,
        started.elapsed().as_secs_f64(),
        s.decisions_new
    )?;
    Ok(())
}

pub fn demo(store: &mut Store, out: &mut dyn Write, now: DateTime<Utc>) -> anyhow::Result<()> {
    let s = crate::demo::load(store, now)?;
    if s.items_new == 0 {
        writeln!(
            out,
            "the demo data is already loaded ({} items); nothing added",
            s.items_present
        )?;
    } else {
        writeln!(
            out,
            "loaded the demo: {} items, {} decisions",
            s.items_new, s.decisions_new
        )?;
    }
    Ok(())
}
