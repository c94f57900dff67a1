//! The dashboard: intake per week by category (grouped bar chart), open SLA
//! breaches at each week's end (sparkline), SLA compliance (gauge). Colours
//! come from the theme, so NO_COLOR leaves plain bars.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Bar, BarChart, BarGroup, Block, Borders, Gauge, Paragraph, Sparkline};

use crate::dashboard::WEEKS;
use crate::sanitize::display;
use crate::tui::app::App;

fn block<'a>(app: &App, title: String) -> Block<'a> {
    Block::default()
        .borders(Borders::ALL)
        .border_style(app.theme.border)
        .title(Span::styled(title, app.theme.title))
}

pub fn render(app: &App, frame: &mut Frame<'_>, area: Rect) {
    let Some(d) = &app.dashboard else {
        frame.render_widget(Paragraph::new("loading…").block(block(app, " Dashboard ".into())), area);
        return;
    };
    let [bars, lower] = Layout::vertical([Constraint::Fill(1), Constraint::Length(5)]).areas(area);
    let [spark, gauge] = Layout::horizontal([Constraint::Fill(1), Constraint::Fill(1)]).areas(lower);

    let legend: Vec<String> = d
        .categories
        .iter()
        .enumerate()
        .map(|(i, c)| format!("{}={}", i + 1, display(c)))
        .collect();
    let groups: Vec<BarGroup> = d
        .intake
        .iter()
        .enumerate()
        .map(|(k, week)| {
            let label = if k + 1 == WEEKS {
                "this wk".to_string()
            } else {
                format!("-{}w", WEEKS - 1 - k)
            };
            let bars: Vec<Bar> = week
                .iter()
                .enumerate()
                .map(|(i, &n)| Bar::default().value(n).label(Line::from(format!("{}", i + 1))))
                .collect();
            BarGroup::default().label(Line::from(label)).bars(&bars)
        })
        .collect();
    let mut chart = BarChart::default()
        .block(block(
            app,
            format!(" Intake per week by category · {} ", legend.join(" ")),
        ))
        .bar_width(2)
        .bar_gap(0)
        .group_gap(2)
        .bar_style(app.theme.key)
        .value_style(app.theme.selected)
        .label_style(app.theme.dim);
    for g in groups {
        chart = chart.data(g);
    }
    frame.render_widget(chart, bars);

    let now = d.breaches.last().copied().unwrap_or(0);
    let title = format!(" Open SLA breaches, {WEEKS} weekly samples · now {now} ");
    frame.render_widget(
        Sparkline::default()
            .data(&d.breaches)
            .style(app.theme.error)
            .block(block(app, title)),
        spark,
    );

    let (hit, of) = d.within_target;
    let ratio = if of == 0 { 0.0 } else { hit as f64 / of as f64 };
    let label = format!("{hit}/{of} clocks within target ({:.0}%)", ratio * 100.0);
    frame.render_widget(
        Gauge::default()
            .ratio(ratio)
            .label(label)
            .gauge_style(app.theme.key)
            .block(block(app, " SLA compliance ".into())),
        gauge,
    );
}
