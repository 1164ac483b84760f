//! Writing the rendered site: only after everything rendered, only inside the output folder.
//!
//! Every file is rendered in memory first, so a content or template error never reaches this
//! module and the previous output stays byte for byte. Writing then touches only files whose
//! bytes changed and removes stale ones (on this machine kind creating and deleting thousands of
//! files costs more than rendering them, see the README's benchmark notes). A marker file keeps
//! us from ever pruning a folder that mentorbook did not make, and symlinks inside the output are
//! replaced rather than followed, so nothing is written outside it.

use std::collections::{HashMap, HashSet};
use std::fs;
use std::io;
use std::path::{Component, Path, PathBuf};

use rayon::prelude::*;

use crate::config::Config;
use crate::diagnostic::Diagnostic;

/// Name of the marker file that says "mentorbook made this folder".
pub const MARKER: &str = ".mentorbook-output";

/// One file of the built site, fully in memory.
#[derive(Debug, Clone)]
pub struct Output {
    /// Output-relative path with `/` separators.
    pub path: String,
    /// Its bytes.
    pub bytes: Vec<u8>,
    /// The file it was copied or rendered from, for messages; `None` for generated files.
    pub source: Option<PathBuf>,
}

impl Output {
    /// A rendered file.
    pub fn bytes(path: &str, bytes: Vec<u8>) -> Output {
        Output { path: path.to_string(), bytes, source: None }
    }

    /// A file copied or rendered from `source`.
    pub fn from_source(path: &str, bytes: Vec<u8>, source: PathBuf) -> Output {
        Output { path: path.to_string(), bytes, source: Some(source) }
    }

    /// Where a problem with this output should point.
    fn origin(&self) -> PathBuf {
        self.source.clone().unwrap_or_else(|| PathBuf::from(&self.path))
    }

    fn origin_name(&self) -> String {
        match &self.source {
            Some(p) => p.display().to_string(),
            None => format!("generated `{}`", self.path),
        }
    }
}

/// Counts of what writing did.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct WriteStats {
    /// Files created or changed.
    pub written: usize,
    /// Files left alone because their bytes were already right.
    pub unchanged: usize,
    /// Stale files removed.
    pub removed: usize,
}

/// Sorts outputs by path and rejects unsafe paths, two sources for one path, and a path that
/// is a file for one source and a folder for another (`a/index.html` and `a/index.html/x`).
pub fn finish(mut files: Vec<Output>) -> Result<Vec<Output>, Vec<Diagnostic>> {
    files.sort_by(|a, b| a.path.cmp(&b.path));
    let mut errors = Vec::new();
    for pair in files.windows(2) {
        if pair[0].path == pair[1].path {
            let message = format!(
                "two sources write the same output file `{}`: {} and {}",
                pair[0].path,
                pair[0].origin_name(),
                pair[1].origin_name()
            );
            errors.push(Diagnostic::error(pair[1].origin(), 0, 0, message));
        }
    }
    let by_path: HashMap<&str, &Output> = files.iter().map(|f| (f.path.as_str(), f)).collect();
    for f in &files {
        if !is_safe(&f.path) {
            errors.push(Diagnostic::error(
                f.origin(),
                0,
                0,
                format!("output path `{}` would leave the output folder", f.path),
            ));
            continue;
        }
        let folders = f.path.match_indices('/').map(|(i, _)| &f.path[..i]);
        if let Some(file) = folders.filter_map(|folder| by_path.get(folder)).next() {
            let message = format!(
                "{} needs `{}` to be a folder, but {} writes a file there",
                f.origin_name(),
                file.path,
                file.origin_name()
            );
            errors.push(Diagnostic::error(f.origin(), 0, 0, message));
        }
    }
    if errors.is_empty() { Ok(files) } else { Err(errors) }
}

/// True for a relative path made only of plain names.
fn is_safe(path: &str) -> bool {
    !path.is_empty() && Path::new(path).components().all(|c| matches!(c, Component::Normal(_))) && !path.contains('\\')
}

/// Refuses an output folder that is the site root, holds the site, or lies inside its sources.
pub fn check_output_dir(config: &Config, out: &Path) -> Result<(), Vec<Diagnostic>> {
    let root = lenient_canonical(&config.root);
    let out_c = lenient_canonical(out);
    let error = |why: &str| {
        vec![Diagnostic::error(
            out,
            0,
            0,
            format!("refusing to use this as the output folder: {why}; nothing was written"),
        )]
    };
    if out_c == root {
        return Err(error("it is the site root"));
    }
    let content = lenient_canonical(&config.content_dir);
    if root.starts_with(&out_c) || content.starts_with(&out_c) {
        return Err(error("it contains the site's sources"));
    }
    for source in [content, root.join("templates"), root.join("static"), root.join("themes")] {
        if out_c.starts_with(&source) {
            return Err(error(&format!("it lies inside {}", source.display())));
        }
    }
    Ok(())
}

/// Canonical form of a path that may not exist yet: its longest existing ancestor, canonicalised.
fn lenient_canonical(path: &Path) -> PathBuf {
    let path = if path.as_os_str().is_empty() { Path::new(".") } else { path };
    let absolute = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    let mut existing = absolute.as_path();
    let mut rest = Vec::new();
    loop {
        if let Ok(c) = existing.canonicalize() {
            return rest.iter().rev().fold(c, |acc: PathBuf, part| acc.join(part));
        }
        match (existing.parent(), existing.file_name()) {
            (Some(parent), Some(name)) => {
                rest.push(name.to_os_string());
                existing = parent;
            }
            _ => return absolute,
        }
    }
}

/// Writes `files` into `out`, skipping unchanged files and removing stale ones.
pub fn write(out: &Path, files: &[Output]) -> Result<WriteStats, Diagnostic> {
    prepare(out)?;
    let mut dirs: HashSet<PathBuf> = HashSet::new();
    for f in files {
        if let Some(parent) = Path::new(&f.path).parent().filter(|p| !p.as_os_str().is_empty()) {
            for ancestor in
                parent.ancestors().filter(|a| !a.as_os_str().is_empty()).collect::<Vec<_>>().into_iter().rev()
            {
                if dirs.insert(ancestor.to_path_buf()) {
                    ensure_dir(&out.join(ancestor))
                        .map_err(|e| io_error(&out.join(ancestor), "cannot create folder", &e))?;
                }
            }
        }
    }
    let changed: Vec<Result<bool, Diagnostic>> =
        files.par_iter().map(|f| write_one(&out.join(&f.path), &f.bytes)).collect();
    let mut stats = WriteStats::default();
    for c in changed {
        if c? {
            stats.written += 1;
        } else {
            stats.unchanged += 1;
        }
    }
    let keep: HashSet<PathBuf> = files.iter().map(|f| PathBuf::from(&f.path)).chain([PathBuf::from(MARKER)]).collect();
    stats.removed = prune(out, &keep, &dirs)?;
    Ok(stats)
}

/// Creates `out` (with its marker) or checks that an existing, non-empty one is ours.
fn prepare(out: &Path) -> Result<(), Diagnostic> {
    if out.is_dir() {
        let ours = out.join(MARKER).is_file();
        let empty = fs::read_dir(out).map_err(|e| io_error(out, "cannot read", &e))?.next().is_none();
        if !ours && !empty {
            return Err(Diagnostic::error(
                out,
                0,
                0,
                "refusing to write into a folder that is not empty and was not made by mentorbook; remove it or choose another --output",
            ));
        }
    } else {
        fs::create_dir_all(out).map_err(|e| io_error(out, "cannot create output folder", &e))?;
    }
    let marker = out.join(MARKER);
    if !marker.is_file() {
        fs::write(
            &marker,
            "This folder is written by `mentorbook build`; files not produced by the build are removed.\n",
        )
        .map_err(|e| io_error(&marker, "cannot write", &e))?;
    }
    Ok(())
}

/// Makes `dir` a real folder: a symlink or file in its place is removed, never followed.
fn ensure_dir(dir: &Path) -> io::Result<()> {
    match fs::symlink_metadata(dir) {
        Ok(m) if m.is_dir() => return Ok(()),
        Ok(m) if m.is_symlink() || m.is_file() => fs::remove_file(dir)?,
        Ok(_) => fs::remove_file(dir)?,
        Err(e) if e.kind() == io::ErrorKind::NotFound => {}
        Err(e) => return Err(e),
    }
    fs::create_dir(dir)
}

/// Writes one file unless it already holds these bytes; `Ok(true)` when written.
fn write_one(dest: &Path, bytes: &[u8]) -> Result<bool, Diagnostic> {
    match fs::symlink_metadata(dest) {
        Ok(m) if m.is_file() && m.len() == bytes.len() as u64 && fs::read(dest).is_ok_and(|old| old == bytes) => {
            return Ok(false);
        }
        Ok(m) if m.is_dir() => fs::remove_dir_all(dest).map_err(|e| io_error(dest, "cannot replace folder", &e))?,
        Ok(m) if m.is_symlink() => fs::remove_file(dest).map_err(|e| io_error(dest, "cannot replace link", &e))?,
        _ => {}
    }
    fs::write(dest, bytes).map_err(|e| io_error(dest, "cannot write", &e))?;
    Ok(true)
}

/// Removes files under `out` that are not in `keep`, then folders left empty.
fn prune(out: &Path, keep: &HashSet<PathBuf>, dirs: &HashSet<PathBuf>) -> Result<usize, Diagnostic> {
    let mut removed = 0;
    for entry in walkdir::WalkDir::new(out).min_depth(1).contents_first(true) {
        let entry = entry.map_err(|e| Diagnostic::error(out, 0, 0, format!("cannot read output folder: {e}")))?;
        let Ok(rel) = entry.path().strip_prefix(out) else {
            continue;
        };
        if entry.file_type().is_dir() {
            if !dirs.contains(rel) && fs::read_dir(entry.path()).is_ok_and(|mut d| d.next().is_none()) {
                fs::remove_dir(entry.path()).map_err(|e| io_error(entry.path(), "cannot remove", &e))?;
            }
        } else if !keep.contains(rel) {
            fs::remove_file(entry.path()).map_err(|e| io_error(entry.path(), "cannot remove stale file", &e))?;
            removed += 1;
        }
    }
    Ok(removed)
}

fn io_error(path: &Path, what: &str, e: &io::Error) -> Diagnostic {
    Diagnostic::error(path, 0, 0, format!("{what}: {e}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unsafe_paths_are_rejected() {
        assert!(is_safe("a/b/index.html"));
        for bad in ["../x", "/etc/passwd", "a/../../b", "", "a\\..\\b", "./a"] {
            assert!(!is_safe(bad), "{bad}");
        }
    }

    #[test]
    fn duplicate_outputs_name_both_sources() {
        let files = vec![
            Output::from_source("a/index.html", vec![], "content/a/index.html".into()),
            Output::bytes("a/index.html", vec![]),
        ];
        let errs = finish(files).unwrap_err();
        assert!(errs[0].message.contains("content/a/index.html"), "{}", errs[0].message);
    }

    #[test]
    fn a_path_that_is_both_file_and_folder_is_an_error() {
        let files = vec![
            Output::bytes("index.html", vec![]),
            Output::from_source("index.html/index.html", vec![], "content/index.html.md".into()),
            Output::bytes("index.html-b/x", vec![]),
        ];
        let errs = finish(files).unwrap_err();
        assert_eq!(errs.len(), 1, "{errs:?}");
        assert!(errs[0].message.contains("needs `index.html` to be a folder"), "{}", errs[0].message);
        assert_eq!(errs[0].path, Path::new("content/index.html.md"));
    }

    #[test]
    fn rewrites_only_changed_files_and_prunes_stale_ones() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        let first = [Output::bytes("a/index.html", b"one".to_vec()), Output::bytes("b/index.html", b"two".to_vec())];
        assert_eq!(write(&out, &first).unwrap().written, 2);
        let second = [Output::bytes("a/index.html", b"one".to_vec())];
        let stats = write(&out, &second).unwrap();
        assert_eq!(stats, WriteStats { written: 0, unchanged: 1, removed: 1 });
        assert!(!out.join("b").exists());
    }

    #[test]
    fn never_prunes_a_folder_it_did_not_make() {
        let dir = tempfile::tempdir().unwrap();
        fs::write(dir.path().join("precious.txt"), "keep me").unwrap();
        let err = write(dir.path(), &[Output::bytes("index.html", vec![])]).unwrap_err();
        assert!(err.message.contains("not made by mentorbook"));
        assert_eq!(fs::read_to_string(dir.path().join("precious.txt")).unwrap(), "keep me");
    }

    #[cfg(unix)]
    #[test]
    fn symlinks_inside_the_output_are_replaced_not_followed() {
        let dir = tempfile::tempdir().unwrap();
        let outside = dir.path().join("outside");
        fs::create_dir(&outside).unwrap();
        let out = dir.path().join("public");
        write(&out, &[Output::bytes("index.html", vec![])]).unwrap();
        std::os::unix::fs::symlink(&outside, out.join("a")).unwrap();
        write(&out, &[Output::bytes("a/index.html", b"x".to_vec())]).unwrap();
        assert!(fs::read_dir(&outside).unwrap().next().is_none(), "wrote through the link");
        assert_eq!(fs::read(out.join("a/index.html")).unwrap(), b"x");
    }
}
