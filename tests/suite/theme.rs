//! The light/dark choice without a browser: the toggle's markup (hidden without JavaScript,
//! a state, a name from `strings`), head.js loaded before the stylesheets so a chosen scheme
//! never flashes, the dark colours of style.css written once for the choice and once for the
//! system and kept equal, and syntax.css following the choice too. The behaviour itself is in
//! tests/suite/browser_theme.rs.

use crate::common;

use std::fs;
use std::path::Path;

use common::*;

fn theme_file(name: &str) -> String {
    fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("themes/default/static").join(name)).expect(name)
}

/// The declarations of the block of style.css that starts at `opening` (up to its `}`), one per
/// line, trimmed, without comments and without `color-scheme`.
fn declarations(css: &str, opening: &str) -> Vec<String> {
    let start = css.find(opening).unwrap_or_else(|| panic!("`{opening}` not in style.css")) + opening.len();
    let body = &css[start..start + css[start..].find('}').expect("block closes")];
    body.split(';')
        .map(|d| d.split("*/").last().unwrap_or("").trim().to_string())
        .filter(|d| !d.is_empty() && !d.starts_with("color-scheme"))
        .collect()
}

#[test]
fn the_dark_colours_for_the_choice_and_for_the_system_are_the_same() {
    let css = theme_file("style.css");
    let chosen = declarations(&css, ":root:where([data-theme=\"dark\"]) {");
    let system =
        declarations(&css, "@media (prefers-color-scheme: dark) {\n  :root:where(:not([data-theme=\"light\"])) {");
    assert!(chosen.len() > 20, "{chosen:?}");
    assert_eq!(chosen, system, "the two dark blocks of style.css differ");
    assert_eq!(css.matches("prefers-color-scheme").count(), 2, "another rule follows only the system");
}

#[test]
fn every_page_has_the_toggle_and_chooses_its_scheme_before_its_styles() {
    let out = tempfile::tempdir().expect("temp dir");
    build_sample(out.path(), false);
    for page in ["index.html", "program/week-02-goals/index.html", "search/index.html", "404.html", "print/index.html"]
    {
        let text = fs::read_to_string(out.path().join(page)).expect(page);
        let head = &text[..text.find("</head>").expect("head")];
        let script = head.find("head.js\"></script>").unwrap_or_else(|| panic!("{page}: no blocking head.js"));
        let style = head.find("style.css").expect("style.css");
        assert!(script < style, "{page}: head.js comes after the stylesheet");
        let doc = html(&out.path().join(page));
        assert_eq!(attrs(&doc, "html", "data-site").len(), 1, "{page}: no data-site for the stored choice");
        if page == "print/index.html" {
            continue; // no header
        }
        let toggle = scraper::Selector::parse("button.theme-toggle").unwrap();
        let buttons: Vec<_> = doc.select(&toggle).collect();
        assert_eq!(buttons.len(), 1, "{page}: {} toggles", buttons.len());
        let b = buttons[0].value();
        assert!(b.attr("hidden").is_some(), "{page}: the toggle shows without JavaScript");
        assert_eq!(b.attr("aria-pressed"), Some("false"), "{page}");
        assert_eq!(buttons[0].text().collect::<String>().trim(), "Dark theme", "{page}");
    }
}

#[test]
fn the_toggle_takes_its_name_from_strings() {
    let site = copy_fixture("basic");
    let file = site.path().join("mentorbook.yaml");
    fs::write(&file, fs::read_to_string(&file).unwrap() + "strings:\n  dark_theme: Dunkles Design\n").unwrap();
    build_ok(site.path(), &[]);
    let doc = html(&site.path().join("public/index.html"));
    assert_eq!(texts(&doc, "button.theme-toggle"), ["Dunkles Design"]);
    assert_eq!(attrs(&doc, "button.theme-toggle", "title"), ["Dunkles Design"]);
}

#[test]
fn code_colours_follow_the_choice_and_else_the_system() {
    let out = tempfile::tempdir().expect("temp dir");
    build_sample(out.path(), false);
    let css = fs::read_to_string(out.path().join("syntax.css")).unwrap();
    for scope in [
        ":where(:root[data-theme=\"dark\"]) .hl-",
        ":where(:root[data-theme=\"light\"]) .hl-",
        ":where(:root:not([data-theme=\"light\"])) .hl-",
        ":where(:root:not([data-theme=\"dark\"])) .hl-",
    ] {
        assert!(css.matches(scope).count() > 10, "syntax.css has few rules under `{scope}`");
    }
    // Nothing is coloured by the system's scheme alone.
    let unscoped = css.lines().filter(|l| l.starts_with(".hl-")).count();
    assert_eq!(unscoped, 0, "{unscoped} rules of syntax.css ignore the reader's choice");
}
