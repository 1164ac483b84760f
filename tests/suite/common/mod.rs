//! Helpers shared by the integration tests: copy a fixture site into a temp dir, run the binary,
//! read and parse what it wrote.

#![allow(dead_code)]

use std::fs;
use std::path::{Path, PathBuf};

use assert_cmd::Command;

pub mod browser;
pub mod serve;

/// `tests/fixtures/<name>`.
pub fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures").join(name)
}

/// A temp copy of a fixture site, so builds never write into the repository.
pub fn copy_fixture(name: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    copy_tree(&fixture(name), dir.path());
    dir
}

/// Copies every file under `from` into `to`.
pub fn copy_tree(from: &Path, to: &Path) {
    for entry in walkdir::WalkDir::new(from) {
        let entry = entry.expect("walk fixture");
        let rel = entry.path().strip_prefix(from).expect("inside");
        let dest = to.join(rel);
        if entry.file_type().is_dir() {
            fs::create_dir_all(&dest).expect("mkdir");
        } else {
            fs::copy(entry.path(), &dest).expect("copy");
        }
    }
}

/// Writes `files` (path, text) under `root`, creating folders.
pub fn write_site(root: &Path, files: &[(&str, &str)]) {
    for (path, text) in files {
        let dest = root.join(path);
        fs::create_dir_all(dest.parent().expect("parent")).expect("mkdir");
        fs::write(dest, text).expect("write");
    }
}

/// `mentorbook` with the given arguments, run in `cwd`.
pub fn mentorbook(cwd: &Path, args: &[&str]) -> Command {
    let mut cmd = Command::cargo_bin("mentorbook").expect("binary");
    cmd.current_dir(cwd).args(args);
    cmd
}

/// Builds the site at `root` into `root/public`, asserting success; returns stdout+stderr.
pub fn build_ok(root: &Path, extra: &[&str]) -> String {
    let out = mentorbook(root, &[&["build"], extra].concat()).output().expect("run");
    let text = format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
    assert!(out.status.success(), "build failed:\n{text}");
    text
}

/// Parses an output HTML file.
pub fn html(path: &Path) -> scraper::Html {
    let text = fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    scraper::Html::parse_document(&text)
}

/// Text of every element matching `selector`.
pub fn texts(doc: &scraper::Html, selector: &str) -> Vec<String> {
    let sel = scraper::Selector::parse(selector).expect("selector");
    doc.select(&sel).map(|e| e.text().collect::<String>().trim().to_string()).collect()
}

/// An attribute of every element matching `selector`.
pub fn attrs(doc: &scraper::Html, selector: &str, attr: &str) -> Vec<String> {
    let sel = scraper::Selector::parse(selector).expect("selector");
    doc.select(&sel).filter_map(|e| e.value().attr(attr).map(str::to_string)).collect()
}

/// Every file under `dir`, relative, sorted, with `/` separators.
pub fn files(dir: &Path) -> Vec<String> {
    let mut out: Vec<String> = walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| e.path().strip_prefix(dir).expect("inside").to_string_lossy().replace('\\', "/"))
        .collect();
    out.sort();
    out
}

/// Every file's bytes under `dir`, for byte-for-byte comparisons.
pub fn snapshot(dir: &Path) -> Vec<(String, Vec<u8>)> {
    files(dir)
        .into_iter()
        .map(|f| {
            let bytes = fs::read(dir.join(&f)).expect("read");
            (f, bytes)
        })
        .collect()
}

/// Builds the repository's own sample handbook into `out` (with drafts when asked).
pub fn build_sample(out: &Path, drafts: bool) {
    let root = env!("CARGO_MANIFEST_DIR");
    let mut args = vec!["build", "--root", root, "--output", out.to_str().expect("utf-8 temp path")];
    if drafts {
        args.push("--drafts");
    }
    let result = mentorbook(Path::new(root), &args).output().expect("run");
    assert!(result.status.success(), "sample build failed:\n{}", String::from_utf8_lossy(&result.stderr));
}

/// The `reader` fixture (taxonomies, feeds, aliases, print, search, one tagged and aliased
/// draft) built into `public/` of a temp copy.
pub fn built_reader(extra: &[&str]) -> tempfile::TempDir {
    let site = copy_fixture("reader");
    build_ok(site.path(), extra);
    site
}

/// The `reader` fixture with `config` appended to its `mentorbook.yaml`, built.
pub fn built_reader_with(config: &str) -> tempfile::TempDir {
    let site = copy_fixture("reader");
    let file = site.path().join("mentorbook.yaml");
    fs::write(&file, fs::read_to_string(&file).expect("config") + config).expect("write config");
    build_ok(site.path(), &[]);
    site
}
