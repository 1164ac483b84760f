//! Finding the files of a site: folders, markdown and everything else, in a stable order.
//!
//! Symlinks are followed (a shared folder linked into `content/` is content); a broken link or a
//! link loop (between folders or between files) is skipped with a warning, and so is anything
//! that is not a regular file (a FIFO would hang a reader). A link into the output folder is
//! refused: it would make every build copy the last one. Hidden files and editor temp files are
//! never content; [`is_editor_temp`] is also what `serve` uses to ignore them.

use std::ffi::OsStr;
use std::path::{Path, PathBuf};

use walkdir::WalkDir;

use crate::diagnostic::Diagnostic;

/// What is under a content folder, by content-relative path with `/` separators.
#[derive(Debug, Default)]
pub struct Walked {
    /// Folders, the top (`""`) first, parents before children.
    pub dirs: Vec<String>,
    /// Markdown files.
    pub markdown: Vec<(PathBuf, String)>,
    /// Every other regular file.
    pub others: Vec<(PathBuf, String)>,
    /// Skipped entries.
    pub warnings: Vec<Diagnostic>,
    /// Entries that could not be read.
    pub errors: Vec<Diagnostic>,
}

/// Walks `content` in file-name order; a symlink that leads into `output` (or to a folder that
/// holds it) is an error.
pub fn walk(content: &Path, output: Option<&Path>) -> Walked {
    let mut walked = Walked { dirs: vec![String::new()], ..Walked::default() };
    let output = output.and_then(|o| o.canonicalize().ok());
    let mut walker = WalkDir::new(content)
        .follow_links(true)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !is_ignored(e.file_name()));
    while let Some(entry) = walker.next() {
        let entry = match entry {
            Ok(e) => e,
            Err(e) => {
                let path = e.path().unwrap_or(content).to_path_buf();
                let broken = e.loop_ancestor().is_some()
                    || e.io_error().is_some_and(|io| io.kind() == std::io::ErrorKind::NotFound || is_link_loop(io));
                if broken {
                    walked.warnings.push(Diagnostic::warning(path, 0, 0, format!("skipped: {e}")));
                } else {
                    walked.errors.push(Diagnostic::error(path, 0, 0, format!("cannot read: {e}")));
                }
                continue;
            }
        };
        if entry.depth() == 0 {
            continue;
        }
        if entry.path_is_symlink()
            && let (Some(out), Ok(target)) = (&output, entry.path().canonicalize())
            && (target.starts_with(out) || out.starts_with(&target))
        {
            let message = format!(
                "this link leads into the output folder {}; refusing it (every build would copy the last one)",
                out.display()
            );
            walked.errors.push(Diagnostic::error(entry.path(), 0, 0, message));
            if entry.file_type().is_dir() {
                walker.skip_current_dir();
            }
            continue;
        }
        let Some(rel) = relative(content, entry.path()) else { continue };
        let kind = entry.file_type();
        if kind.is_dir() {
            walked.dirs.push(rel);
        } else if !kind.is_file() {
            walked.warnings.push(Diagnostic::warning(entry.path(), 0, 0, "skipped: not a regular file"));
        } else if is_markdown(&rel) {
            walked.markdown.push((entry.into_path(), rel));
        } else {
            walked.others.push((entry.into_path(), rel));
        }
    }
    walked
}

/// Hidden files (bar `.well-known/`, RFC 8615's folder for `security.txt` and the like),
/// editor temp files and backups are not content.
pub fn is_ignored(name: &OsStr) -> bool {
    let name = name.to_string_lossy();
    (name.starts_with('.') && name != ".well-known") || is_editor_temp(&name)
}

/// The temp, lock and backup files of common editors (vim, emacs, JetBrains, VS Code, …) and of
/// tools that save through a temp file, which are never part of a site.
pub fn is_editor_temp(name: &str) -> bool {
    name.ends_with('~')
        || name.starts_with(".#")
        || (name.starts_with('#') && name.ends_with('#'))
        || name == "4913"
        || [".swp", ".swx", ".swo", ".tmp", ".bak", ".crswap", "___jb_tmp___", "___jb_old___"]
            .iter()
            .any(|s| name.ends_with(s))
}

/// True for "too many levels of symbolic links" (a file that links to itself, or two that link
/// to each other).
fn is_link_loop(e: &std::io::Error) -> bool {
    #[cfg(target_os = "linux")]
    const ELOOP: i32 = 40;
    #[cfg(not(target_os = "linux"))]
    const ELOOP: i32 = 62;
    e.raw_os_error() == Some(ELOOP)
}

fn is_markdown(rel: &str) -> bool {
    let lower = rel.to_ascii_lowercase();
    lower.ends_with(".md") || lower.ends_with(".markdown")
}

fn relative(base: &Path, path: &Path) -> Option<String> {
    let rel = path.strip_prefix(base).ok()?;
    let parts: Vec<String> = rel.components().map(|c| c.as_os_str().to_string_lossy().into_owned()).collect();
    Some(parts.join("/"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ignores_hidden_and_temp_files() {
        for name in [".git", ".#a.md", "a.md~", "#a.md#", "a.md.swp", "4913", "a.md___jb_tmp___"] {
            assert!(is_ignored(OsStr::new(name)), "{name}");
        }
        assert!(!is_ignored(OsStr::new("_index.md")));
        assert!(is_editor_temp("notes.md.bak") && !is_editor_temp(".nojekyll"));
    }

    #[cfg(unix)]
    #[test]
    fn file_link_loops_are_skipped_and_links_into_the_output_refused() {
        let dir = tempfile::tempdir().unwrap();
        let content = dir.path().join("content");
        let public = dir.path().join("public");
        std::fs::create_dir_all(&content).unwrap();
        std::fs::create_dir_all(&public).unwrap();
        std::fs::write(content.join("a.md"), "A").unwrap();
        std::os::unix::fs::symlink("self.md", content.join("self.md")).unwrap();
        std::os::unix::fs::symlink("l2.md", content.join("l1.md")).unwrap();
        std::os::unix::fs::symlink("l1.md", content.join("l2.md")).unwrap();
        let walked = walk(&content, Some(&public));
        assert!(walked.errors.is_empty(), "{:?}", walked.errors);
        assert_eq!(walked.warnings.len(), 3, "{:?}", walked.warnings);
        assert_eq!(walked.markdown.len(), 1);
        std::os::unix::fs::symlink("../public", content.join("mirror")).unwrap();
        let walked = walk(&content, Some(&public));
        assert_eq!(walked.errors.len(), 1, "{:?}", walked.errors);
        assert!(walked.errors[0].message.contains("output folder"), "{}", walked.errors[0]);
        assert!(walked.errors[0].path.ends_with("mirror"));
    }

    #[cfg(unix)]
    #[test]
    fn follows_folder_links_and_skips_broken_ones_and_fifos() {
        let dir = tempfile::tempdir().unwrap();
        let shared = dir.path().join("shared");
        std::fs::create_dir_all(&shared).unwrap();
        std::fs::write(shared.join("a.md"), "A").unwrap();
        let content = dir.path().join("content");
        std::fs::create_dir_all(&content).unwrap();
        std::os::unix::fs::symlink(&shared, content.join("linked")).unwrap();
        std::os::unix::fs::symlink("/nonexistent/x", content.join("broken.png")).unwrap();
        let fifo = content.join("pipe");
        assert!(std::process::Command::new("mkfifo").arg(&fifo).status().unwrap().success());
        let walked = walk(&content, None);
        assert_eq!(walked.markdown.iter().map(|(_, r)| r.as_str()).collect::<Vec<_>>(), ["linked/a.md"]);
        assert!(walked.errors.is_empty(), "{:?}", walked.errors);
        assert_eq!(walked.warnings.len(), 2, "{:?}", walked.warnings);
        assert!(walked.others.is_empty());
    }
}
