//! Heap held by the similarity index over a database's items, counted by a
//! wrapping global allocator: live bytes once built, the peak while building,
//! and the same after `Index::shrink`. Unlike VmHWM this does not depend on
//! the allocator's arenas or on the machine's load, so before/after figures
//! of a change to the index's layout compare exactly.
//!
//! ```sh
//! cargo run --release --example index_memory -- DB
//! ```

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Instant;

use loopboard::similar::{Doc, Index};
use loopboard::store::Store;

struct Counting;

static LIVE: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

// SAFETY: every call is forwarded to the system allocator unchanged; only
// the byte counters are updated beside it.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let now = LIVE.fetch_add(layout.size(), Ordering::Relaxed) + layout.size();
        PEAK.fetch_max(now, Ordering::Relaxed);
        // SAFETY: same layout as asked for.
        unsafe { System.alloc(layout) }
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        LIVE.fetch_sub(layout.size(), Ordering::Relaxed);
        // SAFETY: ptr came from `alloc` with this layout.
        unsafe { System.dealloc(ptr, layout) }
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        let now = if new_size >= layout.size() {
            LIVE.fetch_add(new_size - layout.size(), Ordering::Relaxed) + new_size - layout.size()
        } else {
            LIVE.fetch_sub(layout.size() - new_size, Ordering::Relaxed) - (layout.size() - new_size)
        };
        PEAK.fetch_max(now, Ordering::Relaxed);
        // SAFETY: forwarded unchanged.
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

fn mib(bytes: usize) -> f64 {
    bytes as f64 / (1024.0 * 1024.0)
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let db = std::env::args().nth(1).ok_or("usage: index_memory DB")?;
    let store = Store::open(std::path::Path::new(&db))?;
    let before = LIVE.load(Ordering::Relaxed);
    PEAK.store(before, Ordering::Relaxed);
    let started = Instant::now();
    let mut index = Index::new();
    store.for_each_item(0, |item| {
        index.insert(&Doc::from_item(&item));
        true
    })?;
    let built = started.elapsed();
    let live = LIVE.load(Ordering::Relaxed) - before;
    let peak = PEAK.load(Ordering::Relaxed) - before;
    println!("{} documents, built in {built:.1?}", index.len());
    println!(
        "index heap: {:.1} MiB live, {:.1} MiB peak while building",
        mib(live),
        mib(peak)
    );
    index.shrink();
    let shrunk = LIVE.load(Ordering::Relaxed) - before;
    println!("after shrink: {:.1} MiB live", mib(shrunk));
    println!("{}", index.memory_report());
    Ok(())
}
