//! Evidence: the items behind a bet, gathered for scoring. A bet's evidence
//! is every item linked to the bet itself (`bet_evidence`) or to its
//! hypothesis (`hypothesis_evidence`), each item once however it is linked.
//!
//! Every query goes through [`LINKS`], the one place that says what links a
//! bet to an item, duplicates of linked items included. Themes join there
//! when they exist (a `UNION` over the theme's items, through the
//! hypothesis's or the bet's theme links); nothing else changes.

use chrono::{DateTime, Utc};
use rusqlite::{Transaction, params};
use std::collections::BTreeMap;

use super::lists::{ItemRow, ROW_COLUMNS, row_from};
use super::{Store, StoreError};
use crate::domain::{BetId, ItemId, Severity};
use crate::scoring::{Evidence, EvidenceCustomer};
use crate::sla::{Policy, evaluate};

/// Every (bet_id, item_id) evidence pair, without repeats: items linked to
/// the bet or to its hypothesis, and the duplicates of those items (another
/// customer reporting the same thing counts for the canonical report).
const LINKS: &str = "WITH direct(bet_id, item_id) AS ( \
       SELECT bet_id, item_id FROM bet_evidence \
       UNION SELECT b.id, he.item_id FROM bets b JOIN hypothesis_evidence he ON he.hypothesis_id = b.hypothesis_id) \
     SELECT bet_id, item_id FROM direct \
     UNION SELECT d.bet_id, i.id FROM direct d JOIN items i ON i.duplicate_of = d.item_id";

/// One item in a bet's evidence, with how it is linked (for the focus view).
#[derive(Debug, Clone, PartialEq)]
pub struct LinkedItem {
    pub row: ItemRow,
    pub segment: Option<String>,
    /// Linked to the bet itself.
    pub direct: bool,
    /// Linked to the bet's hypothesis.
    pub via_hypothesis: bool,
}

/// A link table between an owner (bet or hypothesis) and items.
#[derive(Debug, Clone, Copy)]
pub(crate) struct LinkTable {
    pub table: &'static str,
    pub owner: &'static str,
}

pub(crate) const BET_LINKS: LinkTable = LinkTable {
    table: "bet_evidence",
    owner: "bet_id",
};
pub(crate) const HYPOTHESIS_LINKS: LinkTable = LinkTable {
    table: "hypothesis_evidence",
    owner: "hypothesis_id",
};

impl Store {
    /// The evidence scoring reads for one bet at `now`: one entry per linked
    /// item that names a customer, and the linked S1/S2 items whose SLA
    /// (under `policy`) is breached now.
    pub fn bet_evidence(&self, id: BetId, policy: &Policy, now: DateTime<Utc>) -> Result<Evidence, StoreError> {
        let items = self.linked(Some(id))?;
        Ok(evidence_of(items.iter().map(|(_, l)| l), policy, now))
    }

    /// [`Store::bet_evidence`] for every bet at once (one query), for ranking.
    /// Bets without evidence are absent.
    pub fn all_bet_evidence(
        &self,
        policy: &Policy,
        now: DateTime<Utc>,
    ) -> Result<BTreeMap<BetId, Evidence>, StoreError> {
        let mut by_bet: BTreeMap<BetId, Vec<LinkedItem>> = BTreeMap::new();
        for (bet, item) in self.linked(None)? {
            by_bet.entry(bet).or_default().push(item);
        }
        Ok(by_bet
            .into_iter()
            .map(|(bet, items)| (bet, evidence_of(items.iter(), policy, now)))
            .collect())
    }

    /// The items behind a bet, in id order, with how each is linked.
    pub fn bet_evidence_items(&self, id: BetId) -> Result<Vec<LinkedItem>, StoreError> {
        Ok(self.linked(Some(id))?.into_iter().map(|(_, l)| l).collect())
    }

    fn linked(&self, bet: Option<BetId>) -> Result<Vec<(BetId, LinkedItem)>, StoreError> {
        let sql = format!(
            "SELECT {ROW_COLUMNS}, items.segment, l.bet_id, \
               EXISTS (SELECT 1 FROM bet_evidence d WHERE d.bet_id = l.bet_id AND d.item_id = l.item_id), \
               EXISTS (SELECT 1 FROM bets b JOIN hypothesis_evidence he ON he.hypothesis_id = b.hypothesis_id \
                       WHERE b.id = l.bet_id AND he.item_id = l.item_id) \
             FROM ({LINKS}) l JOIN items ON items.id = l.item_id \
             WHERE ?1 IS NULL OR l.bet_id = ?1 ORDER BY l.bet_id, items.id"
        );
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let rows = stmt.query_map([bet.map(|b| b.0)], |r| {
            let item = LinkedItem {
                row: row_from(r)?,
                segment: r.get(16)?,
                direct: r.get(18)?,
                via_hypothesis: r.get(19)?,
            };
            Ok((BetId(r.get(17)?), item))
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }
}

fn evidence_of<'a>(items: impl Iterator<Item = &'a LinkedItem>, policy: &Policy, now: DateTime<Utc>) -> Evidence {
    let mut evidence = Evidence::default();
    for item in items {
        let row = &item.row;
        if let Some(customer) = &row.customer {
            evidence.customers.push(EvidenceCustomer {
                customer: customer.clone(),
                segment: item.segment.clone(),
                seen_at: row.created_at,
            });
        }
        let urgent = matches!(row.severity, Some(Severity::S1 | Severity::S2));
        if urgent && evaluate(policy, &row.clock(), now).is_breached() {
            evidence.breached_urgent += 1;
        }
    }
    evidence
}

/// Links items to a bet or hypothesis (already linked ones stay linked).
/// Every item must exist.
pub(crate) fn link(tx: &Transaction<'_>, links: LinkTable, owner: i64, items: &[ItemId]) -> Result<(), StoreError> {
    let sql = format!(
        "INSERT OR IGNORE INTO {} ({}, item_id) VALUES (?1, ?2)",
        links.table, links.owner
    );
    for &item in items {
        let exists: bool = tx
            .prepare_cached("SELECT EXISTS (SELECT 1 FROM items WHERE id = ?1)")?
            .query_row([item.0], |r| r.get(0))?;
        if !exists {
            return Err(StoreError::NoSuchItem(item));
        }
        tx.prepare_cached(&sql)?.execute(params![owner, item.0])?;
    }
    Ok(())
}

/// Removes links; items that were not linked are ignored.
pub(crate) fn unlink(tx: &Transaction<'_>, links: LinkTable, owner: i64, items: &[ItemId]) -> Result<(), StoreError> {
    let sql = format!(
        "DELETE FROM {} WHERE {} = ?1 AND item_id = ?2",
        links.table, links.owner
    );
    for &item in items {
        tx.prepare_cached(&sql)?.execute(params![owner, item.0])?;
    }
    Ok(())
}

/// "#4" for one item, "3 items" for more: used in undo labels.
pub(crate) fn items_label(items: &[ItemId]) -> String {
    match items {
        [one] => one.to_string(),
        many => format!("{} items", many.len()),
    }
}

/// Item ids from a `group_concat(item_id, ',')` column.
pub(crate) fn ids_from_list(list: Option<String>) -> Vec<ItemId> {
    list.map(|l| l.split(',').filter_map(|n| n.parse().ok()).map(ItemId).collect())
        .unwrap_or_default()
}
