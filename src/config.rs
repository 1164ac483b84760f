//! `mentorbook.yaml`: the raw, serde-shaped file and the resolved [`Config`] the build uses.
//!
//! Every key has a default, so an empty or missing file is a valid site. Unknown keys are an
//! error with a "did you mean" hint, because a misspelt config key silently doing nothing is the
//! most common way a generator wastes an author's afternoon.

use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::checklist::{self, Role};
use crate::content::url;
use crate::diagnostic::{Diagnostic, did_you_mean};
use crate::governance::{Every, Governance, audience_arg};
use crate::words::{Strings, capitalize};
use crate::yaml::{self, key_line};

/// The config file's name at the site root.
pub const CONFIG_FILE: &str = "mentorbook.yaml";

/// Every key the config file accepts, for unknown-key hints and the documentation test.
pub const KNOWN_KEYS: &[&str] = &[
    "title",
    "description",
    "base_url",
    "language",
    "theme",
    "content_dir",
    "output_dir",
    "link_to_index_html",
    "highlight_code",
    "highlight_theme",
    "highlight_theme_dark",
    "recent_pages",
    "roles",
    "checklists",
    "taxonomies",
    "paginate_by",
    "edit_url",
    "search",
    "strings",
    "audiences",
    "audience",
    "public_audience",
    "review_every",
    "review_audience",
    "whats_new_days",
    "noindex",
    "plain_text",
    "extra",
];

/// Top-level folders the build writes itself, which a taxonomy may not take.
pub const RESERVED_FOLDERS: &[&str] = &["checklists", "search", "print", "pagefind", "review", "whats-new"];

/// The file as written; `None` means "use the default".
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawConfig {
    title: Option<String>,
    description: Option<String>,
    base_url: Option<String>,
    language: Option<String>,
    theme: Option<String>,
    content_dir: Option<PathBuf>,
    output_dir: Option<PathBuf>,
    link_to_index_html: Option<bool>,
    highlight_code: Option<bool>,
    highlight_theme: Option<String>,
    highlight_theme_dark: Option<String>,
    recent_pages: Option<usize>,
    roles: Option<Vec<Role>>,
    checklists: Option<RawChecklists>,
    taxonomies: Option<Vec<String>>,
    paginate_by: Option<usize>,
    edit_url: Option<String>,
    search: Option<bool>,
    strings: Option<std::collections::BTreeMap<String, String>>,
    audiences: Option<Vec<String>>,
    audience: Option<String>,
    public_audience: Option<String>,
    review_every: Option<String>,
    review_audience: Option<String>,
    whats_new_days: Option<u32>,
    noindex: Option<bool>,
    plain_text: Option<bool>,
    extra: Option<serde_yaml::Mapping>,
}

/// `checklists:` in the config.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawChecklists {
    /// Find checklists in plain lists after a heading or lead-in that names a role (rule 3).
    detect: Option<bool>,
    /// Prefix of readers' saved ticks in their browsers (default: the slugified title).
    storage_key: Option<String>,
}

/// Pages per term page by default (Hugo's ten spends more bytes on page frames than entries).
pub const DEFAULT_PAGINATE_BY: usize = 50;

/// The resolved configuration: defaults applied, paths absolute, URLs normalised.
#[derive(Debug, Clone)]
pub struct Config {
    /// Site root (the folder holding `mentorbook.yaml`).
    pub root: PathBuf,
    /// Site title.
    pub title: String,
    /// One-sentence site description.
    pub description: String,
    /// Absolute base URL ending in `/`, or empty when none is set.
    pub base_url: String,
    /// Language tag for `<html lang>`.
    pub language: String,
    /// Name of a theme under `ROOT/themes/`, if any.
    pub theme: Option<String>,
    /// Folder of markdown content.
    pub content_dir: PathBuf,
    /// Default output folder.
    pub output_dir: PathBuf,
    /// Write internal links ending in `index.html` so the site browses from `file://`.
    pub link_to_index_html: bool,
    /// Highlight fenced code with syntect.
    pub highlight_code: bool,
    /// syntect theme for the light colour scheme.
    pub highlight_theme: String,
    /// syntect theme for the dark colour scheme.
    pub highlight_theme_dark: String,
    /// How many recent pages the home page lists.
    pub recent_pages: usize,
    /// Roles checklists can be for, in the config's order.
    pub roles: Vec<Role>,
    /// GUIDE §4 rule 3: a list after a heading or `…:` lead-in naming a role is a checklist.
    pub detect_checklists: bool,
    /// `checklists.storage_key` as written, empty when unset; see [`Config::storage_key`].
    pub storage_key: String,
    /// Front matter keys that get term pages (`tags/`, `tags/<term>/`), in order.
    pub taxonomies: Vec<String>,
    /// Entries per list page (taxonomy terms, sections); 0 means one page.
    pub paginate_by: usize,
    /// Prefix of "edit this page" links, ending in `/`; the page's source path is appended.
    pub edit_url: Option<String>,
    /// Build the full-text search index and the search page.
    pub search: bool,
    /// Words the theme and the built-in markup show readers.
    pub strings: Strings,
    /// Audiences, review periods, what's new (GUIDE §10).
    pub governance: Governance,
    /// `.txt` files in the content folder are pages (plain-text articles).
    pub plain_text: bool,
    /// Free-form values for templates.
    pub extra: serde_json::Value,
    /// The file's text, to locate values in messages.
    text: String,
}

impl Config {
    /// Reads `ROOT/mentorbook.yaml` (a missing file means all defaults).
    pub fn load(root: &Path) -> Result<Config, Vec<Diagnostic>> {
        let path = root.join(CONFIG_FILE);
        let text = match std::fs::read_to_string(&path) {
            Ok(text) => text,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => String::new(),
            Err(e) => {
                return Err(vec![Diagnostic::error(&path, 0, 0, format!("cannot read: {e}"))]);
            }
        };
        Self::parse(root, &path, &text)
    }

    /// Parses config text; `path` is only used in messages.
    pub fn parse(root: &Path, path: &Path, text: &str) -> Result<Config, Vec<Diagnostic>> {
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        // A file of only comments (or only `---`) is as empty as an empty file.
        let raw = if check_unknown_keys(path, text)? {
            serde_yaml::from_str::<RawConfig>(text).map_err(|e| vec![yaml::error(path, text, &e, 0)])?
        } else {
            RawConfig::default()
        };
        let overrides = raw.strings.clone().unwrap_or_default();
        let review_every = raw.review_every.clone();
        let mut config = Self::resolve(root, raw);
        config.text = text.to_string();
        let mut errors = config.check_roles();
        errors.extend(config.check_taxonomies());
        if let Err(e) = check_base_url(&config.base_url) {
            errors.push(config.error_at("base_url", e));
        }
        if config.storage_key.chars().any(|c| !(c.is_ascii_alphanumeric() || c == '-' || c == '_')) {
            errors.push(config.error_at(
                "storage_key",
                format!("`storage_key` `{}` may hold only letters, digits, `-` and `_`", config.storage_key),
            ));
        }
        if let Some(every) = review_every {
            match Every::parse(&every) {
                Ok(every) => config.governance.review_every = Some(every),
                Err(e) => errors.push(config.error_at("review_every", format!("`review_every` {e}"))),
            }
        }
        if let Some(a) = config.governance.audience.clone()
            && let Some(e) = config.governance.unknown(&a)
        {
            errors.push(config.error_at("audience", e));
        }
        match Strings::with_overrides(&overrides) {
            Ok(strings) => config.strings = strings,
            Err(messages) => errors.extend(messages.into_iter().map(|m| config.error_at("strings", m))),
        }
        if errors.is_empty() { Ok(config) } else { Err(errors) }
    }

    /// The config file's path, for messages.
    pub fn file(&self) -> PathBuf {
        self.root.join(CONFIG_FILE)
    }

    /// The config file line where `key` is set, 0 when it is not.
    pub fn line_of(&self, key: &str) -> usize {
        key_line(&self.text, key).unwrap_or(0)
    }

    /// An error about the value of `key`, at its line of the config file.
    pub fn error_at(&self, key: &str, message: impl Into<String>) -> Diagnostic {
        let line = key_line(&self.text, key).unwrap_or(0);
        Diagnostic::error(self.file(), line, if line > 0 { 1 } else { 0 }, message).with_snippet_from(&self.text)
    }

    /// Where readers' browsers keep their ticks (`mentorbook:<key>:<checklist>:<item>`):
    /// `checklists.storage_key`, else the slugified title, the key sites had before it could
    /// be set. Setting it keeps readers' ticks when the title changes.
    pub fn storage_key(&self) -> String {
        if self.storage_key.is_empty() { crate::content::url::slugify(&self.title) } else { self.storage_key.clone() }
    }

    /// Defaults for a site at `root` with no config file.
    pub fn default_for(root: &Path) -> Config {
        Self::resolve(root, RawConfig::default())
    }

    fn resolve(root: &Path, raw: RawConfig) -> Config {
        let mut base_url = raw.base_url.unwrap_or_default().trim().to_string();
        if !base_url.is_empty() && !base_url.ends_with('/') {
            base_url.push('/');
        }
        let extra = raw
            .extra
            .map(|m| yaml::to_json(serde_yaml::Value::Mapping(m)))
            .unwrap_or(serde_json::Value::Object(Default::default()));
        Config {
            root: root.to_path_buf(),
            title: raw.title.unwrap_or_else(|| "Handbook".into()),
            description: raw.description.unwrap_or_default(),
            base_url,
            language: raw.language.unwrap_or_else(|| "en".into()),
            theme: raw.theme.filter(|t| !t.is_empty()),
            content_dir: root.join(raw.content_dir.unwrap_or_else(|| "content".into())),
            output_dir: root.join(raw.output_dir.unwrap_or_else(|| "public".into())),
            link_to_index_html: raw.link_to_index_html.unwrap_or(false),
            highlight_code: raw.highlight_code.unwrap_or(true),
            highlight_theme: raw.highlight_theme.unwrap_or_else(|| "InspiredGitHub".into()),
            highlight_theme_dark: raw.highlight_theme_dark.unwrap_or_else(|| "base16-ocean.dark".into()),
            recent_pages: raw.recent_pages.unwrap_or(10),
            roles: raw.roles.unwrap_or_else(checklist::default_roles).into_iter().map(fill_role).collect(),
            detect_checklists: raw.checklists.as_ref().and_then(|c| c.detect).unwrap_or(true),
            storage_key: raw
                .checklists
                .as_ref()
                .and_then(|c| c.storage_key.as_deref())
                .map(str::trim)
                .unwrap_or_default()
                .to_string(),
            taxonomies: raw.taxonomies.unwrap_or_else(|| ["tags", "categories", "roles"].map(String::from).to_vec()),
            paginate_by: raw.paginate_by.unwrap_or(DEFAULT_PAGINATE_BY),
            edit_url: raw.edit_url.map(|u| u.trim().to_string()).filter(|u| !u.is_empty()).map(|mut u| {
                if !u.ends_with('/') {
                    u.push('/');
                }
                u
            }),
            search: raw.search.unwrap_or(true),
            strings: Strings::default(),
            governance: Governance {
                audiences: raw.audiences.unwrap_or_default(),
                audience: raw.audience.as_deref().and_then(audience_arg),
                public_audience: raw.public_audience.unwrap_or_else(|| "public".into()),
                review_every: None,
                review_audience: raw.review_audience.unwrap_or_else(|| "internal".into()),
                whats_new_days: raw.whats_new_days.unwrap_or(30),
                noindex: raw.noindex,
            },
            plain_text: raw.plain_text.unwrap_or(true),
            extra,
            text: String::new(),
        }
    }
}

/// A role's label defaults to its id with a capital letter, its keywords to its id.
fn fill_role(mut role: Role) -> Role {
    if role.label.trim().is_empty() {
        role.label = capitalize(&role.id);
    }
    if role.keywords.is_empty() {
        role.keywords.push(role.id.clone());
    }
    role
}

impl Config {
    /// Role ids become URL segments (`checklists/<role>/`) and must be unique.
    fn check_roles(&self) -> Vec<Diagnostic> {
        let mut errors = Vec::new();
        for (i, role) in self.roles.iter().enumerate() {
            let problem = if role.id.is_empty() || url::slugify(&role.id) != role.id {
                Some(format!("role id `{}` must be lowercase letters, digits and `-`", role.id))
            } else if role.id == "print" {
                Some("role id `print` is taken by the checklist print pages".to_string())
            } else if self.roles[..i].iter().any(|r| r.id == role.id) {
                Some(format!("role `{}` is defined twice", role.id))
            } else {
                None
            };
            errors.extend(problem.map(|m| self.error_at("roles", m)));
        }
        errors
    }

    /// Taxonomy names become top-level folders (`tags/`): plain, unique, and not one the build
    /// writes itself.
    fn check_taxonomies(&self) -> Vec<Diagnostic> {
        let mut errors = Vec::new();
        for (i, name) in self.taxonomies.iter().enumerate() {
            let problem = if url::slugify(name) != *name || self.taxonomies[..i].contains(name) {
                format!("taxonomy `{name}` must be a unique lowercase name like `tags`")
            } else if name == "audience" {
                "`audience` says who a page is for and cannot be a taxonomy".to_string()
            } else if RESERVED_FOLDERS.contains(&name.as_str()) {
                format!("taxonomy `{name}` would write `{name}/`, which the build writes itself; choose another name")
            } else {
                continue;
            };
            errors.push(self.error_at("taxonomies", problem));
        }
        errors
    }

    /// The role with id `id`.
    pub fn role(&self, id: &str) -> Option<&Role> {
        self.roles.iter().find(|r| r.id == id)
    }
}

/// An empty base URL, or an absolute `http://` or `https://` URL with a host; the error says why
/// not. Used for the config key and for `--base-url`.
pub fn check_base_url(url: &str) -> Result<(), String> {
    if url.is_empty() {
        return Ok(());
    }
    let rest = url.strip_prefix("https://").or_else(|| url.strip_prefix("http://"));
    let host = rest.map(|r| r.split(['/', '?', '#']).next().unwrap_or(""));
    let valid_host = host.is_some_and(|h| {
        !h.is_empty() && h.chars().all(|c| c.is_alphanumeric() || matches!(c, '.' | '-' | ':' | '[' | ']' | '_'))
    });
    if valid_host && !url.chars().any(char::is_whitespace) {
        Ok(())
    } else {
        Err(format!("base URL `{url}` is not an absolute http:// or https:// URL with a host"))
    }
}

/// Reports every top-level key not in [`KNOWN_KEYS`], with its line and a hint.
/// `Ok(false)` when the file holds no YAML value at all.
fn check_unknown_keys(path: &Path, text: &str) -> Result<bool, Vec<Diagnostic>> {
    let value: serde_yaml::Value = serde_yaml::from_str(text).map_err(|e| vec![yaml::error(path, text, &e, 0)])?;
    if value.is_null() {
        return Ok(false);
    }
    let Some(map) = value.as_mapping() else {
        return Err(vec![Diagnostic::error(path, 1, 1, "the config must be a mapping of `key: value` lines")]);
    };
    let errors: Vec<Diagnostic> = map
        .keys()
        .filter_map(|k| k.as_str())
        .filter(|k| !KNOWN_KEYS.contains(k))
        .map(|key| {
            let line = key_line(text, key).unwrap_or(0);
            let hint = did_you_mean(key, KNOWN_KEYS).map(|k| format!("; did you mean `{k}`?")).unwrap_or_default();
            Diagnostic::error(path, line, 1, format!("unknown config key `{key}`{hint}")).with_snippet_from(text)
        })
        .collect();
    if errors.is_empty() { Ok(true) } else { Err(errors) }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Result<Config, Vec<Diagnostic>> {
        Config::parse(Path::new("/site"), Path::new("mentorbook.yaml"), text)
    }

    #[test]
    fn empty_file_is_all_defaults() {
        let c = parse("").unwrap();
        assert_eq!(c.title, "Handbook");
        assert_eq!(c.language, "en");
        assert_eq!(c.content_dir, Path::new("/site/content"));
        assert!(c.highlight_code);
    }

    #[test]
    fn comments_only_is_empty() {
        assert_eq!(parse("# nothing yet\n").unwrap().title, "Handbook");
        assert_eq!(parse("---\n").unwrap().title, "Handbook");
    }

    #[test]
    fn value_errors_point_at_their_key() {
        let c = parse("title: T\nhighlight_theme: Nope\n").unwrap();
        let e = c.error_at("highlight_theme", "unknown");
        assert_eq!((e.line, e.col), (2, 1));
    }

    #[test]
    fn base_url_gets_trailing_slash() {
        assert_eq!(parse("base_url: https://x.org/h").unwrap().base_url, "https://x.org/h/");
    }

    #[test]
    fn unknown_key_names_line_and_hint() {
        let errs = parse("title: A\ntitel: B\n").unwrap_err();
        assert_eq!(errs.len(), 1);
        assert_eq!(errs[0].line, 2);
        assert!(errs[0].message.contains("did you mean `title`"), "{}", errs[0].message);
    }

    #[test]
    fn roles_default_to_mentor_and_mentee() {
        let c = parse("").unwrap();
        let ids: Vec<&str> = c.roles.iter().map(|r| r.id.as_str()).collect();
        assert_eq!(ids, ["mentor", "mentee"]);
        assert!(c.detect_checklists);
    }

    #[test]
    fn roles_from_config_get_labels_and_keywords() {
        let c = parse("roles:\n  - id: buddy\n  - id: lead\n    label: Team leads\n    keywords: [lead, leads]\nchecklists:\n  detect: false\n").unwrap();
        assert_eq!(c.roles[0], Role { id: "buddy".into(), label: "Buddy".into(), keywords: vec!["buddy".into()] });
        assert_eq!(c.roles[1].label, "Team leads");
        assert!(!c.detect_checklists);
    }

    #[test]
    fn bad_role_ids_are_errors_at_the_roles_key() {
        let errs = parse("title: A\nroles:\n  - id: Mentor Lead\n  - id: print\n  - id: x\n  - id: x\n").unwrap_err();
        assert_eq!(errs.len(), 3, "{errs:?}");
        assert!(errs.iter().all(|e| e.line == 2));
        assert!(errs[0].message.contains("lowercase"));
        let errs = parse("checklists:\n  detcet: false\n").unwrap_err();
        assert!(errs[0].message.contains("detcet"), "{}", errs[0].message);
    }

    #[test]
    fn base_urls_must_be_absolute_web_urls() {
        assert!(check_base_url("").is_ok());
        assert!(check_base_url("https://handbook.example.org/sub/").is_ok());
        assert!(check_base_url("http://localhost:8080/").is_ok());
        for bad in ["not a url", "example.org", "https://", "ftp://x.org/", "https://a b/"] {
            assert!(check_base_url(bad).is_err(), "{bad}");
        }
        let errs = parse("title: T\nbase_url: nope\n").unwrap_err();
        assert_eq!(errs[0].line, 2);
    }

    #[test]
    fn taxonomies_may_not_take_the_build_s_own_folders() {
        for name in RESERVED_FOLDERS {
            let errs = parse(&format!("taxonomies: [tags, {name}]\n")).unwrap_err();
            assert!(errs[0].message.contains("which the build writes itself"), "{}", errs[0].message);
            assert_eq!(errs[0].line, 1);
        }
    }

    #[test]
    fn strings_override_the_english_defaults() {
        let c = parse("strings:\n  home: Start\n").unwrap();
        assert_eq!(c.strings.get("home"), "Start");
        let errs = parse("strings:\n  hom: Start\n").unwrap_err();
        assert!(errs[0].message.contains("did you mean `home`"), "{}", errs[0].message);
    }

    #[test]
    fn wrong_type_is_located() {
        let errs = parse("title: A\nrecent_pages: many\n").unwrap_err();
        assert_eq!(errs[0].line, 2);
    }
}
