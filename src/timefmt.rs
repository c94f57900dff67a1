//! How times read on screen and in the CLI: compact ages ("3h", "2d") and
//! local wall-clock times. Stored times are UTC; only display is local.

use chrono::{DateTime, FixedOffset, Local, Utc};

/// The zone times are shown in: the machine's local zone, or a fixed offset
/// (tests and snapshots use UTC so they read the same everywhere).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Zone {
    Local,
    Fixed(FixedOffset),
}

impl Zone {
    pub const UTC: Zone = Zone::Fixed(FixedOffset::east_opt(0).expect("zero offset is valid"));
}

/// A compact age such as `45s`, `12m`, `3h`, `6d`, `5w`, `14mo`.
pub fn age(now: DateTime<Utc>, then: DateTime<Utc>) -> String {
    let secs = (now - then).num_seconds().max(0);
    match secs {
        s if s < 60 => format!("{s}s"),
        s if s < 3_600 => format!("{}m", s / 60),
        s if s < 86_400 => format!("{}h", s / 3_600),
        s if s < 14 * 86_400 => format!("{}d", s / 86_400),
        s if s < 60 * 86_400 => format!("{}w", s / (7 * 86_400)),
        s => format!("{}mo", s / (30 * 86_400)),
    }
}

/// A date and time to the minute in `zone`, e.g. `2026-11-20 14:03`.
pub fn local(t: DateTime<Utc>, zone: Zone) -> String {
    const FORMAT: &str = "%Y-%m-%d %H:%M";
    match zone {
        Zone::Local => t.with_timezone(&Local).format(FORMAT).to_string(),
        Zone::Fixed(offset) => t.with_timezone(&offset).format(FORMAT).to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::Duration;

    #[test]
    fn ages_pick_the_largest_sensible_unit() {
        let now = DateTime::from_timestamp(1_800_000_000, 0).unwrap();
        for (secs, want) in [
            (0, "0s"),
            (59, "59s"),
            (60, "1m"),
            (3_599, "59m"),
            (3_600, "1h"),
            (86_399, "23h"),
            (86_400, "1d"),
            (13 * 86_400, "13d"),
            (14 * 86_400, "2w"),
            (60 * 86_400, "2mo"),
        ] {
            assert_eq!(age(now, now - Duration::seconds(secs)), want, "{secs}s");
        }
        assert_eq!(
            age(now, now + Duration::hours(1)),
            "0s",
            "future times do not go negative"
        );
    }
}
