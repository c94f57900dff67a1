//! The keymap as data: one row per binding with its description. The same
//! table resolves key presses, generates the footer hints and the help
//! overlay, so they can never disagree.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::action::Action;

/// Where a binding applies.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Context {
    /// The inbox with items in it.
    Inbox,
    /// The kanban board.
    Board,
    /// Both the inbox and the board (the lists of items).
    Lists,
    /// The ranked bets and their focus mode.
    Bets,
    /// Every view with content: switching views, undo and redo.
    Views,
    /// The welcome screen of an empty database.
    Welcome,
    /// The themes view (themes and suggested themes).
    Themes,
    /// The decision log.
    Decisions,
    /// The charts.
    Dashboard,
    /// Everywhere.
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

mod bindings;
mod custom;
use Context::{Bets, Board, Global, Inbox, Lists, Themes, Views};
pub use bindings::BINDINGS;
pub use custom::{Keymap, parse_key};

/// What a key press (after any pending prefix) means.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Resolution {
    Run(Action),
    /// The keys so far start a longer binding (`g` of `g g`): wait for more.
    Pending,
    Unbound,
}

fn applies(binding: &Binding, context: Context) -> bool {
    applies_in(binding.context, context)
}

/// Whether a binding in `a` can be reached where one in `b` applies.
pub(crate) fn overlaps(a: Context, b: Context) -> bool {
    let contexts = [
        Inbox,
        Board,
        Bets,
        Themes,
        Context::Decisions,
        Context::Dashboard,
        Context::Welcome,
    ];
    a == b || contexts.iter().any(|c| applies_in(a, *c) && applies_in(b, *c))
}

fn applies_in(binding: Context, context: Context) -> bool {
    binding == Global
        || binding == context
        || (binding == Lists && matches!(context, Inbox | Board))
        || (binding == Views
            && matches!(
                context,
                Inbox | Board | Bets | Themes | Context::Decisions | Context::Dashboard
            ))
}

fn key_of(event: &KeyEvent) -> Key {
    // Shift is part of the character itself ('G'), so it is not compared.
    let mods = event.modifiers & (KeyModifiers::CONTROL | KeyModifiers::ALT);
    Key { code: event.code, mods }
}

/// Resolves `pending` keys followed by `event` in `context`. Pure, so it is
/// tested without a terminal.
pub fn resolve(pending: &[KeyEvent], event: &KeyEvent, context: Context) -> Resolution {
    resolve_in(BINDINGS, pending, event, context)
}

/// [`resolve`] over any table (the defaults with the config's rows first).
pub fn resolve_in(table: &[Binding], pending: &[KeyEvent], event: &KeyEvent, context: Context) -> Resolution {
    let typed: Vec<Key> = pending.iter().chain(std::iter::once(event)).map(key_of).collect();
    let mut prefix = false;
    for binding in table.iter().filter(|b| applies(b, context)) {
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
        KeyCode::BackTab => "Shift-Tab".into(),
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
    hints_in(BINDINGS, context)
}

/// [`hints`] over any table.
pub fn hints_in(table: &[Binding], context: Context) -> Vec<(String, &'static str)> {
    let mut groups: Vec<(Vec<String>, &'static str)> = Vec::new();
    for (i, binding) in table.iter().enumerate().filter(|(_, b)| applies(b, context)) {
        let Some(hint) = binding.hint else { continue };
        // A screen's own binding overrides a global one with the same keys.
        if table[..i].iter().any(|b| applies(b, context) && b.keys == binding.keys) {
            continue;
        }
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
    help_rows_in(BINDINGS, 0, context)
}

/// [`help_rows`] over any table whose first `overrides` rows come from the
/// config; a default hidden by one of them (same keys, overlapping
/// context) is left out.
pub fn help_rows_in(table: &[Binding], overrides: usize, context: Context) -> Vec<(String, &'static str)> {
    let mut out: Vec<(String, &'static str)> = Vec::new();
    let custom = &table[..overrides.min(table.len())];
    for binding in table.iter().filter(|b| b.context == context) {
        let hidden = custom
            .iter()
            .any(|b| b.keys == binding.keys && !std::ptr::eq(b, binding) && overlaps(b.context, context));
        if hidden {
            continue;
        }
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
mod tests;
