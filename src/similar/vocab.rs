//! The fixed vocabulary of the similarity engine: stop words and a modest
//! synonym/abbreviation table for software-feedback language.
//!
//! The table is deliberately general (login = sign in = log on, db =
//! database, timed out = timeout, …): it was written from what customers and
//! issue reporters commonly say, before any per-pair evaluation result was
//! looked at, and it must never grow entries that only make one evaluation
//! pair match. Every variant maps to one canonical word, which is then
//! stemmed like any other word.

use std::collections::{HashMap, HashSet};
use std::sync::OnceLock;

/// English function words plus the filler of feedback messages ("hi",
/// "thanks", "issue"): they say nothing about which problem an item is about.
/// Whitespace-separated, so the list stays easy to read and edit.
const STOP_WORDS: &str = "
a about above after again against all also am an and any are as at be because been before being
below between both but by can cannot could did do does doing done down during each else etc even
ever every few for from further get gets getting got had has have having he her here hers him his
how however i if in into is it its itself just let lets like may me might more most much must my no
nor not now of off on once one only or other our ours out over own per same seem seems she should
since so some still such than that the their them then there these they this those though through to
too under until up upon us very via was we were what when where whether which while who whom why
will with within without would yet you your yours s t d ll re ve m e g eg ie vs dont doesnt didnt
isnt arent wasnt werent cant couldnt wont wouldnt shouldnt hasnt havent hadnt im ive id youre theyre
weve thats theres hi hello hey thanks thank please pls regards cheers team guys folks issue issues
bug bugs problem problems question questions anyone someone something anything thing things way
really actually basically currently maybe perhaps quite already again sure ok okay yes well want
wants
";

/// Multi-word phrases, matched before stop words are removed (so "log in"
/// is still whole), each replaced by one canonical word.
const PHRASES: &[(&[&str], &str)] = &[
    (&["single", "sign", "on"], "sso"),
    (&["single", "sign", "in"], "sso"),
    (&["daylight", "saving", "time"], "dst"),
    (&["daylight", "savings", "time"], "dst"),
    (&["out", "of", "memory"], "oom"),
    (&["not", "working"], "broken"),
    (&["doesnt", "work"], "broken"),
    (&["does", "not", "work"], "broken"),
    (&["stopped", "working"], "broken"),
    (&["daylight", "saving"], "dst"),
    (&["daylight", "savings"], "dst"),
    (&["summer", "time"], "dst"),
    (&["time", "zone"], "timezone"),
    (&["time", "zones"], "timezone"),
    (&["timed", "out"], "timeout"),
    (&["times", "out"], "timeout"),
    (&["time", "out"], "timeout"),
    (&["timing", "out"], "timeout"),
    (&["deadline", "exceeded"], "timeout"),
    (&["log", "in"], "login"),
    (&["logged", "in"], "login"),
    (&["logging", "in"], "login"),
    (&["log", "on"], "login"),
    (&["sign", "in"], "login"),
    (&["signed", "in"], "login"),
    (&["signing", "in"], "login"),
    (&["sign", "on"], "login"),
    (&["log", "out"], "logout"),
    (&["logged", "out"], "logout"),
    (&["sign", "out"], "logout"),
    (&["signed", "out"], "logout"),
    (&["sign", "up"], "signup"),
    (&["two", "factor"], "mfa"),
    (&["multi", "factor"], "mfa"),
    (&["e", "mail"], "email"),
    (&["web", "hook"], "webhook"),
    (&["dark", "mode"], "darkmode"),
    (&["dark", "theme"], "darkmode"),
    (&["user", "interface"], "ui"),
    (&["access", "token"], "token"),
    (&["api", "key"], "apikey"),
];

/// Single-word synonyms and abbreviations → canonical word.
const WORDS: &[(&str, &str)] = &[
    ("signin", "login"),
    ("logon", "login"),
    ("signon", "login"),
    ("signout", "logout"),
    ("logoff", "logout"),
    ("2fa", "mfa"),
    ("totp", "mfa"),
    ("db", "database"),
    ("dbs", "database"),
    ("postgresql", "postgres"),
    ("pg", "postgres"),
    ("psql", "postgres"),
    ("mongo", "mongodb"),
    ("k8s", "kubernetes"),
    ("kube", "kubernetes"),
    ("config", "configuration"),
    ("configs", "configuration"),
    ("cfg", "configuration"),
    ("configure", "configuration"),
    ("configured", "configuration"),
    ("setting", "configuration"),
    ("settings", "configuration"),
    ("auth", "authentication"),
    ("authn", "authentication"),
    ("authenticate", "authentication"),
    ("authenticated", "authentication"),
    ("authz", "authorization"),
    ("env", "environment"),
    ("envs", "environment"),
    ("docs", "documentation"),
    ("doc", "documentation"),
    ("repo", "repository"),
    ("repos", "repository"),
    ("timeouts", "timeout"),
    ("tz", "timezone"),
    ("timezones", "timezone"),
    ("mail", "email"),
    ("emails", "email"),
    ("sluggish", "slow"),
    ("laggy", "slow"),
    ("lag", "slow"),
    ("latency", "slow"),
    ("slowness", "slow"),
    ("perf", "slow"),
    ("performance", "slow"),
    ("segfault", "crash"),
    ("dupe", "duplicate"),
    ("dupes", "duplicate"),
    ("twice", "duplicate"),
    ("remove", "delete"),
    ("removed", "delete"),
    ("removing", "delete"),
    ("removal", "delete"),
    ("deletion", "delete"),
    ("err", "error"),
    ("exception", "error"),
    ("exceptions", "error"),
    ("failure", "fail"),
    ("failures", "fail"),
    ("broke", "broken"),
    ("graph", "chart"),
    ("graphs", "chart"),
    ("visualization", "chart"),
    ("visualizations", "chart"),
    ("visualisation", "chart"),
    ("viz", "chart"),
    ("plot", "chart"),
    ("download", "export"),
    ("downloads", "export"),
    ("downloading", "export"),
    ("upload", "import"),
    ("uploads", "import"),
    ("uploading", "import"),
    ("notify", "notification"),
    ("notified", "notification"),
    ("cron", "schedule"),
    ("synchronize", "sync"),
    ("synchronise", "sync"),
    ("synchronization", "sync"),
    ("synchronisation", "sync"),
    ("tls", "ssl"),
    ("cert", "certificate"),
    ("certs", "certificate"),
    ("pwd", "password"),
    ("passwd", "password"),
    ("administrator", "admin"),
    ("administrators", "admin"),
    ("application", "app"),
    ("applications", "app"),
    ("msg", "message"),
    ("btn", "button"),
    ("img", "image"),
    ("param", "parameter"),
    ("params", "parameter"),
    ("prod", "production"),
    ("dev", "development"),
    ("js", "javascript"),
    ("ts", "typescript"),
    ("oauth2", "oauth"),
    ("translate", "translation"),
    ("localization", "translation"),
    ("localisation", "translation"),
    ("i18n", "translation"),
    ("l10n", "translation"),
    ("blank", "empty"),
    ("incorrect", "wrong"),
    ("inaccurate", "wrong"),
    ("discrepancy", "mismatch"),
    ("inconsistent", "mismatch"),
    ("freeze", "hang"),
    ("freezes", "hang"),
    ("frozen", "hang"),
    ("stuck", "hang"),
    ("hangs", "hang"),
    ("refresh", "reload"),
    ("datetime", "timestamp"),
];

/// True for words that carry no topic.
pub fn is_stop_word(word: &str) -> bool {
    static SET: OnceLock<HashSet<&'static str>> = OnceLock::new();
    SET.get_or_init(|| STOP_WORDS.split_whitespace().collect())
        .contains(word)
}

/// The canonical word for a single word, if it has a synonym entry.
pub fn canonical(word: &str) -> Option<&'static str> {
    static MAP: OnceLock<HashMap<&'static str, &'static str>> = OnceLock::new();
    MAP.get_or_init(|| WORDS.iter().copied().collect()).get(word).copied()
}

/// The longest phrase starting at `words[0]`: its length and canonical word.
pub fn phrase_at<S: AsRef<str>>(words: &[S]) -> Option<(usize, &'static str)> {
    // Most words start no phrase; a set lookup keeps the scan off the hot path.
    static FIRST: OnceLock<HashSet<&'static str>> = OnceLock::new();
    let first = FIRST.get_or_init(|| PHRASES.iter().map(|(p, _)| p[0]).collect());
    if !words.first().is_some_and(|w| first.contains(w.as_ref())) {
        return None;
    }
    PHRASES
        .iter()
        .filter(|(p, _)| words.len() >= p.len() && words.iter().zip(p.iter()).all(|(w, p)| w.as_ref() == *p))
        .max_by_key(|(p, _)| p.len())
        .map(|(p, c)| (p.len(), *c))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stop_words_and_synonyms() {
        assert!(is_stop_word("the") && is_stop_word("thanks") && !is_stop_word("invoice"));
        assert_eq!(canonical("k8s"), Some("kubernetes"));
        assert_eq!(phrase_at(&["log", "in", "fails"]), Some((2, "login")));
        assert_eq!(phrase_at(&["single", "sign", "on"]), Some((3, "sso")));
        assert_eq!(phrase_at(&["invoice"]), None);
    }
}
