use std::path::Path;

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::*;
use crate::tui::app::View;

fn keymap(text: &str) -> Result<Keymap, ConfigError> {
    let loaded = crate::config::parse(Path::new("config.toml"), text)?;
    Keymap::with_rows(&loaded.config.keys, &loaded.path, &loaded.text)
}

fn press(c: char) -> KeyEvent {
    KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE)
}

#[test]
fn a_row_adds_a_sequence() {
    let km = keymap(r#"keys = [{ on = ["g", "b"], run = "view board", desc = "Board" }]"#).unwrap();
    assert_eq!(km.resolve(&[], &press('g'), Context::Inbox), Resolution::Pending);
    assert_eq!(
        km.resolve(&[press('g')], &press('b'), Context::Inbox),
        Resolution::Run(Action::ShowView(View::Board))
    );
    // `g g` still works beside it.
    assert_eq!(
        km.resolve(&[press('g')], &press('g'), Context::Inbox),
        Resolution::Run(Action::Top)
    );
    assert!(km.help_rows(Context::Global).contains(&("g b".to_string(), "Board")));
}

#[test]
fn a_row_on_used_keys_overrides_where_it_applies_and_shows_in_hints_and_help() {
    let km = keymap(
        r#"keys = [
  { on = ["U"], run = "undo", in = "inbox" },
  { on = ["u"], run = "help", in = "inbox" },
]"#,
    )
    .unwrap();
    assert_eq!(
        km.resolve(&[], &press('u'), Context::Inbox),
        Resolution::Run(Action::Help)
    );
    assert_eq!(
        km.resolve(&[], &press('U'), Context::Inbox),
        Resolution::Run(Action::Undo)
    );
    // On the bets screen the override does not apply: `u` still undoes.
    assert_eq!(
        km.resolve(&[], &press('u'), Context::Bets),
        Resolution::Run(Action::Undo)
    );
    let hints = km.hints(Context::Inbox);
    assert!(hints.contains(&("U".to_string(), "undo")), "{hints:?}");
    assert!(
        hints
            .iter()
            .any(|(k, h)| *h == "help" && k.split('/').any(|k| k == "u")),
        "{hints:?}"
    );
    assert_eq!(km.keys_for(Action::Undo).as_deref(), Some("U"));
    let help = km.help_rows(Context::Views);
    assert!(
        !help.iter().any(|(k, d)| k == "u" && *d == "undo"),
        "hidden default still in help: {help:?}"
    );
}

#[test]
fn conflicts_are_reported_with_their_place() {
    let err =
        keymap("keys = [\n  { on = [\"x\"], run = \"quit\" },\n  { on = [\"x\"], run = \"help\" },\n]").unwrap_err();
    assert_eq!(err.line, 3, "{err}");
    assert!(err.message.contains("bound twice"), "{err}");
    let err = keymap("keys = [{ on = [\"g\"], run = \"top\" }]").unwrap_err();
    assert!(err.message.contains("prefix"), "{err}");
    let err = keymap("keys = [{ on = [\"q\", \"q\"], run = \"quit\" }]").unwrap_err();
    assert!(err.message.contains("never be typed"), "{err}");
}

#[test]
fn bad_rows_name_the_problem() {
    let err = keymap("keys = [{ on = [\"g\", \"b\"], run = \"fly\" }]").unwrap_err();
    assert_eq!((err.line, err.column), (1, 34), "{err}");
    assert!(err.message.contains("\"fly\""), "{err}");
    let err = keymap("keys = [{ on = [\"Hyper-x\"], run = \"quit\" }]").unwrap_err();
    assert!(err.message.contains("Hyper-x"), "{err}");
    let err = keymap("keys = [{ on = [\"x\"], run = \"quit\", in = \"kitchen\" }]").unwrap_err();
    assert!(err.message.contains("kitchen"), "{err}");
    let err = keymap("keys = [{ on = [\"x\"], run = \"quit\", when = \"now\" }]").unwrap_err();
    assert!(err.message.contains("unknown field `when`"), "{err}");
}

#[test]
fn keys_parse_as_written() {
    assert_eq!(parse_key("G").unwrap().code, KeyCode::Char('G'));
    let k = parse_key("Ctrl-R").unwrap();
    assert_eq!((k.code, k.mods), (KeyCode::Char('r'), KeyModifiers::CONTROL));
    assert_eq!(parse_key("pgdn").unwrap().code, KeyCode::PageDown);
    assert_eq!(parse_key("F5").unwrap().code, KeyCode::F(5));
    assert!(parse_key("F13").is_err());
    assert!(parse_key("").is_err());
}
