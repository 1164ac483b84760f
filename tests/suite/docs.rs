//! The reference in `docs/` is a mentorbook site that must build and pass `check`, and it must
//! say what the code reads: every config key, every front matter key and every command-line
//! flag, and nothing the code does not read.

use crate::common;

use std::collections::BTreeSet;
use std::fs;
use std::path::Path;

use common::*;

fn docs(page: &str) -> String {
    fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/content").join(page)).expect(page)
}

/// The keys documented as level-2 headings written ``## `key` ``.
fn key_headings(text: &str) -> BTreeSet<String> {
    text.lines().filter_map(|l| l.strip_prefix("## `")?.strip_suffix('`').map(str::to_string)).collect()
}

fn compare(what: &str, documented: BTreeSet<String>, known: &[&str]) {
    let known: BTreeSet<String> = known.iter().map(|k| k.to_string()).collect();
    let missing: Vec<_> = known.difference(&documented).collect();
    let extra: Vec<_> = documented.difference(&known).collect();
    assert!(missing.is_empty(), "{what} the code reads but the docs omit: {missing:?}");
    assert!(extra.is_empty(), "{what} the docs describe but the code does not read: {extra:?}");
}

#[test]
fn every_config_key_is_documented_and_nothing_else() {
    compare("config keys", key_headings(&docs("configuration.md")), mentorbook::config::KNOWN_KEYS);
}

#[test]
fn every_front_matter_key_is_documented_and_nothing_else() {
    compare("front matter keys", key_headings(&docs("front-matter.md")), mentorbook::content::front_matter::KNOWN);
}

/// `--flag` names in `text`.
fn flags(text: &str) -> BTreeSet<String> {
    let mut found = BTreeSet::new();
    for (i, _) in text.match_indices("--") {
        let name: String = text[i + 2..].chars().take_while(|c| c.is_ascii_alphanumeric() || *c == '-').collect();
        if name.len() > 1 && text[..i].chars().last().is_none_or(|c| !c.is_ascii_alphanumeric() && c != '-') {
            found.insert(name);
        }
    }
    found
}

#[test]
fn every_flag_of_every_command_is_documented_and_nothing_else() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    for command in ["build", "check", "init", "new", "import", "serve"] {
        let out = mentorbook(root, &[command, "--help"]).output().expect("run");
        if !out.status.success() {
            assert_eq!(command, "serve", "`{command} --help` failed");
            continue; // a build without the serve feature
        }
        let help = flags(&String::from_utf8_lossy(&out.stdout));
        // The flags table: rows of the section that starts with "## Flags" or "## Arguments".
        let page = docs(&format!("commands/{command}.md"));
        let table: String = page
            .split("\n## ")
            .filter(|s| s.starts_with("Flags") || s.starts_with("Arguments"))
            .flat_map(|s| {
                s.lines().filter(|l| l.starts_with('|')).map(|l| l.split('|').nth(1).unwrap_or("").to_string())
            })
            .collect::<Vec<_>>()
            .join("\n");
        let documented = flags(&table);
        let missing: Vec<_> = help.difference(&documented).collect();
        let extra: Vec<_> = documented.difference(&help).collect();
        assert!(missing.is_empty(), "`{command}` flags missing from docs/content/commands/{command}.md: {missing:?}");
        assert!(extra.is_empty(), "`{command}` flags documented that do not exist: {extra:?}");
    }
}

#[test]
fn the_docs_site_builds_and_passes_check() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let out_dir = tempfile::tempdir().unwrap();
    let out = mentorbook(root, &["check", "--root", "docs"]).output().expect("run");
    let text = format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
    assert!(out.status.success(), "{text}");
    assert!(text.contains("check: 0 errors, 0 warnings"), "{text}");
    let built = mentorbook(root, &["build", "--root", "docs", "--output", out_dir.path().to_str().unwrap()])
        .output()
        .expect("run");
    assert!(built.status.success(), "{}", String::from_utf8_lossy(&built.stderr));
    for page in
        ["index.html", "configuration/index.html", "commands/import/index.html", "deploy/github-pages/index.html"]
    {
        assert!(out_dir.path().join(page).is_file(), "{page} missing");
    }
}

#[test]
fn the_readme_stays_short_and_starts_with_the_two_commands() {
    let readme = fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md")).unwrap();
    assert!(readme.len() <= 9 * 1024, "README.md is {} bytes; the reference belongs in docs/", readme.len());
    let first_code = readme.split("```").nth(1).unwrap_or("");
    assert!(first_code.contains("cargo run --release -- build") && first_code.contains("cargo test"), "{first_code}");
}
