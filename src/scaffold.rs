//! What `mentorbook init` writes: a new site that builds and serves at once, or the default theme written
//! out for editing.
//!
//! The starter site (`scaffold/` in the repository: a commented config, a guide for mentors,
//! one for mentees and a three-step playbook with checklists) is embedded in the binary like
//! the default theme, so `init` works offline from a single executable. A folder that already
//! holds files is refused unless `--force`, which then overwrites only the starter's own files.

use std::fs;
use std::path::{Path, PathBuf};

use include_dir::{Dir, include_dir};

use crate::diagnostic::Diagnostic;
use crate::render::theme::{embedded_files, files_of};

static SCAFFOLD: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/scaffold");

/// The starter's `.gitignore`: the build's output and its cache (`.mentorbook/cache/`, see
/// [`crate::site::cache`]) are made from the sources, never committed. Written into the repository's
/// `scaffold/` folder it would ignore files of this repository, so it lives here.
const GITIGNORE: &str = "# Made by `mentorbook build` from the sources: not committed.\n/public/\n\n# mentorbook's build cache (safe to delete at any time).\n/.mentorbook/\n";

/// What `init` should write.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// The starter site.
    Site,
    /// The embedded default theme, into `themes/default/`.
    Theme,
}

/// Writes the starter site (or the theme) into `dir`; returns the files written.
pub fn init(dir: &Path, kind: Kind, force: bool) -> Result<Vec<PathBuf>, Diagnostic> {
    let files: Vec<(String, &[u8])> = match kind {
        Kind::Site => scaffold_files(),
        Kind::Theme => embedded_files().into_iter().map(|(p, b)| (format!("themes/default/{p}"), b)).collect(),
    };
    let target = match kind {
        Kind::Site => dir.to_path_buf(),
        Kind::Theme => dir.join("themes/default"),
    };
    if !force && has_entries(&target) {
        let what = if kind == Kind::Site { "the folder is not empty" } else { "a theme is already there" };
        return Err(Diagnostic::error(&target, 0, 0, format!("{what}; use --force to write over the starter files")));
    }
    let mut written = Vec::new();
    for (rel, bytes) in files {
        let path = dir.join(&rel);
        if let Some(parent) = path.parent() {
            fs::create_dir_all(parent)
                .map_err(|e| Diagnostic::error(parent, 0, 0, format!("cannot create folder: {e}")))?;
        }
        fs::write(&path, bytes).map_err(|e| Diagnostic::error(&path, 0, 0, format!("cannot write: {e}")))?;
        written.push(path);
    }
    if kind == Kind::Site {
        written.extend(write_gitignore(dir)?);
    }
    Ok(written)
}

/// Writes [`GITIGNORE`], or adds its lines to a `.gitignore` already there that lacks them;
/// returns the file when it was written.
fn write_gitignore(dir: &Path) -> Result<Option<PathBuf>, Diagnostic> {
    let path = dir.join(".gitignore");
    let existing = fs::read_to_string(&path).unwrap_or_default();
    let missing: Vec<&str> =
        GITIGNORE.lines().filter(|l| l.starts_with('/') && !existing.lines().any(|e| e.trim() == *l)).collect();
    if missing.is_empty() {
        return Ok(None);
    }
    let text = if existing.is_empty() {
        GITIGNORE.to_string()
    } else {
        let sep = if existing.ends_with('\n') { "" } else { "\n" };
        format!("{existing}{sep}{}\n", missing.join("\n"))
    };
    fs::write(&path, text).map_err(|e| Diagnostic::error(&path, 0, 0, format!("cannot write: {e}")))?;
    Ok(Some(path))
}

/// True when `dir` exists and holds anything (hidden files count: a `.git` folder is a project).
fn has_entries(dir: &Path) -> bool {
    fs::read_dir(dir).is_ok_and(|mut entries| entries.next().is_some())
}

fn scaffold_files() -> Vec<(String, &'static [u8])> {
    files_of(&SCAFFOLD)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_starter_has_a_config_guides_and_a_three_step_playbook() {
        let names: Vec<String> = scaffold_files().into_iter().map(|(p, _)| p).collect();
        assert!(names.contains(&"mentorbook.yaml".to_string()));
        assert!(names.contains(&".gitignore".to_string()), "the built site is not for git: {names:?}");
        assert!(names.contains(&"content/mentors/first-meeting.md".to_string()));
        assert!(names.contains(&"content/mentees/getting-started.md".to_string()));
        assert_eq!(names.iter().filter(|n| n.starts_with("content/playbook/step-")).count(), 3);
        let index = SCAFFOLD.get_file("content/playbook/_index.md").unwrap().contents_utf8().unwrap();
        assert!(index.contains("\nplaybook: true\n"));
    }
}
