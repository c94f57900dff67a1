//! The default key table (DESIGN.md, "Default keys"): one row per binding,
//! kept as a table (rustfmt would break the rows apart).

use ratatui::crossterm::event::KeyCode;

use super::Context::{Board, Global, Inbox, Lists, Themes, Welcome};
use super::{Binding, bind, ch, code, ctrl};
use crate::domain::Severity;
use crate::tui::action::Action;

const SEVERITY: &str = "severity S1–S4 (triages a new item)";

#[rustfmt::skip]
pub const BINDINGS: &[Binding] = &[
    bind(&[ch('j')], Action::Down, Lists, "next item", Some("move")),
    bind(&[ch('k')], Action::Up, Lists, "previous item", Some("move")),
    bind(&[code(KeyCode::Down)], Action::Down, Lists, "next item", None),
    bind(&[code(KeyCode::Up)], Action::Up, Lists, "previous item", None),
    bind(&[ch('g'), ch('g')], Action::Top, Lists, "first item", None),
    bind(&[ch('G')], Action::Bottom, Lists, "last item", None),
    bind(&[code(KeyCode::Home)], Action::Top, Lists, "first item", None),
    bind(&[code(KeyCode::End)], Action::Bottom, Lists, "last item", None),
    bind(&[code(KeyCode::PageDown)], Action::PageDown, Lists, "page down", None),
    bind(&[code(KeyCode::PageUp)], Action::PageUp, Lists, "page up", None),
    bind(&[ch('h')], Action::ColumnLeft, Board, "column to the left", Some("column")),
    bind(&[ch('l')], Action::ColumnRight, Board, "column to the right", Some("column")),
    bind(&[code(KeyCode::Left)], Action::ColumnLeft, Board, "column to the left", None),
    bind(&[code(KeyCode::Right)], Action::ColumnRight, Board, "column to the right", None),
    bind(&[ch('H')], Action::MoveLeft, Board, "move the card one column left", Some("move card")),
    bind(&[ch('L')], Action::MoveRight, Board, "move the card one column right", Some("move card")),
    bind(&[code(KeyCode::Enter)], Action::Open, Board, "open the card", Some("open")),
    bind(&[ch('1')], Action::SetSeverity(Severity::S1), Inbox, SEVERITY, Some("severity")),
    bind(&[ch('2')], Action::SetSeverity(Severity::S2), Inbox, SEVERITY, Some("severity")),
    bind(&[ch('3')], Action::SetSeverity(Severity::S3), Inbox, SEVERITY, Some("severity")),
    bind(&[ch('4')], Action::SetSeverity(Severity::S4), Inbox, SEVERITY, Some("severity")),
    bind(&[ch('a')], Action::Accept, Inbox, "accept", Some("accept")),
    bind(&[ch('x')], Action::Decline, Inbox, "decline (asks for a reason)", Some("decline")),
    bind(&[ch('w')], Action::Waiting, Inbox, "waiting on the customer", Some("waiting")),
    bind(&[ch('m')], Action::Duplicate, Lists, "duplicate of… (suggestions first)", None),
    bind(&[ch('p')], Action::Theme, Lists, "theme (suggestions first)", None),
    bind(&[ch('o')], Action::Owner, Lists, "owner (pick or type a new one)", Some("owner")),
    bind(&[ch('c')], Action::Category, Lists, "category (pick or type a new one)", None),
    bind(&[ch('t')], Action::Tags, Lists, "tag: add, or remove if present", None),
    bind(&[ch('e')], Action::Edit, Lists, "edit title and body in $VISUAL / $EDITOR", None),
    bind(&[ch('s')], Action::Snooze, Lists, "snooze: 3d, 2w, 12h or a date", None),
    bind(&[ch('!')], Action::Escalate, Lists, "escalate (asks for a reason)", None),
    bind(&[ch(' ')], Action::ToggleMark, Lists, "mark for a batch action", Some("mark")),
    bind(&[code(KeyCode::Esc)], Action::Back, Lists, "clear marks / close", None),
    bind(&[ch('u')], Action::Undo, Lists, "undo", Some("undo")),
    bind(&[ctrl('r')], Action::Redo, Lists, "redo", None),
    bind(&[code(KeyCode::Tab)], Action::NextView, Lists, "next view", None),
    bind(&[code(KeyCode::BackTab)], Action::PrevView, Lists, "previous view", None),
    bind(&[ch('j')], Action::Down, Themes, "next theme or suggestion", Some("move")),
    bind(&[ch('k')], Action::Up, Themes, "previous theme or suggestion", Some("move")),
    bind(&[code(KeyCode::Down)], Action::Down, Themes, "next theme or suggestion", None),
    bind(&[code(KeyCode::Up)], Action::Up, Themes, "previous theme or suggestion", None),
    bind(&[ch('g'), ch('g')], Action::Top, Themes, "first theme", None),
    bind(&[ch('G')], Action::Bottom, Themes, "last suggestion", None),
    bind(&[code(KeyCode::Enter)], Action::Open, Themes, "its items, with a quote from each customer", Some("items")),
    bind(&[ch('a')], Action::AcceptProposal, Themes, "accept the suggested theme", Some("accept")),
    bind(&[ch('r')], Action::Rename, Themes, "rename the theme or suggestion", Some("rename")),
    bind(&[ch('x')], Action::Dismiss, Themes, "dismiss the suggestion", Some("dismiss")),
    bind(&[ch('u')], Action::Undo, Themes, "undo", Some("undo")),
    bind(&[ctrl('r')], Action::Redo, Themes, "redo", None),
    bind(&[code(KeyCode::Tab)], Action::NextView, Themes, "next view", None),
    bind(&[code(KeyCode::BackTab)], Action::PrevView, Themes, "previous view", None),
    bind(&[ch('n')], Action::Capture, Global, "new item (quick capture)", Some("new")),
    bind(&[ch('D')], Action::LoadDemo, Welcome, "load the demo data", Some("demo")),
    bind(&[ch('?')], Action::Help, Global, "help", Some("help")),
    bind(&[ch('q')], Action::Quit, Global, "quit", Some("quit")),
    bind(&[ctrl('c')], Action::Quit, Global, "quit", None),
];
