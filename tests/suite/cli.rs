//! The binary's contract: exit codes and `path:line:col: message` errors, one test per error kind.

use crate::common;

use std::fs;

use common::*;
use predicates::prelude::*;
use predicates::str::contains;

fn site(files: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    write_site(dir.path(), files);
    dir
}

fn fails(dir: &tempfile::TempDir, args: &[&str]) -> assert_cmd::assert::Assert {
    mentorbook(dir.path(), args).assert().code(1).stderr(contains("build failed"))
}

#[test]
fn a_good_build_prints_one_summary_line() {
    let dir = site(&[("content/a.md", "---\ntitle: A\n---\nHi\n"), ("content/b.md", "---\ndraft: true\n---\n")]);
    mentorbook(dir.path(), &["build"]).assert().success().stdout(
        predicate::str::is_match(
            r"^built 1 page, 1 section, 0 checklists, 1 draft skipped, 0 warnings in \d+ ms into public",
        )
        .unwrap(),
    );
}

#[test]
fn broken_yaml_names_file_line_and_snippet() {
    let dir = site(&[("content/a.md", "---\ntitle: A\ntags: [one\n---\n")]);
    fails(&dir, &["build"])
        .stderr(contains("content/a.md:3:").and(contains("invalid YAML")).and(contains(" 3 | tags: [one")));
}

#[test]
fn a_bad_yaml_value_on_line_7_says_7() {
    let dir = site(&[(
        "content/a.md",
        "---\ntitle: A\ndescription: B\ntags: [a]\nweight: 1\nauthors: [x]\ndate: 2024-99-01\n---\n",
    )]);
    fails(&dir, &["build"]).stderr(contains("content/a.md:7:7: error: `date` is not a date: `2024-99-01`"));
}

#[test]
fn broken_toml_is_located() {
    let dir = site(&[("content/a.md", "+++\ntitle = \"A\"\ndate = \n+++\n")]);
    fails(&dir, &["build"]).stderr(contains("content/a.md:3:").and(contains("invalid TOML")));
}

#[test]
fn every_bad_file_is_reported_in_one_run() {
    let dir = site(&[
        ("content/a.md", "---\ndate: nope\n---\n"),
        ("content/b.md", "---\ntitle: [\n---\n"),
        ("content/c.md", "---\ntitle: fine\n---\n"),
    ]);
    fails(&dir, &["build"])
        .stderr(contains("content/a.md:2:").and(contains("content/b.md:2:")).and(contains("2 errors")));
}

#[test]
fn front_matter_that_is_not_a_mapping_is_an_error() {
    let dir = site(&[("content/a.md", "---\n- a\n- b\n---\n")]);
    fails(&dir, &["build"]).stderr(contains("content/a.md:2:1: error: front matter must be `key: value` pairs"));
}

#[test]
fn duplicate_urls_name_both_files() {
    let dir = site(&[("content/guide.md", "A"), ("content/other.md", "---\nslug: guide\n---\nB")]);
    fails(&dir, &["build"])
        .stderr(contains("content/other.md").and(contains("guide.md")).and(contains("both map to the URL `/guide/`")));
}

#[test]
fn two_index_files_for_one_folder_are_an_error() {
    let dir = site(&[("content/a/_index.md", "A"), ("content/a/index.md", "B")]);
    fails(&dir, &["build"])
        .stderr(contains("a/_index.md").and(contains("a/index.md")).and(contains("both describe the folder")));
}

#[test]
fn unknown_config_key_gets_a_hint() {
    let dir = site(&[("mentorbook.yaml", "title: T\nbase_ulr: https://x\n"), ("content/a.md", "A")]);
    fails(&dir, &["build"])
        .stderr(contains("mentorbook.yaml:2:1: error: unknown config key `base_ulr`; did you mean `base_url`?"));
}

#[test]
fn wrong_config_type_is_located() {
    let dir = site(&[("mentorbook.yaml", "title: T\nhighlight_code: sometimes\n"), ("content/a.md", "A")]);
    fails(&dir, &["build"]).stderr(contains("mentorbook.yaml:2:").and(contains("invalid YAML")));
}

#[test]
fn unknown_highlight_theme_lists_the_known_ones() {
    let dir = site(&[("mentorbook.yaml", "highlight_theme: Solarized\n"), ("content/a.md", "A")]);
    fails(&dir, &["build"]).stderr(
        contains("mentorbook.yaml:1:1: error: unknown highlight theme `Solarized`").and(contains("InspiredGitHub")),
    );
}

#[test]
fn template_syntax_errors_show_teras_report() {
    let dir = site(&[
        ("templates/page.html", "{% extends \"base.html\" %}\n{% block content %}{{ page.title }\n"),
        ("content/a.md", "A"),
    ]);
    fails(&dir, &["build"]).stderr(contains("templates/page.html:2:34: error: Found `}` but expected }}"));
}

#[test]
fn template_render_errors_name_the_page() {
    let dir = site(&[
        ("templates/page.html", "<p>{{ page.no_such_field }}</p>"),
        ("content/a.md", "A"),
        ("content/b.md", "B"),
    ]);
    fails(&dir, &["build"])
        .stderr(contains(
            "templates/page.html:1:12: error: while rendering content/a.md: Field `no_such_field` is not defined",
        ))
        .stderr(contains("(and 1 more pages)"))
        .stderr(contains("build failed: 1 error"));
}

#[test]
fn invalid_utf8_is_an_error_naming_the_file() {
    let dir = site(&[]);
    fs::create_dir_all(dir.path().join("content")).unwrap();
    fs::write(dir.path().join("content/bad.md"), b"ok \xC3\x28 no").unwrap();
    fails(&dir, &["build"]).stderr(contains("content/bad.md:1:4: error: not valid UTF-8"));
}

#[test]
fn missing_content_folder_is_an_error() {
    let dir = site(&[("mentorbook.yaml", "")]);
    fails(&dir, &["build"]).stderr(contains("content: error: content folder not found"));
}

#[test]
fn output_may_not_be_the_root_the_content_or_an_ancestor() {
    let dir = site(&[("content/a.md", "A"), ("content/keep.txt", "keep")]);
    for out in [".", "content", "..", "content/sub"] {
        mentorbook(dir.path(), &["build", "--output", out])
            .assert()
            .code(1)
            .stderr(contains("refusing to use this as the output folder"));
    }
    assert_eq!(fs::read_to_string(dir.path().join("content/keep.txt")).unwrap(), "keep");
    assert!(!dir.path().join("public").exists());
}

#[test]
fn a_foreign_non_empty_output_folder_is_never_pruned() {
    let dir = site(&[("content/a.md", "A"), ("mine/notes.txt", "precious")]);
    mentorbook(dir.path(), &["build", "--output", "mine"]).assert().code(1).stderr(contains("not made by mentorbook"));
    assert_eq!(fs::read_to_string(dir.path().join("mine/notes.txt")).unwrap(), "precious");
}

#[test]
fn a_slug_cannot_leave_the_output_folder() {
    let dir = site(&[("content/a.md", "---\nslug: ../../../escaped\n---\nA")]);
    mentorbook(dir.path(), &["build"]).assert().success();
    assert!(dir.path().join("public/escaped/index.html").exists());
    assert!(!dir.path().parent().unwrap().join("escaped").exists());
}

#[test]
fn usage_errors_exit_2() {
    let dir = site(&[]);
    mentorbook(dir.path(), &["build", "--no-such-flag"]).assert().code(2);
    mentorbook(dir.path(), &["frobnicate"]).assert().code(2);
    mentorbook(dir.path(), &[]).assert().code(2);
}

#[test]
fn warnings_are_printed_with_locations_and_counted() {
    let dir = site(&[("content/a.md", "---\ntitel: A\n---\n\nSee [b](b.md) and [c](#nowhere).\n")]);
    mentorbook(dir.path(), &["build"])
        .assert()
        .success()
        .stderr(contains("content/a.md:2:1: warning: unknown front matter key `titel`; did you mean `title`?"))
        .stderr(contains("content/a.md:5:5: warning: link to a missing page or file: `b.md`"))
        .stderr(contains("content/a.md:5:19: warning: link to a missing anchor `#nowhere`"))
        .stdout(contains("3 warnings"));
}

#[test]
fn a_config_of_only_comments_is_valid() {
    let dir = site(&[("mentorbook.yaml", "# settings come later\n"), ("content/a.md", "A")]);
    mentorbook(dir.path(), &["build"]).assert().success();
}

#[test]
fn template_validation_errors_are_located() {
    let dir = site(&[("templates/page.html", "<p>\n{{ page.title | nofilter }}</p>"), ("content/a.md", "A")]);
    fails(&dir, &["build"])
        .stderr(contains("templates/page.html:2:").and(contains("error: Unknown filter `nofilter`")));
}

#[test]
fn a_page_that_needs_a_file_to_be_a_folder_fails_without_touching_the_output() {
    let dir = site(&[("content/_index.md", "Home"), ("content/guide.md", "v1")]);
    mentorbook(dir.path(), &["build"]).assert().success();
    let before = snapshot(&dir.path().join("public"));
    write_site(dir.path(), &[("content/guide.md", "v2"), ("content/index.html.md", "Middleman-style name")]);
    fails(&dir, &["build"])
        .stderr(contains("content/index.html.md").and(contains("needs `index.html` to be a folder")));
    assert_eq!(snapshot(&dir.path().join("public")), before);
}

#[test]
fn folders_that_map_to_one_url_name_both() {
    let dir = site(&[("content/Team A/a.md", "A"), ("content/team-a/b.md", "B")]);
    fails(&dir, &["build"])
        .stderr(contains("the folder `Team A/`").and(contains("the folder `team-a/`")).and(contains("/team-a/")));
}

#[test]
fn broken_files_do_not_hide_other_problems() {
    let dir = site(&[
        ("content/bad.md", "---\ntitle: [\n---\n"),
        ("content/p1.md", "---\nslug: same\n---\n"),
        ("content/p2.md", "---\nslug: same\n---\n"),
    ]);
    fails(&dir, &["build"]).stderr(contains("content/bad.md:2:").and(contains("both map to the URL `/same/`")));
}
