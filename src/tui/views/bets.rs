//! The bets view: the ranked table (the input `+/-` adjusts is highlighted,
//! derived reach marked `*`), and focus mode for pairing — one bet with its
//! hypothesis, the score breakdown term by term, the evidence chain with
//! customer quotes (segments in presenter mode) and the decisions.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Cell, Paragraph, Row, Table, Wrap};

use super::text::fit;
use crate::ranking::RankedBet;
use crate::sanitize::display;
use crate::scoring::{Input, explain, number};
use crate::timefmt::local;
use crate::tui::app::App;
use crate::tui::bets::Focus;

pub fn render(app: &App, frame: &mut Frame<'_>, area: Rect) {
    match (&app.bets.focus, app.bets.selected_bet()) {
        (Some(focus), Some(row)) => render_focus(app, frame, area, row, focus),
        _ => render_table(app, frame, area),
    }
}

fn input_cell(row: &RankedBet, input: Input) -> String {
    match (input, row.bet.inputs.get(input)) {
        (_, Some(v)) => number(v),
        (Input::Reach, None) => format!("{}*", number(row.reach())),
        (_, None) => "—".to_string(),
    }
}

fn render_table(app: &App, frame: &mut Frame<'_>, area: Rect) {
    let t = &app.theme;
    let bets = &app.bets;
    let inputs = bets.method.inputs();
    let chosen = bets.input();
    let mut header = vec![Cell::from("  #"), Cell::from("Score")];
    header.extend(inputs.iter().map(|i| {
        let style = if *i == chosen { t.selected } else { t.header };
        Cell::from(Span::styled(
            format!("{}{}", if *i == chosen { ">" } else { "" }, i.label()),
            style,
        ))
    }));
    header.extend(["Status", "Owner", "Deadline", "Title", "Flags"].map(Cell::from));
    let height = usize::from(area.height.saturating_sub(3)).max(1);
    let first = bets.selected.saturating_sub(height - 1);
    let rows = bets.rows.iter().enumerate().skip(first).take(height).map(|(i, row)| {
        let selected = i == bets.selected;
        let rank = row.rank.map_or("–".to_string(), |r| r.to_string());
        let score = row.score.as_ref().map_or("n/a".to_string(), |s| number(s.total));
        let mut cells = vec![
            Cell::from(format!("{}{rank}", if selected { ">" } else { " " })),
            Cell::from(score),
        ];
        cells.extend(inputs.iter().map(|i| {
            let style = if *i == chosen && selected { t.key } else { t.base };
            Cell::from(Span::styled(input_cell(row, *i), style))
        }));
        let mut flags = row.flags.words();
        if row.score.is_err() {
            flags.push("cannot score");
        }
        cells.extend([
            Cell::from(row.bet.status.as_str()),
            Cell::from(display(row.bet.owner.as_deref().unwrap_or("—")).into_owned()),
            Cell::from(
                row.bet
                    .deadline
                    .map_or("—".to_string(), |d| local(d, app.zone)[..10].to_string()),
            ),
            Cell::from(display(&row.bet.title).into_owned()),
            Cell::from(Span::styled(flags.join(", "), t.warn)),
        ]);
        Row::new(cells).style(if selected { t.selected } else { t.base })
    });
    let mut widths = vec![Constraint::Length(4), Constraint::Length(7)];
    widths.extend(inputs.iter().map(|_| Constraint::Length(11)));
    widths.extend([
        Constraint::Length(9),
        Constraint::Length(8),
        Constraint::Length(10),
        Constraint::Fill(2),
        Constraint::Fill(1),
    ]);
    let title = format!(
        " Bets by {} · {} · {} bets{} ",
        bets.method.label(),
        bets.method.formula(),
        bets.rows.len(),
        if bets.presenter { " · PRESENTER" } else { "" }
    );
    let table = Table::new(rows, widths).header(Row::new(header)).block(
        Block::default()
            .borders(Borders::ALL)
            .border_style(t.border)
            .title(Span::styled(title, t.title)),
    );
    if bets.rows.is_empty() {
        let text = "No bets yet. From a shell: loopboard bet add --title … (see README); then rank them here.";
        frame.render_widget(Paragraph::new(text).block(Block::default().borders(Borders::ALL)), area);
    } else {
        frame.render_widget(table, area);
    }
}

fn render_focus(app: &App, frame: &mut Frame<'_>, area: Rect, row: &RankedBet, focus: &Focus) {
    let t = &app.theme;
    let bet = &row.bet;
    let [head, body] = Layout::vertical([Constraint::Length(5), Constraint::Fill(1)]).areas(area);
    let rank = row
        .rank
        .map_or("unranked".to_string(), |r| format!("#{r} of {}", app.bets.rows.len()));
    let mut head_lines = vec![
        Line::from(vec![
            Span::styled(display(&bet.title).into_owned(), t.title),
            Span::styled(format!("  {rank}"), t.dim),
        ]),
        Line::raw(format!(
            "{} · owner {} · metric {} · deadline {}",
            bet.status.as_str(),
            bet.owner.as_deref().unwrap_or("—"),
            bet.metric.as_deref().unwrap_or("—"),
            bet.deadline.map_or("—".to_string(), |d| local(d, app.zone)),
        )),
    ];
    let hypothesis = focus
        .hypothesis
        .as_ref()
        .map_or("no hypothesis linked".to_string(), |h| {
            format!("{} ({})", h.statement, h.status.as_str())
        });
    head_lines.push(Line::from(vec![
        Span::styled("Hypothesis ", t.dim),
        Span::raw(display(&hypothesis).into_owned()),
    ]));
    let flags = row.flags.words().join(", ");
    if !flags.is_empty() {
        head_lines.push(Line::from(Span::styled(flags, t.warn)));
    }
    let block = |title: &str| {
        Block::default()
            .borders(Borders::ALL)
            .border_style(t.border)
            .title(Span::styled(format!(" {title} "), t.title))
    };
    frame.render_widget(
        Paragraph::new(head_lines).block(block("Focus · J/K next/prev · +/- adjust · Esc back")),
        head,
    );
    let [left, right] = Layout::horizontal([Constraint::Percentage(50), Constraint::Percentage(50)]).areas(body);
    let mut score_lines: Vec<Line> = match &row.score {
        Ok(score) => explain(score).lines().map(|l| Line::raw(l.to_string())).collect(),
        Err(e) => vec![Line::from(Span::styled(format!("cannot score: {e}"), t.error))],
    };
    score_lines.push(Line::raw(""));
    score_lines.push(Line::from(Span::styled(
        format!("+/- adjusts: {}", app.bets.input().label()),
        t.key,
    )));
    if !focus.decisions.is_empty() {
        score_lines.push(Line::raw(""));
        score_lines.push(Line::from(Span::styled("Decisions", t.header)));
        for d in &focus.decisions {
            let text = format!(
                "{} {} by {}: {}",
                local(d.at, app.zone),
                d.kind.as_str(),
                d.decided_by,
                d.rationale
            );
            score_lines.push(Line::raw(display(&text).into_owned()));
        }
    }
    frame.render_widget(
        Paragraph::new(score_lines)
            .block(block("Score, term by term"))
            .wrap(Wrap { trim: false }),
        left,
    );
    let width = usize::from(right.width.saturating_sub(2));
    let names = customer_names(focus);
    let shown = |text: &str| {
        if app.bets.presenter {
            mask(text, &names)
        } else {
            text.to_string()
        }
    };
    let mut evidence = Vec::new();
    for (linked, item) in &focus.evidence {
        // Presenter mode shows the segment, never the customer's name.
        let who = if app.bets.presenter {
            linked.segment.clone().unwrap_or_else(|| "unknown segment".to_string())
        } else {
            item.customer.clone().unwrap_or_else(|| "—".to_string())
        };
        let how = match (linked.direct, linked.via_hypothesis) {
            (true, true) => "bet+hyp",
            (true, false) => "bet",
            _ => "hyp",
        };
        let sev = item.severity.map_or("--", |s| s.as_str());
        evidence.push(Line::from(Span::styled(
            fit(&format!("#{} {sev} {who} · {how}", item.id.0), width),
            t.key,
        )));
        evidence.push(Line::raw(fit(&shown(&item.title), width)));
        let quote = item
            .body
            .split(['.', '\n'])
            .map(str::trim)
            .find(|s| !s.is_empty())
            .unwrap_or("");
        if !quote.is_empty() {
            evidence.push(Line::from(Span::styled(
                fit(&format!("“{}”", shown(quote)), width),
                t.dim,
            )));
        }
    }
    if evidence.is_empty() {
        evidence.push(Line::raw("No evidence linked: loopboard bet link ID --item N"));
    }
    let title = format!(
        "Evidence · {} items · reach {}",
        focus.evidence.len(),
        number(row.reach())
    );
    frame.render_widget(Paragraph::new(evidence).block(block(&title)), right);
}

/// Each evidence customer's name with what presenter mode shows instead.
fn customer_names(focus: &Focus) -> Vec<(String, String)> {
    focus
        .evidence
        .iter()
        .filter_map(|(linked, item)| {
            let segment = linked.segment.clone().unwrap_or_else(|| "customer".to_string());
            item.customer.clone().map(|c| (c, format!("‹{segment}›")))
        })
        .collect()
}

/// Replaces customer names in free text (the full name, and its first word
/// when it is distinctive, as in "Castellan's IT lead"), ignoring case.
fn mask(text: &str, names: &[(String, String)]) -> String {
    let mut out = text.to_string();
    for (name, replacement) in names {
        let first = name.split_whitespace().next().unwrap_or("");
        for pattern in [name.as_str(), first] {
            if pattern.chars().count() >= 4 {
                out = replace_ignoring_case(&out, pattern, replacement);
            }
        }
    }
    out
}

fn replace_ignoring_case(text: &str, pattern: &str, replacement: &str) -> String {
    let (lower, needle) = (text.to_lowercase(), pattern.to_lowercase());
    // Lower-casing can change byte lengths outside ASCII; then leave it.
    if lower.len() != text.len() {
        return text.replace(pattern, replacement);
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = 0;
    for (at, _) in lower.match_indices(&needle) {
        if at >= rest {
            out.push_str(&text[rest..at]);
            out.push_str(replacement);
            rest = at + needle.len();
        }
    }
    out.push_str(&text[rest..]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn masking_hides_names_and_their_first_word() {
        let names = vec![("Castellan Retail Group".to_string(), "‹enterprise›".to_string())];
        assert_eq!(
            mask(
                "From the call with CASTELLAN's IT lead at Castellan Retail Group",
                &names
            ),
            "From the call with ‹enterprise›'s IT lead at ‹enterprise›"
        );
        let short = vec![("Acme Co".to_string(), "‹smb›".to_string())];
        assert_eq!(mask("acme co and the Acme team", &short), "‹smb› and the ‹smb› team");
    }
}
