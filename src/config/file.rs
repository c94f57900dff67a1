//! Finding and reading the config file: `--config PATH`, else `config.toml`
//! in the platform config directory (absent is fine: the defaults apply).

use std::path::{Path, PathBuf};

use super::position::{ConfigError, Source, line_column};
use super::{Config, Settings};

/// A config as read: its values, and the file's name and text, which the
/// keymap needs to place errors in its rows.
#[derive(Debug, Clone)]
pub struct Loaded {
    pub config: Config,
    pub settings: Settings,
    pub path: PathBuf,
    pub text: String,
}

/// The documented default configuration, printed by
/// `loopboard config --print-default`; a test keeps it equal to the
/// built-in defaults.
pub const DEFAULT_CONFIG: &str = include_str!("../../assets/default-config.toml");

/// `config.toml` in the platform config directory, if there is a home.
pub fn default_path() -> Option<PathBuf> {
    directories::ProjectDirs::from("", "", "loopboard").map(|d| d.config_dir().join("config.toml"))
}

/// Loads the settings: from `explicit` (which must exist), else from the
/// default location when a file is there, else the built-in defaults.
pub fn load(explicit: Option<&Path>) -> Result<Loaded, ConfigError> {
    let path = match explicit {
        Some(p) => p.to_path_buf(),
        None => match default_path().filter(|p| p.is_file()) {
            Some(p) => p,
            None => return defaults(),
        },
    };
    load_from(&path)
}

/// Reads and checks one file.
pub fn load_from(path: &Path) -> Result<Loaded, ConfigError> {
    let text = std::fs::read_to_string(path).map_err(|e| ConfigError {
        path: path.to_path_buf(),
        line: 0,
        column: 0,
        message: format!("cannot read the config file: {e}"),
    })?;
    parse(path, &text)
}

/// Parses config text; `path` only names the file in errors.
pub fn parse(path: &Path, text: &str) -> Result<Loaded, ConfigError> {
    let src = Source { path, text };
    let config: Config = toml::from_str(text).map_err(|e| {
        let (line, column) = e.span().map_or((0, 0), |s| line_column(text, s.start));
        ConfigError {
            path: path.to_path_buf(),
            line,
            column,
            message: e.message().trim().to_string(),
        }
    })?;
    let settings = config.settings(&src)?;
    Ok(Loaded {
        config,
        settings,
        path: path.to_path_buf(),
        text: text.to_string(),
    })
}

fn defaults() -> Result<Loaded, ConfigError> {
    let config = Config::default();
    let path = PathBuf::from("(defaults)");
    let settings = config.settings(&Source { path: &path, text: "" })?;
    Ok(Loaded {
        config,
        settings,
        path,
        text: String::new(),
    })
}
