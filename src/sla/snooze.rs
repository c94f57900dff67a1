//! Snoozing: `s` hides an item until a moment typed as `3d`, `2w`, `12h` or
//! a date; then it returns to the inbox marked as back from snooze. Snoozing
//! does not stop the SLA clocks: hiding an item does not make the customer
//! wait less.

use chrono::{DateTime, NaiveDate, NaiveTime, TimeZone, Utc};

use super::duration::{ParseDurationError, format_duration, parse_duration};
use crate::domain::Status;

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SnoozeError {
    #[error("cannot read {0:?} as a snooze: expected 3d, 2w, 12h or a date like 2026-12-01")]
    Malformed(String),
    #[error("{0:?} is not in the future: a snooze must end later than now")]
    NotInFuture(String),
    #[error("{0:?} is too far ahead")]
    TooFar(String),
}

/// When a snooze typed as `text` ends. Durations count from `now`; a date
/// means the start of that day in `zone` (the user's zone: pass `&Local`,
/// or a fixed offset in tests). Past dates, today's date and zero durations
/// are refused.
pub fn parse_snooze<Tz: TimeZone>(text: &str, now: DateTime<Utc>, zone: &Tz) -> Result<DateTime<Utc>, SnoozeError> {
    let trimmed = text.trim();
    let until = match NaiveDate::parse_from_str(trimmed, "%Y-%m-%d") {
        Ok(date) => start_of_day(date, zone).ok_or_else(|| SnoozeError::TooFar(text.to_string()))?,
        Err(_) => after(text, now)?,
    };
    if until <= now {
        return Err(SnoozeError::NotInFuture(text.to_string()));
    }
    Ok(until)
}

fn after(text: &str, now: DateTime<Utc>) -> Result<DateTime<Utc>, SnoozeError> {
    let length = parse_duration(text).map_err(|e| match e {
        ParseDurationError::Malformed(_) => SnoozeError::Malformed(text.to_string()),
        ParseDurationError::TooLong(_) => SnoozeError::TooFar(text.to_string()),
    })?;
    now.checked_add_signed(length)
        .ok_or_else(|| SnoozeError::TooFar(text.to_string()))
}

/// Midnight at the start of `date` in `zone`. Where a DST change skips
/// midnight, the first moment that exists that morning.
fn start_of_day<Tz: TimeZone>(date: NaiveDate, zone: &Tz) -> Option<DateTime<Utc>> {
    (0..=3)
        .filter_map(|hour| NaiveTime::from_hms_opt(hour, 0, 0))
        .find_map(|time| zone.from_local_datetime(&date.and_time(time)).earliest())
        .map(|t| t.with_timezone(&Utc))
}

/// Whether an item is hidden by a snooze, back from one, or neither.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SnoozeState {
    Awake,
    /// Snoozed, hidden from the inbox until `until`.
    Hidden {
        until: DateTime<Utc>,
    },
    /// Still marked snoozed, but the snooze has ended: shown in the inbox,
    /// marked as back from snooze, until someone acts on it.
    Returned {
        since: Option<DateTime<Utc>>,
    },
}

impl SnoozeState {
    /// Whether the inbox shows the item.
    pub fn is_visible(&self) -> bool {
        !matches!(self, SnoozeState::Hidden { .. })
    }

    /// "snoozed · back in 2d 4h", "back from snooze"; `None` when awake.
    pub fn label(&self, now: DateTime<Utc>) -> Option<String> {
        match self {
            SnoozeState::Awake => None,
            SnoozeState::Hidden { until } => Some(format!("snoozed · back in {}", format_duration(*until - now))),
            SnoozeState::Returned { .. } => Some("back from snooze".to_string()),
        }
    }
}

/// A snoozed item returns at `until` exactly. A snoozed item without an end
/// (which `parse_snooze` never produces) is shown rather than lost.
pub fn snooze_state(status: Status, snoozed_until: Option<DateTime<Utc>>, now: DateTime<Utc>) -> SnoozeState {
    match (status, snoozed_until) {
        (Status::Snoozed, Some(until)) if until > now => SnoozeState::Hidden { until },
        (Status::Snoozed, since) => SnoozeState::Returned { since },
        _ => SnoozeState::Awake,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::Duration;

    #[test]
    fn returned_and_hidden_items_are_labelled() {
        let now = DateTime::from_timestamp(1_800_000_000, 0).unwrap();
        let hidden = snooze_state(Status::Snoozed, Some(now + Duration::hours(52)), now);
        assert!(!hidden.is_visible());
        assert_eq!(hidden.label(now).as_deref(), Some("snoozed · back in 2d 4h"));
        let back = snooze_state(Status::Snoozed, Some(now), now);
        assert!(back.is_visible());
        assert_eq!(back.label(now).as_deref(), Some("back from snooze"));
        assert_eq!(
            snooze_state(Status::Snoozed, None, now),
            SnoozeState::Returned { since: None }
        );
        assert_eq!(
            snooze_state(Status::New, Some(now + Duration::days(1)), now),
            SnoozeState::Awake
        );
    }
}
