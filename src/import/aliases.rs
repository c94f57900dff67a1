//! The header alias table: which column (or JSON key) feeds which item
//! field. Names match case-insensitively and ignore spaces and punctuation
//! (`External ID`, `external_id` and `external-id` are one name); a Jira
//! style `Custom field (Customer)` matches like `Customer`. `--map
//! FIELD=COLUMN` overrides the table, and `--map FIELD=` ignores a field.

use std::fmt;

/// An item field an input column can feed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Field {
    Title,
    Body,
    Customer,
    Segment,
    Category,
    Tags,
    /// loopboard's own severity: S1–S4 sets it; a priority word suggests it.
    Severity,
    /// Another tool's priority: always only a suggestion.
    Priority,
    Source,
    ExternalId,
    CreatedAt,
}

pub const FIELD_COUNT: usize = 11;

impl Field {
    pub const ALL: [Field; FIELD_COUNT] = [
        Field::Title,
        Field::Body,
        Field::Customer,
        Field::Segment,
        Field::Category,
        Field::Tags,
        Field::Severity,
        Field::Priority,
        Field::Source,
        Field::ExternalId,
        Field::CreatedAt,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Field::Title => "title",
            Field::Body => "body",
            Field::Customer => "customer",
            Field::Segment => "segment",
            Field::Category => "category",
            Field::Tags => "tags",
            Field::Severity => "severity",
            Field::Priority => "priority",
            Field::Source => "source",
            Field::ExternalId => "external_id",
            Field::CreatedAt => "created_at",
        }
    }

    pub fn index(self) -> usize {
        self as usize
    }

    /// Whether several columns add up (tags) rather than the best one winning.
    pub fn is_multi(self) -> bool {
        self == Field::Tags
    }

    fn aliases(self) -> &'static [&'static str] {
        // Ranked: when several columns match one field, the earlier alias wins.
        match self {
            Field::Title => &["title", "summary", "subject", "headline"],
            Field::Body => &[
                "body",
                "description",
                "details",
                "text",
                "content",
                "message",
                "feedback",
                "comment",
                "notes",
            ],
            Field::Customer => &[
                "customer",
                "company",
                "account",
                "organization",
                "organisation",
                "org",
                "client",
                "customername",
                "companyname",
                "accountname",
                "organizationname",
            ],
            Field::Segment => &["segment", "plan", "tier"],
            Field::Category => &["category", "type", "area", "component", "components", "topic"],
            Field::Tags => &["tags", "labels", "tag", "label", "keywords"],
            Field::Severity => &["severity", "sev"],
            Field::Priority => &["priority", "prio", "urgency"],
            Field::Source => &["source", "channel", "via", "origin"],
            Field::ExternalId => &[
                "externalid",
                "issuekey",
                "key",
                "id",
                "ticketid",
                "number",
                "ref",
                "reference",
            ],
            Field::CreatedAt => &[
                "createdat",
                "created",
                "createdon",
                "createddate",
                "date",
                "submittedat",
                "reportedat",
                "timestamp",
                "time",
            ],
        }
    }
}

impl fmt::Display for Field {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl std::str::FromStr for Field {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let want = squash(s);
        Field::ALL
            .into_iter()
            .find(|f| squash(f.name()) == want)
            .ok_or_else(|| {
                let names: Vec<_> = Field::ALL.iter().map(|f| f.name()).collect();
                format!("unknown field {s:?}: expected one of {}", names.join(", "))
            })
    }
}

/// Lower-case letters and digits only: how names are compared.
pub fn squash(name: &str) -> String {
    name.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// The field a column name feeds by the table, with its rank (lower is a
/// better match). `Custom field (X)` ranks after a direct match for X.
pub fn lookup(name: &str) -> Option<(Field, usize)> {
    let trimmed = name.trim();
    let custom = trimmed
        .strip_prefix("Custom field (")
        .or_else(|| trimmed.strip_prefix("custom field ("))
        .and_then(|rest| rest.strip_suffix(')'));
    let (key, penalty) = match custom {
        Some(inner) => (squash(inner), 100),
        None => (squash(trimmed), 0),
    };
    Field::ALL.into_iter().find_map(|f| {
        f.aliases()
            .iter()
            .position(|a| *a == key)
            .map(|rank| (f, rank + penalty))
    })
}

/// One `--map FIELD=COLUMN` option; an empty column ignores the field.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ColumnMap {
    pub field: Field,
    pub column: String,
}

impl std::str::FromStr for ColumnMap {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let (field, column) = s
            .split_once('=')
            .ok_or_else(|| format!("{s:?}: expected FIELD=COLUMN (for example body=Notes)"))?;
        Ok(ColumnMap {
            field: field.parse()?,
            column: column.trim().to_string(),
        })
    }
}

/// Which columns feed each field, best first.
#[derive(Debug, Clone, Default)]
pub struct Mapping {
    slots: [Vec<usize>; FIELD_COUNT],
}

impl Mapping {
    /// Matches `names` (CSV headers or JSON keys) against `--map` options
    /// first, then the alias table. A `--map` naming a missing column is an
    /// error, so a typo never silently imports the wrong thing.
    pub fn new(names: &[&str], maps: &[ColumnMap]) -> Result<Mapping, String> {
        let mut ranked: [Vec<(usize, usize)>; FIELD_COUNT] = Default::default();
        for (col, name) in names.iter().enumerate() {
            if let Some((field, rank)) = lookup(name) {
                ranked[field.index()].push((rank, col));
            }
        }
        let mut mapping = Mapping::default();
        for (slot, mut candidates) in mapping.slots.iter_mut().zip(ranked) {
            candidates.sort();
            *slot = candidates.into_iter().map(|(_, col)| col).collect();
        }
        for m in maps {
            mapping.slots[m.field.index()] = if m.column.is_empty() {
                Vec::new()
            } else {
                vec![find_column(names, &m.column)?]
            };
        }
        // A column claimed by --map feeds only that field.
        for m in maps.iter().filter(|m| !m.column.is_empty()) {
            let col = find_column(names, &m.column)?;
            for (i, slot) in mapping.slots.iter_mut().enumerate() {
                if i != m.field.index() {
                    slot.retain(|&c| c != col);
                }
            }
        }
        Ok(mapping)
    }

    /// The columns feeding `field`, best first.
    pub fn columns(&self, field: Field) -> &[usize] {
        &self.slots[field.index()]
    }

    /// Column names no field uses (shown by `--dry-run`).
    pub fn unused<'a>(&self, names: &[&'a str]) -> Vec<&'a str> {
        (0..names.len())
            .filter(|c| self.slots.iter().all(|s| !s.contains(c)))
            .map(|c| names[c])
            .collect()
    }
}

fn find_column(names: &[&str], wanted: &str) -> Result<usize, String> {
    let want = wanted.trim().to_lowercase();
    names
        .iter()
        .position(|n| n.trim().to_lowercase() == want)
        .ok_or_else(|| {
            format!(
                "--map: there is no column named {wanted:?} (columns: {})",
                names.join(", ")
            )
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_match_ignoring_case_spaces_and_punctuation() {
        assert_eq!(lookup("External ID").map(|x| x.0), Some(Field::ExternalId));
        assert_eq!(lookup("external-id").map(|x| x.0), Some(Field::ExternalId));
        assert_eq!(lookup(" SUBJECT ").map(|x| x.0), Some(Field::Title));
        assert_eq!(lookup("Custom field (Customer)"), Some((Field::Customer, 100)));
        assert_eq!(lookup("Colour"), None);
    }

    #[test]
    fn the_best_ranked_column_comes_first_and_tags_add_up() {
        let names = ["Issue id", "Summary", "Issue key", "Labels", "Labels", "Title"];
        let m = Mapping::new(&names, &[]).expect("mapping");
        assert_eq!(m.columns(Field::Title), &[5, 1], "title outranks summary");
        assert_eq!(m.columns(Field::ExternalId), &[2], "issue id is not an alias");
        assert_eq!(m.columns(Field::Tags), &[3, 4]);
        assert_eq!(m.unused(&names), vec!["Issue id"]);
    }

    #[test]
    fn map_options_override_ignore_and_catch_typos() {
        let names = ["Notes", "Subject", "Details"];
        let maps = ["body=notes".parse().expect("map"), "title=".parse().expect("map")];
        let m = Mapping::new(&names, &maps).expect("mapping");
        assert_eq!(m.columns(Field::Body), &[0]);
        assert!(m.columns(Field::Title).is_empty());
        let typo: ColumnMap = "body=Nots".parse().expect("map");
        let err = Mapping::new(&names, &[typo]).expect_err("typo");
        assert!(err.contains("no column named \"Nots\""), "{err}");
        assert!("colour=x".parse::<ColumnMap>().is_err());
        assert!("body".parse::<ColumnMap>().is_err());
    }
}
