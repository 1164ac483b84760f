//! A production build contains no byte of a draft: the `reader` fixture's draft is tagged,
//! categorised, dated, aliased and links to a page, and its title, words, URL, tag and alias
//! must appear in no output file, search index files included (they are gzip-compressed, so
//! they are read decompressed). The `--drafts` build proves the scan can see each of them.

use crate::common;

use std::fs;
use std::io::Read;
use std::path::Path;

use common::*;

/// The draft's traces: title, a word only it uses, its URL, its tag, its alias.
const TRACES: [&str; 5] = ["Zebra Secret Plan", "zebrasecretword", "guides/zebra", "zebratag", "zebra-old"];

/// Every output file as text, gzip members decompressed.
fn contents(public: &Path) -> Vec<(String, String)> {
    files(public)
        .into_iter()
        .map(|f| {
            let bytes = fs::read(public.join(&f)).unwrap();
            let bytes = if bytes.starts_with(&[0x1f, 0x8b]) {
                let mut out = Vec::new();
                flate2::read::GzDecoder::new(&bytes[..]).read_to_end(&mut out).expect("gzip");
                out
            } else {
                bytes
            };
            (f, String::from_utf8_lossy(&bytes).into_owned())
        })
        .collect()
}

fn traces_in(public: &Path) -> Vec<(String, &'static str)> {
    let mut found = Vec::new();
    for (file, text) in contents(public) {
        // In the bytes, or in the file's own path (an alias is only a path).
        found.extend(TRACES.iter().filter(|t| text.contains(*t) || file.contains(*t)).map(|t| (file.clone(), *t)));
        if file.to_lowercase().contains("zebra") && !found.iter().any(|(f, _)| *f == file) {
            found.push((file, "zebra"));
        }
    }
    found
}

#[test]
fn a_production_build_holds_no_byte_of_a_draft() {
    let site = built_reader(&[]);
    let found = traces_in(&site.path().join("public"));
    assert!(found.is_empty(), "draft traces in a production build: {found:?}");
}

#[test]
fn a_drafts_build_shows_the_draft_everywhere_the_scan_looks() {
    let site = built_reader(&["--drafts"]);
    let found = traces_in(&site.path().join("public"));
    for trace in TRACES {
        assert!(found.iter().any(|(_, t)| *t == trace), "{trace} not found: the scan is blind to it");
    }
    for place in ["atom.xml", "sitemap.xml", "tags/zebratag/index.html", "print/index.html", "zebra-old/index.html"] {
        assert!(found.iter().any(|(f, _)| f == place), "{place}: {found:?}");
    }
    let fragments: Vec<_> =
        found.iter().filter(|(f, t)| f.starts_with("pagefind/fragment/") && *t == "zebrasecretword").collect();
    assert_eq!(fragments.len(), 1, "the draft is indexed in a drafts build");
}
