//! Customer verbs: find-or-create by name (case-insensitive), edit the
//! attributes, list. Intake calls [`CustomerCache::resolve`] inside its own
//! transaction, so an item and the customer it creates commit together.

use rusqlite::{OptionalExtension, Row, Transaction, params};
use std::collections::HashMap;

use super::{Store, StoreError};
use crate::domain::{Customer, CustomerId, CustomerPatch, customer_key};
use crate::sanitize::clean_line;

const COLUMNS: &str = "id, name, segment, tier, arr";

/// Most customers an import remembers; past this the cache starts over, so
/// a file with millions of distinct customers cannot grow memory without bound.
const CACHE_LIMIT: usize = 100_000;

/// Customer ids already looked up in this transaction, by name key.
#[derive(Default)]
pub(crate) struct CustomerCache {
    ids: HashMap<String, CustomerId>,
    /// The same ids by exact spelling: a hit needs no lower-casing.
    exact: HashMap<String, CustomerId>,
    /// Known customers by their name squashed to letters and digits, built
    /// on the first email domain seen (`None` marks an ambiguous squash).
    squashed: Option<HashMap<String, Option<CustomerId>>>,
    /// Customers created through this cache.
    pub(crate) created: usize,
}

impl CustomerCache {
    /// The id of `name` if this transaction already looked it up.
    pub(crate) fn cached(&mut self, name: &str) -> Option<CustomerId> {
        if let Some(&id) = self.exact.get(name) {
            return Some(id);
        }
        let id = self.ids.get(&customer_key(name)).copied()?;
        self.exact.insert(name.to_string(), id);
        Some(id)
    }

    /// The customer called `name` (any case), created with `segment` if it
    /// does not exist yet. A known customer without a segment takes this one.
    pub(crate) fn resolve(
        &mut self,
        tx: &Transaction<'_>,
        name: &str,
        segment: Option<&str>,
    ) -> Result<CustomerId, StoreError> {
        let key = customer_key(name);
        if let Some(&id) = self.ids.get(&key) {
            return Ok(id);
        }
        let found = match find(tx, &key)? {
            Some(found) => Some(found),
            None => self.by_domain(tx, name)?.map(|id| (id, true)),
        };
        let id = match found {
            Some((id, has_segment)) => {
                if !has_segment && segment.is_some() {
                    tx.prepare_cached("UPDATE customers SET segment = ?2 WHERE id = ?1")?
                        .execute(params![id.0, segment])?;
                }
                id
            }
            None => {
                self.created += 1;
                let id = insert(tx, name, &key, segment)?;
                if let Some(map) = self.squashed.as_mut() {
                    remember_squashed(map, name, id);
                }
                id
            }
        };
        if self.ids.len() >= CACHE_LIMIT {
            self.ids.clear();
            self.exact.clear();
        }
        self.ids.insert(key, id);
        Ok(id)
    }
}

impl CustomerCache {
    /// Tools that know people, not accounts (Intercom, Canny), name the
    /// account by email domain: `acmelogistics.example` is the known
    /// customer "Acme Logistics" when exactly one customer spells it.
    fn by_domain(&mut self, tx: &Transaction<'_>, name: &str) -> Result<Option<CustomerId>, StoreError> {
        let Some(label) = domain_label(name) else {
            return Ok(None);
        };
        if self.squashed.is_none() {
            let mut map = HashMap::new();
            let mut stmt = tx.prepare("SELECT id, name FROM customers")?;
            let mut rows = stmt.query([])?;
            while let Some(r) = rows.next()? {
                let name: String = r.get(1)?;
                remember_squashed(&mut map, &name, CustomerId(r.get(0)?));
            }
            self.squashed = Some(map);
        }
        Ok(self.squashed.as_ref().and_then(|m| m.get(&label).copied().flatten()))
    }
}

/// The first label of a domain-like name (`acme` for `acme.example`).
fn domain_label(name: &str) -> Option<String> {
    let looks_like_domain = name.contains('.') && !name.contains(char::is_whitespace) && !name.contains('@');
    let label = name.split('.').next().filter(|l| !l.is_empty())?;
    looks_like_domain.then(|| squash(label))
}

fn squash(name: &str) -> String {
    name.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

fn remember_squashed(map: &mut HashMap<String, Option<CustomerId>>, name: &str, id: CustomerId) {
    if domain_label(name).is_some() {
        return;
    }
    map.entry(squash(name))
        .and_modify(|known| {
            if *known != Some(id) {
                *known = None;
            }
        })
        .or_insert(Some(id));
}

fn find(tx: &Transaction<'_>, key: &str) -> Result<Option<(CustomerId, bool)>, StoreError> {
    Ok(tx
        .prepare_cached("SELECT id, segment IS NOT NULL FROM customers WHERE name_key = ?1")?
        .query_row([key], |r| Ok((CustomerId(r.get(0)?), r.get(1)?)))
        .optional()?)
}

fn insert(tx: &Transaction<'_>, name: &str, key: &str, segment: Option<&str>) -> Result<CustomerId, StoreError> {
    tx.prepare_cached("INSERT INTO customers (name, name_key, segment) VALUES (?1, ?2, ?3)")?
        .execute(params![name, key, segment])?;
    Ok(CustomerId(tx.last_insert_rowid()))
}

/// Writes a customer read from an interchange file, keeping its id when that
/// id is free. Returns whether it was new; a customer already known by name
/// keeps its own attributes, only filling the ones it lacks.
pub(crate) fn import_customer(tx: &Transaction<'_>, c: &Customer) -> Result<bool, StoreError> {
    let key = customer_key(&c.name);
    if let Some((id, _)) = find(tx, &key)? {
        tx.prepare_cached(
            "UPDATE customers SET segment = coalesce(segment, ?2), tier = coalesce(tier, ?3), \
             arr = coalesce(arr, ?4) WHERE id = ?1",
        )?
        .execute(params![id.0, c.segment, c.tier, c.arr])?;
        return Ok(false);
    }
    let taken = tx
        .prepare_cached("SELECT 1 FROM customers WHERE id = ?1")?
        .query_row([c.id.0], |_| Ok(()))
        .optional()?
        .is_some();
    tx.prepare_cached(
        "INSERT INTO customers (id, name, name_key, segment, tier, arr) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    )?
    .execute(params![
        (!taken).then_some(c.id.0),
        c.name,
        key,
        c.segment,
        c.tier,
        c.arr
    ])?;
    Ok(true)
}

/// Cleans a customer read from outside and checks its fields.
pub(crate) fn normalize_customer(c: &Customer) -> Result<Customer, StoreError> {
    let name = clean_line(&c.name);
    if name.is_empty() {
        return Err(StoreError::invalid("name", "must not be empty"));
    }
    if c.arr.is_some_and(|a| a < 0) {
        return Err(StoreError::invalid("arr", "must not be negative"));
    }
    let opt = |v: &Option<String>| v.as_deref().map(clean_line).filter(|s| !s.is_empty());
    Ok(Customer {
        id: c.id,
        name,
        segment: opt(&c.segment).map(|s| s.to_lowercase()),
        tier: opt(&c.tier),
        arr: c.arr,
    })
}

impl Store {
    /// Every customer, in id order.
    pub fn customers(&self) -> Result<Vec<Customer>, StoreError> {
        let sql = format!("SELECT {COLUMNS} FROM customers ORDER BY id");
        let mut stmt = self.conn.prepare(&sql)?;
        let rows = stmt.query_map([], customer_from_row)?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// The customer called `name`, in any case.
    pub fn customer(&self, name: &str) -> Result<Option<Customer>, StoreError> {
        let sql = format!("SELECT {COLUMNS} FROM customers WHERE name_key = ?1");
        let key = customer_key(&clean_line(name));
        Ok(self.conn.query_row(&sql, [key], customer_from_row).optional()?)
    }

    /// Creates the customer if needed and applies `patch`; returns the
    /// customer as stored and whether it was created.
    pub fn set_customer(&mut self, name: &str, patch: &CustomerPatch) -> Result<(Customer, bool), StoreError> {
        let clean = normalize_customer(&Customer {
            id: CustomerId(0),
            name: name.to_string(),
            segment: patch.segment.clone(),
            tier: patch.tier.clone(),
            arr: patch.arr,
        })?;
        let created = self.write(|tx| {
            let mut cache = CustomerCache::default();
            let id = cache.resolve(tx, &clean.name, None)?;
            tx.execute(
                "UPDATE customers SET segment = coalesce(?2, segment), tier = coalesce(?3, tier), \
                 arr = coalesce(?4, arr) WHERE id = ?1",
                params![id.0, clean.segment, clean.tier, clean.arr],
            )?;
            Ok(cache.created > 0)
        })?;
        let stored = self
            .customer(&clean.name)?
            .ok_or_else(|| StoreError::invalid("name", "the customer vanished while being saved"))?;
        Ok((stored, created))
    }
}

fn customer_from_row(r: &Row<'_>) -> rusqlite::Result<Customer> {
    Ok(Customer {
        id: CustomerId(r.get(0)?),
        name: r.get(1)?,
        segment: r.get(2)?,
        tier: r.get(3)?,
        arr: r.get(4)?,
    })
}
