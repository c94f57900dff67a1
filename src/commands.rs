//! The CLI commands: each opens nothing itself, takes the open store and
//! writes its result to the given output.

use anyhow::Context;
use chrono::{DateTime, Utc};
use std::io::{Read, Write};
use std::path::Path;

use crate::cli::{AddArgs, CustomerSetArgs, ImportArgs, ListArgs, ListFormat};
use crate::domain::{CustomerPatch, NewItem};
use crate::import::{self, Options};
use crate::interchange;
use crate::progress::Progress;
use crate::sanitize::display;
use crate::store::{ImportMode, ItemFilter, Store};

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
    list_with(store, args, out, now, &crate::sla::Policy::default())
}

/// `list` under `policy`: the config's SLA targets decide `sla:` filter
/// terms and `--sla`, as they do on the board.
pub fn list_with(
    store: &Store,
    args: ListArgs,
    out: &mut dyn Write,
    now: DateTime<Utc>,
    policy: &crate::sla::Policy,
) -> anyhow::Result<()> {
    let filter = ItemFilter {
        status: args.status,
        severity: args.severity,
        category: args.category,
    };
    let mut items = store.list_items(&filter)?;
    if let Some(query) = &args.filter {
        let parsed = crate::filter::parse(query).map_err(|e| anyhow::anyhow!("--filter: {e}"))?;
        let keep = store.filtered_ids(&parsed, policy, now)?;
        items.retain(|i| keep.binary_search(&i.id).is_ok());
    }
    if let Some(sla) = args.sla {
        // Keep the SLA order (most urgent first), then the other filters.
        let order = crate::sla_cmd::matching(store, policy, sla, now)?;
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
                "{:>6}  {:<4}  {:<11}  {:<20}  TITLE",
                "ID", "SEV", "STATUS", "CUSTOMER"
            )?;
            for item in &items {
                let sev = severity_cell(item);
                let customer: String = display(item.customer.as_deref().unwrap_or(""))
                    .chars()
                    .take(20)
                    .collect();
                writeln!(
                    out,
                    "{:>6}  {sev:<4}  {:<11}  {customer:<20}  {}",
                    item.id.0,
                    item.status.label(),
                    display(&item.title)
                )?;
            }
        }
    }
    Ok(())
}

/// `S2`, or `S2?` for a severity another tool suggested and nobody has
/// confirmed yet, or `--`.
fn severity_cell(item: &crate::domain::Item) -> String {
    match (item.severity, item.suggested_severity) {
        (Some(s), _) => s.as_str().to_string(),
        (None, Some(s)) => format!("{s}?"),
        (None, None) => "--".to_string(),
    }
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

/// `loopboard import`: one file in one transaction, with a closing summary
/// (and a progress bar on a terminal). `stdin` is read when the file is `-`.
pub fn import(
    store: &mut Store,
    args: ImportArgs,
    stdin: Box<dyn Read + Send>,
    out: &mut dyn Write,
    progress_bar: bool,
    now: DateTime<Utc>,
) -> anyhow::Result<()> {
    let started = std::time::Instant::now();
    let opts = Options {
        format: args.format,
        maps: args.maps,
        now,
    };
    let failed = |e: &dyn std::fmt::Display| {
        anyhow::anyhow!(
            "{e}\nimported 0 new, 0 already present, 1 error in {:.2} s: nothing was written (an import is all or nothing)",
            started.elapsed().as_secs_f64()
        )
    };
    let source = if args.file.as_os_str() == "-" {
        import::open_reader("<stdin>", stdin, None, &opts)
    } else {
        import::open_path(&args.file, &opts)
    }
    .map_err(|e| failed(&e))?;
    if args.dry_run {
        writeln!(out, "format: {} ({})", source.format, import::describe(source.format))?;
        if !source.unused_columns.is_empty() {
            writeln!(out, "columns not imported: {}", source.unused_columns.join(", "))?;
        }
    }
    let mode = if args.dry_run {
        ImportMode::DryRun
    } else {
        ImportMode::Commit
    };
    if !args.dry_run {
        store
            .backup()
            .map_err(|e| failed(&format!("backing up before the import: {e}")))?;
    }
    let result = if source.interchange.is_some() {
        store.import_source(source, now, mode)
    } else {
        let mut entries = Progress::new(source.entries, source.bytes_read, source.total_bytes, progress_bar);
        let result = store.import_entries(&mut entries, now, mode);
        entries.clear();
        result
    };
    let s = result.map_err(|e| failed(&e))?;
    let verb = if args.dry_run {
        "dry run: would import"
    } else {
        "imported"
    };
    write!(
        out,
        "{verb} {} new, {} already present, 0 errors in {:.2} s",
        s.items_new,
        s.items_present,
        started.elapsed().as_secs_f64()
    )?;
    let mut extras = Vec::new();
    if s.customers_new > 0 {
        extras.push(format!("{} new customers", s.customers_new));
    }
    if s.decisions_new + s.decisions_present > 0 {
        extras.push(format!("{} new decisions", s.decisions_new));
    }
    if !extras.is_empty() {
        write!(out, " ({})", extras.join(", "))?;
    }
    writeln!(out, "{}", if args.dry_run { "; nothing was written" } else { "" })?;
    if s.hypotheses_new + s.hypotheses_present + s.bets_new + s.bets_present > 0 {
        writeln!(
            out,
            "hypotheses: {} new, {} already present; bets: {} new, {} already present",
            s.hypotheses_new, s.hypotheses_present, s.bets_new, s.bets_present
        )?;
    }
    Ok(())
}

/// `loopboard customer set NAME [--segment S] [--tier T] [--arr N]`.
pub fn customer_set(store: &mut Store, args: CustomerSetArgs, out: &mut dyn Write) -> anyhow::Result<()> {
    let patch = CustomerPatch {
        segment: args.segment,
        tier: args.tier,
        arr: args.arr,
    };
    let (c, created) = store
        .set_customer(&args.name, &patch)
        .map_err(|e| anyhow::anyhow!("{e}"))?;
    let verb = if created { "created" } else { "updated" };
    writeln!(out, "{verb} customer {}", display(&c.name))?;
    Ok(())
}

/// `loopboard customer list`: one customer per line.
pub fn customer_list(store: &Store, out: &mut dyn Write) -> anyhow::Result<()> {
    writeln!(
        out,
        "{:>5}  {:<30}  {:<12}  {:<10}  {:>12}",
        "ID", "NAME", "SEGMENT", "TIER", "ARR"
    )?;
    for c in store.customers()? {
        let name: String = display(&c.name).chars().take(30).collect();
        writeln!(
            out,
            "{:>5}  {name:<30}  {:<12}  {:<10}  {:>12}",
            c.id.0,
            display(c.segment.as_deref().unwrap_or("")),
            display(c.tier.as_deref().unwrap_or("")),
            c.arr.map(|a| a.to_string()).unwrap_or_default()
        )?;
    }
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
