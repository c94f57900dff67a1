//! The files of a Slack export, whether unpacked into a folder or still in
//! its .zip: a list of names (`users.json`, `general/2026-11-03.json`) and
//! their contents, one file at a time.

use std::fs::File;
use std::io::Read;
use std::path::{Path, PathBuf};

use super::ImportError;

/// Biggest single file read from an export (one channel-day, or users.json).
const MAX_FILE_BYTES: u64 = 256 * 1024 * 1024;

pub enum Archive {
    Dir(PathBuf),
    Zip {
        zip: zip::ZipArchive<File>,
        /// Folder inside the zip that holds users.json (some exports nest one).
        prefix: String,
    },
}

impl Archive {
    pub fn open(path: &Path, label: &str) -> Result<Archive, ImportError> {
        if path.is_dir() {
            return Ok(Archive::Dir(path.to_path_buf()));
        }
        let file = File::open(path).map_err(|e| ImportError::io(label, e))?;
        let zip = zip::ZipArchive::new(file).map_err(|e| unusable(label, format!("not a readable zip file: {e}")))?;
        let prefix = zip
            .file_names()
            .filter_map(Result::ok)
            .filter_map(|n| n.strip_suffix("users.json").map(str::to_string))
            .filter(|p| p.is_empty() || p.ends_with('/'))
            .min_by_key(String::len)
            .unwrap_or_default();
        Ok(Archive::Zip { zip, prefix })
    }

    /// Every file name, relative to the export's top, with `/` separators.
    pub fn names(&self) -> Vec<String> {
        match self {
            Archive::Dir(root) => dir_names(root),
            Archive::Zip { zip, prefix } => zip
                .file_names()
                .filter_map(Result::ok)
                .filter_map(|n| n.strip_prefix(prefix.as_str()).map(str::to_string))
                .filter(|n| !n.ends_with('/'))
                .collect(),
        }
    }

    /// A file's bytes, or `None` when the export has no such file.
    pub fn read(&mut self, name: &str, label: &str) -> Result<Option<Vec<u8>>, ImportError> {
        let shown = format!("{label}/{name}");
        let mut out = Vec::new();
        match self {
            Archive::Dir(root) => {
                let path = root.join(name);
                if !path.is_file() {
                    return Ok(None);
                }
                let file = File::open(&path).map_err(|e| ImportError::io(&shown, e))?;
                file.take(MAX_FILE_BYTES + 1)
                    .read_to_end(&mut out)
                    .map_err(|e| ImportError::io(&shown, e))?;
            }
            Archive::Zip { zip, prefix } => {
                let full = format!("{prefix}{name}");
                let entry = match zip.by_name(&full) {
                    Ok(entry) => entry,
                    Err(zip::result::ZipError::FileNotFound) => return Ok(None),
                    Err(e) => return Err(unusable(&shown, e.to_string())),
                };
                entry
                    .take(MAX_FILE_BYTES + 1)
                    .read_to_end(&mut out)
                    .map_err(|e| ImportError::io(&shown, e))?;
            }
        }
        if out.len() as u64 > MAX_FILE_BYTES {
            return Err(unusable(&shown, format!("larger than {} MiB", MAX_FILE_BYTES >> 20)));
        }
        Ok(Some(out))
    }
}

fn unusable(file: &str, reason: String) -> ImportError {
    ImportError::Unusable {
        file: file.to_string(),
        reason,
    }
}

/// Top-level files and the files one folder down (channel folders).
fn dir_names(root: &Path) -> Vec<String> {
    let mut out = Vec::new();
    let Ok(top) = std::fs::read_dir(root) else {
        return out;
    };
    for entry in top.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        let path = entry.path();
        if path.is_file() {
            out.push(name);
        } else if path.is_dir()
            && let Ok(inner) = std::fs::read_dir(&path)
        {
            for f in inner.flatten().filter(|f| f.path().is_file()) {
                out.push(format!("{name}/{}", f.file_name().to_string_lossy()));
            }
        }
    }
    out
}
