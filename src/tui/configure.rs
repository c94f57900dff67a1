//! Applying the config file to a running app: the keymap with its rows, the
//! SLA policy, the scoring weights and method, the theme, and who decides.
//! Done once at start-up, then the views are reloaded under the new policy.

use super::app::App;
use super::keymap::Keymap;
use super::theme::Theme;
use crate::config::{ConfigError, Loaded};

/// Whether the loaded views were read under values the config changes: the
/// SLA policy (the pinned breaches, the at-risk queue, `sla:` filters), the
/// scoring method and weights (bets) and the categories. Start-up then
/// reloads; otherwise it skips a second reload (at 1M items the S1/S2 clock
/// pass alone is tens of milliseconds of the first frame). Keys, theme, user
/// and definitions are only read while drawing or acting.
fn views_read_other_values(app: &App, new: &crate::config::Settings) -> bool {
    let old = &app.settings;
    app.policy != new.policy
        || app.bets.method != new.method
        || old.weights != new.weights
        || old.categories != new.categories
}

/// Why the app could not take a config.
#[derive(Debug, thiserror::Error)]
pub enum ConfigureError {
    #[error(transparent)]
    Config(#[from] ConfigError),
    #[error(transparent)]
    Store(#[from] crate::store::StoreError),
}

impl App {
    /// Takes the loaded config; a conflict among its key rows is an error
    /// with the row's place, and nothing is applied.
    pub fn configure(&mut self, loaded: &Loaded) -> Result<(), ConfigureError> {
        let keymap = Keymap::with_rows(&loaded.config.keys, &loaded.path, &loaded.text)?;
        let settings = loaded.settings.clone();
        let stale = views_read_other_values(self, &settings);
        self.keymap = keymap;
        self.policy = settings.policy;
        self.bets.method = settings.method;
        if let Some(user) = &settings.user {
            self.user.clone_from(user);
        }
        self.theme = Theme::for_config(settings.theme, Theme::no_color());
        self.settings = settings;
        if stale {
            self.reload()?;
        }
        Ok(())
    }

    /// Who decisions are logged as.
    pub fn user(&self) -> &str {
        &self.user
    }
}
