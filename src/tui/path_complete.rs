//! Tab completion of file paths for the import prompt: a unique match is
//! completed (folders get a trailing `/`), several matches are completed to
//! their common prefix and listed. `~/` means the home directory.

use std::path::{MAIN_SEPARATOR, Path, PathBuf};

/// The result of completing what was typed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Completion {
    /// The new text for the prompt.
    pub text: String,
    /// The candidate names when the text is ambiguous (at most a few shown).
    pub candidates: Vec<String>,
}

/// Completes `typed` against the file system; `home` expands a leading `~/`.
pub fn complete(typed: &str, home: Option<&Path>) -> Completion {
    let expanded = expand(typed, home);
    let (dir, prefix) = match expanded.rfind(MAIN_SEPARATOR) {
        Some(i) => (expanded[..=i].to_string(), expanded[i + 1..].to_string()),
        None => (String::new(), expanded.clone()),
    };
    let listing = if dir.is_empty() {
        PathBuf::from(".")
    } else {
        PathBuf::from(&dir)
    };
    let mut names: Vec<(String, bool)> = std::fs::read_dir(&listing)
        .map(|entries| {
            entries
                .filter_map(Result::ok)
                .filter_map(|e| {
                    let name = e.file_name().into_string().ok()?;
                    // Hidden files only when asked for with a leading dot.
                    (name.starts_with(&prefix) && (prefix.starts_with('.') || !name.starts_with('.')))
                        .then(|| (name, e.path().is_dir()))
                })
                .collect()
        })
        .unwrap_or_default();
    names.sort();
    match names.as_slice() {
        [] => Completion {
            text: typed.to_string(),
            candidates: Vec::new(),
        },
        [(name, is_dir)] => {
            let slash = if *is_dir {
                MAIN_SEPARATOR.to_string()
            } else {
                String::new()
            };
            Completion {
                text: format!("{dir}{name}{slash}"),
                candidates: Vec::new(),
            }
        }
        many => {
            let common = many
                .iter()
                .map(|(n, _)| n.as_str())
                .fold(many[0].0.clone(), |acc, n| common_prefix(&acc, n));
            let text = if common.len() > prefix.len() {
                format!("{dir}{common}")
            } else {
                expanded
            };
            Completion {
                text,
                candidates: many
                    .iter()
                    .map(|(n, d)| if *d { format!("{n}/") } else { n.clone() })
                    .collect(),
            }
        }
    }
}

/// `~/x` with the home directory in front.
pub fn expand(typed: &str, home: Option<&Path>) -> String {
    match (typed.strip_prefix("~/"), home) {
        (Some(rest), Some(home)) => format!("{}{MAIN_SEPARATOR}{rest}", home.display()),
        _ => typed.to_string(),
    }
}

fn common_prefix(a: &str, b: &str) -> String {
    a.chars()
        .zip(b.chars())
        .take_while(|(x, y)| x == y)
        .map(|(x, _)| x)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tree() -> tempfile::TempDir {
        let dir = tempfile::tempdir().expect("dir");
        for f in ["feedback-oct.csv", "feedback-nov.csv", "slack.zip", ".hidden"] {
            std::fs::write(dir.path().join(f), "").expect("file");
        }
        std::fs::create_dir(dir.path().join("slack-export")).expect("dir");
        dir
    }

    #[test]
    fn a_unique_match_completes_and_folders_get_a_slash() {
        let dir = tree();
        let base = format!("{}/", dir.path().display());
        assert_eq!(
            complete(&format!("{base}feedback-o"), None).text,
            format!("{base}feedback-oct.csv")
        );
        assert_eq!(
            complete(&format!("{base}slack-"), None).text,
            format!("{base}slack-export/")
        );
    }

    #[test]
    fn several_matches_complete_the_common_prefix_and_are_listed() {
        let dir = tree();
        let base = format!("{}/", dir.path().display());
        let c = complete(&format!("{base}fe"), None);
        assert_eq!(c.text, format!("{base}feedback-"));
        assert_eq!(c.candidates, vec!["feedback-nov.csv", "feedback-oct.csv"]);
        let all = complete(&base, None);
        assert!(
            !all.candidates.iter().any(|n| n.starts_with('.')),
            "hidden files stay hidden: {all:?}"
        );
    }

    #[test]
    fn home_is_expanded_and_nothing_matching_changes_nothing() {
        let dir = tree();
        let c = complete("~/feedback-n", Some(dir.path()));
        assert_eq!(c.text, format!("{}/feedback-nov.csv", dir.path().display()));
        assert_eq!(complete("/no/such/dir/x", None).text, "/no/such/dir/x");
    }
}
