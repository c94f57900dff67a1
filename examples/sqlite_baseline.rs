//! The floor an import is measured against: the same CSV rows inserted into
//! a bare table (no index, no checks, no sanitizing, no identity) in one
//! transaction, with the settings loopboard uses (WAL, synchronous=FULL).
//! Run it next to the real import, on the same file, at the same moment:
//!
//! ```sh
//! cargo run --release --example sqlite_baseline -- /tmp/big.csv /tmp/baseline.db
//! ```

use std::error::Error;
use std::time::Instant;

fn main() -> Result<(), Box<dyn Error>> {
    let args: Vec<String> = std::env::args().collect();
    let (Some(input), Some(db)) = (args.get(1), args.get(2)) else {
        return Err("usage: sqlite_baseline FILE.csv DB".into());
    };
    for suffix in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{db}{suffix}"));
    }
    let started = Instant::now();
    let mut conn = rusqlite::Connection::open(db)?;
    conn.pragma_update(None, "journal_mode", "WAL")?;
    conn.pragma_update(None, "synchronous", "FULL")?;
    conn.execute_batch(
        "CREATE TABLE rows (title TEXT, body TEXT, customer TEXT, segment TEXT, category TEXT, tags TEXT, \
         severity TEXT, source TEXT, external_id TEXT, created_at TEXT)",
    )?;
    let mut reader = csv::Reader::from_path(input)?;
    let tx = conn.transaction()?;
    let mut n = 0u64;
    {
        let mut insert = tx.prepare("INSERT INTO rows VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)")?;
        for record in reader.records() {
            let record = record?;
            insert.execute(rusqlite::params_from_iter(record.iter()))?;
            n += 1;
        }
    }
    tx.commit()?;
    let secs = started.elapsed().as_secs_f64();
    println!("baseline: {n} rows in {secs:.2} s ({:.0} rows/s)", n as f64 / secs);
    Ok(())
}
