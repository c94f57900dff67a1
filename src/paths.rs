//! Where the database lives: `--db PATH`, else `$LOOPBOARD_DB` (both handled
//! by clap), else `loopboard.db` in the platform data directory, which is
//! created private (0700).

use anyhow::Context;
use std::path::PathBuf;

/// The default database path, creating its directory if needed.
pub fn default_db() -> anyhow::Result<PathBuf> {
    let dirs = directories::ProjectDirs::from("", "", "loopboard")
        .context("cannot find a home directory for the default database; pass --db PATH")?;
    let dir = dirs.data_dir();
    create_private_dir(dir)?;
    Ok(dir.join("loopboard.db"))
}

fn create_private_dir(dir: &std::path::Path) -> anyhow::Result<()> {
    if dir.is_dir() {
        return Ok(());
    }
    let mut builder = std::fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::DirBuilderExt;
        builder.mode(0o700);
    }
    builder
        .create(dir)
        .with_context(|| format!("creating {}", dir.display()))
}

/// Who is deciding: `$USER` (or `$USERNAME`), else "unknown".
pub fn current_user() -> String {
    std::env::var("USER")
        .or_else(|_| std::env::var("USERNAME"))
        .ok()
        .map(|u| crate::sanitize::clean_line(&u))
        .filter(|u| !u.is_empty())
        .unwrap_or_else(|| "unknown".to_string())
}

/// Creates (or truncates) an output file readable only by its owner.
pub fn create_private_file(path: &std::path::Path) -> anyhow::Result<std::fs::File> {
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create(true).truncate(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    options
        .open(path)
        .with_context(|| format!("creating {}", path.display()))
}
