//! Durations as people type and read them: `30m`, `4h`, `3d`, `2w` in, and
//! `3h 20m`, `2d 4h` out.

use chrono::Duration;

/// Unit words accepted after the number, and their length in minutes.
const UNITS: &[(&[&str], i64)] = &[
    (&["m", "min", "mins", "minute", "minutes"], 1),
    (&["h", "hr", "hrs", "hour", "hours"], 60),
    (&["d", "day", "days"], 60 * 24),
    (&["w", "wk", "wks", "week", "weeks"], 60 * 24 * 7),
];

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ParseDurationError {
    #[error("cannot read {0:?} as a duration: expected a whole number and a unit, like 30m, 4h, 3d or 2w")]
    Malformed(String),
    #[error("{0:?} is too long a duration")]
    TooLong(String),
}

/// Parses `<whole number><unit>`, with optional space and any case: `4h`,
/// `3 d`, `2W`, `90m`, `1 week`. Zero is allowed here; callers that need a
/// positive duration check.
pub fn parse_duration(text: &str) -> Result<Duration, ParseDurationError> {
    let malformed = || ParseDurationError::Malformed(text.to_string());
    let t = text.trim().to_ascii_lowercase();
    let split = t.find(|c: char| !c.is_ascii_digit()).ok_or_else(malformed)?;
    let (digits, unit) = t.split_at(split);
    let unit = unit.trim_start();
    let per_unit = UNITS
        .iter()
        .find(|(names, _)| names.contains(&unit))
        .map(|(_, minutes)| *minutes)
        .ok_or_else(malformed)?;
    if digits.is_empty() {
        return Err(malformed());
    }
    let too_long = || ParseDurationError::TooLong(text.to_string());
    let count: i64 = digits.parse().map_err(|_| too_long())?;
    let minutes = count.checked_mul(per_unit).ok_or_else(too_long)?;
    Duration::try_minutes(minutes).ok_or_else(too_long)
}

/// A compact duration to the minute, largest two units: `45m`, `3h 20m`,
/// `2d 4h`, `14d`. The sign is dropped: callers say "left" or "over".
pub fn format_duration(d: Duration) -> String {
    let minutes = d.num_minutes().unsigned_abs();
    let (days, hours, mins) = (minutes / 1440, minutes / 60 % 24, minutes % 60);
    match (days, hours, mins) {
        (0, 0, m) => format!("{m}m"),
        (0, h, 0) => format!("{h}h"),
        (0, h, m) => format!("{h}h {m}m"),
        (d, 0, _) => format!("{d}d"),
        (d, h, _) => format!("{d}d {h}h"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_every_unit_and_spelling() {
        for (text, minutes) in [
            ("30m", 30),
            ("4h", 240),
            ("3d", 3 * 1440),
            ("2w", 2 * 7 * 1440),
            (" 12H ", 720),
            ("3 d", 3 * 1440),
            ("1 week", 7 * 1440),
            ("90 minutes", 90),
            ("0h", 0),
        ] {
            assert_eq!(parse_duration(text), Ok(Duration::minutes(minutes)), "{text}");
        }
    }

    #[test]
    fn rejects_junk_with_the_expected_form() {
        for text in ["", "d", "3", "3x", "-3d", "1.5d", "3d4h", "soon", "3 d s"] {
            let err = parse_duration(text).unwrap_err();
            assert!(err.to_string().contains("like 30m, 4h, 3d or 2w"), "{text}: {err}");
        }
        assert!(matches!(
            parse_duration("99999999999999999999w"),
            Err(ParseDurationError::TooLong(_))
        ));
        assert!(matches!(
            parse_duration("999999999999999w"),
            Err(ParseDurationError::TooLong(_))
        ));
    }

    #[test]
    fn formats_the_two_largest_units() {
        for (minutes, want) in [
            (0, "0m"),
            (45, "45m"),
            (60, "1h"),
            (200, "3h 20m"),
            (1439, "23h 59m"),
            (1440, "1d"),
            (2 * 1440 + 4 * 60 + 59, "2d 4h"),
            (14 * 1440, "14d"),
            (-300, "5h"),
        ] {
            assert_eq!(format_duration(Duration::minutes(minutes)), want, "{minutes}");
        }
        assert_eq!(format_duration(Duration::seconds(59)), "0m");
    }
}
