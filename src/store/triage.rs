//! Triage verbs: severity, status moves, decline, owner, snooze, escalation.
//! Each takes a slice of items (a batch of one is a batch), runs as one
//! journaled action (undoable), and is all or nothing: if one item refuses,
//! the whole batch is refused with that item named.

use chrono::{DateTime, Utc};
use rusqlite::{OptionalExtension, Transaction, params};

use super::time::to_db;
use super::{Store, StoreError};
use crate::domain::{DecisionKind, ItemId, NewDecision, Severity, Status, SubjectKind};
use crate::sanitize::{clean_line, clean_text};

/// "#12" for one item, "5 items" for more: used in undo labels.
fn subject(ids: &[ItemId]) -> String {
    match ids {
        [one] => one.to_string(),
        many => format!("{} items", many.len()),
    }
}

impl Store {
    /// Confirms the severity another tool suggested for the item, exactly as
    /// if it had been typed (one undoable action). Returns it.
    pub fn confirm_suggested_severity(&mut self, id: ItemId, now: DateTime<Utc>) -> Result<Severity, StoreError> {
        let level: Option<u8> = self
            .conn
            .query_row("SELECT suggested_severity FROM items WHERE id = ?1", [id.0], |r| {
                r.get(0)
            })
            .optional()?
            .ok_or(StoreError::NoSuchItem(id))?;
        let severity = level.and_then(Severity::from_level).ok_or_else(|| {
            StoreError::invalid("severity", "no severity was suggested for this item; choose one (1-4)")
        })?;
        self.set_severity(&[id], severity, now)?;
        Ok(severity)
    }

    /// Sets the severity; an untriaged item becomes triaged at `now`.
    pub fn set_severity(&mut self, ids: &[ItemId], severity: Severity, now: DateTime<Utc>) -> Result<(), StoreError> {
        self.act(&format!("{severity} on {}", subject(ids)), now, |tx, rec| {
            for &id in ids {
                rec.touch(tx, id)?;
                let (status, _) = current_state(tx, id)?;
                if status == Status::New {
                    move_status(tx, id, Status::Triaged, Some(severity), now)?;
                }
                tx.execute(
                    "UPDATE items SET severity = ?2, updated_at = ?3, back_from_snooze = 0 WHERE id = ?1",
                    params![id.0, severity.level(), to_db(now)],
                )?;
            }
            Ok(())
        })
    }

    /// Moves items to another status, if the domain rules allow it.
    pub fn set_status(&mut self, ids: &[ItemId], to: Status, now: DateTime<Utc>) -> Result<(), StoreError> {
        self.act(&format!("{} {}", to.label(), subject(ids)), now, |tx, rec| {
            for &id in ids {
                rec.touch(tx, id)?;
                move_status(tx, id, to, None, now)?;
            }
            Ok(())
        })
    }

    /// Declines items with one reason, recorded as a `decline` decision per
    /// item in the same transaction: never a declined item without its reason.
    pub fn decline(&mut self, ids: &[ItemId], reason: &str, by: &str, now: DateTime<Utc>) -> Result<(), StoreError> {
        let reason = required(reason, "reason", "a reason is required to decline")?;
        self.act(&format!("decline {}", subject(ids)), now, |tx, rec| {
            for &id in ids {
                rec.touch(tx, id)?;
                move_status(tx, id, Status::Declined, None, now)?;
                rec.decided(decide(tx, DecisionKind::Decline, id, &reason, by, now)?);
            }
            Ok(())
        })
    }

    /// Sets (or with `None` clears) the owner.
    pub fn set_owner(&mut self, ids: &[ItemId], owner: Option<&str>, now: DateTime<Utc>) -> Result<(), StoreError> {
        let owner = owner.map(clean_line).filter(|o| !o.is_empty());
        let label = match &owner {
            Some(o) => format!("owner {o} on {}", subject(ids)),
            None => format!("clear owner of {}", subject(ids)),
        };
        self.act(&label, now, |tx, rec| {
            for &id in ids {
                rec.touch(tx, id)?;
                tx.execute(
                    "UPDATE items SET owner = ?2, updated_at = ?3 WHERE id = ?1",
                    params![id.0, owner, to_db(now)],
                )?;
            }
            Ok(())
        })
    }

    /// Hides items until `until`; they come back to where they were, marked.
    pub fn snooze(&mut self, ids: &[ItemId], until: DateTime<Utc>, now: DateTime<Utc>) -> Result<(), StoreError> {
        if until <= now {
            return Err(StoreError::invalid("until", "a snooze must end in the future"));
        }
        self.act(&format!("snooze {}", subject(ids)), now, |tx, rec| {
            for &id in ids {
                rec.touch(tx, id)?;
                let (from, _) = current_state(tx, id)?;
                move_status(tx, id, Status::Snoozed, None, now)?;
                tx.execute(
                    "UPDATE items SET snoozed_until = ?2, snoozed_from = ?3 WHERE id = ?1",
                    params![id.0, to_db(until), from.as_str()],
                )?;
            }
            Ok(())
        })
    }

    /// Flags an item as escalated and records why as an `escalate` decision.
    pub fn escalate(&mut self, ids: &[ItemId], reason: &str, by: &str, now: DateTime<Utc>) -> Result<(), StoreError> {
        let reason = required(reason, "reason", "a reason is required to escalate")?;
        self.act(&format!("escalate {}", subject(ids)), now, |tx, rec| {
            for &id in ids {
                rec.touch(tx, id)?;
                tx.execute(
                    "UPDATE items SET escalated = 1, updated_at = ?2 WHERE id = ?1",
                    params![id.0, to_db(now)],
                )?;
                rec.decided(decide(tx, DecisionKind::Escalate, id, &reason, by, now)?);
            }
            Ok(())
        })
    }

    /// Brings back every item whose snooze has ended, to the status it had,
    /// marked as back from snooze. Not an undoable user action: time did it.
    pub fn wake_snoozed(&mut self, now: DateTime<Utc>) -> Result<usize, StoreError> {
        let due: bool = self.conn.query_row(
            "SELECT EXISTS (SELECT 1 FROM items WHERE status = 'snoozed' AND snoozed_until <= ?1)",
            [to_db(now)],
            |r| r.get(0),
        )?;
        if !due {
            return Ok(0);
        }
        self.write(|tx| {
            Ok(tx.execute(
                "UPDATE items SET status = coalesce(snoozed_from, 'new'), snoozed_until = NULL, snoozed_from = NULL, \
                 back_from_snooze = 1, updated_at = ?1 WHERE status = 'snoozed' AND snoozed_until <= ?1",
                [to_db(now)],
            )?)
        })
    }
}

fn required(text: &str, field: &'static str, why: &str) -> Result<String, StoreError> {
    let clean = clean_text(text);
    if clean.is_empty() {
        Err(StoreError::invalid(field, why))
    } else {
        Ok(clean)
    }
}

fn decide(
    tx: &Transaction<'_>,
    kind: DecisionKind,
    id: ItemId,
    rationale: &str,
    by: &str,
    now: DateTime<Utc>,
) -> Result<i64, StoreError> {
    let decision = NewDecision {
        kind,
        subject: SubjectKind::Item,
        subject_id: id.0,
        rationale: rationale.to_string(),
        decided_by: by.to_string(),
    };
    super::decisions::insert(tx, &decision, now, None)
}

pub(crate) fn current_state(tx: &Transaction<'_>, id: ItemId) -> Result<(Status, Option<Severity>), StoreError> {
    tx.query_row("SELECT status, severity FROM items WHERE id = ?1", [id.0], |r| {
        let status: String = r.get(0)?;
        let severity: Option<u8> = r.get(1)?;
        Ok((status, severity))
    })
    .optional()?
    .ok_or(StoreError::NoSuchItem(id))
    .map(|(status, level)| {
        (
            status.parse().unwrap_or(Status::New),
            level.and_then(Severity::from_level),
        )
    })
}

/// Moves one item, enforcing the domain rules and keeping the clocks: entering
/// `waiting` starts a pause, leaving it adds the pause to `paused_secs` (only
/// the part after triage, as `sla::waited` defines it);
/// `resolved_at` is stamped on resolve and cleared on reopen.
fn move_status(
    tx: &Transaction<'_>,
    id: ItemId,
    to: Status,
    new_severity: Option<Severity>,
    now: DateTime<Utc>,
) -> Result<(), StoreError> {
    let (from, severity) = current_state(tx, id)?;
    from.check_transition(to, severity.or(new_severity).is_some())
        .map_err(|e| StoreError::invalid("status", format!("{id}: {e}")))?;
    let triaged = (severity.is_some() || new_severity.is_some()) && to != Status::New;
    tx.execute(
        "UPDATE items SET status = ?2, updated_at = ?3, back_from_snooze = 0, \
         triaged_at = CASE WHEN ?4 THEN coalesce(triaged_at, ?3) ELSE triaged_at END, \
         resolved_at = CASE WHEN ?2 = 'resolved' THEN ?3 ELSE NULL END, \
         paused_secs = paused_secs + CASE WHEN waiting_since IS NOT NULL \
           THEN max(0, ?3 - max(waiting_since, coalesce(triaged_at, ?3))) ELSE 0 END, \
         waiting_since = CASE WHEN ?2 = 'waiting' THEN ?3 ELSE NULL END, \
         snoozed_until = NULL, snoozed_from = NULL, \
         duplicate_of = CASE WHEN ?2 = 'duplicate' THEN duplicate_of ELSE NULL END \
         WHERE id = ?1",
        params![id.0, to.as_str(), to_db(now), triaged],
    )?;
    Ok(())
}
