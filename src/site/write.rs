//! The one write path: every file `build` and `serve` write goes through [`Writer`].
//!
//! Outputs arrive fully rendered and checked ([`super::output::finish`]), so a content or
//! template error never reaches this module. Each file whose bytes changed is written to a
//! temporary name in its own folder and renamed into place, so a reader (a browser on `serve`,
//! a web server) and a killed build never see a half-written file; a symlink standing where a
//! file or folder goes is replaced, never followed, so nothing is written outside the output
//! folder. Unchanged files are left alone (on this machine kind creating thousands of files
//! costs more than rendering them). Into a folder that holds no earlier build (no marker yet)
//! new files are created in place instead: there is no earlier output to keep usable, and it
//! halves the file-system work of a first build (`serve` answers from memory meanwhile).
//! A full write then prunes what the build no longer makes,
//! except dot-entries (`.git/`, `.nojekyll`, `.well-known/`) and a top-level `CNAME`, which
//! belong to whoever publishes the folder. A marker file keeps us from ever pruning a folder
//! that mentorbook did not make.

use std::collections::HashSet;
use std::fs;
use std::io::{self, Write as _};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

use rayon::prelude::*;

use super::output::Output;
use crate::diagnostic::Diagnostic;

/// Name of the marker file that says "mentorbook made this folder".
pub const MARKER: &str = ".mentorbook-output";

/// What temporary files start with; a killed build's leftovers are removed by the next prune.
pub(super) const TEMP_PREFIX: &str = ".mentorbook-tmp-";

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

/// Why writing stopped.
#[derive(Debug)]
pub enum WriteError {
    /// A file could not be written (the disk is full, a folder is read-only, …).
    Failed(Diagnostic),
    /// The caller asked to stop (a newer edit arrived while `serve` was writing).
    Cancelled,
}

/// Writes outputs into one output folder.
pub struct Writer<'a> {
    out: PathBuf,
    cancel: Option<&'a AtomicBool>,
    /// A folder prefix (`pagefind/`) whose files pruning leaves alone.
    keep_prefix: Option<&'a str>,
}

/// A counter that makes temporary names unique within this process.
static TEMP_COUNTER: AtomicUsize = AtomicUsize::new(0);

impl<'a> Writer<'a> {
    /// A writer into `out`.
    pub fn new(out: &Path) -> Writer<'a> {
        Writer { out: out.to_path_buf(), cancel: None, keep_prefix: None }
    }

    /// The same writer, whose pruning leaves files under `prefix` alone (`serve` keeps the last
    /// search index until it writes the next).
    pub fn keeping(mut self, prefix: &'a str) -> Writer<'a> {
        self.keep_prefix = Some(prefix);
        self
    }

    /// The same writer, stopping between files once `cancel` is set.
    pub fn cancellable(mut self, cancel: &'a AtomicBool) -> Writer<'a> {
        self.cancel = Some(cancel);
        self
    }

    /// Writes `files` (creating the folder, with its marker, when needed); with `prune`, removes
    /// every file the build did not write, and folders left empty.
    pub fn write(&self, files: &[Output], prune: bool) -> Result<WriteStats, WriteError> {
        let fresh = prepare(&self.out).map_err(WriteError::Failed)?;
        let mut dirs: HashSet<PathBuf> = HashSet::new();
        for f in files {
            ensure_parents(&self.out, &f.path, &mut dirs).map_err(WriteError::Failed)?;
        }
        let results: Vec<Result<bool, WriteError>> = files
            .par_iter()
            .map(|f| {
                if self.cancel.is_some_and(|c| c.load(Ordering::Relaxed)) {
                    return Err(WriteError::Cancelled);
                }
                if f.on_disk {
                    return Ok(true);
                }
                let dest = self.out.join(&f.path);
                if fresh { write_new(&dest, &f.bytes) } else { write_one(&dest, &f.bytes) }.map_err(WriteError::Failed)
            })
            .collect();
        let mut stats = WriteStats::default();
        for r in results {
            if r? {
                stats.written += 1;
            } else {
                stats.unchanged += 1;
            }
        }
        if prune {
            let keep: HashSet<&Path> = files.iter().map(|f| Path::new(f.path.as_str())).collect();
            stats.removed = self.prune(&keep, &dirs).map_err(WriteError::Failed)?;
        }
        Ok(stats)
    }

    /// Removes files under the folder that are not in `keep` (nor kept by the rules in the module
    /// docs), then folders left empty.
    fn prune(&self, keep: &HashSet<&Path>, dirs: &HashSet<PathBuf>) -> Result<usize, Diagnostic> {
        let out = &self.out;
        let mut removed = 0;
        // (walkdir's `contents_first` does not honour `filter_entry`: collect, then remove the
        // deepest folders first.)
        let walker = walkdir::WalkDir::new(out).min_depth(1).into_iter().filter_entry(|e| {
            let name = e.file_name().to_string_lossy();
            !name.starts_with('.') || name.starts_with(TEMP_PREFIX)
        });
        let mut folders = Vec::new();
        for entry in walker {
            let entry = entry.map_err(|e| Diagnostic::error(out, 0, 0, format!("cannot read output folder: {e}")))?;
            let Ok(rel) = entry.path().strip_prefix(out) else { continue };
            if entry.file_type().is_dir() {
                if !dirs.contains(rel) {
                    folders.push(entry.path().to_path_buf());
                }
            } else if !keep.contains(rel)
                && rel != Path::new("CNAME")
                && !self.keep_prefix.is_some_and(|p| rel.to_string_lossy().starts_with(p))
            {
                fs::remove_file(entry.path()).map_err(|e| io_error(entry.path(), "cannot remove stale file", &e))?;
                removed += 1;
            }
        }
        for folder in folders.iter().rev() {
            if fs::read_dir(folder).is_ok_and(|mut d| d.next().is_none()) {
                fs::remove_dir(folder).map_err(|e| io_error(folder, "cannot remove", &e))?;
            }
        }
        Ok(removed)
    }
}

/// True for entries of an output folder the build never touches: dot-entries, and `CNAME` at
/// the top.
fn is_kept(name: &str, top: bool) -> bool {
    (name.starts_with('.') && !name.starts_with(TEMP_PREFIX)) || (top && name == "CNAME")
}

/// Creates `out` (with its marker) or checks that an existing one is ours, or holds nothing
/// the build would touch (a fresh `gh-pages` checkout: `.git/`, `CNAME`). True when the folder
/// holds no earlier build (no marker yet): nothing in it is anybody's usable output.
pub(super) fn prepare(out: &Path) -> Result<bool, Diagnostic> {
    if out.is_dir() {
        let ours = out.join(MARKER).is_file();
        let entries = fs::read_dir(out).map_err(|e| io_error(out, "cannot read", &e))?;
        let foreign = entries.flatten().any(|e| {
            let name = e.file_name().to_string_lossy().into_owned();
            !is_kept(&name, true) && !name.starts_with(TEMP_PREFIX)
        });
        if !ours && foreign {
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
    let fresh = !marker.is_file();
    if fresh {
        let text = "This folder is written by mentorbook; files it does not produce are removed (dot-files and CNAME aside).\n";
        write_one(&marker, text.as_bytes())?;
    }
    Ok(fresh)
}

/// Makes the folders above the output-relative `path` inside `out` that `made` does not hold
/// yet (each a real folder, see [`ensure_dir`]), and adds them to `made`.
pub(super) fn ensure_parents(out: &Path, path: &str, made: &mut HashSet<PathBuf>) -> Result<(), Diagnostic> {
    let Some(parent) = Path::new(path).parent() else { return Ok(()) };
    let mut chain: Vec<&Path> = parent.ancestors().filter(|a| !a.as_os_str().is_empty()).collect();
    chain.reverse();
    for dir in chain {
        if !made.contains(dir) {
            let full = out.join(dir);
            ensure_dir(&full).map_err(|e| io_error(&full, "cannot create folder", &e))?;
            made.insert(dir.to_path_buf());
        }
    }
    Ok(())
}

/// Makes `dir` a real folder: a symlink or file in its place is removed, never followed.
fn ensure_dir(dir: &Path) -> io::Result<()> {
    match fs::symlink_metadata(dir) {
        Ok(m) if m.is_dir() => return Ok(()),
        Ok(_) => fs::remove_file(dir)?,
        Err(e) if e.kind() == io::ErrorKind::NotFound => {}
        Err(e) => return Err(e),
    }
    fs::create_dir(dir)
}

/// Writes one file unless it already holds these bytes; `Ok(true)` when written. The bytes go
/// to a temporary file beside it, renamed over it: the rename replaces a symlink rather than
/// following it, and nobody ever reads half a file.
fn write_one(dest: &Path, bytes: &[u8]) -> Result<bool, Diagnostic> {
    match fs::symlink_metadata(dest) {
        Ok(m) if m.is_file() && m.len() == bytes.len() as u64 && fs::read(dest).is_ok_and(|old| old == bytes) => {
            return Ok(false);
        }
        Ok(m) if m.is_dir() => fs::remove_dir_all(dest).map_err(|e| io_error(dest, "cannot replace folder", &e))?,
        _ => {}
    }
    let name = dest.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let n = TEMP_COUNTER.fetch_add(1, Ordering::Relaxed);
    // Short, so that a file name near the length limit still has a temporary name.
    let temp = dest.with_file_name(format!("{TEMP_PREFIX}{}-{n}", std::process::id()));
    let result = (|| {
        let mut file = fs::OpenOptions::new().write(true).create_new(true).open(&temp)?;
        file.write_all(bytes)?;
        drop(file);
        fs::rename(&temp, dest)
    })();
    if let Err(e) = result {
        let _ = fs::remove_file(&temp);
        return Err(io_error(dest, &format!("cannot write {name}"), &e));
    }
    Ok(true)
}

/// [`write_one`] in a folder that holds no earlier build: a file that does not exist yet is
/// created in place, without a temporary name and a rename (half the file-system operations,
/// which dominate a first build on this kind of machine). Nothing is lost if the build is
/// killed halfway, since there was no earlier version of the file, and the next build rewrites
/// a cut-off one, whose bytes differ; `create_new` fails rather than follow a symlink planted
/// there since, and anything already in the way goes the safe way.
pub(super) fn write_new(dest: &Path, bytes: &[u8]) -> Result<bool, Diagnostic> {
    let mut file = match fs::OpenOptions::new().write(true).create_new(true).open(dest) {
        Ok(file) => file,
        Err(e) if e.kind() == io::ErrorKind::AlreadyExists => return write_one(dest, bytes),
        Err(e) => return Err(io_error(dest, "cannot write", &e)),
    };
    if let Err(e) = file.write_all(bytes) {
        drop(file);
        let _ = fs::remove_file(dest);
        return Err(io_error(dest, "cannot write", &e));
    }
    Ok(true)
}

fn io_error(path: &Path, what: &str, e: &io::Error) -> Diagnostic {
    Diagnostic::error(path, 0, 0, format!("{what}: {e}"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::site::output::Origin;

    fn out(path: &str, bytes: &[u8]) -> Output {
        Output::new(path, bytes.to_vec(), Origin::generated("page"))
    }

    fn write(dir: &Path, files: &[Output]) -> WriteStats {
        Writer::new(dir).write(files, true).unwrap_or_else(|e| panic!("{e:?}"))
    }

    #[test]
    fn rewrites_only_changed_files_and_prunes_stale_ones() {
        let dir = tempfile::tempdir().unwrap();
        let public = dir.path().join("public");
        assert_eq!(write(&public, &[out("a/index.html", b"one"), out("b/index.html", b"two")]).written, 2);
        let stats = write(&public, &[out("a/index.html", b"one")]);
        assert_eq!(stats, WriteStats { written: 0, unchanged: 1, removed: 1 });
        assert!(!public.join("b").exists());
    }

    #[test]
    fn dot_entries_and_cname_are_never_pruned_and_a_fresh_checkout_is_accepted() {
        let dir = tempfile::tempdir().unwrap();
        let public = dir.path().join("public");
        fs::create_dir_all(public.join(".git/objects")).unwrap();
        fs::write(public.join(".git/HEAD"), "ref").unwrap();
        fs::write(public.join(".nojekyll"), "").unwrap();
        fs::write(public.join("CNAME"), "handbook.example.org").unwrap();
        fs::create_dir_all(public.join(".well-known")).unwrap();
        fs::write(public.join(".well-known/x"), "x").unwrap();
        write(&public, &[out("index.html", b"home"), out("sub/index.html", b"sub")]);
        fs::create_dir_all(public.join("sub/.well-known")).unwrap();
        fs::write(public.join("sub/.well-known/y"), "y").unwrap();
        fs::write(public.join(".mentorbook-tmp-1-2"), "half").unwrap();
        write(&public, &[out("index.html", b"home")]);
        for kept in [".git/HEAD", ".nojekyll", "CNAME", ".well-known/x", "sub/.well-known/y"] {
            assert!(public.join(kept).exists(), "{kept} was removed");
        }
        assert!(!public.join(".mentorbook-tmp-1-2").exists(), "a killed build's temp file stays");
    }

    #[test]
    fn never_prunes_a_folder_it_did_not_make() {
        let dir = tempfile::tempdir().unwrap();
        fs::write(dir.path().join("precious.txt"), "keep me").unwrap();
        let err = Writer::new(dir.path()).write(&[out("index.html", b"")], true).unwrap_err();
        assert!(matches!(err, WriteError::Failed(d) if d.message.contains("not made by mentorbook")));
        assert_eq!(fs::read_to_string(dir.path().join("precious.txt")).unwrap(), "keep me");
    }

    #[cfg(unix)]
    #[test]
    fn symlinks_inside_the_output_are_replaced_not_followed() {
        let dir = tempfile::tempdir().unwrap();
        let outside = dir.path().join("outside");
        fs::create_dir(&outside).unwrap();
        fs::write(outside.join("index.html"), "theirs").unwrap();
        let public = dir.path().join("public");
        write(&public, &[out("index.html", b"")]);
        std::os::unix::fs::symlink(&outside, public.join("a")).unwrap();
        std::os::unix::fs::symlink(outside.join("index.html"), public.join("b.html")).unwrap();
        // A partial write (what `serve` does after an edit) goes the same way.
        Writer::new(&public).write(&[out("a/index.html", b"x"), out("b.html", b"y")], false).unwrap();
        assert_eq!(fs::read_to_string(outside.join("index.html")).unwrap(), "theirs", "wrote through a link");
        assert_eq!(fs::read(public.join("a/index.html")).unwrap(), b"x");
        assert!(!fs::symlink_metadata(public.join("b.html")).unwrap().is_symlink());
    }

    #[test]
    fn a_first_write_creates_in_place_and_the_next_mends_what_a_killed_one_cut_off() {
        let dir = tempfile::tempdir().unwrap();
        let public = dir.path().join("public");
        let files = [out("index.html", b"home page"), out("a/b/index.html", b"deep page")];
        assert_eq!(write(&public, &files).written, 2);
        let names: Vec<String> = fs::read_dir(public.join("a/b"))
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into())
            .collect();
        assert_eq!(names, ["index.html"]);
        // A build killed halfway through its first write leaves a file cut short: the next one,
        // no longer into a fresh folder, rewrites it.
        fs::write(public.join("a/b/index.html"), b"deep").unwrap();
        assert_eq!(write(&public, &files), WriteStats { written: 1, unchanged: 1, removed: 0 });
        assert_eq!(fs::read(public.join("a/b/index.html")).unwrap(), b"deep page");
    }

    #[test]
    fn a_cancelled_write_stops() {
        let dir = tempfile::tempdir().unwrap();
        let cancel = AtomicBool::new(true);
        let result = Writer::new(dir.path()).cancellable(&cancel).write(&[out("a.html", b"a")], false);
        assert!(matches!(result, Err(WriteError::Cancelled)));
        assert!(!dir.path().join("a.html").exists());
    }
}
