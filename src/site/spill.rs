//! Writing outputs as soon as they render, into an output folder that holds no earlier build.
//!
//! A build normally holds every output in memory until all of them have rendered and passed
//! [`super::output::finish`], so that a failure leaves the previous output as it was. A folder
//! with no earlier build (new, empty, or a fresh `gh-pages` checkout) has no previous output to
//! keep, so `build` writes each output there as it renders and keeps only its path and origin
//! for the checks: at 10,000 pages that is hundreds of megabytes never held at once. If the
//! build then fails anyway (a template error in a later output, two sources for one path),
//! [`Spill::undo`] removes everything it wrote, and the folder is as it was before the build.
//! A build killed halfway leaves whole files and the marker, as the first write of
//! [`super::write::Writer`] does, and the next build finishes the job.

use std::collections::HashSet;
use std::fs;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use super::output::{Output, check_path};
use super::write::{MARKER, ensure_parents, prepare, write_new};

/// Writes outputs into a folder that holds no earlier build, remembering what it wrote.
#[derive(Debug)]
pub struct Spill {
    out: PathBuf,
    /// Bytes of the output folder's path and its separator, for the whole path's length.
    base: usize,
    /// True when the build made the folder itself.
    made_folder: bool,
    /// Folders made (output-relative).
    dirs: Mutex<HashSet<PathBuf>>,
    /// Files written (output-relative).
    written: Mutex<Vec<String>>,
}

impl Spill {
    /// A spill into `out` when it holds no earlier build: the folder is made, with its marker.
    /// `None` when it holds one (or cannot be used: the writer reports why, later).
    pub fn open(out: &Path) -> Option<Spill> {
        let made_folder = !out.exists();
        match prepare(out) {
            Ok(true) => Some(Spill {
                out: out.to_path_buf(),
                base: out.as_os_str().len() + 1,
                made_folder,
                dirs: Mutex::new(HashSet::new()),
                written: Mutex::new(Vec::new()),
            }),
            _ => None,
        }
    }

    /// Writes `output` and returns it without its bytes, marked as on disk; an output that
    /// cannot be written here (an unsafe path, a file in the way) comes back as it was, for
    /// the checks and the writer to report.
    pub fn take(&self, mut output: Output) -> Output {
        if output.on_disk
            || check_path(&output.path, self.base).is_err()
            || ensure_parents(&self.out, &output.path, &mut self.dirs.lock().unwrap_or_else(|e| e.into_inner()))
                .is_err()
        {
            return output;
        }
        let dest = self.out.join(&output.path);
        if write_new(&dest, &output.bytes).is_err() {
            return output;
        }
        self.written.lock().unwrap_or_else(|e| e.into_inner()).push(output.path.clone());
        output.bytes = Vec::new();
        output.on_disk = true;
        output
    }

    /// Removes everything this spill wrote, the folders it made, the marker, and the output
    /// folder itself when the build made it: the folder is as it was before the build.
    pub fn undo(self) {
        let written = self.written.into_inner().unwrap_or_else(|e| e.into_inner());
        for path in &written {
            let _ = fs::remove_file(self.out.join(path));
        }
        let mut dirs: Vec<PathBuf> = self.dirs.into_inner().unwrap_or_else(|e| e.into_inner()).into_iter().collect();
        // The deepest first; a folder something else put a file into since stays.
        dirs.sort_by_key(|d| std::cmp::Reverse(d.components().count()));
        for dir in dirs {
            let _ = fs::remove_dir(self.out.join(dir));
        }
        let _ = fs::remove_file(self.out.join(MARKER));
        if self.made_folder {
            let _ = fs::remove_dir(&self.out);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::site::output::Origin;

    fn out(path: &str, bytes: &[u8]) -> Output {
        Output::new(path, bytes.to_vec(), Origin::generated("page"))
    }

    #[test]
    fn writes_as_it_goes_and_undo_leaves_the_folder_as_it_was() {
        let dir = tempfile::tempdir().unwrap();
        let public = dir.path().join("public");
        let spill = Spill::open(&public).expect("a new folder holds no build");
        let stub = spill.take(out("a/b/index.html", b"deep"));
        assert!(stub.on_disk && stub.bytes.is_empty());
        assert_eq!(fs::read(public.join("a/b/index.html")).unwrap(), b"deep");
        let unsafe_one = spill.take(out("../escape.html", b"x"));
        assert!(!unsafe_one.on_disk && unsafe_one.bytes == b"x");
        assert!(!dir.path().join("escape.html").exists());
        spill.undo();
        assert!(!public.exists(), "undo left the folder it made");

        // A fresh checkout keeps what it held; a folder with an earlier build is not spilled into.
        fs::create_dir_all(public.join(".git")).unwrap();
        fs::write(public.join("CNAME"), "x.example").unwrap();
        let spill = Spill::open(&public).unwrap();
        spill.take(out("index.html", b"home"));
        spill.undo();
        let mut left: Vec<String> =
            fs::read_dir(&public).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into()).collect();
        left.sort();
        assert_eq!(left, [".git", "CNAME"]);
        Spill::open(&public).unwrap().take(out("index.html", b"home"));
        assert!(Spill::open(&public).is_none(), "spilled into a folder holding a build");
    }
}
