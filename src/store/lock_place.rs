//! Where a lock file goes. A file in the data directory's `sessions/` has its lock beside
//! it (`.<stem>.lock`); a session file given by its path from elsewhere keeps its lock in
//! the data directory's `locks/`, named by a hash of the file's full path, so that sonote
//! never leaves files in other people's folders.

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use sha2::{Digest, Sha256};

/// The data directory of this process, once the command line opened it; until then (and
/// in library use) every lock goes beside its file.
static HOME: OnceLock<PathBuf> = OnceLock::new();

/// Keep the locks of files outside `data_dir` in `data_dir/locks/`.
pub fn keep_locks_in(data_dir: &Path) {
    let home = data_dir
        .canonicalize()
        .unwrap_or_else(|_| data_dir.to_path_buf());
    let _ = HOME.set(home);
}

/// The lock file of `file`, given the name it would have beside it.
pub(crate) fn lock_of(file: &Path, beside: PathBuf) -> PathBuf {
    let Some(home) = HOME.get() else {
        return beside;
    };
    let parent = file.parent().filter(|p| !p.as_os_str().is_empty());
    let parent = parent
        .unwrap_or(Path::new("."))
        .canonicalize()
        .unwrap_or_else(|_| parent.unwrap_or(Path::new(".")).to_path_buf());
    if parent.starts_with(home) {
        return beside;
    }
    let full = parent.join(file.file_name().unwrap_or_default());
    let digest = Sha256::digest(full.as_os_str().as_encoded_bytes());
    let short: String = digest[..8].iter().map(|b| format!("{b:02x}")).collect();
    let name = beside
        .file_name()
        .map(|n| n.to_string_lossy().trim_start_matches('.').to_string())
        .unwrap_or_default();
    home.join("locks").join(format!("{short}-{name}"))
}
