//! Theme proposals: average-linkage agglomerative clustering over the
//! duplicate-suggestion similarity, each group named after its most
//! characteristic terms.
//!
//! The similarity graph is sparse: each item links only to its nearest
//! neighbours within the set (from [`Index::suggest_where`]), so clustering a
//! few thousand untriaged items costs a few thousand queries, not n².
//! A missing link counts as similarity 0, which keeps average linkage
//! conservative: a group only grows when most of its members agree.

use std::collections::{HashMap, HashSet};

use super::Index;

/// How clusters are formed and named.
#[derive(Debug, Clone, PartialEq)]
pub struct ClusterOptions {
    /// Two groups merge while the average similarity between their members
    /// is at least this.
    pub threshold: f32,
    /// Nearest neighbours linked per item.
    pub neighbours: usize,
    /// Smallest group worth proposing.
    pub min_size: usize,
    /// Terms in a proposal's name.
    pub name_terms: usize,
}

impl Default for ClusterOptions {
    fn default() -> Self {
        ClusterOptions {
            threshold: 0.16,
            neighbours: 10,
            min_size: 2,
            name_terms: 3,
        }
    }
}

/// A proposed theme: its members, a suggested name and how tight it is.
#[derive(Debug, Clone, PartialEq)]
pub struct ThemeProposal {
    /// Suggested name: the characteristic terms joined by " / ".
    pub name: String,
    /// The characteristic terms, most characteristic first.
    pub terms: Vec<String>,
    /// Member ids, ascending.
    pub members: Vec<i64>,
    /// Average similarity over all member pairs (0..1).
    pub cohesion: f32,
}

/// Clusters the items `ids` (e.g. the untriaged, unthemed ones) into theme
/// proposals, largest first. Ids not in `index` are ignored.
pub fn propose_themes(index: &Index, ids: &[i64], opts: &ClusterOptions) -> Vec<ThemeProposal> {
    let set: HashSet<i64> = ids.iter().copied().filter(|&id| index.contains(id)).collect();
    let mut nodes: Vec<i64> = set.iter().copied().collect();
    nodes.sort_unstable();
    let mut groups = Groups::new(&nodes);
    for (a, &id) in nodes.iter().enumerate() {
        for s in index.suggest_where(id, opts.neighbours, |other| set.contains(&other)) {
            if let Ok(b) = nodes.binary_search(&s.id) {
                groups.link(a, b, s.score);
            }
        }
    }
    while let Some((a, b)) = groups.best_pair(opts.threshold) {
        groups.merge(a, b);
    }
    let mut proposals: Vec<ThemeProposal> = groups
        .finished(opts.min_size)
        .into_iter()
        .map(|(members, cohesion)| name(index, members.iter().map(|&m| nodes[m]).collect(), cohesion, opts))
        .collect();
    proposals.sort_by(|a, b| {
        b.members
            .len()
            .cmp(&a.members.len())
            .then(b.cohesion.total_cmp(&a.cohesion))
            .then(a.members.cmp(&b.members))
    });
    proposals
}

/// Groups being merged: members, and the summed similarity to each
/// neighbouring group (so average linkage is sum / (|A|·|B|)).
struct Groups {
    members: Vec<Vec<usize>>,
    links: Vec<HashMap<usize, f32>>,
    /// Summed similarity inside each group, for its cohesion.
    inner: Vec<f32>,
}

impl Groups {
    fn new(nodes: &[i64]) -> Groups {
        Groups {
            members: (0..nodes.len()).map(|i| vec![i]).collect(),
            links: vec![HashMap::new(); nodes.len()],
            inner: vec![0.0; nodes.len()],
        }
    }

    /// Records the similarity of two single items (the score is symmetric, so
    /// a pair found from both sides is recorded once).
    fn link(&mut self, a: usize, b: usize, score: f32) {
        if a != b && !self.links[a].contains_key(&b) {
            self.links[a].insert(b, score);
            self.links[b].insert(a, score);
        }
    }

    /// The two groups with the highest average linkage at or above `threshold`.
    fn best_pair(&self, threshold: f32) -> Option<(usize, usize)> {
        let mut best: Option<(f32, usize, usize)> = None;
        for (a, links) in self.links.iter().enumerate() {
            for (&b, &sum) in links.iter().filter(|&(&b, _)| a < b) {
                let avg = sum / (self.members[a].len() * self.members[b].len()) as f32;
                let better = best.is_none_or(|(s, x, y)| avg > s || (avg == s && (a, b) < (x, y)));
                if avg >= threshold && better {
                    best = Some((avg, a, b));
                }
            }
        }
        best.map(|(_, a, b)| (a, b))
    }

    /// Moves group `b` into group `a`, adding up their links.
    fn merge(&mut self, a: usize, b: usize) {
        let moved = std::mem::take(&mut self.members[b]);
        self.members[a].extend(moved);
        let b_links = std::mem::take(&mut self.links[b]);
        self.inner[a] += self.inner[b] + b_links.get(&a).copied().unwrap_or(0.0);
        self.links[a].remove(&b);
        for (c, sum) in b_links.into_iter().filter(|&(c, _)| c != a) {
            self.links[c].remove(&b);
            *self.links[c].entry(a).or_insert(0.0) += sum;
            *self.links[a].entry(c).or_insert(0.0) += sum;
        }
    }

    /// Groups of at least `min_size`, with their cohesion.
    fn finished(self, min_size: usize) -> Vec<(Vec<usize>, f32)> {
        self.members
            .into_iter()
            .zip(self.inner)
            .filter(|(m, _)| m.len() >= min_size.max(2))
            .map(|(m, inner)| {
                let pairs = (m.len() * (m.len() - 1) / 2) as f32;
                (m, inner / pairs)
            })
            .collect()
    }
}

/// Names a group after the terms that are both widespread in it and rare
/// elsewhere: summed TF-IDF weight times the share of members using the term.
fn name(index: &Index, mut members: Vec<i64>, cohesion: f32, opts: &ClusterOptions) -> ThemeProposal {
    members.sort_unstable();
    let mut weight: HashMap<u32, (f32, usize)> = HashMap::new();
    for entry in members.iter().filter_map(|&id| index.entry(id)) {
        for &(t, w) in &entry.terms {
            let e = weight.entry(t).or_insert((0.0, 0));
            e.0 += w * index.idf(t);
            e.1 += 1;
        }
    }
    let n = members.len() as f32;
    let mut ranked: Vec<(f32, u32)> = weight
        .into_iter()
        .filter(|&(_, (_, count))| count >= 2)
        .map(|(t, (sum, count))| (sum * count as f32 / n, t))
        .collect();
    // Ties go by the words themselves: term ids depend on the order terms
    // were interned (HashMap order), so a tie broken by id names a group
    // differently from run to run.
    let surface = &index.terms.surface;
    ranked.sort_by(|a, b| {
        b.0.total_cmp(&a.0)
            .then_with(|| surface[a.1 as usize].cmp(&surface[b.1 as usize]))
    });
    let mut terms: Vec<String> = Vec::new();
    for (_, t) in ranked {
        let word = index.terms.surface[t as usize].to_string();
        // Skip a word already inside a chosen pair, and a pair whose words are both chosen.
        let covered = terms.iter().any(|w| w.split(' ').any(|p| p == word))
            || word.split(' ').all(|p| terms.iter().any(|w| w == p));
        if !covered {
            terms.push(word);
        }
        if terms.len() == opts.name_terms {
            break;
        }
    }
    ThemeProposal {
        name: terms.join(" / "),
        terms,
        members,
        cohesion,
    }
}
