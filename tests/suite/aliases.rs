//! `aliases` front matter: redirect pages at the old paths, and the errors and warnings when an
//! alias lands where something else already is.

use crate::common;

use std::fs;
use std::path::Path;

use common::*;

#[test]
fn aliases_write_redirect_pages_that_resolve() {
    let site = built_reader(&[]);
    let public = site.path().join("public");
    for (file, target) in [("old/alpha/index.html", "../../guides/alpha/"), ("old-gamma.html", "./guides/gamma/")] {
        let doc = html(&public.join(file));
        assert_eq!(attrs(&doc, "meta[http-equiv=refresh]", "content"), [format!("0; url={target}")], "{file}");
        assert_eq!(attrs(&doc, "main a", "href"), [target], "{file}");
        let canonical = attrs(&doc, "link[rel=canonical]", "href");
        assert!(canonical[0].starts_with("https://example.org/hb/guides/"), "{canonical:?}");
        let dir = Path::new(file).parent().unwrap();
        assert!(public.join(dir).join(target).join("index.html").is_file(), "{file} -> {target}");
    }
}

/// The fixture plus `notes/two.md` with `aliases: [alias]`, built; asserts exit 1 and nothing
/// written, returns stderr.
fn fails_with_alias(alias: &str) -> String {
    let site = copy_fixture("reader");
    let page = format!("---\ntitle: Two\naliases: [{alias}]\n---\nTwo.\n");
    write_site(site.path(), &[("content/notes/two.md", &page)]);
    let out = mentorbook(site.path(), &["build"]).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(!site.path().join("public").exists(), "nothing written");
    assert!(fs::read_dir(site.path()).unwrap().all(|e| e.unwrap().file_name() != "outside"));
    String::from_utf8_lossy(&out.stderr).into_owned()
}

#[test]
fn an_alias_on_a_real_page_is_an_error_naming_both_files() {
    let stderr = fails_with_alias("/guides/beta/");
    assert!(stderr.contains("guides/beta/index.html"), "{stderr}");
    assert!(stderr.contains("beta.md"), "{stderr}");
    assert!(stderr.contains("two.md"), "{stderr}");
}

#[test]
fn an_alias_with_a_query_or_fragment_redirects_from_its_path_and_says_so() {
    let site = copy_fixture("reader");
    write_site(
        site.path(),
        &[("content/notes/two.md", "---\ntitle: Two\naliases: [\"/wiki/view?id=42#top\"]\n---\nTwo.\n")],
    );
    let out = build_ok(site.path(), &[]);
    assert!(
        out.contains("two.md:3:1: warning: alias `/wiki/view?id=42#top`: a static site cannot redirect one query or fragment apart from the others; it redirects from `wiki/view/`"),
        "{out}"
    );
    let doc = html(&site.path().join("public/wiki/view/index.html"));
    assert_eq!(attrs(&doc, "main a", "href"), ["../../notes/two/"]);
    assert!(!out.contains("?id") || !site.path().join("public/wiki/view?id=42#top").exists());
}

#[test]
fn an_alias_two_pages_claim_is_a_warning_and_the_first_keeps_it() {
    let site = copy_fixture("reader");
    write_site(site.path(), &[("content/notes/two.md", "---\ntitle: Two\naliases: [/old/alpha/]\n---\nTwo.\n")]);
    let out = build_ok(site.path(), &[]);
    let warning = out.lines().find(|l| l.contains("warning: alias `/old/alpha/` is also claimed by")).expect(&out);
    assert!(warning.contains("two.md") && warning.ends_with("alpha.md; it redirects there"), "{warning}");
    let doc = html(&site.path().join("public/old/alpha/index.html"));
    assert_eq!(attrs(&doc, "main a", "href"), ["../../guides/alpha/"]);
}

#[test]
fn an_alias_may_not_climb_out_of_the_site() {
    let stderr = fails_with_alias("../../outside/");
    assert!(stderr.contains("two.md:3:1: error: alias `../../outside/` climbs out of the site"), "{stderr}");
}
