//! Where the configuration comes from when none is named: the machine's file
//! (`/etc/sonote/config.toml`), then the user's (`~/.config/sonote/config.toml` on Linux),
//! each laid over the one before and all over the embedded defaults; what `sonote init`
//! writes; and whether the letterhead is still the embedded sample.

use std::path::{Path, PathBuf};

use super::{Config, DEFAULT_CONFIG, EMBEDDED_NAME};
use crate::tomlfile::{self, FileError};

/// The machine-wide configuration, read by default before the user's.
pub const SYSTEM_FILE: &str = "/etc/sonote/config.toml";

/// The user's configuration file in the platform's config directory.
pub fn user_file() -> Option<PathBuf> {
    directories::ProjectDirs::from("", "", "sonote").map(|d| d.config_dir().join("config.toml"))
}

/// The files read when no `--config` or `SONOTE_CONFIG` names one: those that exist, the
/// machine's first.
pub fn default_files() -> Vec<PathBuf> {
    std::iter::once(PathBuf::from(SYSTEM_FILE))
        .chain(user_file())
        .filter(|path| path.is_file())
        .collect()
}

/// What `sonote init` writes: the embedded defaults, every key with its comment.
pub fn init_text() -> String {
    let body: String = DEFAULT_CONFIG
        .lines()
        .skip_while(|line| line.starts_with('#'))
        .map(|line| format!("{line}\n"))
        .collect();
    format!(
        "# sonote configuration, written by `sonote init`. Read by default; a file named with\n\
         # --config or SONOTE_CONFIG is read instead. A key left out keeps its built-in value,\n\
         # and /etc/sonote/config.toml, when there is one, is read before this file.\n\
         #\n\
         # First set [institution] name and address: they are the letterhead of every report.\n\
         {body}"
    )
}

impl Config {
    /// Each file laid over the ones before it, over the embedded defaults. Each is checked
    /// on its own first, so a mistake is named in the file that holds it; a relative report
    /// template is taken from the directory of the file that names it.
    pub fn load_layered(paths: &[PathBuf]) -> Result<Config, FileError> {
        let Some(last) = paths.last() else {
            return Ok(Config::embedded());
        };
        if paths.len() == 1 {
            return Config::load(last);
        }
        let mut merged = tomlfile::parse_table(Path::new(EMBEDDED_NAME), DEFAULT_CONFIG)?;
        for path in paths {
            let loaded = Config::load(path)?;
            let text = tomlfile::read_text(path)?;
            let mut table = tomlfile::parse_table(path, &text)?;
            if let (Some(template), Some(toml::Value::Table(report))) =
                (&loaded.report.template, table.get_mut("report"))
            {
                let absolute = template.display().to_string();
                report.insert("template".into(), toml::Value::String(absolute));
            }
            super::merge(&mut merged, table);
        }
        let text = toml::to_string(&merged).map_err(|err| {
            FileError::new(last, format!("cannot lay the files over each other: {err}"))
        })?;
        Config::from_text(last, &text, false)
    }

    /// The letterhead is still the embedded sample's: a report would go out under the
    /// sample hospital's name or address.
    pub fn sample_letterhead(&self) -> bool {
        // Read once: the screens ask on every frame.
        static SAMPLE: std::sync::OnceLock<(String, String)> = std::sync::OnceLock::new();
        let (name, address) = SAMPLE.get_or_init(|| {
            let sample = Config::embedded().institution;
            (
                sample.name.trim().to_string(),
                sample.address.trim().to_string(),
            )
        });
        self.institution.name.trim() == name || self.institution.address.trim() == address
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_users_file_is_laid_over_the_machines() {
        let dir = tempfile::tempdir().unwrap();
        let machine = dir.path().join("etc.toml");
        let user = dir.path().join("user.toml");
        std::fs::write(
            &machine,
            "[institution]\nname = \"見本市立病院\"\naddress = \"見本市1-1\"\n\n[fee]\nbase = 33000\n",
        )
        .unwrap();
        std::fs::write(&user, "[fee]\nbase = 44000\n").unwrap();
        let config = Config::load_layered(&[machine, user]).unwrap();
        assert_eq!(config.institution.name, "見本市立病院");
        assert_eq!(config.fee.base, 44000);
        assert!(!config.sample_letterhead());
        assert!(Config::embedded().sample_letterhead());
    }
}
