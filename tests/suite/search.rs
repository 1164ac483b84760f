//! The search index (Pagefind, built in process), the search page and the header search box;
//! the browser test `browser_search.rs` checks that a search finds a page.

use crate::common;

use std::fs;

use common::*;

#[test]
fn the_index_covers_every_page_and_section_and_nothing_else() {
    let site = built_reader(&[]);
    let public = site.path().join("public");
    let entry: serde_json::Value =
        serde_json::from_str(&fs::read_to_string(public.join("pagefind/pagefind-entry.json")).unwrap()).unwrap();
    // 5 pages and 3 sections; taxonomy, print, alias, search and 404 pages are not indexed.
    assert_eq!(entry["languages"]["en"]["page_count"], 8, "{entry}");
    let fragments = files(&public.join("pagefind/fragment"));
    assert_eq!(fragments.len(), 8, "{fragments:?}");
    for file in
        ["pagefind/pagefind.js", "pagefind/pagefind-ui.js", "pagefind/pagefind-ui.css", "pagefind/wasm.en.pagefind"]
    {
        assert!(public.join(file).is_file(), "{file}");
    }
}

#[test]
fn every_page_has_a_search_box_that_leads_to_the_search_page() {
    let site = built_reader(&[]);
    let public = site.path().join("public");
    for file in ["index.html", "guides/alpha/index.html", "tags/coaching/page/2/index.html"] {
        let doc = html(&public.join(file));
        let action = attrs(&doc, "form[role=search]", "action");
        assert_eq!(action.len(), 1, "{file}");
        let dir = std::path::Path::new(file).parent().unwrap();
        assert!(public.join(dir).join(&action[0]).join("index.html").is_file(), "{file}: {action:?}");
        assert_eq!(attrs(&doc, "form[role=search] input[type=search]", "name"), ["q"]);
        assert_eq!(texts(&doc, "form[role=search] label"), ["Search the handbook"]);
    }
    let search = html(&public.join("search/index.html"));
    assert_eq!(attrs(&search, "#search", "data-root"), ["../"]);
    for src in attrs(&search, "script[src]", "src").into_iter().chain(attrs(&search, "link[rel=stylesheet]", "href")) {
        assert!(public.join("search").join(&src).is_file(), "{src}");
    }
}

#[test]
fn search_false_builds_no_index_no_page_and_no_box() {
    let site = built_reader_with("search: false\n");
    let public = site.path().join("public");
    assert!(!public.join("pagefind").exists());
    assert!(!public.join("search").exists());
    assert!(attrs(&html(&public.join("guides/alpha/index.html")), "form[role=search]", "action").is_empty());
    assert!(attrs(&html(&public.join("404.html")), ".not-found-links a", "href").len() == 1);
}

/// Every fragment of the index bundle at `dir` (one per page), decompressed as JSON.
fn fragments(dir: &std::path::Path) -> Vec<serde_json::Value> {
    use std::io::Read as _;
    files(&dir.join("fragment"))
        .into_iter()
        .map(|f| {
            let mut text = String::new();
            flate2::read::GzDecoder::new(fs::File::open(dir.join("fragment").join(f)).unwrap())
                .read_to_string(&mut text)
                .unwrap();
            serde_json::from_str(text.trim_start_matches("pagefind_dcd")).unwrap()
        })
        .collect()
}

#[test]
fn checklist_items_are_indexed_under_their_anchor_without_the_checklist_chrome() {
    let dir = tempfile::tempdir().unwrap();
    write_site(
        dir.path(),
        &[
            ("mentorbook.yaml", "title: Found\n"),
            (
                "content/a.md",
                "---\ntitle: A page\n---\n\nIntro.\n\n## Before {.checklist}\n\n- Don't dismiss their concerns; listen.\n- [x] Book a *quokka* room\n\nBeing a good mentee:\n\n- Bring notes\n",
            ),
        ],
    );
    build_ok(dir.path(), &[]);
    let all = fragments(&dir.path().join("public/pagefind"));
    let page = all.iter().find(|f| f["url"] == "/a/").expect("the page is indexed");
    let content = page["content"].as_str().unwrap();
    for words in ["dismiss their concerns; listen.", "Book a quokka room", "Bring notes"] {
        assert!(content.contains(words), "`{words}` is not indexed: {content}");
    }
    for chrome in ["Reset", "Print this checklist", "of 2 done", "For:", "Notes:", "#"] {
        assert!(!content.contains(chrome), "`{chrome}` is indexed: {content}");
    }
    let anchors: Vec<&str> = page["anchors"].as_array().unwrap().iter().map(|a| a["id"].as_str().unwrap()).collect();
    // The checklists' anchors (the heading's, and the lead-in checklist's own), and no print targets.
    assert_eq!(anchors, ["before", "being-a-good-mentee"], "{page}");
    let before = page["anchors"].as_array().unwrap().iter().find(|a| a["id"] == "before").unwrap();
    assert_eq!(before["text"], "Before", "no stray `#` in the sub-result title");
}

#[test]
fn a_large_site_is_indexed_in_shards_that_the_search_page_merges() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    write_site(root, &[("mentorbook.yaml", "title: Big\n")]);
    for s in 0..4 {
        let section = root.join(format!("content/s{s}"));
        fs::create_dir_all(&section).unwrap();
        for p in 0..260 {
            fs::write(section.join(format!("p{p}.md")), format!("# Page {s}-{p}\n\nword{s}x{p} text.\n")).unwrap();
        }
    }
    build_ok(root, &[]);
    let public = root.join("public");
    let search = html(&public.join("search/index.html"));
    let merged: Vec<String> = attrs(&search, "#search", "data-merge")
        .first()
        .map(|m| m.split(' ').map(str::to_string).collect())
        .unwrap_or_default();
    // 1,045 pages and sections: 3 shards, the first with the UI in pagefind/.
    assert_eq!(merged, ["pagefind/shard-1/", "pagefind/shard-2/"]);
    let mut urls = Vec::new();
    for bundle in std::iter::once("pagefind/".to_string()).chain(merged.iter().cloned()) {
        let bundle = public.join(bundle);
        assert!(bundle.join("pagefind-entry.json").is_file(), "{}", bundle.display());
        let shard: Vec<String> =
            fragments(&bundle).into_iter().map(|f| f["url"].as_str().unwrap().to_string()).collect();
        assert!(shard.len() > 250, "{}: {} pages", bundle.display(), shard.len());
        urls.extend(shard);
    }
    // The UI and its WebAssembly once, in the first shard only.
    assert!(public.join("pagefind/pagefind-ui.js").is_file() && public.join("pagefind/wasm.en.pagefind").is_file());
    assert!(!public.join("pagefind/shard-1/pagefind-ui.js").exists());
    assert!(!public.join("pagefind/shard-1/wasm.en.pagefind").exists());
    // Every page and section once, in one shard.
    urls.sort();
    let total = urls.len();
    urls.dedup();
    assert_eq!((total, urls.len()), (4 * 260 + 5, 4 * 260 + 5));
}

#[test]
fn a_build_that_fails_after_its_index_was_written_leaves_an_empty_folder_empty() {
    // Into a folder with no earlier build, each shard's index files are written as soon as the
    // shard is built; a failure found after that (here an alias where the index writes a file)
    // must take them all back out.
    let site = copy_fixture("reader");
    let page = "---\ntitle: Two\naliases: [/pagefind/pagefind-entry.json]\n---\nTwo.\n";
    write_site(site.path(), &[("content/notes/two.md", page)]);
    let public = site.path().join("public");
    fs::create_dir(&public).unwrap();
    let out = mentorbook(site.path(), &["build"]).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("notes/two.md:3:") && stderr.contains("search index"), "{stderr}");
    assert_eq!(files(&public), Vec::<String>::new(), "the folder is as it was");
    // Without the alias the same folder gets the whole index.
    write_site(site.path(), &[("content/notes/two.md", "---\ntitle: Two\n---\nTwo.\n")]);
    build_ok(site.path(), &[]);
    assert!(public.join("pagefind/pagefind-entry.json").is_file());
}
