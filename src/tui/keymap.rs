//! The keymap as data: one row per binding with its description. The same
//! table resolves key presses, generates the footer hints and the help
//! overlay, so they can never disagree.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::action::Action;
use crate::domain::Severity;

/// Where a binding applies.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Context {
    /// The inbox with items in it.
    Inbox,
    /// The welcome screen of an empty database.
    Welcome,
    /// Both.
    Global,
}

/// One key (a code plus modifiers) in a binding's sequence.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Key {
    pub code: KeyCode,
    pub mods: KeyModifiers,
}

const fn ch(c: char) -> Key {
    Key {
        code: KeyCode::Char(c),
        mods: KeyModifiers::NONE,
    }
}

const fn code(code: KeyCode) -> Key {
    Key {
        code,
        mods: KeyModifiers::NONE,
    }
}

const fn ctrl(c: char) -> Key {
    Key {
        code: KeyCode::Char(c),
        mods: KeyModifiers::CONTROL,
    }
}

/// One row of the keymap.
#[derive(Debug, Clone, Copy)]
pub struct Binding {
    pub keys: &'static [Key],
    pub action: Action,
    pub context: Context,
    /// Shown in the help overlay.
    pub desc: &'static str,
    /// Short label for the footer; bindings sharing one are shown together
    /// ("j/k move"). `None` keeps the binding out of the footer.
    pub hint: Option<&'static str>,
}

const fn bind(
    keys: &'static [Key],
    action: Action,
    context: Context,
    desc: &'static str,
    hint: Option<&'static str>,
) -> Binding {
    Binding {
        keys,
        action,
        context,
        desc,
        hint,
    }
}

use Context::{Global, Inbox, Welcome};

/// The default keys (DESIGN.md, "Default keys").
pub const BINDINGS: &[Binding] = &[
    bind(&[ch('j')], Action::Down, Inbox, "next item", Some("move")),
    bind(&[ch('k')], Action::Up, Inbox, "previous item", Some("move")),
    bind(&[code(KeyCode::Down)], Action::Down, Inbox, "next item", None),
    bind(&[code(KeyCode::Up)], Action::Up, Inbox, "previous item", None),
    bind(&[ch('g'), ch('g')], Action::Top, Inbox, "first item", None),
    bind(&[ch('G')], Action::Bottom, Inbox, "last item", None),
    bind(&[code(KeyCode::Home)], Action::Top, Inbox, "first item", None),
    bind(&[code(KeyCode::End)], Action::Bottom, Inbox, "last item", None),
    bind(&[code(KeyCode::PageDown)], Action::PageDown, Inbox, "page down", None),
    bind(&[code(KeyCode::PageUp)], Action::PageUp, Inbox, "page up", None),
    bind(
        &[ch('1')],
        Action::SetSeverity(Severity::S1),
        Inbox,
        "severity S1–S4 (triages a new item)",
        Some("severity"),
    ),
    bind(
        &[ch('2')],
        Action::SetSeverity(Severity::S2),
        Inbox,
        "severity S1–S4 (triages a new item)",
        Some("severity"),
    ),
    bind(
        &[ch('3')],
        Action::SetSeverity(Severity::S3),
        Inbox,
        "severity S1–S4 (triages a new item)",
        Some("severity"),
    ),
    bind(
        &[ch('4')],
        Action::SetSeverity(Severity::S4),
        Inbox,
        "severity S1–S4 (triages a new item)",
        Some("severity"),
    ),
    bind(&[ch('a')], Action::Accept, Inbox, "accept", Some("accept")),
    bind(
        &[ch('x')],
        Action::Decline,
        Inbox,
        "decline (asks for a reason)",
        Some("decline"),
    ),
    bind(
        &[ch('w')],
        Action::Waiting,
        Inbox,
        "waiting on the customer",
        Some("waiting"),
    ),
    bind(
        &[ch('n')],
        Action::Capture,
        Global,
        "new item (quick capture)",
        Some("new"),
    ),
    bind(
        &[ch('D')],
        Action::LoadDemo,
        Welcome,
        "load the demo data",
        Some("demo"),
    ),
    bind(&[ch('?')], Action::Help, Global, "help", Some("help")),
    bind(&[ch('q')], Action::Quit, Global, "quit", Some("quit")),
    bind(&[ctrl('c')], Action::Quit, Global, "quit", None),
];

/// What a key press (after any pending prefix) means.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Resolution {
    Run(Action),
    /// The keys so far start a longer binding (`g` of `g g`): wait for more.
    Pending,
    Unbound,
}

fn applies(binding: &Binding, context: Context) -> bool {
    binding.context == Global || binding.context == context
}

fn key_of(event: &KeyEvent) -> Key {
    // Shift is part of the character itself ('G'), so it is not compared.
    let mods = event.modifiers & (KeyModifiers::CONTROL | KeyModifiers::ALT);
    Key { code: event.code, mods }
}

/// Resolves `pending` keys followed by `event` in `context`. Pure, so it is
/// tested without a terminal.
pub fn resolve(pending: &[KeyEvent], event: &KeyEvent, context: Context) -> Resolution {
    let typed: Vec<Key> = pending.iter().chain(std::iter::once(event)).map(key_of).collect();
    let mut prefix = false;
    for binding in BINDINGS.iter().filter(|b| applies(b, context)) {
        if binding.keys == typed.as_slice() {
            return Resolution::Run(binding.action);
        }
        if binding.keys.len() > typed.len() && binding.keys.starts_with(&typed) {
            prefix = true;
        }
    }
    if prefix {
        Resolution::Pending
    } else {
        Resolution::Unbound
    }
}

/// How a key is written in hints and help: `j`, `G`, `Ctrl-c`, `PgDn`.
pub fn key_label(key: &Key) -> String {
    let base = match key.code {
        KeyCode::Char(' ') => "Space".to_string(),
        KeyCode::Char(c) => c.to_string(),
        KeyCode::Enter => "Enter".into(),
        KeyCode::Esc => "Esc".into(),
        KeyCode::Tab => "Tab".into(),
        KeyCode::Up => "↑".into(),
        KeyCode::Down => "↓".into(),
        KeyCode::Left => "←".into(),
        KeyCode::Right => "→".into(),
        KeyCode::Home => "Home".into(),
        KeyCode::End => "End".into(),
        KeyCode::PageUp => "PgUp".into(),
        KeyCode::PageDown => "PgDn".into(),
        other => format!("{other:?}"),
    };
    if key.mods.contains(KeyModifiers::CONTROL) {
        format!("Ctrl-{base}")
    } else {
        base
    }
}

/// A binding's whole sequence, e.g. `g g`.
pub fn sequence_label(binding: &Binding) -> String {
    binding.keys.iter().map(key_label).collect::<Vec<_>>().join(" ")
}

/// Footer hints for `context`, generated from the table: bindings sharing a
/// hint are merged ("j/k move"), and a run of digits reads as a range
/// ("1-4 severity").
pub fn hints(context: Context) -> Vec<(String, &'static str)> {
    let mut groups: Vec<(Vec<String>, &'static str)> = Vec::new();
    for binding in BINDINGS.iter().filter(|b| applies(b, context)) {
        let Some(hint) = binding.hint else { continue };
        let label = sequence_label(binding);
        match groups.iter_mut().find(|(_, h)| *h == hint) {
            Some((labels, _)) => labels.push(label),
            None => groups.push((vec![label], hint)),
        }
    }
    groups
        .into_iter()
        .map(|(labels, hint)| (join_labels(&labels), hint))
        .collect()
}

fn join_labels(labels: &[String]) -> String {
    let digits: Option<Vec<u32>> = labels
        .iter()
        .map(|l| {
            if l.len() == 1 {
                l.chars().next().and_then(|c| c.to_digit(10))
            } else {
                None
            }
        })
        .collect();
    match digits {
        Some(d) if d.len() > 2 && d.windows(2).all(|w| w[1] == w[0] + 1) => format!("{}-{}", d[0], d[d.len() - 1]),
        _ => labels.join("/"),
    }
}

/// Rows for the help overlay: (keys, description) for `context`, with
/// bindings that share a description merged ("j, ↓  next item").
pub fn help_rows(context: Context) -> Vec<(String, &'static str)> {
    let mut out: Vec<(String, &'static str)> = Vec::new();
    for binding in BINDINGS.iter().filter(|b| b.context == context) {
        let label = sequence_label(binding);
        match out.iter_mut().find(|(_, desc)| *desc == binding.desc) {
            Some((keys, _)) => {
                keys.push_str(", ");
                keys.push_str(&label);
            }
            None => out.push((label, binding.desc)),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

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
        let rows = help_rows(Context::Inbox);
        assert!(rows.contains(&("j, ↓".to_string(), "next item")), "{rows:?}");
        assert!(
            rows.contains(&("1, 2, 3, 4".to_string(), "severity S1–S4 (triages a new item)")),
            "{rows:?}"
        );
    }

    #[test]
    fn every_binding_is_reachable() {
        // A binding shadowed by an earlier one with the same keys could never run.
        for (i, a) in BINDINGS.iter().enumerate() {
            for b in &BINDINGS[..i] {
                let overlap = a.context == b.context || a.context == Context::Global || b.context == Context::Global;
                assert!(!(overlap && a.keys == b.keys), "{} is bound twice", sequence_label(a));
            }
        }
    }
}
