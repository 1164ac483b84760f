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
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use super::output::{Origin, Output, Stream, check_path};
use super::write::{MARKER, TEMP_PREFIX, ensure_parents, prepare, write_new};
use crate::diagnostic::Diagnostic;

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

    /// A [`Stream`] that writes the output at `path` as it is made (into a temporary file, put
    /// in place when it is finished, so that a killed build leaves no half file at `path`), or
    /// `None` when it cannot be written here (the caller keeps it in memory, for the checks
    /// and the writer to report).
    pub fn stream(&self, path: &str) -> Option<Box<dyn Stream + '_>> {
        if check_path(path, self.base).is_err()
            || ensure_parents(&self.out, path, &mut self.dirs.lock().unwrap_or_else(|e| e.into_inner())).is_err()
        {
            return None;
        }
        let dest = self.out.join(path);
        let temp = dest.with_file_name(format!("{TEMP_PREFIX}{}-stream", std::process::id()));
        let file = fs::OpenOptions::new().write(true).create_new(true).open(&temp).ok()?;
        let file = BufWriter::with_capacity(1 << 20, file);
        Some(Box::new(SpillStream { spill: self, path: path.to_string(), dest, temp, file, error: None }))
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

/// One output a [`Spill`] writes as it is made; see [`Spill::stream`].
struct SpillStream<'a> {
    spill: &'a Spill,
    path: String,
    dest: PathBuf,
    temp: PathBuf,
    file: BufWriter<fs::File>,
    /// The first write that failed; the rest are skipped.
    error: Option<std::io::Error>,
}

impl Stream for SpillStream<'_> {
    fn push(&mut self, bytes: &[u8]) {
        if self.error.is_none()
            && let Err(e) = self.file.write_all(bytes)
        {
            self.error = Some(e);
        }
    }

    fn finish(self: Box<Self>, origin: Origin) -> Result<Output, Diagnostic> {
        let SpillStream { spill, path, dest, temp, file, error } = *self;
        let result = match error {
            Some(e) => Err(e),
            None => file.into_inner().map_err(|e| e.into_error()).and_then(|_| fs::rename(&temp, &dest)),
        };
        if let Err(e) = result {
            let _ = fs::remove_file(&temp);
            return Err(Diagnostic::error(&dest, 0, 0, format!("cannot write: {e}")));
        }
        spill.written.lock().unwrap_or_else(|e| e.into_inner()).push(path.clone());
        let mut output = Output::new(path, Vec::new(), origin);
        output.on_disk = true;
        Ok(output)
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

    #[test]
    fn a_stream_lands_whole_at_its_path_and_undo_removes_it() {
        let dir = tempfile::tempdir().unwrap();
        let public = dir.path().join("public");
        let spill = Spill::open(&public).unwrap();
        let mut stream = spill.stream("print/index.html").expect("a safe path");
        stream.push(b"<p>one</p>");
        assert!(!public.join("print/index.html").exists(), "in place before it is finished");
        stream.push(b"<p>two</p>");
        let stub = stream.finish(Origin::generated("print page")).unwrap();
        assert!(stub.on_disk && stub.bytes.is_empty() && stub.path == "print/index.html");
        assert_eq!(fs::read(public.join("print/index.html")).unwrap(), b"<p>one</p><p>two</p>");
        let names: Vec<String> = fs::read_dir(public.join("print"))
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into())
            .collect();
        assert_eq!(names, ["index.html"], "no temporary file is left");
        assert!(spill.stream("../escape.html").is_none());
        spill.undo();
        assert!(!public.exists(), "undo left the streamed file");
    }
}
