//! Theme resolution: which template and which static file wins, by file name.
//!
//! The default theme is embedded in the binary so a site needs no theme folder. A site may name
//! a theme under `ROOT/themes/NAME/` and override single files in `ROOT/templates/` and
//! `ROOT/static/`; the order is site > named theme > embedded default, like Zola's builtin
//! templates merged last.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use include_dir::{Dir, include_dir};
use walkdir::WalkDir;

use crate::config::Config;
use crate::content::walk::is_editor_temp;
use crate::diagnostic::Diagnostic;

static DEFAULT_THEME: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/themes/default");

/// Where a theme file came from, for messages.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Origin {
    /// Embedded default theme.
    Embedded,
    /// A file on disk.
    File(PathBuf),
}

/// One template or static file of the resolved theme.
#[derive(Debug, Clone)]
pub struct ThemeFile {
    /// File contents.
    pub bytes: Vec<u8>,
    /// Where it came from.
    pub origin: Origin,
}

/// The resolved theme: templates and static files by name (`page.html`, `css/x.css`).
#[derive(Debug, Default)]
pub struct Theme {
    /// Templates by name.
    pub templates: BTreeMap<String, ThemeFile>,
    /// Static files by output-relative path.
    pub statics: BTreeMap<String, ThemeFile>,
}

impl Theme {
    /// Resolves the theme for `config`: embedded default, then named theme, then site files.
    pub fn load(config: &Config) -> Result<Theme, Vec<Diagnostic>> {
        let mut theme = Theme::default();
        add_embedded("templates", &mut theme.templates);
        add_embedded("static", &mut theme.statics);
        let mut errors = Vec::new();
        if let Some(name) = &config.theme {
            let dir = config.root.join("themes").join(name);
            if !dir.is_dir() {
                let message = format!("theme `{name}` not found: no folder {}", dir.display());
                return Err(vec![config.error_at("theme", message)]);
            }
            add_dir(&dir.join("templates"), &mut theme.templates, &mut errors);
            add_dir(&dir.join("static"), &mut theme.statics, &mut errors);
        }
        add_dir(&config.root.join("templates"), &mut theme.templates, &mut errors);
        add_dir(&config.root.join("static"), &mut theme.statics, &mut errors);
        if errors.is_empty() { Ok(theme) } else { Err(errors) }
    }

    /// The file a template came from, for messages.
    pub fn template_path(&self, name: &str) -> PathBuf {
        match self.templates.get(name).map(|f| &f.origin) {
            Some(Origin::File(p)) => p.clone(),
            _ => PathBuf::from(format!("(embedded default theme)/templates/{name}")),
        }
    }
}

/// Every file of the embedded default theme as (path inside the theme, bytes), sorted.
pub fn embedded_files() -> Vec<(String, &'static [u8])> {
    files_of(&DEFAULT_THEME)
}

/// Every file of an embedded folder as (path inside it with `/` separators, bytes), sorted.
pub fn files_of(dir: &'static Dir<'static>) -> Vec<(String, &'static [u8])> {
    fn walk(dir: &'static Dir<'static>, out: &mut Vec<(String, &'static [u8])>) {
        for f in dir.files() {
            out.push((f.path().to_string_lossy().replace('\\', "/"), f.contents()));
        }
        for d in dir.dirs() {
            walk(d, out);
        }
    }
    let mut out = Vec::new();
    walk(dir, &mut out);
    out.sort();
    out
}

fn add_embedded(sub: &str, into: &mut BTreeMap<String, ThemeFile>) {
    let prefix = format!("{sub}/");
    for (path, bytes) in embedded_files() {
        if let Some(name) = path.strip_prefix(&prefix) {
            let bytes = if sub == "templates" && dedented(name) { dedent(bytes) } else { bytes.to_vec() };
            into.insert(name.to_string(), ThemeFile { bytes, origin: Origin::Embedded });
        }
    }
}

/// Whether the embedded template `name` is dedented: HTML templates, except shortcodes, whose
/// output is expanded into the markdown before it is parsed, where leading spaces mean
/// something (four make a code block).
fn dedented(name: &str) -> bool {
    name.ends_with(".html") && !name.starts_with("shortcodes/")
}

/// An embedded HTML template without the indentation at the start of its lines: the templates
/// are indented to be read, and the indentation would otherwise be copied into every page
/// (about 3% of a page's bytes). Newlines stay, so a template error keeps its line number and
/// words on either side of a line break stay apart. The embedded templates hold no `<pre>` or
/// `<textarea>`, where leading spaces would be content (a test below keeps it so); a site's or
/// a named theme's templates are used as written.
fn dedent(bytes: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(bytes.len());
    for line in bytes.split_inclusive(|&b| b == b'\n') {
        let start = line.iter().position(|&b| b != b' ' && b != b'\t').unwrap_or(line.len());
        out.extend_from_slice(&line[start..]);
    }
    out
}

fn add_dir(dir: &Path, into: &mut BTreeMap<String, ThemeFile>, errors: &mut Vec<Diagnostic>) {
    if !dir.is_dir() {
        return;
    }
    let walker = WalkDir::new(dir).sort_by_file_name().into_iter().filter_entry(|e| e.file_name() != ".git");
    for entry in walker {
        let entry = match entry {
            Ok(e) => e,
            Err(e) => {
                errors.push(Diagnostic::error(e.path().unwrap_or(dir), 0, 0, format!("cannot read: {e}")));
                continue;
            }
        };
        let name = entry.file_name().to_string_lossy();
        // Dotfiles are kept (`static/.nojekyll`, `static/.well-known/`); a VCS folder, macOS's
        // folder notes and editor temp files are not part of a theme.
        if !entry.file_type().is_file() || is_editor_temp(&name) || name == ".DS_Store" {
            continue;
        }
        let Ok(rel) = entry.path().strip_prefix(dir) else {
            continue;
        };
        let name = rel.components().map(|c| c.as_os_str().to_string_lossy()).collect::<Vec<_>>().join("/");
        match std::fs::read(entry.path()) {
            Ok(bytes) => {
                into.insert(name, ThemeFile { bytes, origin: Origin::File(entry.path().to_path_buf()) });
            }
            Err(e) => errors.push(Diagnostic::error(entry.path(), 0, 0, format!("cannot read: {e}"))),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn embedded_templates_lose_their_indentation_and_keep_their_lines() {
        assert_eq!(dedent(b"<ul>\n  <li>a\n\t b</li>\n   \n</ul>  "), b"<ul>\n<li>a\nb</li>\n\n</ul>  ".to_vec());
        let mut templates = BTreeMap::new();
        add_embedded("templates", &mut templates);
        let raw: BTreeMap<String, &[u8]> = embedded_files()
            .into_iter()
            .filter_map(|(p, b)| p.strip_prefix("templates/").map(|n| (n.to_string(), b)))
            .collect();
        assert!(dedented("page.html") && dedented("markup/checklist.html") && !dedented("shortcodes/details.html"));
        assert_eq!(
            templates["shortcodes/alert.html"].bytes, raw["shortcodes/alert.html"],
            "shortcodes are kept as written"
        );
        for (name, file) in &templates {
            let text = String::from_utf8_lossy(&file.bytes);
            let lines = |b: &[u8]| b.iter().filter(|&&c| c == b'\n').count();
            assert_eq!(lines(&file.bytes), lines(raw[name]), "{name} keeps its line count");
            if dedented(name) {
                assert!(!text.lines().any(|l| l.starts_with(' ')), "{name} is dedented");
                // Leading spaces would be content inside these: dedent must not meet them.
                assert!(!text.contains("<pre") && !text.contains("<textarea"), "{name} holds a <pre> or <textarea>");
            }
        }
    }
}
