//! How an item's SLA clock reads on screen: in words first ("2d left",
//! "RISK 3h", "OVER 5h"), colour second, so it reads the same without colour.

use ratatui::style::Style;

use crate::sla::{self, State};
use crate::store::ItemRow;
use crate::tui::app::App;

/// The compact SLA cell for a row, or `None` when no clock runs.
pub fn cell(app: &App, row: &ItemRow) -> Option<(String, Style)> {
    let clock = sla::evaluate(&app.policy, &row.clock(), app.now());
    let left = clock.time_left()?;
    let text = match clock.state()? {
        State::OnTrack => format!("{} left", short(left)),
        State::AtRisk => format!("RISK {}", short(left)),
        State::Breached => format!("OVER {}", short(-left)),
    };
    let style = match clock.state()? {
        State::OnTrack => app.theme.dim,
        State::AtRisk => app.theme.warn,
        State::Breached => app.theme.error,
    };
    Some((text, style))
}

/// A duration in its largest unit only ("9d", "21h", "35m"), to fit a cell.
fn short(d: chrono::Duration) -> String {
    match (d.num_days(), d.num_hours(), d.num_minutes()) {
        (days, _, _) if days > 0 => format!("{days}d"),
        (_, hours, _) if hours > 0 => format!("{hours}h"),
        (_, _, minutes) => format!("{}m", minutes.max(0)),
    }
}

/// Both clocks in full for the detail pane, e.g. "ack met · took 3h ·
/// resolve at risk · 3h left".
pub fn full(app: &App, row: &ItemRow) -> String {
    let clock = sla::evaluate(&app.policy, &row.clock(), app.now());
    let mut text = format!("ack {} · resolve {}", clock.ack.label(), clock.resolve.label());
    if clock.paused {
        text.push_str(" · paused while waiting");
    }
    text
}
