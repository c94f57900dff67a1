//! Helpers shared by the reliability tests (crashes, contention, damaged
//! files, hostile text): a small seeded random number generator, so every
//! failure can be replayed from the seed it prints, and counts that can be
//! scaled up for longer runs.

#![allow(dead_code)] // Not every test binary uses every helper.

/// SplitMix64: tiny, fast and good enough to pick bytes and moments.
pub struct Rng(u64);

impl Rng {
    /// A generator seeded from `$LOOPBOARD_SEED`, else `default`; the seed is
    /// printed so a failing run can be repeated exactly.
    pub fn from_env(default: u64) -> Rng {
        let seed = std::env::var("LOOPBOARD_SEED")
            .ok()
            .and_then(|s| s.parse().ok())
            .unwrap_or(default);
        eprintln!("seed {seed} (set LOOPBOARD_SEED to repeat or vary)");
        Rng(seed)
    }

    pub fn new(seed: u64) -> Rng {
        Rng(seed)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (`n` > 0).
    pub fn below(&mut self, n: u64) -> u64 {
        self.next_u64() % n
    }
}

/// `default`, or `$name` when set: the numbers are the defaults,
/// longer soak runs raise them.
pub fn count(name: &str, default: usize) -> usize {
    std::env::var(name).ok().and_then(|s| s.parse().ok()).unwrap_or(default)
}
