use std::path::Path;

use super::*;

fn parse_text(text: &str) -> Result<(Config, Settings), ConfigError> {
    parse(Path::new("config.toml"), text).map(|l| (l.config, l.settings))
}

#[test]
fn the_documented_default_parses_and_equals_the_built_in_defaults() {
    let (config, settings) = parse_text(DEFAULT_CONFIG).unwrap();
    assert_eq!(config, Config::default());
    assert_eq!(settings, Settings::default());
    assert_eq!(settings.policy, Policy::default());
    assert_eq!(settings.weights, Weights::default());
    assert_eq!(settings.method, Method::Rice);
    assert_eq!(settings.theme, ThemeName::Dark);
    assert_eq!(settings.definitions[0], Severity::S1.definition());
}

#[test]
fn an_empty_file_is_the_defaults() {
    let (config, _) = parse_text("").unwrap();
    assert_eq!(config, Config::default());
}

#[test]
fn an_unknown_key_names_the_key_line_and_column() {
    let err = parse_text("theme = \"dark\"\n\n[scoring]\nmethod = \"ice\"\nwieghts = 2\n").unwrap_err();
    assert_eq!((err.line, err.column), (5, 1), "{err}");
    assert!(err.message.contains("unknown field `wieghts`"), "{err}");
    assert!(err.to_string().starts_with("config.toml:5:1: "), "{err}");
}

#[test]
fn a_bad_theme_value_is_placed() {
    let err = parse_text("theme = \"blue\"\n").unwrap_err();
    assert_eq!((err.line, err.column), (1, 9), "{err}");
    assert!(err.message.contains("blue"), "{err}");
}

#[test]
fn a_bad_duration_names_the_key_and_line() {
    let err = parse_text("[severity.s2]\ndefinition = \"x\"\nack = \"soon\"\nresolve = \"2w\"\n").unwrap_err();
    assert_eq!((err.line, err.column), (3, 7), "{err}");
    assert!(err.message.starts_with("severity.s2: "), "{err}");
}

#[test]
fn a_bad_method_or_weight_is_refused_with_its_place() {
    let err = parse_text("[scoring]\nmethod = \"moscow\"\n").unwrap_err();
    assert_eq!(
        (err.line, err.message.starts_with("scoring.method")),
        (2, true),
        "{err}"
    );
    let err = parse_text("[scoring.segment_weights]\nenterprise = -2.0\n").unwrap_err();
    assert_eq!(err.line, 2, "{err}");
    assert!(err.message.contains("scoring.segment_weights.enterprise"), "{err}");
    let err = parse_text("[scoring]\nurgency_boost = \"lots\"\n").unwrap_err();
    assert_eq!(err.line, 2, "{err}");
}

#[test]
fn values_reach_the_settings() {
    let text = r#"
theme = "light"
categories = ["Billing", "sso"]
[user]
name = "dana"
[severity]
unrated_ack = "2h"
[severity.s1]
definition = "on fire"
ack = "1h"
resolve = "1d"
[scoring]
method = "wsjf"
urgency_boost = 2.5
[scoring.segment_weights]
enterprise = 3.0
"#;
    let (_, s) = parse_text(text).unwrap();
    assert_eq!(s.theme, ThemeName::Light);
    assert_eq!(s.user.as_deref(), Some("dana"));
    assert_eq!(s.categories, ["billing", "sso"]);
    assert_eq!(s.policy.targets(Severity::S1), Targets::parse("1h", "1d").unwrap());
    assert_eq!(s.policy.targets(Severity::S2), Policy::default().targets(Severity::S2));
    assert_eq!(s.policy.unrated_ack(), chrono::Duration::hours(2));
    assert_eq!(s.definitions[0], "on fire");
    assert_eq!(s.method, Method::Wsjf);
    assert_eq!(s.weights.urgency_boost, Some(2.5));
    assert_eq!(s.weights.segment_weight(Some("Enterprise")), 3.0);
}

#[test]
fn a_missing_explicit_file_is_an_error_naming_it() {
    let err = load(Some(Path::new("/nonexistent/loopboard.toml"))).unwrap_err();
    assert!(err.to_string().contains("/nonexistent/loopboard.toml"), "{err}");
}
