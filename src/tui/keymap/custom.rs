//! The effective keymap: the config's key rows placed before the default
//! table, so an override on keys that already do something wins where it
//! applies. Built once at start-up; conflicts between rows are errors with
//! the row's place in the config file.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::{BINDINGS, Binding, Context, Key, Resolution, overlaps};
use crate::config::{ConfigError, KeyRow};
use crate::tui::action::Action;

/// The keymap the app resolves keys with and draws hints and help from.
#[derive(Debug, Clone)]
pub struct Keymap {
    rows: Vec<Binding>,
    /// How many of `rows` (at the front) come from the config.
    custom: usize,
}

impl Default for Keymap {
    fn default() -> Keymap {
        Keymap {
            rows: BINDINGS.to_vec(),
            custom: 0,
        }
    }
}

impl Keymap {
    /// The defaults with `rows` from the config file at `path` (its `text`
    /// places errors) placed first.
    pub fn with_rows(rows: &[KeyRow], path: &std::path::Path, text: &str) -> Result<Keymap, ConfigError> {
        let src = crate::config::Source { path, text };
        let mut custom: Vec<Binding> = Vec::new();
        for row in rows {
            let binding = to_binding(row).map_err(|(span, msg)| src.error_at(span, &msg))?;
            if let Some(conflict) = conflict(&binding, &custom).or_else(|| conflict(&binding, BINDINGS)) {
                return Err(src.error_at(row.on.span(), &conflict));
            }
            custom.push(binding);
        }
        let count = custom.len();
        custom.extend_from_slice(BINDINGS);
        Ok(Keymap {
            rows: custom,
            custom: count,
        })
    }

    pub fn resolve(&self, pending: &[KeyEvent], event: &KeyEvent, context: Context) -> Resolution {
        super::resolve_in(&self.rows, pending, event, context)
    }

    pub fn hints(&self, context: Context) -> Vec<(String, &'static str)> {
        super::hints_in(&self.rows, context)
    }

    pub fn help_rows(&self, context: Context) -> Vec<(String, &'static str)> {
        super::help_rows_in(&self.rows, self.custom, context)
    }

    /// The keys that run `action` (first binding not hidden by an earlier
    /// row), e.g. `g g`, for the palette.
    pub fn keys_for(&self, action: Action) -> Option<String> {
        self.rows.iter().enumerate().find_map(|(i, b)| {
            let hidden = self.rows[..i.min(self.custom)]
                .iter()
                .any(|e| e.keys == b.keys && overlaps(e.context, b.context));
            (b.action == action && !hidden).then(|| super::sequence_label(b))
        })
    }
}

/// A config row as a binding. Its text lives as long as the program: the
/// config is read once at start-up, and `Binding` holds `'static` slices so
/// the default table needs no allocation.
fn to_binding(row: &KeyRow) -> Result<Binding, (std::ops::Range<usize>, String)> {
    let keys = row
        .on
        .get_ref()
        .iter()
        .map(|k| parse_key(k))
        .collect::<Result<Vec<Key>, String>>()
        .map_err(|e| (row.on.span(), format!("keys: {e}")))?;
    if keys.is_empty() {
        return Err((row.on.span(), "keys: `on` needs at least one key".into()));
    }
    let action = Action::from_name(row.run.get_ref()).ok_or_else(|| {
        let msg = format!(
            "keys: no action is called {:?} (the command palette lists them)",
            row.run.get_ref()
        );
        (row.run.span(), msg)
    })?;
    let context = match &row.r#in {
        None => Context::Global,
        Some(c) => context_named(c.get_ref()).ok_or_else(|| {
            let msg = format!(
                "keys: `in = {:?}`: expected global, inbox, board, lists, bets or themes",
                c.get_ref()
            );
            (c.span(), msg)
        })?,
    };
    // Borrow the hint of the action's default binding, so the footer shows
    // the new key beside the old one ("u/U undo").
    let default = BINDINGS.iter().find(|b| b.action == action);
    let desc = match &row.desc {
        Some(d) => leak(crate::sanitize::clean_line(d)),
        None => default.map_or_else(|| leak(action.name()), |b| b.desc),
    };
    Ok(Binding {
        keys: Box::leak(keys.into_boxed_slice()),
        action,
        context,
        desc,
        hint: default.and_then(|b| b.hint),
    })
}

fn leak(s: String) -> &'static str {
    Box::leak(s.into_boxed_str())
}

/// Two user rows on the same keys, or keys that are a prefix of another
/// binding's (or it of theirs), where both can apply: one of them could
/// never run.
fn conflict(new: &Binding, table: &[Binding]) -> Option<String> {
    let label = super::sequence_label(new);
    table.iter().filter(|b| overlaps(b.context, new.context)).find_map(|b| {
        let other = super::sequence_label(b);
        let same = b.keys == new.keys;
        if same && !std::ptr::eq(table, BINDINGS) {
            Some(format!(
                "keys: `{label}` is bound twice (also to {:?})",
                b.action.name()
            ))
        } else if !same && b.keys.starts_with(new.keys) {
            Some(format!(
                "keys: `{label}` would hide `{other}` ({}): it is a prefix of it",
                b.action.name()
            ))
        } else if !same && new.keys.starts_with(b.keys) {
            Some(format!(
                "keys: `{label}` can never be typed: `{other}` ({}) runs first",
                b.action.name()
            ))
        } else {
            None
        }
    })
}

fn context_named(name: &str) -> Option<Context> {
    Some(match name.to_ascii_lowercase().as_str() {
        "global" => Context::Global,
        "inbox" => Context::Inbox,
        "board" => Context::Board,
        "lists" => Context::Lists,
        "bets" => Context::Bets,
        "themes" => Context::Themes,
        _ => return None,
    })
}

/// One key as the config writes it: `g`, `G`, `?`, `Ctrl-r`, `Enter`, `F5`.
pub fn parse_key(text: &str) -> Result<Key, String> {
    let (mods, base) = match text.strip_prefix("Ctrl-").or_else(|| text.strip_prefix("C-")) {
        Some(rest) => (KeyModifiers::CONTROL, rest),
        None => (KeyModifiers::NONE, text),
    };
    let mut chars = base.chars();
    let code = match (chars.next(), chars.next()) {
        (Some(c), None) => KeyCode::Char(if mods.is_empty() { c } else { c.to_ascii_lowercase() }),
        _ => named(base).ok_or_else(|| format!("{text:?} is not a key (try g, G, Ctrl-r, Enter, F5)"))?,
    };
    Ok(Key { code, mods })
}

fn named(name: &str) -> Option<KeyCode> {
    let code = match name.to_ascii_lowercase().as_str() {
        "enter" => KeyCode::Enter,
        "esc" => KeyCode::Esc,
        "tab" => KeyCode::Tab,
        "backtab" | "shift-tab" => KeyCode::BackTab,
        "space" => KeyCode::Char(' '),
        "up" => KeyCode::Up,
        "down" => KeyCode::Down,
        "left" => KeyCode::Left,
        "right" => KeyCode::Right,
        "home" => KeyCode::Home,
        "end" => KeyCode::End,
        "pgup" | "pageup" => KeyCode::PageUp,
        "pgdn" | "pagedown" => KeyCode::PageDown,
        "backspace" => KeyCode::Backspace,
        "delete" | "del" => KeyCode::Delete,
        f if f.starts_with('f') => KeyCode::F(f[1..].parse().ok().filter(|n| (1..=12).contains(n))?),
        _ => return None,
    };
    Some(code)
}

#[cfg(test)]
#[path = "custom_tests.rs"]
mod tests;
