//! Colours and text attributes. With `NO_COLOR` set the theme uses no colour
//! at all — only bold, reverse and `>` markers — because crossterm's own
//! NO_COLOR handling emits a bare reset that would cancel reverse video and
//! make the selected row vanish.

use ratatui::style::{Color, Modifier, Style};

use crate::domain::Severity;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Theme {
    pub base: Style,
    pub dim: Style,
    pub title: Style,
    pub header: Style,
    pub selected: Style,
    pub error: Style,
    /// At risk: needs attention soon.
    pub warn: Style,
    pub key: Style,
    pub border: Style,
    severity: [Style; 4],
}

impl Theme {
    /// The theme for this environment: colourless when `NO_COLOR` is set and
    /// not empty (https://no-color.org), dark otherwise.
    pub fn from_env() -> Theme {
        match std::env::var_os("NO_COLOR") {
            Some(v) if !v.is_empty() => Theme::plain(),
            _ => Theme::dark(),
        }
    }

    /// Whether `NO_COLOR` is set and not empty.
    pub fn no_color() -> bool {
        std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty())
    }

    /// The configured theme, unless `no_color` asks for none.
    pub fn for_config(name: crate::config::ThemeName, no_color: bool) -> Theme {
        match name {
            _ if no_color => Theme::plain(),
            crate::config::ThemeName::Dark => Theme::dark(),
            crate::config::ThemeName::Light => Theme::light(),
        }
    }

    /// For light backgrounds: dark accents, no white or yellow text, which
    /// would vanish on white.
    pub fn light() -> Theme {
        let bold = |c: Color| Style::default().fg(c).add_modifier(Modifier::BOLD);
        Theme {
            base: Style::default(),
            dim: Style::default().fg(Color::Gray),
            title: bold(Color::Blue),
            header: bold(Color::Magenta),
            selected: Style::default().add_modifier(Modifier::REVERSED | Modifier::BOLD),
            error: bold(Color::Red),
            warn: bold(Color::Rgb(0xb3, 0x5c, 0x00)),
            key: bold(Color::Blue),
            border: Style::default().fg(Color::Gray),
            severity: [
                Style::default()
                    .fg(Color::White)
                    .bg(Color::Red)
                    .add_modifier(Modifier::BOLD),
                bold(Color::Red),
                Style::default().fg(Color::Rgb(0xb3, 0x5c, 0x00)),
                Style::default().fg(Color::Blue),
            ],
        }
    }

    pub fn dark() -> Theme {
        Theme {
            base: Style::default(),
            dim: Style::default().fg(Color::DarkGray),
            title: Style::default().fg(Color::Cyan).add_modifier(Modifier::BOLD),
            header: Style::default().fg(Color::Yellow).add_modifier(Modifier::BOLD),
            selected: Style::default().add_modifier(Modifier::REVERSED | Modifier::BOLD),
            error: Style::default().fg(Color::Red).add_modifier(Modifier::BOLD),
            warn: Style::default().fg(Color::Yellow).add_modifier(Modifier::BOLD),
            key: Style::default().fg(Color::Cyan).add_modifier(Modifier::BOLD),
            border: Style::default().fg(Color::DarkGray),
            severity: [
                Style::default()
                    .fg(Color::White)
                    .bg(Color::Red)
                    .add_modifier(Modifier::BOLD),
                Style::default().fg(Color::LightRed).add_modifier(Modifier::BOLD),
                Style::default().fg(Color::Yellow),
                Style::default().fg(Color::Blue),
            ],
        }
    }

    /// No colour codes at all: attributes only.
    pub fn plain() -> Theme {
        let bold = Style::default().add_modifier(Modifier::BOLD);
        Theme {
            base: Style::default(),
            dim: Style::default(),
            title: bold,
            header: Style::default().add_modifier(Modifier::BOLD | Modifier::UNDERLINED),
            selected: Style::default().add_modifier(Modifier::REVERSED | Modifier::BOLD),
            error: bold,
            warn: bold,
            key: bold,
            border: Style::default(),
            severity: [bold, bold, Style::default(), Style::default()],
        }
    }

    pub fn severity(&self, sev: Severity) -> Style {
        self.severity[usize::from(sev.level() - 1)]
    }
}
