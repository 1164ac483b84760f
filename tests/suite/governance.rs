//! Audiences (public and internal builds of one handbook), owners and review dates, and what
//! changed (GUIDE §10): each rule built end to end and read back from the output.

use crate::common;

use std::fs;
use std::path::Path;
use std::process::Command;

use common::*;

/// Today, for every build here: 2026-11-30.
const TODAY: (&str, &str) = ("SOURCE_DATE_EPOCH", "1796000000");

const SITE: &[(&str, &str)] = &[
    (
        "mentorbook.yaml",
        "title: Team handbook\nbase_url: https://handbook.example.org/\naudiences: [public, internal, leads]\n",
    ),
    ("content/_index.md", "---\ntitle: Home\n---\nWelcome.\n"),
    ("content/guides/_index.md", "---\ntitle: Guides\n---\nFor everyone.\n"),
    (
        "content/guides/open.md",
        "---\ntitle: Open guide\ntags: [shared]\n---\nSee the [pay bands](../people/bands.md) first.\n",
    ),
    ("content/guides/both.md", "---\ntitle: Both worlds\naudience: [public, internal]\n---\nFor both.\n"),
    ("content/people/_index.md", "---\ntitle: People ops\naudience: [internal, leads]\n---\nInternal section.\n"),
    (
        "content/people/bands.md",
        "---\ntitle: Quokkabands\ntags: [zebrafish]\naliases: [/old-bands/]\n---\n## Mentor {.checklist}\n\n- [ ] Wombatcheck the offer\n\n![chart](chart.svg)\n",
    ),
    ("content/people/chart.svg", "<svg xmlns=\"http://www.w3.org/2000/svg\"><text>Narwhalchart</text></svg>"),
    ("content/people/leads/_index.md", "---\ntitle: Leads corner\naudience: leads\n---\n"),
    ("content/people/leads/plan.md", "---\ntitle: Axolotlplan\n---\nInherited from two levels up.\n"),
];

fn run(root: &Path, args: &[&str]) -> (i32, String) {
    let out = mentorbook(root, args).env(TODAY.0, TODAY.1).output().expect("run");
    let text = format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
    (out.status.code().unwrap_or(-1), text)
}

fn site(extra: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp");
    write_site(dir.path(), SITE);
    write_site(dir.path(), extra);
    dir
}

/// Every output file's bytes, concatenated (the search index decompressed).
fn everything(out: &Path) -> String {
    let mut all = String::new();
    for f in files(out) {
        let bytes = fs::read(out.join(&f)).expect("read");
        let bytes = if f.ends_with(".pf_fragment") || f.ends_with(".pf_index") || f.ends_with(".pf_meta") {
            let mut d = flate2::read::GzDecoder::new(&bytes[..]);
            let mut v = Vec::new();
            std::io::Read::read_to_end(&mut d, &mut v).map(|_| v).unwrap_or(bytes)
        } else {
            bytes
        };
        all.push_str(&f);
        all.push_str(&String::from_utf8_lossy(&bytes));
    }
    all
}

#[test]
fn a_public_build_leaves_out_every_byte_of_internal_pages() {
    let dir = site(&[]);
    let (code, log) = run(dir.path(), &["build", "--audience", "public"]);
    assert_eq!(code, 0, "{log}");
    assert!(log.contains("4 left out for other audiences"), "{log}");
    // The link from a public page is plain text, with a warning at its line.
    assert!(log.contains("content/guides/open.md:5:") && log.contains("another audience"), "{log}");
    let out = dir.path().join("public");
    assert!(!out.join("people").exists(), "the internal section was written");
    assert!(!out.join("old-bands").exists(), "the internal alias was written");
    assert!(!out.join("tags/zebrafish").exists(), "a term only internal pages use was written");
    assert!(out.join("tags/shared/index.html").is_file());
    assert!(out.join("guides/both/index.html").is_file(), "a page for public and internal is public");
    let all = everything(&out);
    for secret in ["Quokkabands", "Wombatcheck", "Narwhalchart", "Axolotlplan", "People ops", "Leads corner"] {
        assert!(!all.contains(secret), "`{secret}` reached the public build");
    }
    // Only public pages: search engines are welcome, the sitemap is written.
    assert!(out.join("sitemap.xml").is_file());
    assert!(fs::read_to_string(out.join("robots.txt")).unwrap().contains("Allow: /"));
    assert!(!fs::read_to_string(out.join("index.html")).unwrap().contains("noindex"));
}

#[test]
fn an_internal_build_keeps_its_pages_and_marks_them() {
    let dir = site(&[]);
    let (code, log) = run(dir.path(), &["build", "--audience", "internal"]);
    assert_eq!(code, 0, "{log}");
    let out = dir.path().join("public");
    let bands = html(&out.join("people/bands/index.html"));
    assert_eq!(texts(&bands, ".badge-audience"), ["Internal, Leads"]);
    assert!(out.join("people/chart.svg").is_file());
    assert!(!out.join("people/leads").exists(), "a page narrowed to leads reached the internal build");
    assert!(texts(&html(&out.join("guides/open/index.html")), ".badge-audience").is_empty());
    // A build with non-public pages is kept out of search engines.
    assert!(fs::read_to_string(out.join("index.html")).unwrap().contains(r#"<meta name="robots" content="noindex">"#));
    assert!(fs::read_to_string(out.join("robots.txt")).unwrap().contains("Disallow: /"));
    assert!(!out.join("sitemap.xml").exists());
}

#[test]
fn without_an_audience_every_page_is_built_and_the_config_can_set_one() {
    let dir = site(&[]);
    let (code, log) = run(dir.path(), &["build"]);
    assert_eq!(code, 0, "{log}");
    let out = dir.path().join("public");
    assert!(out.join("people/leads/plan/index.html").is_file());
    assert_eq!(texts(&html(&out.join("people/leads/plan/index.html")), ".badge-audience"), ["Leads"]);
    let config = dir.path().join("mentorbook.yaml");
    fs::write(&config, fs::read_to_string(&config).unwrap() + "audience: public\n").unwrap();
    let (code, log) = run(dir.path(), &["build"]);
    assert_eq!(code, 0, "{log}");
    assert!(!out.join("people").exists(), "the config's audience was not applied");
    let (code, log) = run(dir.path(), &["build", "--audience", "all"]);
    assert_eq!(code, 0, "{log}");
    assert!(out.join("people/bands/index.html").is_file(), "--audience all did not build every page");
}

#[test]
fn widening_and_unknown_audiences_are_errors_with_file_and_line() {
    let dir = site(&[("content/people/leads/wide.md", "---\ntitle: Wide\naudience: [leads, internal]\n---\n")]);
    let (code, log) = run(dir.path(), &["build"]);
    assert_eq!(code, 1, "{log}");
    assert!(log.contains("content/people/leads/wide.md:3:1: error:") && log.contains("not widen"), "{log}");
    let dir = site(&[("content/guides/typo.md", "---\ntitle: Typo\naudience: intranet\n---\n")]);
    let (code, log) = run(dir.path(), &["build"]);
    assert_eq!(code, 1, "{log}");
    assert!(log.contains("content/guides/typo.md:3:1: error: unknown audience `intranet`"), "{log}");
    let (code, log) = run(site(&[]).path(), &["build", "--audience", "intranet"]);
    assert_eq!(code, 1, "{log}");
    assert!(log.contains("unknown audience `intranet`"), "{log}");
    let dir = site(&[("mentorbook.yaml", "title: T\ntaxonomies: [tags, audience]\n")]);
    let (code, log) = run(dir.path(), &["build"]);
    assert_eq!(code, 1, "{log}");
    assert!(log.contains("mentorbook.yaml:2:1: error: `audience`"), "{log}");
}

#[test]
fn check_proves_an_audience_build_holds_nothing_of_the_others() {
    let dir = site(&[]);
    // The public page's link to an internal one is an error under check.
    let (code, log) = run(dir.path(), &["check", "--audience", "public"]);
    assert_eq!(code, 1, "{log}");
    assert!(log.contains("content/guides/open.md:5:") && log.contains("error:"), "{log}");
    fs::write(dir.path().join("content/guides/open.md"), "---\ntitle: Open guide\n---\nNo link.\n").unwrap();
    let (code, log) = run(dir.path(), &["check", "--audience", "public"]);
    assert_eq!(code, 0, "{log}");
    assert!(log.contains("4 pages for other audiences proven absent"), "{log}");
    let (code, log) = run(dir.path(), &["check"]);
    assert_eq!(code, 0, "{log}");
}

const REVIEWED: &[(&str, &str)] = &[
    ("mentorbook.yaml", "title: T\nreview_every: 6 months\n"),
    ("content/guides/old.md", "---\ntitle: Old advice\nowner: Mentoring team\nreviewed: 2025-09-20\n---\nText.\n"),
    ("content/guides/fresh.md", "---\ntitle: Fresh advice\nowner: Ana\nreviewed: 2026-10-01\n---\nText.\n"),
    ("content/guides/never.md", "---\ntitle: Never reviewed\n---\nText.\n"),
    ("content/yearly/_index.md", "---\ntitle: Yearly\nreview_every: 2 years\n---\n"),
    ("content/yearly/slow.md", "---\ntitle: Slow advice\nreviewed: 2025-01-05\n---\nText.\n"),
];

#[test]
fn pages_past_their_review_date_say_so_and_check_lists_them() {
    let dir = tempfile::tempdir().unwrap();
    write_site(dir.path(), REVIEWED);
    let (code, log) = run(dir.path(), &["build"]);
    assert_eq!(code, 0, "{log}");
    assert!(log.contains(", 1 past review,"), "{log}");
    let out = dir.path().join("public");
    let old = html(&out.join("guides/old/index.html"));
    assert_eq!(
        texts(&old, ".review-notice"),
        ["Last reviewed 14 months ago by Mentoring team. This guidance may be out of date."]
    );
    assert_eq!(texts(&old, ".page-owner"), ["Owner: Mentoring team"]);
    assert!(texts(&html(&out.join("guides/fresh/index.html")), ".review-notice").is_empty());
    // A section's period applies below it: 2 years have not passed.
    assert!(texts(&html(&out.join("yearly/slow/index.html")), ".review-notice").is_empty());
    // The maintainers' page: overdue first, then never reviewed, then by due date.
    let review = html(&out.join("review/index.html"));
    let titles = texts(&review, ".review-table tbody td:first-child a");
    assert_eq!(titles[0], "Old advice");
    assert!(titles.contains(&"Never reviewed".to_string()));
    let (code, log) = run(dir.path(), &["check"]);
    assert_eq!(code, 0, "{log}");
    assert!(log.contains("content/guides/old.md:4:1: warning: past its review date"), "{log}");
    let (code, log) = run(dir.path(), &["check", "--stale"]);
    assert_eq!(code, 1, "{log}");
    assert!(log.contains("content/guides/old.md:4:1: error: past its review date"), "{log}");
    // Without review_every nothing is ever overdue.
    fs::write(dir.path().join("mentorbook.yaml"), "title: T\n").unwrap();
    fs::write(dir.path().join("content/yearly/_index.md"), "---\ntitle: Yearly\n---\n").unwrap();
    let (code, log) = run(dir.path(), &["check", "--stale"]);
    assert_eq!(code, 0, "{log}");
    assert!(texts(&html(&out.join("guides/old/index.html")), ".review-notice").len() == 1, "stale output is kept");
    build_ok(dir.path(), &[]);
    assert!(texts(&html(&out.join("guides/old/index.html")), ".review-notice").is_empty());
}

#[test]
fn the_review_page_is_only_in_builds_for_its_audience() {
    let dir = tempfile::tempdir().unwrap();
    write_site(dir.path(), REVIEWED);
    let (code, log) = run(dir.path(), &["build", "--audience", "public"]);
    assert_eq!(code, 0, "{log}");
    assert!(!dir.path().join("public/review").exists());
    let (code, log) = run(dir.path(), &["build", "--audience", "internal"]);
    assert_eq!(code, 0, "{log}");
    assert!(dir.path().join("public/review/index.html").is_file());
    let bad = [("mentorbook.yaml", "title: T\nreview_every: fortnightly\n")];
    write_site(dir.path(), &bad);
    let (code, log) = run(dir.path(), &["build"]);
    assert_eq!(code, 1, "{log}");
    assert!(log.contains("mentorbook.yaml:2:1: error: `review_every` must be a period"), "{log}");
    write_site(dir.path(), &[("content/guides/bad.md", "---\nreview_every: soon\n---\n")]);
    write_site(dir.path(), &[("mentorbook.yaml", "title: T\n")]);
    let (code, log) = run(dir.path(), &["build"]);
    assert_eq!(code, 1, "{log}");
    assert!(log.contains("content/guides/bad.md:2:15: error: `review_every` must be a period"), "{log}");
}

fn git(dir: &Path, args: &[&str], date: &str) {
    let status = Command::new("git")
        .current_dir(dir)
        .args(["-c", "user.name=T", "-c", "user.email=t@example.org"])
        .args(args)
        .env("GIT_AUTHOR_DATE", date)
        .env("GIT_COMMITTER_DATE", date)
        .output()
        .expect("git");
    assert!(status.status.success(), "git {args:?}: {}", String::from_utf8_lossy(&status.stderr));
}

#[test]
fn whats_new_lists_recent_changes_without_naming_what_the_build_leaves_out() {
    let dir = site(&[]);
    let root = dir.path();
    git(root, &["init", "-q"], "2026-01-01T10:00:00Z");
    git(root, &["add", "-A"], "2026-01-01T10:00:00Z");
    git(root, &["commit", "-qm", "Start the handbook"], "2026-01-01T10:00:00Z");
    fs::write(root.join("content/guides/both.md"), "---\ntitle: Both worlds\n---\nReworded.\n").unwrap();
    git(root, &["commit", "-qam", "Reword both worlds"], "2026-11-20T10:00:00Z");
    fs::write(root.join("content/guides/open.md"), "---\ntitle: Open guide\n---\nNew text.\n").unwrap();
    fs::write(root.join("content/people/bands.md"), "---\ntitle: Quokkabands\n---\nCut.\n").unwrap();
    git(root, &["commit", "-qam", "Cut the Quokkabands"], "2026-11-25T10:00:00Z");
    let (code, log) = run(root, &["build", "--audience", "public"]);
    assert_eq!(code, 0, "{log}");
    let page = html(&root.join("public/whats-new/index.html"));
    let titles = texts(&page, ".whats-new-list .page-list-title");
    assert_eq!(titles, ["Open guide", "Both worlds"], "newest first, recent only");
    let meta = texts(&page, ".whats-new-list .page-list-meta");
    assert!(meta[0].ends_with("Updated"), "a subject naming an internal page was shown: {meta:?}");
    assert!(meta[1].starts_with("2026-11-20") && meta[1].ends_with("Reword both worlds"), "{meta:?}");
    let feed = fs::read_to_string(root.join("public/whats-new/atom.xml")).unwrap();
    assert!(feed.contains("Reword both worlds") && !feed.contains("Quokka"), "{feed}");
    // A shallow clone says so on the page and in a warning.
    let clone = tempfile::tempdir().unwrap();
    let url = format!("file://{}", root.display());
    git(clone.path(), &["clone", "-q", "--depth", "1", &url, "c"], "2026-11-30T10:00:00Z");
    let (code, log) = run(&clone.path().join("c"), &["build"]);
    assert_eq!(code, 0, "{log}");
    assert!(log.contains("warning: what's new: the repository is a shallow clone"), "{log}");
    let page = fs::read_to_string(clone.path().join("c/public/whats-new/index.html")).unwrap();
    assert!(page.contains("shallow clone"), "{page}");
}

#[test]
fn outside_git_whats_new_says_so() {
    let dir = site(&[]);
    let (code, log) = run(dir.path(), &["build"]);
    assert_eq!(code, 0, "{log}");
    let page = fs::read_to_string(dir.path().join("public/whats-new/index.html")).unwrap();
    assert!(page.contains("not in a git repository"), "{page}");
    let config = dir.path().join("mentorbook.yaml");
    fs::write(&config, fs::read_to_string(&config).unwrap() + "whats_new_days: 14\n").unwrap();
    let (code, log) = run(dir.path(), &["build"]);
    assert_eq!(code, 0, "{log}");
    assert!(log.contains("warning: what's new: the content folder is not in a git repository"), "{log}");
    fs::write(&config, fs::read_to_string(&config).unwrap().replace("whats_new_days: 14", "whats_new_days: 0"))
        .unwrap();
    let (code, log) = run(dir.path(), &["build"]);
    assert_eq!(code, 0, "{log}");
    assert!(!dir.path().join("public/whats-new").exists());
}
