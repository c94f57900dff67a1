//! Feedback-like text for generated items: titles and bodies built from a
//! product-area vocabulary (so topics, duplicates and themes exist) plus
//! Zipf-distributed filler words (so the term statistics look like real
//! text: a few words everywhere, most words rare).

use super::rng::Rng;

/// Product areas: the category name and its words.
pub(crate) const AREAS: &[(&str, &[&str])] = &[
    (
        "billing",
        &[
            "invoice",
            "charge",
            "refund",
            "plan",
            "proration",
            "tax",
            "receipt",
            "coupon",
        ],
    ),
    (
        "export",
        &[
            "csv",
            "export",
            "download",
            "report",
            "spreadsheet",
            "columns",
            "pdf",
            "schedule",
        ],
    ),
    (
        "auth",
        &["login", "sso", "okta", "password", "session", "token", "mfa", "saml"],
    ),
    (
        "dashboards",
        &[
            "dashboard",
            "chart",
            "widget",
            "filter",
            "timezone",
            "refresh",
            "legend",
            "axis",
        ],
    ),
    (
        "integrations",
        &[
            "webhook",
            "stripe",
            "salesforce",
            "slack",
            "zapier",
            "api",
            "sync",
            "hubspot",
        ],
    ),
    (
        "performance",
        &[
            "slow", "timeout", "latency", "loading", "memory", "spinner", "query", "cache",
        ],
    ),
    (
        "mobile",
        &[
            "ios",
            "android",
            "push",
            "notification",
            "offline",
            "tablet",
            "gesture",
            "app",
        ],
    ),
    (
        "admin",
        &[
            "permissions",
            "roles",
            "audit",
            "seats",
            "workspace",
            "invite",
            "group",
            "owner",
        ],
    ),
];

const PROBLEMS: &[&str] = &[
    "fails",
    "is missing",
    "shows the wrong",
    "times out",
    "crashes",
    "is duplicated",
    "does not update",
    "is very slow",
    "cannot be changed",
    "breaks after upgrade",
    "returns an error",
    "is empty",
];

const CONTEXTS: &[&str] = &[
    "for large accounts",
    "after the last release",
    "on Safari",
    "when the team grows",
    "in the EU region",
    "since Monday",
    "for some users",
    "on the mobile app",
    "during month end",
    "with more than 50 rows",
];

const SYLLABLES: &[&str] = &[
    "ka", "lo", "mi", "ter", "van", "dus", "pre", "sol", "ny", "bex", "qua", "rim", "tho", "gal", "fen", "zu", "cor",
    "lim", "pat", "sen", "dra", "vo", "hil", "mek",
];

/// Filler vocabulary: `n` pronounceable made-up words.
pub(crate) fn vocabulary(n: usize) -> Vec<String> {
    let s = SYLLABLES.len();
    (0..n)
        .map(|i| {
            format!(
                "{}{}{}",
                SYLLABLES[i % s],
                SYLLABLES[(i / s) % s],
                SYLLABLES[(i / s / s) % s]
            )
        })
        .collect()
}

/// Customer names: made-up company names, deterministic by index.
pub(crate) fn customer(i: usize) -> String {
    let s = SYLLABLES.len();
    let first = SYLLABLES[i % s];
    let second = SYLLABLES[(i / s) % s];
    let suffix = ["Labs", "Inc", "GmbH", "Systems", "Cloud", "Health", "Bank", "Retail"][(i / s / s) % 8];
    let mut name = format!("{first}{second}");
    if let Some(c) = name.get_mut(0..1) {
        c.make_ascii_uppercase();
    }
    format!("{name} {suffix} {i}")
}

/// One generated report: title and body about `area`.
pub(crate) fn report(rng: &mut Rng, area: usize, filler: &[String]) -> (String, String) {
    let words = AREAS[area % AREAS.len()].1;
    let a = rng.pick(words);
    let b = rng.pick(words);
    let title = format!("{} {} {} {}", capitalized(a), b, rng.pick(PROBLEMS), rng.pick(CONTEXTS));
    let mut body = format!("We noticed that the {a} {b} {}. ", rng.pick(PROBLEMS));
    let sentences = 2 + rng.below(4);
    for _ in 0..sentences {
        body.push_str(&sentence(rng, filler, words));
    }
    if rng.chance(0.1) {
        body.push_str(&format!(
            "The log says ERR_{}_{}. ",
            a.to_uppercase(),
            100 + rng.below(40)
        ));
    }
    (title, body)
}

/// A second report of the same problem in other words: same topic words,
/// the title reordered, part of the body kept.
pub(crate) fn reworded(rng: &mut Rng, title: &str, body: &str) -> (String, String) {
    let mut words: Vec<&str> = title.split(' ').collect();
    if words.len() > 3 {
        let i = 1 + rng.below(words.len() - 2);
        words.swap(0, i);
    }
    let title = format!("Again: {}", words.join(" "));
    let keep = body.len() / 2;
    let cut = body
        .char_indices()
        .map(|(i, _)| i)
        .find(|&i| i >= keep)
        .unwrap_or(body.len());
    (title, format!("Same here. {}", &body[..cut]))
}

fn sentence(rng: &mut Rng, filler: &[String], topic: &[&str]) -> String {
    let len = 6 + rng.below(10);
    let mut out = String::new();
    for i in 0..len {
        if i > 0 {
            out.push(' ');
        }
        if rng.chance(0.15) {
            out.push_str(rng.pick(topic));
        } else {
            out.push_str(&filler[rng.zipf(filler.len())]);
        }
    }
    out.push_str(". ");
    out
}

fn capitalized(word: &str) -> String {
    let mut chars = word.chars();
    match chars.next() {
        Some(c) => c.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}
