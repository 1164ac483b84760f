//! The authoring commands through the binary: `init` (a site that builds at once, the theme
//! written out), `new` (pages from archetypes, never overwriting) and `check` (stricter than
//! `build`, writes nothing, proves drafts absent).

use crate::common;

use std::fs;

use common::*;
use predicates::str::contains;

fn site(files: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    write_site(dir.path(), files);
    dir
}

#[test]
fn init_makes_a_site_that_builds_with_its_guides_playbook_and_checklists() {
    let dir = tempfile::tempdir().unwrap();
    mentorbook(dir.path(), &["init", "handbook"]).assert().success().stdout(contains("mentorbook serve"));
    let root = dir.path().join("handbook");
    let log = build_ok(&root, &[]);
    assert!(!log.contains("warning:"), "{log}");
    let public = root.join("public");
    for page in ["mentors/first-meeting", "mentees/getting-started", "playbook/step-3-review-and-adjust"] {
        assert!(public.join(page).join("index.html").is_file(), "{page} missing");
    }
    let steps = html(&public.join("playbook/index.html"));
    assert_eq!(texts(&steps, ".playbook-step-number"), ["Step 1 of 3", "Step 2 of 3", "Step 3 of 3"]);
    let json: serde_json::Value =
        serde_json::from_str(&fs::read_to_string(public.join("checklists.json")).unwrap()).unwrap();
    let roles: Vec<&str> = json["checklists"].as_array().unwrap().iter().filter_map(|c| c["role"].as_str()).collect();
    assert!(
        roles.contains(&"mentor") && roles.contains(&"mentee"),
        "the starter site has checklists for both: {roles:?}"
    );
    let config = fs::read_to_string(root.join("mentorbook.yaml")).unwrap();
    assert!(config.lines().filter(|l| l.starts_with('#')).count() > 5, "the config explains itself");
    let playbook = fs::read_to_string(root.join("content/playbook/_index.md")).unwrap();
    assert!(playbook.contains("playbook: true"));
    let guide = fs::read_to_string(root.join("content/mentors/first-meeting.md")).unwrap();
    assert!(guide.contains("## Before the first meeting {.checklist role=mentor}\n\n- [ ] "));
    mentorbook(&root, &["check"]).assert().success().stdout(contains("0 errors"));
}

#[test]
fn init_refuses_a_non_empty_folder_unless_forced() {
    let dir = site(&[("notes.txt", "mine")]);
    mentorbook(dir.path(), &["init"]).assert().code(1).stderr(contains("not empty; use --force"));
    assert!(!dir.path().join("mentorbook.yaml").exists());
    mentorbook(dir.path(), &["init", "--force"]).assert().success();
    assert_eq!(fs::read_to_string(dir.path().join("notes.txt")).unwrap(), "mine");
    build_ok(dir.path(), &[]);
}

#[test]
fn init_theme_writes_the_default_theme_that_then_builds_the_site() {
    let dir = tempfile::tempdir().unwrap();
    mentorbook(dir.path(), &["init"]).assert().success();
    mentorbook(dir.path(), &["init", "--theme"]).assert().success().stdout(contains("theme: default"));
    let theme = dir.path().join("themes/default");
    for file in ["templates/base.html", "templates/page.html", "static/style.css", "archetypes/guide.md"] {
        assert!(theme.join(file).is_file(), "{file} missing");
    }
    mentorbook(dir.path(), &["init", "--theme"]).assert().code(1).stderr(contains("already there"));
    // Edit the written theme and use it.
    let base = theme.join("templates/base.html");
    let text = fs::read_to_string(&base).unwrap().replace("{{ strings.built_with }}", "Edited theme footer");
    fs::write(&base, text).unwrap();
    let config = fs::read_to_string(dir.path().join("mentorbook.yaml")).unwrap();
    fs::write(dir.path().join("mentorbook.yaml"), format!("{config}\ntheme: default\n")).unwrap();
    build_ok(dir.path(), &[]);
    assert!(fs::read_to_string(dir.path().join("public/index.html")).unwrap().contains("Edited theme footer"));
}

#[test]
fn new_makes_draft_pages_from_archetypes_and_never_overwrites() {
    let dir = tempfile::tempdir().unwrap();
    mentorbook(dir.path(), &["init"]).assert().success();
    mentorbook(dir.path(), &["new", "guide", "mentors/giving-feedback", "--title", "Feedback: \"how\""])
        .assert()
        .success();
    let guide = dir.path().join("content/mentors/giving-feedback.md");
    let text = fs::read_to_string(&guide).unwrap();
    assert!(text.starts_with("---\ntitle: \"Feedback: \\\"how\\\"\"\n"), "{text}");
    assert!(text.contains("\ndraft: true\n") && text.contains("\ndate: 20"), "{text}");
    mentorbook(dir.path(), &["new", "guide", "mentors/giving-feedback.md"]).assert().code(1).stderr(contains("exists"));
    assert_eq!(fs::read_to_string(&guide).unwrap(), text, "overwritten");

    mentorbook(dir.path(), &["new", "step", "playbook/step-4-celebrate"]).assert().success();
    let step = fs::read_to_string(dir.path().join("content/playbook/step-4-celebrate.md")).unwrap();
    assert!(step.contains("\nweight: 4\n") && step.contains("title: \"Celebrate\""), "{step}");
    mentorbook(dir.path(), &["new", "checklist", "mentees/offboarding"]).assert().success();
    let checklist = fs::read_to_string(dir.path().join("content/mentees/offboarding.md")).unwrap();
    assert!(checklist.contains("## Offboarding {.checklist}\n\n- [ ] "), "{checklist}");
    // A dated name (as Jekyll posts are named) gives the date; the title is the rest.
    mentorbook(dir.path(), &["new", "guide", "news/2024-05-01-kick-off"]).assert().success();
    let dated = fs::read_to_string(dir.path().join("content/news/2024-05-01-kick-off.md")).unwrap();
    assert!(dated.contains("title: \"Kick off\"") && dated.contains("date: 2024-05-01"), "{dated}");

    // Drafts: hidden from a build, shown (with the banner) with --drafts.
    build_ok(dir.path(), &[]);
    assert!(!dir.path().join("public/mentors/giving-feedback").exists());
    build_ok(dir.path(), &["--drafts"]);
    let page = html(&dir.path().join("public/mentors/giving-feedback/index.html"));
    assert_eq!(texts(&page, "h1"), ["Feedback: \"how\""]);
    assert_eq!(texts(&page, ".draft-banner").len(), 1);
}

#[test]
fn new_refuses_paths_outside_the_content_folder_and_unknown_kinds() {
    let dir = tempfile::tempdir().unwrap();
    mentorbook(dir.path(), &["init"]).assert().success();
    mentorbook(dir.path(), &["new", "guide", "../escape"]).assert().code(1).stderr(contains("inside it"));
    mentorbook(dir.path(), &["new", "guide", "/tmp/escape"]).assert().code(1);
    mentorbook(dir.path(), &["new", "poem", "a"]).assert().code(2);
    assert!(!dir.path().join("escape.md").exists());
}

#[test]
fn check_fails_on_broken_links_that_build_only_warns_about_and_writes_nothing() {
    let site = copy_fixture("basic");
    let before = snapshot(site.path());
    let out = mentorbook(site.path(), &["check"]).assert().code(1).get_output().clone();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("content/guides/second.md:8:13: error: link to a missing page or file: `nowhere.md`"));
    assert_eq!(snapshot(site.path()), before, "check wrote something");
    build_ok(site.path(), &[]);
}

#[test]
fn check_reports_missing_anchors_duplicates_and_front_matter_warnings() {
    let dir = site(&[
        ("content/a.md", "---\ntitle: A\ntitel: typo\n---\nSee [b](b.md#nowhere).\n"),
        ("content/b.md", "---\ntitle: B\n---\n## Somewhere\n"),
        ("content/c.md", "---\ntitle: C\nslug: b\n---\nSame URL as b.\n"),
    ]);
    let out = mentorbook(dir.path(), &["check"]).assert().code(1).get_output().clone();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("content/c.md: error: `c.md` and `b.md` both map to the URL `/b/`"), "{stderr}");
    fs::remove_file(dir.path().join("content/c.md")).unwrap();
    let out = mentorbook(dir.path(), &["check"]).assert().code(1).get_output().clone();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("content/a.md:3:1: warning:"), "{stderr}");
    assert!(stderr.contains("content/a.md:5:5: error: link to a missing anchor `#nowhere`"), "{stderr}");
}

#[test]
fn a_draft_with_a_published_pages_url_is_a_warning_not_a_leak() {
    let dir = site(&[
        ("content/a/pub.md", "---\ntitle: Published\n---\nSee [the other](pub2.md) and <a href=\"../pub2/\">it</a>.\n"),
        ("content/a/pub2.md", "---\ntitle: Other published\n---\nHello.\n"),
        ("content/a/d2.md", "---\ntitle: Draft same slug\ndraft: true\nslug: pub2\n---\nHush.\n"),
    ]);
    let out = mentorbook(dir.path(), &["check"]).assert().success().get_output().clone();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!stderr.contains("leaks"), "{stderr}");
    assert!(stderr.contains("content/a/d2.md: warning: A draft has the URL `a/pub2/` of a published page"), "{stderr}");
}

#[test]
fn check_proves_no_draft_leaks_and_names_the_output_that_leaks() {
    let clean = site(&[
        ("content/a.md", "---\ntitle: Public page\n---\nHello. As the Secret reorg plan says, see plans#before.\n"),
        ("content/plans.md", "---\ntitle: Secret reorg plan\ndraft: true\n---\n## Before\n\n- [ ] Ask HR\n"),
    ]);
    // An author's own words that happen to match a draft's title or ids are not a leak.
    mentorbook(clean.path(), &["check"]).assert().success().stdout(contains("1 draft proven absent"));
    let leaky = site(&[
        ("content/a.md", "---\ntitle: Public page\n---\nRead [the plan](plans.md) first.\n"),
        ("content/b.md", "---\ntitle: B\n---\n<a href=\"../plans/\">plans</a>\n"),
        ("content/plans.md", "---\ntitle: Secret reorg plan\ndraft: true\n---\nHush.\n"),
    ]);
    let out = mentorbook(leaky.path(), &["check"]).assert().code(1).get_output().clone();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("content/a.md:4:6: error: link to a draft left out of this build: `plans.md`"), "{stderr}");
    assert!(
        stderr.contains("content/plans.md: error: A draft leaks into `b/index.html`: a link to `plans/`"),
        "{stderr}"
    );
    // The build warns about the same link and writes it as plain text.
    let built = build_ok(leaky.path(), &[]);
    assert!(built.contains("warning: link to a draft left out of this build"), "{built}");
    let a = fs::read_to_string(leaky.path().join("public/a/index.html")).unwrap();
    assert!(a.contains("Read the plan first.") && !a.contains("plans"), "{a}");
}
