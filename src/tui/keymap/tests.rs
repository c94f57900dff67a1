//! Unit tests of key resolution, hints and help rows.

use super::*;
use crate::domain::Severity;

fn press(c: char) -> KeyEvent {
    KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE)
}

#[test]
fn single_keys_resolve_in_their_context() {
    assert_eq!(resolve(&[], &press('j'), Context::Inbox), Resolution::Run(Action::Down));
    assert_eq!(
        resolve(&[], &press('2'), Context::Inbox),
        Resolution::Run(Action::SetSeverity(Severity::S2))
    );
    assert_eq!(
        resolve(&[], &press('x'), Context::Inbox),
        Resolution::Run(Action::Decline)
    );
    assert_eq!(
        resolve(&[], &press('q'), Context::Welcome),
        Resolution::Run(Action::Quit)
    );
    assert_eq!(
        resolve(&[], &press('D'), Context::Welcome),
        Resolution::Run(Action::LoadDemo)
    );
}

#[test]
fn inbox_keys_do_nothing_on_the_welcome_screen() {
    assert_eq!(resolve(&[], &press('2'), Context::Welcome), Resolution::Unbound);
    assert_eq!(resolve(&[], &press('D'), Context::Inbox), Resolution::Unbound);
}

#[test]
fn g_g_is_a_two_key_sequence() {
    let g = press('g');
    assert_eq!(resolve(&[], &g, Context::Inbox), Resolution::Pending);
    assert_eq!(resolve(&[g], &g, Context::Inbox), Resolution::Run(Action::Top));
    assert_eq!(resolve(&[g], &press('j'), Context::Inbox), Resolution::Unbound);
}

#[test]
fn shift_is_in_the_character_and_ctrl_is_not() {
    let shift_g = KeyEvent::new(KeyCode::Char('G'), KeyModifiers::SHIFT);
    assert_eq!(resolve(&[], &shift_g, Context::Inbox), Resolution::Run(Action::Bottom));
    let ctrl_c = KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL);
    assert_eq!(resolve(&[], &ctrl_c, Context::Inbox), Resolution::Run(Action::Quit));
    let ctrl_j = KeyEvent::new(KeyCode::Char('j'), KeyModifiers::CONTROL);
    assert_eq!(resolve(&[], &ctrl_j, Context::Inbox), Resolution::Unbound);
}

#[test]
fn hints_come_from_the_table_and_merge_shared_labels() {
    let hints = hints(Context::Inbox);
    assert!(hints.contains(&("j/k".to_string(), "move")), "{hints:?}");
    assert!(hints.contains(&("1-4".to_string(), "severity")), "{hints:?}");
    assert!(
        hints.iter().all(|(_, h)| *h != "demo"),
        "welcome-only hint leaked: {hints:?}"
    );
}

#[test]
fn help_merges_keys_that_share_a_description() {
    let rows = help_rows(Context::Lists);
    assert!(rows.contains(&("j, ↓".to_string(), "next item")), "{rows:?}");
    let rows = help_rows(Context::Inbox);
    assert!(
        rows.contains(&("1, 2, 3, 4".to_string(), "severity S1–S4 (triages a new item)")),
        "{rows:?}"
    );
}

#[test]
fn every_binding_is_reachable() {
    // A binding shadowed by an earlier one with the same keys, in any
    // screen where both apply, could never run.
    // Only a global binding may be overridden, by a screen's own binding
    // listed before it (`n` is "new bet" on the bets screen).
    for screen in [
        Context::Inbox,
        Context::Board,
        Context::Welcome,
        Context::Bets,
        Context::Themes,
    ] {
        let live: Vec<&Binding> = BINDINGS.iter().filter(|b| applies(b, screen)).collect();
        for (i, a) in live.iter().enumerate() {
            assert!(
                a.context == Context::Global || live[..i].iter().all(|b| b.keys != a.keys),
                "{} is bound twice on {screen:?}",
                sequence_label(a)
            );
        }
    }
}

#[test]
fn board_keys_move_columns_and_cards_and_shared_keys_work_there() {
    let b = Context::Board;
    assert_eq!(resolve(&[], &press('h'), b), Resolution::Run(Action::ColumnLeft));
    assert_eq!(resolve(&[], &press('L'), b), Resolution::Run(Action::MoveRight));
    assert_eq!(resolve(&[], &press('j'), b), Resolution::Run(Action::Down));
    assert_eq!(resolve(&[], &press(' '), b), Resolution::Run(Action::ToggleMark));
    assert_eq!(
        resolve(&[], &press('2'), b),
        Resolution::Unbound,
        "severity is an inbox key"
    );
    assert_eq!(
        resolve(&[], &press('h'), Context::Inbox),
        Resolution::Run(Action::NewHypothesis)
    );
    let ctrl_r = KeyEvent::new(KeyCode::Char('r'), KeyModifiers::CONTROL);
    assert_eq!(resolve(&[], &ctrl_r, Context::Inbox), Resolution::Run(Action::Redo));
}

#[test]
fn a_screens_own_binding_overrides_a_global_one_in_keys_and_hints() {
    let n = press('n');
    assert_eq!(resolve(&[], &n, Context::Bets), Resolution::Run(Action::NewBet));
    assert_eq!(resolve(&[], &n, Context::Inbox), Resolution::Run(Action::Capture));
    let hints = hints(Context::Bets);
    assert!(hints.contains(&("n".to_string(), "new bet")), "{hints:?}");
    assert!(
        !hints.contains(&("n".to_string(), "new")),
        "the overridden hint is hidden: {hints:?}"
    );
}
