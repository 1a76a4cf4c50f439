//! Settings of `embargo update`: where each source's files are fetched
//! from, download limits and verification thresholds.
//!
//! Built-in defaults ([`crate::sources`]) are overridden, in this order
//! (later wins):
//! 1. the configuration file: `--config PATH`, else `$EMBARGO_CONFIG`, else
//!    `config.toml` in the platform configuration folder
//!    (`~/.config/embargo/config.toml` on Linux) when it exists;
//! 2. environment variables, per source (`ofac-sdn` → `OFAC_SDN`):
//!    `EMBARGO_SOURCE_OFAC_SDN_BASE_URL` (a mirror folder holding the files
//!    under their standard names), `EMBARGO_SOURCE_OFAC_SDN_URL` (the
//!    primary file), `..._ALIASES_URL`, `..._ADDRESSES_URL`,
//!    `..._COMMENTS_URL`.
//!
//! ```toml
//! [download]
//! connect_timeout_secs = 30   # per connection attempt
//! read_timeout_secs = 120     # longest silence while reading
//! retries = 3                 # after the first attempt, on 5xx, 429, timeouts
//! retry_delay_ms = 1000       # doubled after each retry
//! max_megabytes = 500         # per file
//! proxy = "http://proxy.internal:3128"   # else HTTPS_PROXY/HTTP_PROXY/NO_PROXY
//!
//! [verify]
//! max_shrink = 0.2            # refuse a list (or one of its files) that loses more than 20 % of its entries
//! max_publication_skew_hours = 48   # files of one set must be this close in Last-Modified
//!
//! [sources.ofac-sdn]
//! base_url = "https://mirror.internal/ofac/"   # sdn.csv, alt.csv, add.csv, sdn_comments.csv
//!
//! [sources.un]
//! url = "https://mirror.internal/un/consolidated.xml"
//! ```

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::Duration;

use embargo_core::sources::{FileRole, SourceFormat};
use serde::Deserialize;

use crate::sources::{BUILTIN_SOURCES, BuiltinSource, builtin_ids};

/// Environment variable naming the configuration file.
pub const CONFIG_VAR: &str = "EMBARGO_CONFIG";

/// Why the configuration could not be read.
#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    /// The file could not be read.
    #[error("{}: cannot read the configuration: {source}", path.display())]
    Read {
        /// The file.
        path: PathBuf,
        /// What the operating system said.
        #[source]
        source: std::io::Error,
    },
    /// The file is not valid TOML or has unknown keys or wrong types.
    #[error("{}: {message}", path.display())]
    Syntax {
        /// The file.
        path: PathBuf,
        /// What the TOML reader said, with line and column.
        message: String,
    },
    /// A setting has a value that cannot be used.
    #[error("{origin}: {message}")]
    Invalid {
        /// The file or environment variable it came from.
        origin: String,
        /// What is wrong.
        message: String,
    },
}

/// Everything `embargo update` needs to know besides the store.
#[derive(Debug, Clone, PartialEq)]
pub struct UpdateConfig {
    /// The sources, in the order they are updated.
    pub sources: Vec<SourceConfig>,
    /// How files are downloaded.
    pub download: DownloadSettings,
    /// What a publication must pass before it is activated.
    pub verify: VerifySettings,
}

/// One source with the addresses of its files.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourceConfig {
    /// The store's source id (`ofac-sdn`).
    pub id: String,
    /// The format of its files.
    pub format: SourceFormat,
    /// Its files, primary first.
    pub files: Vec<SourceFile>,
}

/// One file of a source.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourceFile {
    /// The part it plays.
    pub role: FileRole,
    /// The name it is saved and imported under (`alt.csv`).
    pub file_name: String,
    /// Where it is downloaded from.
    pub url: String,
}

/// Download limits.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DownloadSettings {
    /// Longest wait for a connection (DNS, TCP, TLS, proxy).
    pub connect_timeout: Duration,
    /// Longest silence while waiting for the response or reading its body.
    pub read_timeout: Duration,
    /// Attempts after the first one on a 5xx or 429 answer, a timeout or a
    /// broken connection.
    pub retries: u32,
    /// Pause before the first retry, doubled before each further one.
    pub retry_delay: Duration,
    /// Largest file accepted, in bytes.
    pub max_bytes: u64,
    /// Explicit proxy; `None` takes `HTTPS_PROXY`/`HTTP_PROXY`/`ALL_PROXY`
    /// and `NO_PROXY` from the environment.
    pub proxy: Option<String>,
}

impl Default for DownloadSettings {
    fn default() -> DownloadSettings {
        DownloadSettings {
            connect_timeout: Duration::from_secs(30),
            read_timeout: Duration::from_secs(120),
            retries: 3,
            retry_delay: Duration::from_secs(1),
            max_bytes: 500 * 1024 * 1024,
            proxy: None,
        }
    }
}

/// Verification thresholds.
#[derive(Debug, Clone, PartialEq)]
pub struct VerifySettings {
    /// Largest share of the active version's entities (or of the records of
    /// one of its files) a new publication may lose (0.2: a list may shrink
    /// by at most 20 %) unless forced.
    pub max_shrink: f64,
    /// Largest difference between the `Last-Modified` dates of the files of
    /// one set; further apart, they are taken for different publications.
    pub max_publication_skew: Duration,
}

impl Default for VerifySettings {
    fn default() -> VerifySettings {
        VerifySettings {
            max_shrink: embargo_store::DEFAULT_MAX_SHRINK,
            max_publication_skew: Duration::from_secs(48 * 3600),
        }
    }
}

impl Default for UpdateConfig {
    fn default() -> UpdateConfig {
        UpdateConfig {
            sources: BUILTIN_SOURCES.iter().map(SourceConfig::builtin).collect(),
            download: DownloadSettings::default(),
            verify: VerifySettings::default(),
        }
    }
}

impl SourceConfig {
    /// A built-in source with its official addresses.
    pub fn builtin(source: &BuiltinSource) -> SourceConfig {
        SourceConfig {
            id: source.id.to_string(),
            format: source.format,
            files: source
                .files
                .iter()
                .map(|file| SourceFile {
                    role: file.role,
                    file_name: file.file_name.to_string(),
                    url: file.url.to_string(),
                })
                .collect(),
        }
    }

    /// Points every file at `base` followed by its file name.
    fn set_base_url(&mut self, base: &str) {
        let base = base.trim_end_matches('/');
        for file in &mut self.files {
            file.url = format!("{base}/{}", file.file_name);
        }
    }

    /// Points the file playing `role` at `url`; false when the source has
    /// no such file.
    fn set_url(&mut self, role: FileRole, url: &str) -> bool {
        match self.files.iter_mut().find(|file| file.role == role) {
            Some(file) => {
                file.url = url.to_string();
                true
            }
            None => false,
        }
    }
}

impl UpdateConfig {
    /// Reads the configuration file (`explicit`, else `$EMBARGO_CONFIG`,
    /// else the platform default when it exists) and the environment.
    pub fn load(explicit: Option<&Path>) -> Result<UpdateConfig, ConfigError> {
        let env = |name: &str| std::env::var(name).ok().filter(|value| !value.is_empty());
        let path = match explicit {
            Some(path) => Some(path.to_path_buf()),
            None => env(CONFIG_VAR)
                .map(PathBuf::from)
                .or_else(default_config_path),
        };
        let file = match path {
            Some(path) => {
                let text = std::fs::read_to_string(&path).map_err(|source| ConfigError::Read {
                    path: path.clone(),
                    source,
                })?;
                Some((text, path))
            }
            None => None,
        };
        let file = file
            .as_ref()
            .map(|(text, path)| (text.as_str(), path.as_path()));
        UpdateConfig::from_parts(file, env)
    }

    /// Builds the configuration from the file's text and path (if any) and
    /// a lookup of environment variables.
    pub fn from_parts(
        file: Option<(&str, &Path)>,
        env: impl Fn(&str) -> Option<String>,
    ) -> Result<UpdateConfig, ConfigError> {
        let mut config = UpdateConfig::default();
        if let Some((text, path)) = file {
            let parsed: FileConfig = toml::from_str(text).map_err(|error| ConfigError::Syntax {
                path: path.to_path_buf(),
                message: error.to_string(),
            })?;
            parsed.apply(&mut config, &path.display().to_string())?;
        }
        config.apply_env(&env)?;
        Ok(config)
    }

    /// The source with this id.
    pub fn source(&self, id: &str) -> Option<&SourceConfig> {
        self.sources.iter().find(|source| source.id == id)
    }

    /// Applies the `EMBARGO_SOURCE_*` variables.
    fn apply_env(&mut self, env: &impl Fn(&str) -> Option<String>) -> Result<(), ConfigError> {
        for source in &mut self.sources {
            let prefix = env_prefix(&source.id);
            let base_var = format!("{prefix}_BASE_URL");
            if let Some(base) = env(&base_var) {
                check_url(&base, &base_var)?;
                source.set_base_url(&base);
            }
            for role in ROLES {
                let var = format!("{prefix}{}_URL", role_suffix(role));
                if let Some(url) = env(&var) {
                    check_url(&url, &var)?;
                    if !source.set_url(role, &url) {
                        return Err(ConfigError::Invalid {
                            origin: var,
                            message: format!("{} has no {} file", source.id, role.name()),
                        });
                    }
                }
            }
        }
        Ok(())
    }
}

/// The file roles, in the order their variables are read.
const ROLES: [FileRole; 4] = [
    FileRole::Primary,
    FileRole::Aliases,
    FileRole::Addresses,
    FileRole::Comments,
];

/// `EMBARGO_SOURCE_OFAC_SDN` for `ofac-sdn`.
pub fn env_prefix(source_id: &str) -> String {
    let id: String = source_id
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() {
                c.to_ascii_uppercase()
            } else {
                '_'
            }
        })
        .collect();
    format!("EMBARGO_SOURCE_{id}")
}

/// What follows the prefix before `_URL` for a role: nothing for the
/// primary file, `_ALIASES` and so on for companions.
fn role_suffix(role: FileRole) -> String {
    match role {
        FileRole::Primary => String::new(),
        other => format!("_{}", other.name().to_ascii_uppercase()),
    }
}

/// `config.toml` in the platform configuration folder, when it exists.
fn default_config_path() -> Option<PathBuf> {
    let dirs = directories::ProjectDirs::from("", "", "embargo")?;
    let path = dirs.config_dir().join("config.toml");
    path.is_file().then_some(path)
}

/// Only HTTP and HTTPS addresses can be fetched.
fn check_url(url: &str, origin: &str) -> Result<(), ConfigError> {
    let lower = url.to_ascii_lowercase();
    if lower.starts_with("https://") || lower.starts_with("http://") {
        return Ok(());
    }
    Err(ConfigError::Invalid {
        origin: origin.to_string(),
        message: format!("{url:?} is not an http:// or https:// address"),
    })
}

/// The configuration file as written.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct FileConfig {
    #[serde(default)]
    download: FileDownload,
    #[serde(default)]
    verify: FileVerify,
    #[serde(default)]
    sources: BTreeMap<String, FileSource>,
}

/// `[download]`.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct FileDownload {
    connect_timeout_secs: Option<u64>,
    read_timeout_secs: Option<u64>,
    retries: Option<u32>,
    retry_delay_ms: Option<u64>,
    max_megabytes: Option<u64>,
    proxy: Option<String>,
}

/// `[verify]`.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct FileVerify {
    max_shrink: Option<f64>,
    max_publication_skew_hours: Option<u64>,
}

/// `[sources.<id>]`.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct FileSource {
    base_url: Option<String>,
    url: Option<String>,
    aliases_url: Option<String>,
    addresses_url: Option<String>,
    comments_url: Option<String>,
}

impl FileConfig {
    /// Overrides the defaults in `config` with what the file sets.
    fn apply(self, config: &mut UpdateConfig, origin: &str) -> Result<(), ConfigError> {
        self.download.apply(&mut config.download, origin)?;
        self.verify.apply(&mut config.verify, origin)?;
        for (id, settings) in self.sources {
            let source = config
                .sources
                .iter_mut()
                .find(|source| source.id == id)
                .ok_or_else(|| ConfigError::Invalid {
                    origin: origin.to_string(),
                    message: format!(
                        "[sources.{id}]: unknown source (known: {})",
                        builtin_ids().join(", ")
                    ),
                })?;
            settings.apply(source, origin)?;
        }
        Ok(())
    }
}

impl FileDownload {
    /// Overrides the download settings the file sets.
    fn apply(self, download: &mut DownloadSettings, origin: &str) -> Result<(), ConfigError> {
        if let Some(secs) = self.connect_timeout_secs {
            download.connect_timeout = positive_secs(secs, "connect_timeout_secs", origin)?;
        }
        if let Some(secs) = self.read_timeout_secs {
            download.read_timeout = positive_secs(secs, "read_timeout_secs", origin)?;
        }
        if let Some(retries) = self.retries {
            download.retries = retries;
        }
        if let Some(ms) = self.retry_delay_ms {
            download.retry_delay = Duration::from_millis(ms);
        }
        if let Some(megabytes) = self.max_megabytes {
            download.max_bytes = megabytes.saturating_mul(1024 * 1024);
        }
        if let Some(proxy) = self.proxy {
            check_url(&proxy, origin)?;
            download.proxy = Some(proxy);
        }
        Ok(())
    }
}

impl FileVerify {
    /// Overrides the verification settings the file sets.
    fn apply(self, verify: &mut VerifySettings, origin: &str) -> Result<(), ConfigError> {
        if let Some(share) = self.max_shrink {
            if !(0.0..=1.0).contains(&share) {
                return Err(ConfigError::Invalid {
                    origin: origin.to_string(),
                    message: format!("max_shrink = {share}: give a share between 0 and 1"),
                });
            }
            verify.max_shrink = share;
        }
        if let Some(hours) = self.max_publication_skew_hours {
            verify.max_publication_skew = Duration::from_secs(hours.saturating_mul(3600));
        }
        Ok(())
    }
}

impl FileSource {
    /// Overrides the addresses of one source.
    fn apply(self, source: &mut SourceConfig, origin: &str) -> Result<(), ConfigError> {
        if let Some(base) = &self.base_url {
            check_url(base, origin)?;
            source.set_base_url(base);
        }
        let urls = [
            (FileRole::Primary, self.url),
            (FileRole::Aliases, self.aliases_url),
            (FileRole::Addresses, self.addresses_url),
            (FileRole::Comments, self.comments_url),
        ];
        for (role, url) in urls {
            let Some(url) = url else { continue };
            check_url(&url, origin)?;
            if !source.set_url(role, &url) {
                return Err(ConfigError::Invalid {
                    origin: origin.to_string(),
                    message: format!("[sources.{}]: it has no {} file", source.id, role.name()),
                });
            }
        }
        Ok(())
    }
}

/// A timeout of at least one second.
fn positive_secs(secs: u64, key: &str, origin: &str) -> Result<Duration, ConfigError> {
    if secs == 0 {
        return Err(ConfigError::Invalid {
            origin: origin.to_string(),
            message: format!("{key} = 0: a timeout must be at least 1 second"),
        });
    }
    Ok(Duration::from_secs(secs))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn no_env(_: &str) -> Option<String> {
        None
    }

    fn url_of(config: &UpdateConfig, id: &str, role: FileRole) -> String {
        let source = config.source(id).unwrap();
        source
            .files
            .iter()
            .find(|file| file.role == role)
            .unwrap()
            .url
            .clone()
    }

    #[test]
    fn defaults_are_the_official_addresses() {
        let config = UpdateConfig::from_parts(None, no_env).unwrap();
        assert_eq!(
            url_of(&config, "ofac-sdn", FileRole::Aliases),
            "https://sanctionslistservice.ofac.treas.gov/api/PublicationPreview/exports/ALT.CSV"
        );
        assert_eq!(
            url_of(&config, "un", FileRole::Primary),
            crate::sources::UN_CONSOLIDATED_URL
        );
    }

    #[test]
    fn file_then_environment_override() {
        let text = r#"
            [download]
            retries = 1
            [verify]
            max_shrink = 0.5
            [sources.ofac-sdn]
            base_url = "https://mirror.example/ofac/"
            comments_url = "https://other.example/c.csv"
        "#;
        let env = |name: &str| {
            (name == "EMBARGO_SOURCE_OFAC_SDN_ALIASES_URL")
                .then(|| "http://env.example/alt.csv".to_string())
        };
        let config = UpdateConfig::from_parts(Some((text, Path::new("c.toml"))), env).unwrap();
        assert_eq!(config.download.retries, 1);
        assert_eq!(config.verify.max_shrink, 0.5);
        assert_eq!(
            url_of(&config, "ofac-sdn", FileRole::Primary),
            "https://mirror.example/ofac/sdn.csv"
        );
        assert_eq!(
            url_of(&config, "ofac-sdn", FileRole::Aliases),
            "http://env.example/alt.csv"
        );
        assert_eq!(
            url_of(&config, "ofac-sdn", FileRole::Comments),
            "https://other.example/c.csv"
        );
    }

    #[test]
    fn mistakes_are_named() {
        let unknown = UpdateConfig::from_parts(
            Some((
                "[sources.nowhere]\nurl = \"https://x\"",
                Path::new("c.toml"),
            )),
            no_env,
        )
        .unwrap_err();
        assert!(unknown.to_string().contains("unknown source"), "{unknown}");
        let typo =
            UpdateConfig::from_parts(Some(("[download]\nretry = 2", Path::new("c.toml"))), no_env)
                .unwrap_err();
        assert!(typo.to_string().starts_with("c.toml:"), "{typo}");
        let env = |name: &str| {
            (name == "EMBARGO_SOURCE_UN_ALIASES_URL").then(|| "https://x/y".to_string())
        };
        let no_file = UpdateConfig::from_parts(None, env).unwrap_err();
        assert!(
            no_file.to_string().contains("un has no aliases file"),
            "{no_file}"
        );
        let env = |name: &str| (name == "EMBARGO_SOURCE_UN_URL").then(|| "ftp://x/y".to_string());
        assert!(UpdateConfig::from_parts(None, env).is_err());
    }
}
