//! The build cache in `ROOT/.mentorbook/cache/`: it never changes what is built. A build with a
//! warm cache writes the same bytes as one without; a template edit, a content edit and another
//! selection (drafts) are built as if there were no cache; deleting it at any time is safe;
//! `init` keeps it out of git.

use crate::common;

use std::fs;
use std::path::Path;

use common::*;

/// The `reader` fixture plus a page that links to its draft (whose link text depends on the
/// selection) and one with a checklist and code.
fn site() -> tempfile::TempDir {
    let site = copy_fixture("reader");
    write_site(
        site.path(),
        &[
            (
                "content/guides/linker.md",
                "---\ntitle: Linker\n---\n\nSee [the plan](zebra.md) and [alpha](alpha.md#listening).\n",
            ),
            (
                "content/notes/code.md",
                "---\ntitle: Code\n---\n\n## Before {.checklist}\n\n- Book a room\n\n```rust\nfn main() {}\n```\n",
            ),
            (
                "content/notes/flow.md",
                "---\ntitle: Flow\n---\n\n```mermaid\nflowchart LR\n  A[Ask] --> B[Listen]\n```\n",
            ),
        ],
    );
    site
}

fn cache_dir(site: &Path) -> std::path::PathBuf {
    site.join(".mentorbook/cache")
}

/// Builds `site` into a fresh folder `out` with `extra` arguments; returns its files.
fn build_into(site: &Path, out: &str, extra: &[&str]) -> Vec<(String, Vec<u8>)> {
    let dir = site.join(out);
    let _ = fs::remove_dir_all(&dir);
    let mut args = vec!["--output", out];
    args.extend_from_slice(extra);
    build_ok(site, &args);
    snapshot(&dir)
}

/// Asserts two builds wrote the same files with the same bytes, naming the first difference.
fn assert_same(a: &[(String, Vec<u8>)], b: &[(String, Vec<u8>)], what: &str) {
    let names = |s: &[(String, Vec<u8>)]| s.iter().map(|(n, _)| n.clone()).collect::<Vec<_>>();
    assert_eq!(names(a), names(b), "{what}: not the same files");
    for ((name, x), (_, y)) in a.iter().zip(b) {
        assert!(x == y, "{what}: {name} differs");
    }
}

#[test]
fn a_warm_cache_writes_the_same_bytes_as_none() {
    let site = site();
    let cold = build_into(site.path(), "cold", &[]);
    for kind in ["markdown", "print", "search"] {
        assert!(cache_dir(site.path()).join(kind).is_dir(), "no {kind} entries after a build");
    }
    let warm = build_into(site.path(), "warm", &[]);
    assert_same(&cold, &warm, "warm cache");
    // Deleting it at any time is safe.
    fs::remove_dir_all(site.path().join(".mentorbook")).unwrap();
    assert_same(&cold, &build_into(site.path(), "again", &[]), "deleted cache");
    // Nothing of it lands in the output.
    assert!(warm.iter().all(|(name, _)| !name.contains(".mentorbook/")), "cache files in the output");
}

#[test]
fn templates_content_and_the_selection_are_in_the_key() {
    let site = site();
    let plain = build_into(site.path(), "out", &[]);
    let drafts = build_into(site.path(), "out", &["--drafts"]);
    // The draft link on another page is a link only with drafts: the selection reached the cache key.
    let page = |files: &[(String, Vec<u8>)]| {
        String::from_utf8(files.iter().find(|(n, _)| n == "guides/linker/index.html").unwrap().1.clone()).unwrap()
    };
    assert!(!page(&plain).contains("zebra/") && page(&drafts).contains("zebra/"), "{}", page(&drafts));
    assert_same(&plain, &build_into(site.path(), "out", &[]), "back without drafts");
    // A markup template (the heading's) changes what markdown renders to.
    write_site(
        site.path(),
        &[(
            "templates/markup/heading.html",
            "<h{{ heading.level }} id=\"{{ heading.id }}\" class=\"edited\">{{ heading.html | safe }}</h{{ heading.level }}>",
        )],
    );
    let edited = build_into(site.path(), "out", &[]);
    assert!(
        String::from_utf8_lossy(&edited.iter().find(|(n, _)| n == "notes/code/index.html").unwrap().1)
            .contains("class=\"edited\"")
    );
    fs::remove_dir_all(cache_dir(site.path())).unwrap();
    assert_same(&edited, &build_into(site.path(), "out", &[]), "template edit, warm and cold");
    // A content edit.
    let file = site.path().join("content/notes/code.md");
    fs::write(&file, fs::read_to_string(&file).unwrap().replace("Book a room", "Book a quiet room")).unwrap();
    let warm = build_into(site.path(), "out", &[]);
    let text = |files: &[(String, Vec<u8>)], name: &str| {
        String::from_utf8_lossy(&files.iter().find(|(n, _)| n == name).unwrap().1).into_owned()
    };
    assert!(text(&warm, "notes/code/index.html").contains("Book a quiet room"));
    assert!(text(&warm, "print/index.html").contains("Book a quiet room"));
    fs::remove_dir_all(cache_dir(site.path())).unwrap();
    assert_same(&warm, &build_into(site.path(), "out", &[]), "content edit, warm and cold");
}

#[test]
fn a_damaged_cache_is_ignored() {
    let site = site();
    let cold = build_into(site.path(), "out", &[]);
    for entry in walkdir::WalkDir::new(cache_dir(site.path())).into_iter().filter_map(Result::ok) {
        if entry.file_type().is_file() {
            let bytes = fs::read(entry.path()).unwrap();
            fs::write(entry.path(), &bytes[..bytes.len() / 2]).unwrap();
        }
    }
    assert_same(&cold, &build_into(site.path(), "out", &[]), "damaged cache");
}

#[test]
fn init_keeps_the_cache_and_the_output_out_of_git() {
    let dir = tempfile::tempdir().unwrap();
    mentorbook(dir.path(), &["init", "site"]).assert().success();
    let ignore = fs::read_to_string(dir.path().join("site/.gitignore")).expect(".gitignore");
    let lines: Vec<&str> = ignore.lines().collect();
    assert!(lines.contains(&"/.mentorbook/"), "{ignore}");
    assert!(lines.contains(&"/public/"), "{ignore}");
}

#[test]
fn the_audience_and_jekyll_includes_are_in_the_key_too() {
    let site = site();
    write_site(
        site.path(),
        &[
            ("_includes/sig.html", "<p class=\"sig\">First signature</p>\n"),
            ("content/notes/signed.md", "---\ntitle: Signed\n---\n{% include sig.html %}\n"),
            ("content/notes/inside.md", "---\ntitle: Inside\naudience: internal\n---\nInternal only.\n"),
            ("content/guides/points.md", "---\ntitle: Points\n---\nSee [inside](../notes/inside.md).\n"),
        ],
    );
    let all = build_into(site.path(), "all", &[]);
    let public = build_into(site.path(), "public-one", &["--audience", "public"]);
    assert_ne!(all, public, "the audiences' builds differ");
    fs::remove_dir_all(cache_dir(site.path())).unwrap();
    assert_same(
        &build_into(site.path(), "public-cold", &["--audience", "public"]),
        &public,
        "a public build from a warm cache",
    );
    fs::write(site.path().join("_includes/sig.html"), "<p class=\"sig\">Second signature</p>\n").unwrap();
    let warm = build_into(site.path(), "after-include", &[]);
    let page = warm.iter().find(|(f, _)| f == "notes/signed/index.html").expect("page");
    assert!(
        String::from_utf8_lossy(&page.1).contains("Second signature"),
        "an edited include was served from the cache"
    );
}

#[test]
fn a_drawn_diagram_is_kept_by_its_source_and_read_back_when_its_page_renders_again() {
    let site = site();
    let first = build_into(site.path(), "public", &[]);
    let dir = cache_dir(site.path()).join("diagrams");
    let entries = || -> Vec<std::path::PathBuf> {
        fs::read_dir(&dir).map(|d| d.flatten().map(|e| e.path()).collect()).unwrap_or_default()
    };
    let kept = entries();
    assert_eq!(kept.len(), 1, "one diagram, one entry: {kept:?}");
    let old = std::time::SystemTime::now() - std::time::Duration::from_secs(3600);
    fs::File::options().append(true).open(&kept[0]).unwrap().set_modified(old).unwrap();
    // A config edit renders every page again; the diagram comes from its entry.
    let config = site.path().join("mentorbook.yaml");
    let text = fs::read_to_string(&config).unwrap();
    assert!(text.contains("description: A fixture"));
    fs::write(&config, text.replace("description: A fixture", "description: Another fixture")).unwrap();
    let second = build_into(site.path(), "public", &[]);
    assert_eq!(entries(), kept, "no second entry for the same source");
    let read = fs::metadata(&kept[0]).unwrap().modified().unwrap();
    assert!(read > old, "the entry was read (reading marks it used)");
    let page = |files: &[(String, Vec<u8>)]| {
        files
            .iter()
            .find(|(p, _)| p == "notes/flow/index.html")
            .map(|(_, b)| String::from_utf8_lossy(b).into_owned())
            .unwrap()
    };
    let svg = |html: &str| html[html.find("<svg").unwrap()..html.find("</svg>").unwrap()].to_string();
    assert_eq!(svg(&page(&first)), svg(&page(&second)), "the kept SVG is the drawn one");
}
