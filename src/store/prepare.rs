//! The first stage of an import, run on its own thread: pull records from
//! the reader, sanitize and validate them, and compute their identity (all
//! pure work), so the connection's thread does nothing but SQL. The stages
//! talk through a small bounded channel of batches: memory stays bounded and
//! the two cores of a laptop both work.

use std::sync::mpsc::{Receiver, SyncSender, sync_channel};

use super::StoreError;
use super::intake::{intake_key, normalize_owned};
use crate::domain::{NewItem, Severity};
use crate::import::{Entry, ImportError, Location};

/// Records handed over at once: big enough to make the channel cheap,
/// small enough to keep memory flat.
const BATCH: usize = 512;
/// Batches in flight between the stages.
const DEPTH: usize = 4;

/// A record ready to be written.
pub(crate) enum Prepared {
    Feedback {
        location: Location,
        item: NewItem,
        key: String,
        suggested: Option<Severity>,
    },
}

pub(crate) type Batch = Vec<Result<Prepared, ImportError>>;

/// What the writer has finished with: a written batch and the tags it
/// wrote. It goes back to be freed on the thread that allocated it, which
/// has time to spare; freeing it on the writer's thread cost the writer
/// about a tenth of its time (glibc locks the allocating thread's arena).
pub(crate) type Spent = (Batch, Vec<String>);

/// The writer's end of the pipeline.
pub(crate) struct Batches {
    rx: Receiver<Batch>,
    spent: SyncSender<Spent>,
}

impl Batches {
    /// The next batch; `None` once the reader is done.
    pub(crate) fn recv(&self) -> Option<Batch> {
        self.rx.recv().ok()
    }

    /// Hands what was written back to be freed. When the preparation
    /// thread is gone or behind, it is simply freed here.
    pub(crate) fn give_back(&self, spent: Spent) {
        let _ = self.spent.try_send(spent);
    }
}

/// Runs `entries` through preparation on a scoped thread and hands the
/// batches to `consume` on this one. Stops at the first error either side.
pub(crate) fn pipeline<I, T>(
    entries: I,
    consume: impl FnOnce(Batches) -> Result<T, ImportError>,
) -> Result<T, ImportError>
where
    I: Iterator<Item = Result<Entry, ImportError>> + Send,
{
    let (tx, rx) = sync_channel::<Batch>(DEPTH);
    let (spent, returned) = sync_channel::<Spent>(DEPTH);
    std::thread::scope(|scope| {
        scope.spawn(move || produce(entries, &tx, &returned));
        consume(Batches { rx, spent })
    })
}

fn produce<I: Iterator<Item = Result<Entry, ImportError>>>(
    entries: I,
    tx: &SyncSender<Batch>,
    returned: &Receiver<Spent>,
) {
    let mut batch = Vec::with_capacity(BATCH);
    for entry in entries {
        let prepared = entry.and_then(prepare);
        let failed = prepared.is_err();
        batch.push(prepared);
        if failed || batch.len() == BATCH {
            // A closed channel means the writer stopped: so do we.
            if tx
                .send(std::mem::replace(&mut batch, Vec::with_capacity(BATCH)))
                .is_err()
                || failed
            {
                return;
            }
            // Free what the writer is done with.
            while returned.try_recv().is_ok() {}
        }
    }
    if !batch.is_empty() {
        let _ = tx.send(batch);
    }
}

fn prepare(entry: Entry) -> Result<Prepared, ImportError> {
    Ok(match entry {
        Entry::Feedback(rec) => {
            let rec = *rec;
            let item = normalize_owned(rec.item).map_err(|e| located(&rec.location, e))?;
            let key = intake_key(&item);
            Prepared::Feedback {
                location: rec.location,
                item,
                key,
                suggested: rec.suggested_severity,
            }
        }
    })
}

/// A store error about one record, pinned to where the record is.
pub(crate) fn located(location: &Location, e: StoreError) -> ImportError {
    let (field, reason) = match e {
        StoreError::Invalid { field, reason } => (field.to_string(), reason),
        StoreError::Transition(t) => ("status".to_string(), t.to_string()),
        other => ("record".to_string(), other.to_string()),
    };
    ImportError::invalid(location.clone(), field, reason)
}
