//! What a hostile review found, as tests over the real binary: data loss, silent draft leaks,
//! crashes and work that grows faster than the input. Each test fails on the code before its
//! fix.

use crate::common;

use std::fs;
use std::path::Path;
use std::process::{Command, Stdio};

use common::*;
use predicates::str::contains;

fn site(files: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    write_site(dir.path(), files);
    dir
}

/// stderr of a failed `mentorbook ARGS` (exit code 1).
fn failure(root: &Path, args: &[&str]) -> String {
    let out = mentorbook(root, args).output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    assert_eq!(out.status.code(), Some(1), "expected exit 1:\n{stderr}");
    stderr
}

#[test]
fn a_gh_pages_checkout_keeps_its_repository_cname_and_dotfiles() {
    let dir = site(&[
        ("content/a.md", "---\ntitle: A\n---\nHello.\n"),
        ("static/.nojekyll", ""),
        ("static/.well-known/security.txt", "Contact: mailto:security@example.org\n"),
    ]);
    let public = dir.path().join("public");
    write_site(
        &public,
        &[
            (".git/HEAD", "ref: refs/heads/gh-pages\n"),
            (".git/config", "[core]\n"),
            ("CNAME", "handbook.example.org\n"),
        ],
    );
    build_ok(dir.path(), &[]);
    fs::remove_file(dir.path().join("content/a.md")).unwrap();
    write_site(dir.path(), &[("content/b.md", "---\ntitle: B\n---\nHi.\n")]);
    let out = build_ok(dir.path(), &[]);
    for kept in [".git/HEAD", ".git/config", "CNAME", ".nojekyll", ".well-known/security.txt"] {
        assert!(public.join(kept).is_file(), "{kept} is gone after: {out}");
    }
    assert!(!public.join("a/index.html").exists(), "a stale page stays");
}

#[test]
fn front_matter_that_was_not_read_never_publishes_a_draft() {
    let variants: &[(&str, &[u8])] = &[
        ("lone-cr", b"---\rtitle: Secret\rdraft: true\r---\rHush\r"),
        ("blank-line-first", b"\n---\ntitle: Secret\ndraft: true\n---\nHush\n"),
        ("space-first", b" ---\ntitle: Secret\ndraft: true\n---\nHush\n"),
        ("four-dashes", b"----\ntitle: Secret\ndraft: true\n----\nHush\n"),
        ("two-boms", b"\xEF\xBB\xBF\xEF\xBB\xBF---\ntitle: Secret\ndraft: true\n---\nHush\n"),
        ("unclosed", b"---\ntitle: Secret\ndraft: true\n\nHush\n"),
        ("draft-maybe", b"---\ntitle: Secret\ndraft: maybe\n---\nHush\n"),
        ("draft-y", b"---\ntitle: Secret\ndraft: y\n---\nHush\n"),
        ("draft-list", b"---\ntitle: Secret\ndraft: [true]\n---\nHush\n"),
        ("published-no", b"---\ntitle: Secret\npublished: \"no\"\n---\nHush\n"),
    ];
    for (name, bytes) in variants {
        let dir = site(&[("content/ok.md", "---\ntitle: Fine\n---\nFine.\n")]);
        fs::write(dir.path().join("content/secret.md"), bytes).unwrap();
        let out = mentorbook(dir.path(), &["build"]).output().unwrap();
        let public = dir.path().join("public");
        if out.status.success() {
            // Tolerated only when the file was read as the draft it is.
            assert!(!public.join("secret/index.html").exists(), "{name}: the draft was published");
            let all: String =
                files(&public).iter().map(|f| fs::read_to_string(public.join(f)).unwrap_or_default()).collect();
            assert!(!all.contains("Hush"), "{name}: the draft's text was published");
        } else {
            let stderr = String::from_utf8_lossy(&out.stderr);
            assert!(stderr.contains("content/secret.md:"), "{name}: the error names no file and line:\n{stderr}");
            assert!(!public.exists(), "{name}: a failed build wrote output");
        }
    }
}

#[test]
fn known_keys_with_the_wrong_type_are_errors_at_their_line() {
    for (front, line) in [
        ("date: [2024]", 3),
        ("weight: \"heavy\"", 3),
        ("paginate_by: 'x'", 3),
        ("paginate_by: -1", 3),
        ("paginate_by: 1.5", 3),
        ("toc: sometimes", 3),
    ] {
        let dir = site(&[("content/a.md", &format!("---\ntitle: A\n{front}\n---\nText.\n"))]);
        let stderr = failure(dir.path(), &["build"]);
        assert!(stderr.contains(&format!("content/a.md:{line}:")), "{front}: {stderr}");
    }
}

#[test]
fn an_unwritable_output_name_fails_before_the_first_write_and_names_its_source_line() {
    let long = "x".repeat(300);
    for (file, text, line) in [
        ("content/a.md", format!("---\ntitle: A\naliases: [\"/{long}/\"]\n---\nA\n"), 3),
        ("content/a.md", format!("---\ntitle: A\nslug: {long}\n---\nA\n"), 0),
        ("content/a.md", format!("---\ntitle: A\ntags: [{long}]\n---\nA\n"), 3),
        ("content/a.md", format!("---\ntitle: A\n---\n## {long} {{.checklist}}\n\n- [ ] one\n"), 4),
        ("content/a.md", "---\ntitle: A\naliases: [\"/bad\\0name/\"]\n---\nA\n".to_string(), 3),
    ] {
        let dir = site(&[("content/b.md", "---\ntitle: B\n---\nB\n")]);
        build_ok(dir.path(), &[]);
        let before = snapshot(&dir.path().join("public"));
        write_site(dir.path(), &[(file, &text)]);
        let stderr = failure(dir.path(), &["build"]);
        let at = if line > 0 { format!("{file}:{line}:") } else { file.to_string() };
        assert!(stderr.contains(&at), "expected `{at}`:\n{stderr}");
        assert!(stderr.contains("the output folder was not changed"), "{stderr}");
        assert_eq!(snapshot(&dir.path().join("public")), before, "the output changed:\n{stderr}");
        let checked = failure(dir.path(), &["check"]);
        assert!(checked.contains(&at), "check misses it:\n{checked}");
    }
}

#[test]
fn a_closed_stdout_or_stderr_is_not_a_crash() {
    let dir = site(&[("content/a.md", "---\ntitle: A\n---\n[x](missing.md)\n")]);
    for args in [&["build"][..], &["check"][..]] {
        let mut child = Command::new(assert_cmd::cargo::cargo_bin("mentorbook"))
            .args(args)
            .current_dir(dir.path())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        // Close both pipes before the command writes anything, as `| true` does.
        drop(child.stdout.take());
        drop(child.stderr.take());
        let status = child.wait().unwrap();
        assert_ne!(status.code(), Some(101), "{args:?} panicked");
        let expected = if args == ["build"] { 0 } else { 1 };
        assert_eq!(status.code(), Some(expected), "{args:?}");
    }
}

#[test]
fn symlink_loops_between_files_are_skipped_and_links_into_the_output_refused() {
    let dir = site(&[("content/a.md", "---\ntitle: A\n---\nA\n")]);
    let content = dir.path().join("content");
    std::os::unix::fs::symlink("self.md", content.join("self.md")).unwrap();
    std::os::unix::fs::symlink("l2.md", content.join("l1.md")).unwrap();
    std::os::unix::fs::symlink("l1.md", content.join("l2.md")).unwrap();
    let out = build_ok(dir.path(), &[]);
    assert!(out.contains("content/self.md: warning: skipped"), "{out}");
    std::os::unix::fs::symlink("../public", content.join("mirror")).unwrap();
    let stderr = failure(dir.path(), &["build"]);
    assert!(stderr.contains("content/mirror: error:") && stderr.contains("output folder"), "{stderr}");
    let files_before = files(&dir.path().join("public")).len();
    let _ = mentorbook(dir.path(), &["build"]).output();
    assert_eq!(files(&dir.path().join("public")).len(), files_before, "the output grew");
}

#[test]
fn generated_paths_that_clash_name_both_sources() {
    let dir = site(&[(
        "content/plan.md",
        "---\ntitle: P\n---\n## A {#Plan .checklist}\n\n- [ ] one\n\n## B {#plan .checklist}\n\n- [ ] two\n",
    )]);
    let stderr = failure(dir.path(), &["build"]);
    assert!(stderr.contains("content/plan.md:4") && stderr.contains("content/plan.md:8"), "{stderr}");
    // A first build writes pages as they render; failing later, it removes them again.
    assert!(!dir.path().join("public").exists(), "a failed first build left files");
    fs::create_dir(dir.path().join("public")).unwrap();
    fs::write(dir.path().join("public/CNAME"), "h.example").unwrap();
    failure(dir.path(), &["build"]);
    assert_eq!(files(&dir.path().join("public")), ["CNAME"], "a failed first build left files");
    let dir = site(&[("content/a.md", "---\ntitle: A\n---\nA\n"), ("mentorbook.yaml", "taxonomies: [tags, print]\n")]);
    let stderr = failure(dir.path(), &["build"]);
    assert!(stderr.contains("mentorbook.yaml:1:1: error: taxonomy `print`"), "{stderr}");
}

#[test]
fn one_run_reports_every_error_of_every_stage() {
    let dir = site(&[
        ("content/a.md", "---\ntitle: A\ndate: soon\n---\nA\n"),
        ("content/b.md", "---\ntitle: B\naliases: [\"../../etc\"]\n---\nB\n"),
        ("content/c/pic.png", "png"),
        ("templates/page.html", "{% if %}broken\n"),
    ]);
    fs::set_permissions(dir.path().join("content/c/pic.png"), std::os::unix::fs::PermissionsExt::from_mode(0o000))
        .unwrap();
    if fs::read(dir.path().join("content/c/pic.png")).is_ok() {
        // Running as a user who reads everything (root): leave the unreadable file out.
        fs::remove_file(dir.path().join("content/c/pic.png")).unwrap();
    }
    let stderr = failure(dir.path(), &["build"]);
    for expected in ["content/a.md:3:7: error:", "content/b.md:3:1: error: alias", "templates/page.html:1:"] {
        assert!(stderr.contains(expected), "missing `{expected}`:\n{stderr}");
    }
}

#[test]
fn an_unclosed_construct_in_one_page_cannot_swallow_another() {
    let dir = site(&[
        ("content/guides/_index.md", "---\ntitle: Guides\n---\n"),
        ("content/guides/a.md", "---\ntitle: A\nweight: 1\n---\nOpen comment.\n\n<!-- TODO\n\n<!--more-->\n"),
        ("content/guides/b.md", "---\ntitle: B\nweight: 2\n---\nA <textarea> left open.\n\n<!--more-->\n"),
        ("content/guides/c.md", "---\ntitle: C\nweight: 3\n---\nThird page words.\n\n<!--more-->\n"),
    ]);
    build_ok(dir.path(), &[]);
    let public = dir.path().join("public");
    for page in ["guides/index.html", "print/index.html"] {
        let doc = html(&public.join(page));
        let shown = texts(&doc, "main");
        assert!(shown.iter().any(|t| t.contains("Third page words")), "{page} lost page C: {shown:?}");
        if page == "guides/index.html" {
            assert!(!texts(&doc, "footer").is_empty(), "{page}: the footer was swallowed");
        } else {
            assert_eq!(texts(&doc, "article.print-chapter").len(), 5, "{page}: chapters were swallowed");
            // The section's part (what `guides/print/` prints) holds its text and its 3 pages.
            assert_eq!(texts(&doc, "#part-guides > article.print-chapter").len(), 4, "{page}: the part lost chapters");
        }
    }
}

#[test]
fn a_base_url_that_is_not_a_url_is_a_usage_error() {
    let dir = site(&[("content/a.md", "A\n")]);
    mentorbook(dir.path(), &["build", "--base-url", "not a url"]).assert().code(2).stderr(contains("not an absolute"));
    mentorbook(dir.path(), &["build", "--base-url", "https://handbook.example.org/sub/"]).assert().success();
    write_site(dir.path(), &[("mentorbook.yaml", "title: T\nbase_url: handbook.example.org\n")]);
    mentorbook(dir.path(), &["build"]).assert().code(1).stderr(contains("mentorbook.yaml:2:1: error: base URL"));
}

#[test]
fn new_refuses_a_folder_and_keeps_a_title_as_written() {
    let dir = site(&[("content/mentors/first.md", "---\ntitle: First\n---\nA\n")]);
    let stderr = failure(dir.path(), &["new", "guide", "mentors/"]);
    assert!(stderr.contains("is a folder"), "{stderr}");
    assert!(!dir.path().join("content/mentors.md").exists());
    mentorbook(dir.path(), &["new", "guide", "mentors/feedback", "--title", "It's {{ date }}"]).assert().success();
    let text = fs::read_to_string(dir.path().join("content/mentors/feedback.md")).unwrap();
    assert!(text.contains("title: \"It's {{ date }}\""), "{text}");
}

#[test]
fn one_huge_file_prints_a_bounded_number_of_warnings() {
    let body = "[x](nowhere.md) ".repeat(20_000);
    let dir = site(&[("content/a.md", &format!("---\ntitle: A\n---\n{body}\n"))]);
    let out = build_ok(dir.path(), &[]);
    let lines = out.lines().filter(|l| l.contains(": warning:")).count();
    assert!(lines <= 60, "{lines} warning lines");
    assert!(out.contains("more warnings in this file not shown"), "{}", &out[out.len().saturating_sub(500)..]);
}

#[test]
fn a_pager_does_not_list_every_page_on_every_page() {
    let mut files: Vec<(String, String)> = vec![
        ("mentorbook.yaml".into(), "paginate_by: 1\nsearch: false\n".into()),
        ("content/notes/_index.md".into(), "---\ntitle: Notes\npaginate_by: 1\n---\n".into()),
    ];
    for i in 0..400 {
        files.push((format!("content/notes/n{i:03}.md"), format!("---\ntitle: Note {i}\ntags: [t]\n---\nWords.\n")));
    }
    let refs: Vec<(&str, &str)> = files.iter().map(|(a, b)| (a.as_str(), b.as_str())).collect();
    let dir = site(&refs);
    build_ok(dir.path(), &[]);
    let page = fs::read_to_string(dir.path().join("public/notes/page/200/index.html")).unwrap();
    let links = page.matches("notes/page/").count();
    assert!(links < 20, "page 200 links {links} list pages");
    let term = fs::read_to_string(dir.path().join("public/tags/t/page/200/index.html")).unwrap();
    assert!(term.matches("tags/t/page/").count() < 20);
    assert!(page.contains("aria-current=\"page\">200<"), "the current page is not marked");
}

#[test]
fn a_killed_build_leaves_only_whole_files() {
    let dir = tempfile::tempdir().unwrap();
    let padding = "Listening well means letting silence do some of the work. ".repeat(400);
    let write_pages = |round: usize| {
        for i in 0..300 {
            let path = dir.path().join(format!("content/s{}/p{i}.md", i % 6));
            fs::create_dir_all(path.parent().unwrap()).unwrap();
            fs::write(path, format!("---\ntitle: Page {i}\n---\nRound {round}.\n\n{padding}\n")).unwrap();
        }
    };
    write_pages(0);
    fs::write(dir.path().join("mentorbook.yaml"), "search: false\n").unwrap();
    build_ok(dir.path(), &[]);
    let public = dir.path().join("public");
    for (round, delay) in [30u64, 80, 150, 250, 400].into_iter().enumerate() {
        write_pages(round + 1);
        let mut child = Command::new(assert_cmd::cargo::cargo_bin("mentorbook"))
            .arg("build")
            .current_dir(dir.path())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(std::time::Duration::from_millis(delay));
        let _ = child.kill();
        let _ = child.wait();
        for f in files(&public).iter().filter(|f| f.ends_with(".html")) {
            let text = fs::read_to_string(public.join(f)).unwrap();
            assert!(
                text.trim_end().ends_with("</html>"),
                "{f} is cut after a kill at {delay} ms ({} bytes)",
                text.len()
            );
        }
    }
    // The next build finishes the job and leaves no temporary file behind.
    build_ok(dir.path(), &[]);
    let leftovers: Vec<String> = walkdir::WalkDir::new(&public)
        .into_iter()
        .filter_map(Result::ok)
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(".mentorbook-tmp"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}
