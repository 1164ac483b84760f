//! Every relative link and asset reference in every page of the `reader` fixture resolves to a
//! file in the output, with both link forms (`dir/` and, for `file://`, `dir/index.html`):
//! taxonomy and term pages, pagers, print pages, redirects, the search page and its box.

use crate::common;

use std::path::Path;

use common::*;

fn all_links_resolve(public: &Path) -> usize {
    let mut checked = 0;
    for file in files(public).into_iter().filter(|f| f.ends_with(".html") && f != "404.html") {
        let doc = html(&public.join(&file));
        let dir = Path::new(&file).parent().unwrap();
        let links = attrs(&doc, "a[href], link[href]", "href")
            .into_iter()
            .chain(attrs(&doc, "img[src], script[src]", "src"))
            .chain(attrs(&doc, "form[action]", "action"));
        for link in links {
            if link.starts_with("http") || link.starts_with('#') {
                continue;
            }
            assert!(!link.starts_with('/'), "absolute link {link} in {file}");
            let path = percent_decode(link.split('#').next().unwrap());
            let target = public.join(dir).join(&path);
            let target = if path.is_empty() || path.ends_with('/') { target.join("index.html") } else { target };
            assert!(target.is_file(), "{file}: {link} does not resolve");
            checked += 1;
        }
    }
    checked
}

fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' && i + 2 < bytes.len() + 1 {
            out.push(u8::from_str_radix(&s[i + 1..i + 3], 16).expect("hex"));
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).expect("utf-8")
}

#[test]
fn every_link_resolves_with_directory_links() {
    let site = built_reader(&[]);
    let n = all_links_resolve(&site.path().join("public"));
    assert!(n > 200, "only {n} links checked");
}

#[test]
fn every_link_resolves_with_index_html_links() {
    let site = built_reader_with("link_to_index_html: true\n");
    let public = site.path().join("public");
    let n = all_links_resolve(&public);
    assert!(n > 200, "only {n} links checked");
    // Links end in index.html, so they open from file:// too.
    let term = html(&public.join("tags/coaching/index.html"));
    assert!(attrs(&term, ".page-list-title a", "href").iter().all(|h| h.ends_with("/index.html")));
    assert_eq!(attrs(&term, ".pager a[rel=next]", "href"), ["../../tags/coaching/page/2/index.html"]);
}

#[test]
fn summaries_on_list_pages_link_from_where_they_are_shown() {
    let site = built_reader(&[]);
    let public = site.path().join("public");
    // Alpha's summary links to `beta.md#second-part`; on the section page and on page 2 of the
    // `coaching` term it must still reach beta.
    let section = html(&public.join("guides/index.html"));
    assert!(attrs(&section, ".page-list-summary a", "href").contains(&"../guides/beta/#second-part".to_string()));
    let term = html(&public.join("tags/coaching/page/2/index.html"));
    let hrefs = attrs(&term, ".page-list-summary a", "href");
    assert!(hrefs.contains(&"../../../../guides/beta/#second-part".to_string()), "{hrefs:?}");
}

#[test]
fn summaries_keep_ids_unique_and_send_in_page_anchors_to_their_page() {
    let site = built_reader(&[]);
    let public = site.path().join("public");
    // Alpha's and gamma's summaries both hold a `## Listening` heading.
    for file in ["guides/index.html", "index.html", "tags/coaching/index.html"] {
        let doc = html(&public.join(file));
        let ids = attrs(&doc, "[id]", "id");
        let unique: std::collections::HashSet<&String> = ids.iter().collect();
        assert_eq!(unique.len(), ids.len(), "{file}: duplicate ids in {ids:?}");
    }
    let section = html(&public.join("guides/index.html"));
    let anchors = attrs(&section, ".page-list-summary a.anchor", "href");
    assert!(anchors.contains(&"../guides/gamma/#listening".to_string()), "{anchors:?}");
}
