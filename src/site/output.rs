//! One file of the built site, where it came from, and the checks every set of outputs passes
//! before anything is written.
//!
//! Every output carries its [`Origin`]: the source file and line that made it (the page, the
//! `aliases:` line, the checklist heading, the `tags:` line) or the generator that did. So a
//! clash between two outputs, a path that would leave the output folder, or a file name longer
//! than the file system allows is an error naming its source, found before the first write.

use std::collections::HashMap;
use std::path::{Component, Path, PathBuf};

use crate::diagnostic::Diagnostic;

/// Longest file or folder name, in bytes, that common file systems accept.
pub const NAME_MAX: usize = 255;

/// Longest whole path, in bytes, the build writes (the output folder included).
pub const PATH_MAX: usize = 4000;

/// What made an output.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Origin {
    /// The source file, when one made it.
    pub file: Option<PathBuf>,
    /// 1-based line in that file, 0 for the whole file.
    pub line: usize,
    /// What kind of output it is ("page", "alias redirect", "checklist print sheet").
    pub what: &'static str,
}

impl Origin {
    /// An output no single file made (the checklists index, the sitemap).
    pub fn generated(what: &'static str) -> Origin {
        Origin { file: None, line: 0, what }
    }

    /// An output made from `file` (at `line`, 0 for the whole file).
    pub fn at(file: impl Into<PathBuf>, line: usize, what: &'static str) -> Origin {
        Origin { file: Some(file.into()), line, what }
    }

    /// "content/a.md:3 (alias redirect)" or "the build (sitemap)".
    pub fn describe(&self) -> String {
        match &self.file {
            Some(f) if self.line > 0 => format!("{}:{} ({})", f.display(), self.line, self.what),
            Some(f) => format!("{} ({})", f.display(), self.what),
            None => format!("the build's own {}", self.what),
        }
    }

    /// An error about this output at its source.
    pub fn error(&self, message: String) -> Diagnostic {
        let file = self.file.clone().unwrap_or_else(|| PathBuf::from("(generated)"));
        Diagnostic::error(file, self.line, if self.line > 0 { 1 } else { 0 }, message)
    }
}

/// One file of the built site, fully in memory.
#[derive(Debug, Clone)]
pub struct Output {
    /// Output-relative path with `/` separators.
    pub path: String,
    /// Its bytes.
    pub bytes: Vec<u8>,
    /// What made it.
    pub origin: Origin,
    /// Already written by a [`crate::site::spill::Spill`], its bytes dropped: the writer only
    /// counts it, and keeps it when pruning.
    pub on_disk: bool,
}

impl Output {
    /// An output made by `origin`.
    pub fn new(path: impl Into<String>, bytes: Vec<u8>, origin: Origin) -> Output {
        Output { path: path.into(), bytes, origin, on_disk: false }
    }
}

/// An output made piece by piece (the whole-handbook print page, over 100 MB at 10,000 pages),
/// so that it need not be held whole beside what it is made from: in memory
/// ([`InMemory`]), or written as it goes by a [`crate::site::spill::Spill`].
pub trait Stream {
    /// Appends `bytes`.
    fn push(&mut self, bytes: &[u8]);
    /// The finished output made by `origin` (only its path, when written already), or why
    /// it could not be written.
    fn finish(self: Box<Self>, origin: Origin) -> Result<Output, Diagnostic>;
}

/// A [`Stream`] into memory: the output holds its bytes, as any other.
#[derive(Debug)]
pub struct InMemory {
    path: String,
    bytes: Vec<u8>,
}

impl InMemory {
    /// A stream for the output at `path`, about `size` bytes long.
    pub fn new(path: &str, size: usize) -> InMemory {
        InMemory { path: path.to_string(), bytes: Vec::with_capacity(size) }
    }
}

impl Stream for InMemory {
    fn push(&mut self, bytes: &[u8]) {
        self.bytes.extend_from_slice(bytes);
    }

    fn finish(self: Box<Self>, origin: Origin) -> Result<Output, Diagnostic> {
        Ok(Output::new(self.path, self.bytes, origin))
    }
}

/// Sorts outputs by path and rejects, each naming its source: unsafe paths, names too long for
/// the file system, two outputs for one path, and a path that is a file for one output and a
/// folder for another (`a/index.html` and `a/index.html/x`). `out` is the output folder, for
/// the whole path's length.
pub fn finish(mut files: Vec<Output>, out: Option<&Path>) -> Result<Vec<Output>, Vec<Diagnostic>> {
    files.sort_by(|a, b| a.path.cmp(&b.path));
    let mut errors = Vec::new();
    for pair in files.windows(2) {
        if pair[0].path == pair[1].path {
            let message = format!(
                "two sources write the same output file `{}`: {} and {}",
                pair[0].path,
                pair[0].origin.describe(),
                pair[1].origin.describe()
            );
            let at = if pair[1].origin.file.is_some() { &pair[1].origin } else { &pair[0].origin };
            errors.push(at.error(message));
        }
    }
    let base = out.map_or(0, |o| o.as_os_str().len() + 1);
    let by_path: HashMap<&str, &Output> = files.iter().map(|f| (f.path.as_str(), f)).collect();
    for f in &files {
        if let Err(why) = check_path(&f.path, base) {
            errors.push(f.origin.error(format!("output path `{}` {why}", shorten(&f.path))));
            continue;
        }
        let folders = f.path.match_indices('/').map(|(i, _)| &f.path[..i]);
        if let Some(file) = folders.filter_map(|folder| by_path.get(folder)).next() {
            let message = format!(
                "{} needs `{}` to be a folder, but {} writes a file there",
                f.origin.describe(),
                file.path,
                file.origin.describe()
            );
            errors.push(f.origin.error(message));
        }
    }
    if errors.is_empty() { Ok(files) } else { Err(errors) }
}

/// Why `path` cannot be written below an output folder whose path takes `base` bytes.
pub(crate) fn check_path(path: &str, base: usize) -> Result<(), String> {
    if path.is_empty()
        || path.contains('\\')
        || !Path::new(path).components().all(|c| matches!(c, Component::Normal(_)))
    {
        return Err("would leave the output folder".into());
    }
    if path.contains('\0') {
        return Err("holds a NUL character, which no file name may".into());
    }
    if let Some(long) = path.split('/').find(|part| part.len() > NAME_MAX) {
        return Err(format!("has a name of {} bytes, longer than the {NAME_MAX} a file system allows", long.len()));
    }
    if base + path.len() > PATH_MAX {
        return Err(format!("is {} bytes long with the output folder, longer than {PATH_MAX}", base + path.len()));
    }
    Ok(())
}

/// A path cut to a readable length for messages.
fn shorten(path: &str) -> String {
    if path.chars().count() <= 80 {
        path.to_string()
    } else {
        format!("{}…", path.chars().take(80).collect::<String>())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unsafe_and_unwritable_paths_are_rejected() {
        assert!(check_path("a/b/index.html", 10).is_ok());
        for bad in ["../x", "/etc/passwd", "a/../../b", "", "a\\..\\b", "./a", "a\0b/index.html"] {
            assert!(check_path(bad, 0).is_err(), "{bad:?}");
        }
        let long = format!("{}/index.html", "x".repeat(NAME_MAX + 1));
        assert!(check_path(&long, 0).unwrap_err().contains("longer than the 255"));
        assert!(check_path(&format!("{}/index.html", "x".repeat(NAME_MAX)), 0).is_ok());
    }

    #[test]
    fn duplicate_outputs_name_both_sources_with_lines() {
        let files = vec![
            Output::new("a/index.html", vec![], Origin::at("content/a.md", 3, "alias redirect")),
            Output::new("a/index.html", vec![], Origin::at("content/b.md", 7, "alias redirect")),
        ];
        let errs = finish(files, None).unwrap_err();
        assert!(errs[0].message.contains("content/a.md:3 (alias redirect)"), "{}", errs[0].message);
        assert_eq!((errs[0].path.as_path(), errs[0].line), (Path::new("content/b.md"), 7));
    }

    #[test]
    fn a_path_that_is_both_file_and_folder_is_an_error() {
        let files = vec![
            Output::new("index.html", vec![], Origin::generated("home page")),
            Output::new("index.html/index.html", vec![], Origin::at("content/index.html.md", 0, "page")),
            Output::new("index.html-b/x", vec![], Origin::generated("page")),
        ];
        let errs = finish(files, None).unwrap_err();
        assert_eq!(errs.len(), 1, "{errs:?}");
        assert!(errs[0].message.contains("needs `index.html` to be a folder"), "{}", errs[0].message);
        assert_eq!(errs[0].path, Path::new("content/index.html.md"));
    }

    #[test]
    fn a_long_name_names_its_source_line() {
        let long = format!("tags/{}/index.html", "t".repeat(300));
        let errs =
            finish(vec![Output::new(long, vec![], Origin::at("content/a.md", 4, "term page"))], None).unwrap_err();
        assert_eq!((errs[0].path.as_path(), errs[0].line), (Path::new("content/a.md"), 4));
    }
}
