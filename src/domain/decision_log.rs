//! What the decision log knows beyond a bare decision: the decision it
//! corrects, when to look at it again, the evidence it rests on; and the
//! record of a weekly review. Plain data, no I/O.

use chrono::{DateTime, Utc};

use super::{Decision, SubjectKind};

/// One piece of evidence a decision cites: any subject by id.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct EvidenceRef {
    pub kind: SubjectKind,
    pub id: i64,
}

impl std::str::FromStr for EvidenceRef {
    type Err = String;
    /// `item:12`, `bet:3`, … as typed on the command line.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let (kind, id) = s
            .split_once(':')
            .ok_or_else(|| format!("{s:?}: expected KIND:ID, e.g. item:12"))?;
        let id = id
            .trim()
            .parse()
            .map_err(|_| format!("{s:?}: {id:?} is not a number"))?;
        Ok(EvidenceRef {
            kind: kind.trim().parse()?,
            id,
        })
    }
}

impl std::fmt::Display for EvidenceRef {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}:{}", self.kind.as_str(), self.id)
    }
}

/// The optional parts of a decision recorded through the log.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct DecisionLinks {
    /// The earlier decision this one corrects.
    pub supersedes: Option<i64>,
    /// When the decision should be looked at again.
    pub revisit_by: Option<DateTime<Utc>>,
    pub evidence: Vec<EvidenceRef>,
}

/// A decision as the log shows it: with its links and the later decisions
/// that supersede it.
#[derive(Debug, Clone, PartialEq)]
pub struct LogEntry {
    pub decision: Decision,
    pub links: DecisionLinks,
    pub superseded_by: Vec<i64>,
}

impl LogEntry {
    /// A decision still in force whose revisit date has come.
    pub fn due_for_revisit(&self, now: DateTime<Utc>) -> bool {
        self.superseded_by.is_empty() && self.links.revisit_by.is_some_and(|t| t <= now)
    }
}

/// A finished weekly review.
#[derive(Debug, Clone, PartialEq)]
pub struct Review {
    pub id: i64,
    pub at: DateTime<Utc>,
    /// The start of the period the review covered.
    pub since: DateTime<Utc>,
    pub by: String,
    /// The summary Markdown as written.
    pub summary: String,
    /// Where the summary file was written, if anywhere.
    pub path: Option<String>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn evidence_refs_parse_and_print() {
        let r: EvidenceRef = "bet:3".parse().unwrap();
        assert_eq!(
            r,
            EvidenceRef {
                kind: SubjectKind::Bet,
                id: 3
            }
        );
        assert_eq!(r.to_string(), "bet:3");
        assert!("bet".parse::<EvidenceRef>().unwrap_err().contains("KIND:ID"));
        assert!("bet:x".parse::<EvidenceRef>().unwrap_err().contains("not a number"));
        assert!("cat:1".parse::<EvidenceRef>().unwrap_err().contains("unknown"));
    }
}
