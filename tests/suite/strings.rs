//! Every word the default theme shows a reader comes from `strings` (GUIDE §4): the templates
//! hold no English of their own, every key is used, and a site that overrides every key sees
//! none of the English defaults in its output.

use crate::common;

use std::fs;
use std::path::Path;

use common::*;
use mentorbook::words::DEFAULTS;

fn theme_templates() -> Vec<(String, String)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("themes/default/templates");
    walkdir::WalkDir::new(&dir)
        .into_iter()
        .map(|e| e.expect("walk theme"))
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let name = e.path().strip_prefix(&dir).expect("inside").display().to_string();
            (name, fs::read_to_string(e.path()).expect("template"))
        })
        .collect()
}

/// `text` with every `open … close` span removed.
fn strip(text: &str, open: &str, close: &str) -> String {
    let mut out = String::new();
    let mut rest = text;
    while let Some(start) = rest.find(open) {
        out.push_str(&rest[..start]);
        match rest[start + open.len()..].find(close) {
            Some(end) => rest = &rest[start + open.len() + end + close.len()..],
            None => {
                rest = "";
                break;
            }
        }
        out.push(' ');
    }
    out.push_str(rest);
    out
}

#[test]
fn default_templates_hold_no_words_of_their_own() {
    for (name, source) in theme_templates() {
        if name.ends_with(".xml") || name.ends_with(".txt") {
            continue; // feeds and robots.txt: machine-read, no reader-facing words
        }
        let source = strip(&source, "{% block body_class %}", "{% endblock body_class %}"); // class names
        let code = strip(&strip(&strip(&source, "{#", "#}"), "{%", "%}"), "{{", "}}");
        // Reader-facing attributes must be expressions.
        for attr in ["aria-label=\"", "placeholder=\"", "title=\"", "alt=\""] {
            for (at, _) in code.match_indices(attr) {
                let value: String = code[at + attr.len()..].chars().take_while(|c| *c != '"').collect();
                assert!(!value.chars().any(char::is_alphabetic), "{name}: {attr}{value}\" is English in the template");
            }
        }
        let text = strip(&strip(&code, "<!--", "-->"), "<", ">");
        let words: Vec<&str> = text.split_whitespace().filter(|w| w.chars().any(char::is_alphabetic)).collect();
        assert!(words.is_empty(), "{name} shows words that are not strings: {words:?}");
    }
}

#[test]
fn every_string_is_used_by_the_theme_or_the_code() {
    let templates: String = theme_templates().into_iter().map(|(_, s)| s).collect();
    let mut code = String::new();
    for e in walkdir::WalkDir::new(Path::new(env!("CARGO_MANIFEST_DIR")).join("src")) {
        let e = e.expect("walk src");
        if e.path().extension().is_some_and(|x| x == "rs") && !e.path().ends_with("words.rs") {
            code.push_str(&fs::read_to_string(e.path()).expect("source"));
        }
    }
    for (key, _) in DEFAULTS {
        let stem = key.trim_end_matches("_one").trim_end_matches("_other");
        let used = templates.contains(&format!("strings.{key}"))
            || templates.contains(&format!("strings.{stem}_one"))
            || code.contains(&format!("\"{key}\""))
            || code.contains(&format!("count(\"{stem}\""))
            || (key.starts_with("alert_") && templates.contains("strings[\"alert_\""))
            || ["previous_and_next", "previous", "next"]
                .iter()
                .any(|k| key.starts_with(k) && templates.contains(&format!("strings[\"{k}\"")));
        assert!(used, "string `{key}` is used nowhere");
    }
}

#[test]
fn a_site_that_overrides_every_string_shows_no_english_default() {
    let site = copy_fixture("reader");
    copy_tree(&Path::new(env!("CARGO_MANIFEST_DIR")).join("content/program"), &site.path().join("content/program"));
    let mut config = fs::read_to_string(site.path().join("mentorbook.yaml")).expect("config");
    config.push_str("strings:\n");
    for (key, default) in DEFAULTS {
        // Keep each placeholder so that counts and links are still filled in.
        let holes: String =
            default.split('{').skip(1).filter_map(|p| p.split_once('}')).map(|(n, _)| format!(" {{{n}}}")).collect();
        config.push_str(&format!("  {key}: \"Q{key}Q{holes}\"\n"));
    }
    fs::write(site.path().join("mentorbook.yaml"), config).expect("write config");
    build_ok(site.path(), &["--drafts"]);
    let out = site.path().join("public");
    let mut all = String::new();
    for f in files(&out) {
        if f.ends_with(".html") {
            all.push_str(&fs::read_to_string(out.join(&f)).expect("page"));
        }
    }
    // The theme's own phrases (several words, so they cannot come from the fixture's prose).
    for phrase in [
        "Skip to main content",
        "Search the handbook",
        "Built with mentorbook",
        "min read",
        "Print this checklist",
        "Edit this page",
        "Overall progress",
        "checklist items done",
        "Ticks are saved in this browser",
        "Page not found",
        "Dark theme",
    ] {
        assert!(!all.contains(phrase), "`{phrase}` is still in the output");
    }
    for key in [
        "skip_to_content",
        "checklists",
        "checklist_progress",
        "step_of",
        "minutes_read",
        "not_found",
        "everyone",
        "page_other",
        "moved_to",
        "sheet_notes",
        "contents",
    ] {
        assert!(all.contains(&format!("Q{key}Q")), "the override of `{key}` is not in the output");
    }
    // Placeholders are filled in, and HTML in a filled-in link stays a link. A phrase handed to a
    // script to fill in (the stepper's `data-progress`) keeps its placeholders, and the override.
    assert!(all.contains("data-progress=\"Qchecklist_progressQ {done} {total}\""), "the stepper's phrase");
    let filled = all.replace("data-progress=\"Qchecklist_progressQ {done} {total}\"", "");
    assert!(
        !filled.contains("{done}") && !filled.contains("{n}") && !filled.contains("{target}"),
        "a placeholder was left unfilled"
    );
    let notice = fs::read_to_string(out.join("search/index.html")).expect("search page");
    assert!(notice.contains("Qsearch_needs_jsQ <a href=\"../print/\">Qsearch_whole_handbookQ</a>"), "{notice}");
}

#[test]
fn an_unknown_string_key_is_an_error_with_a_suggestion() {
    let site = copy_fixture("basic");
    let file = site.path().join("mentorbook.yaml");
    fs::write(&file, fs::read_to_string(&file).expect("config") + "strings:\n  hme: Start\n").expect("write");
    let out = mentorbook(site.path(), &["build"]).output().expect("run");
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("hme") && err.contains("did you mean `home`"), "{err}");
    assert!(err.contains("mentorbook.yaml"), "{err}");
}
