//! Search in headless Chromium: a word read from a page, typed into the header's search box,
//! finds that page on the search page, and a result opens its page. The `reader` fixture is
//! built into a sub-folder of the served directory, so the site runs under a sub-path
//! (`cargo test --features browser`; see tests/suite/common/browser.rs). A word only checklist items
//! have is found, and on a site large enough for a sharded index, a page of a merged shard.

#![cfg(feature = "browser")]

use crate::common;

use common::browser::{node_script, serve_dir};

#[test]
fn a_word_typed_into_the_search_box_finds_its_page() {
    let site = common::copy_fixture("reader");
    let served = tempfile::tempdir().expect("temp dir");
    let out = served.path().join("handbook");
    common::build_ok(site.path(), &["--output", out.to_str().expect("utf-8 temp path")]);
    let base = serve_dir(served.path());
    node_script(
        "search",
        &[&base, "/handbook/", "guides/beta/", "xylophonic", "Beta guide", "Afterwords", "Alpha guide"],
    );
}

#[test]
fn a_checklist_item_word_is_found_from_the_header_box_and_leads_to_its_checklist() {
    let out = tempfile::tempdir().expect("temp dir");
    common::build_sample(out.path(), false);
    let base = serve_dir(out.path());
    let file_root = format!("file://{}/", out.path().display());
    node_script(
        "quick-search",
        &[&base, &file_root, "promised", "Being a good mentor", "a-quick-self-check-checklist"],
    );
}

#[test]
fn a_checklist_item_is_found_and_a_sharded_index_is_searched_whole() {
    // The sample handbook: a word only checklist items have.
    let out = tempfile::tempdir().expect("temp dir");
    common::build_sample(out.path(), false);
    let base = serve_dir(out.path());
    node_script("search", &[&base, "/", "mentors/being-a-good-mentor/", "introduced", "Being a good mentor"]);
    // A site large enough for several shards: a page of the last shard is found from the box.
    let dir = tempfile::tempdir().expect("temp dir");
    let root = dir.path();
    common::write_site(root, &[("mentorbook.yaml", "title: Big\n")]);
    for p in 0..1100 {
        let file = root.join(format!("content/s{}/p{p}.md", p % 4));
        std::fs::create_dir_all(file.parent().unwrap()).unwrap();
        std::fs::write(file, format!("# Page {p}\n\nThe word zq{p}x is here.\n")).unwrap();
    }
    common::build_ok(root, &[]);
    let public = root.join("public");
    let merged = common::attrs(&common::html(&public.join("search/index.html")), "#search", "data-merge");
    let last = merged[0].split(' ').next_back().expect("merged shards").to_string();
    // Which page is in that shard: the first fragment's URL (`/s1/p13/`).
    let fragment = common::files(&public.join(&last).join("fragment")).remove(0);
    let mut text = String::new();
    std::io::Read::read_to_string(
        &mut flate2::read::GzDecoder::new(
            std::fs::File::open(public.join(&last).join("fragment").join(fragment)).unwrap(),
        ),
        &mut text,
    )
    .unwrap();
    let url = serde_json::from_str::<serde_json::Value>(text.trim_start_matches("pagefind_dcd")).unwrap()["url"]
        .as_str()
        .unwrap()
        .to_string();
    let n = url.trim_end_matches('/').rsplit('p').next().unwrap().to_string();
    let base = serve_dir(&public);
    node_script("search", &[&base, "/", url.trim_start_matches('/'), &format!("zq{n}x"), &format!("Page {n}")]);
}
