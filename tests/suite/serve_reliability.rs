//! `serve` keeps the promises `build` makes (output safety, every file whole, exit codes), and
//! once idle serves exactly what a fresh `build --drafts` writes: the hostile review's serve
//! findings, as tests over the real binary.

#![cfg(all(feature = "serve", unix))]

use crate::common;

use std::fs;
use std::io::{BufRead, BufReader};
use std::os::unix::fs::PermissionsExt;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use common::serve::{Server, next_message, start};
use common::*;

const RELOAD: &str = r#"{"reload":true}"#;

fn edit(path: &Path, from: &str, to: &str) {
    let text = fs::read_to_string(path).unwrap();
    assert!(text.contains(from), "{from} not in {}", path.display());
    fs::write(path, text.replace(from, to)).unwrap();
}

/// Waits until the server says every deferred output is written.
fn idle(server: &Server) {
    server.wait_for_line(|l| l.starts_with("idle: every output is up to date"));
}

/// A site of `n` pages, big enough that a debug build takes a while.
fn big_site(n: usize) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let body = "Some words about mentoring, listening and feedback. ".repeat(40);
    for i in 0..n {
        let path = dir.path().join(format!("content/s{}/p{i}.md", i % 10));
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(
            path,
            format!("---\ntitle: Page {i}\ntags: [t{}]\n---\n## Part\n\n{body}\n\n- [ ] item {i}\n", i % 7),
        )
        .unwrap();
    }
    dir
}

/// `mentorbook serve` on `port` over `root`, its stdout piped for the lines it prints.
fn serve_child(port: &str, root: &Path) -> std::process::Child {
    Command::new(assert_cmd::cargo::cargo_bin("mentorbook"))
        .args(["serve", "--port", port, "--root"])
        .arg(root)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap()
}

#[test]
fn the_preview_folder_is_private_unguessable_and_gone_after_a_stop() {
    let site = copy_fixture("basic");
    let server = start(site.path(), &[], &[]);
    let out = server.out();
    let mode = fs::metadata(&out).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o700, "{} is {mode:o}", out.display());
    let name = out.file_name().unwrap().to_string_lossy().into_owned();
    assert!(!name.contains(&server.pid().to_string()), "{name} is named after the pid");
    assert!(out.join("index.html").is_file());
    drop(server);
    assert!(!out.exists(), "{} left behind", out.display());
}

#[test]
fn a_signal_during_the_first_build_removes_the_folder() {
    let site = big_site(1500);
    let mut child = serve_child("0", site.path());
    let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
    let first = lines.next().unwrap().unwrap();
    let out = Path::new(first.trim_start_matches("preview files in ")).to_path_buf();
    assert!(out.is_dir(), "{first}");
    // The first build of 1,500 pages is still running.
    std::thread::sleep(Duration::from_millis(300));
    let _ = Command::new("sh").args(["-c", &format!("kill -TERM {}", child.id())]).status();
    let status = child.wait().unwrap();
    assert!(status.success() || status.code().is_some(), "{status:?}");
    assert!(!out.exists(), "{} left behind after a signal during the first build", out.display());
}

#[test]
fn partial_rebuilds_replace_planted_symlinks_instead_of_writing_through_them() {
    let site = copy_fixture("basic");
    let outside = tempfile::tempdir().unwrap();
    fs::write(outside.path().join("index.html"), "theirs").unwrap();
    let server = start(site.path(), &[], &[]);
    let mut socket = server.websocket();
    let out = server.out();
    fs::remove_file(out.join("guides/first/index.html")).unwrap();
    std::os::unix::fs::symlink(outside.path().join("index.html"), out.join("guides/first/index.html")).unwrap();
    fs::remove_dir_all(out.join("mentee")).unwrap();
    std::os::unix::fs::symlink(outside.path(), out.join("mentee")).unwrap();
    edit(&site.path().join("content/guides/first.md"), "Plan ahead", "Plan well ahead");
    assert_eq!(next_message(&mut socket), RELOAD);
    edit(&site.path().join("content/mentee/goals.md"), "Goals", "Aims");
    assert_eq!(next_message(&mut socket), RELOAD);
    idle(&server);
    assert_eq!(fs::read_to_string(outside.path().join("index.html")).unwrap(), "theirs", "wrote through a link");
    assert_eq!(fs::read_dir(outside.path()).unwrap().count(), 1, "wrote into a linked folder");
    assert!(server.get("/guides/first/").body.contains("Plan well ahead"));
}

#[test]
fn a_closed_stdout_does_not_stop_live_reload() {
    let site = copy_fixture("basic");
    let mut child = serve_child("0", site.path());
    // `serve | head -2`: read two lines, then close the pipe.
    let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
    let mut seen = Vec::new();
    while seen.len() < 4 {
        let line = lines.next().unwrap().unwrap();
        let done = line.contains(" at http://");
        seen.push(line);
        if done {
            break;
        }
    }
    drop(lines);
    let url = seen.last().unwrap().split(" at http://").nth(1).unwrap().split('/').next().unwrap().to_string();
    let stream = std::net::TcpStream::connect(&url).unwrap();
    stream.set_read_timeout(Some(Duration::from_secs(20))).unwrap();
    let (mut socket, _) = tungstenite::client(format!("ws://{url}/__mentorbook/ws").as_str(), stream).unwrap();
    for n in 0..3 {
        edit(&site.path().join("content/guides/first.md"), "Plan", &format!("Plan{n}"));
        assert_eq!(next_message(&mut socket), RELOAD, "reload {n} after the pipe closed");
    }
    let _ = child.kill();
    let _ = child.wait();
}

#[test]
fn redirects_stay_on_the_site() {
    let site = copy_fixture("basic");
    let server = start(site.path(), &[], &[]);
    for raw in ["//guides", "///guides"] {
        let r = server.get(raw);
        assert_eq!((r.status, r.header("location")), (301, Some("/guides/")), "{raw}");
    }
}

#[test]
fn a_missing_root_or_a_busy_port_fails_at_once() {
    let out = mentorbook(Path::new("."), &["serve", "--root", "/nonexistent-mentorbook-site", "--port", "0"])
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("site root not found: /nonexistent-mentorbook-site"), "{stderr}");
    assert!(!String::from_utf8_lossy(&out.stdout).contains("built"), "it built something first");
    let site = copy_fixture("basic");
    let server = start(site.path(), &[], &[]);
    let port = server.addr.rsplit(':').next().unwrap().to_string();
    let big = big_site(1500);
    let out = mentorbook(big.path(), &["serve", "--port", &port]).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("cannot listen"));
    assert!(!String::from_utf8_lossy(&out.stdout).contains("built the site"), "the port was checked after building");
}

#[test]
fn a_moved_content_folder_is_watched_in_its_new_place() {
    let site = copy_fixture("basic");
    copy_tree(&site.path().join("content"), &site.path().join("pages"));
    let server = start(site.path(), &[], &[]);
    let mut socket = server.websocket();
    let config = site.path().join("mentorbook.yaml");
    fs::write(&config, fs::read_to_string(&config).unwrap() + "content_dir: pages\n").unwrap();
    assert_eq!(next_message(&mut socket), RELOAD);
    edit(&site.path().join("pages/guides/first.md"), "Plan ahead", "Plan from pages");
    assert_eq!(next_message(&mut socket), RELOAD);
    assert!(server.get("/guides/first/").body.contains("Plan from pages"));
}

#[test]
fn no_request_ever_gets_half_a_page_while_pages_are_rewritten() {
    let site = copy_fixture("basic");
    let page = site.path().join("content/guides/first.md");
    let padding = "A long paragraph that makes the page bigger than one write. ".repeat(3000);
    fs::write(&page, fs::read_to_string(&page).unwrap() + "\n" + &padding + "\n").unwrap();
    let server = start(site.path(), &[], &[]);
    let stop = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    let editor = {
        let (page, stop) = (page.clone(), stop.clone());
        std::thread::spawn(move || {
            let mut n = 0;
            while !stop.load(std::sync::atomic::Ordering::Relaxed) {
                let text = fs::read_to_string(&page).unwrap();
                fs::write(&page, text.replacen(&format!("edit{n} "), "", 1) + &format!("edit{} ", n + 1)).unwrap();
                n += 1;
                std::thread::sleep(Duration::from_millis(15));
            }
        })
    };
    let deadline = Instant::now() + Duration::from_secs(4);
    let mut requests = 0;
    while Instant::now() < deadline {
        let r = server.get("/guides/first/");
        assert_eq!(r.status, 200);
        assert!(r.body.trim_end().ends_with("</html>"), "request {requests} got a cut page ({} bytes)", r.body.len());
        requests += 1;
    }
    stop.store(true, std::sync::atomic::Ordering::Relaxed);
    editor.join().unwrap();
    assert!(requests > 50, "only {requests} requests");
}

/// Every file a fresh `build --drafts` of `root` writes, with its bytes.
fn fresh_build(root: &Path) -> Vec<(String, Vec<u8>)> {
    let out = tempfile::tempdir().unwrap();
    let target = out.path().join("site");
    let result = mentorbook(root, &["build", "--drafts", "--output", target.to_str().unwrap()]).output().unwrap();
    assert!(result.status.success(), "{}", String::from_utf8_lossy(&result.stderr));
    snapshot(&target)
}

#[test]
fn once_idle_serve_holds_what_a_fresh_build_writes_after_every_kind_of_edit() {
    let site = copy_fixture("reader");
    let server = start(site.path(), &[], &[]);
    let mut socket = server.websocket();
    let root = site.path();
    let guides = root.join("content/guides");
    let first = fs::read_dir(&guides)
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .find(|p| p.extension().is_some_and(|x| x == "md") && !p.ends_with("_index.md"))
        .unwrap();
    let text = fs::read_to_string(&first).unwrap();
    let edits: Vec<Box<dyn Fn()>> = vec![
        // A body edit.
        Box::new(|| fs::write(&first, fs::read_to_string(&first).unwrap() + "\nOne more line.\n").unwrap()),
        // A title edit (lists change).
        Box::new(|| {
            fs::write(&first, fs::read_to_string(&first).unwrap().replacen("title:", "title: Renamed", 1)).unwrap()
        }),
        // The page's tags change: its old term page must go.
        Box::new(|| {
            let t = fs::read_to_string(&first).unwrap();
            let t = if t.contains("tags:") {
                t.replacen("tags:", "tags: [zzz-new]\nold_tags:", 1)
            } else {
                t.replacen("---\n", "---\ntags: [zzz-new]\n", 1)
            };
            fs::write(&first, t).unwrap()
        }),
        // A new page, then it is deleted.
        Box::new(|| {
            fs::write(guides.join("brand-new.md"), "---\ntitle: Brand new\ntags: [fresh]\n---\nNew.\n").unwrap()
        }),
        Box::new(|| fs::remove_file(guides.join("brand-new.md")).unwrap()),
        // A rename.
        Box::new(|| fs::rename(&first, guides.join("renamed-file.md")).unwrap()),
        // An asset, a template, the config.
        Box::new(|| fs::write(guides.join("handout.csv"), "changed handout").unwrap()),
        Box::new(|| {
            fs::create_dir_all(root.join("templates")).unwrap();
            fs::write(root.join("templates/404.html"), "<!doctype html><title>Lost</title><p>Lost.</p>\n").unwrap()
        }),
        Box::new(|| {
            let c = root.join("mentorbook.yaml");
            fs::write(&c, fs::read_to_string(&c).unwrap() + "\nrecent_pages: 2\n").unwrap()
        }),
    ];
    let _ = text;
    for (n, edit) in edits.iter().enumerate() {
        edit();
        assert_eq!(next_message(&mut socket), RELOAD, "edit {n}");
        idle(&server);
        let served = snapshot(&server.out());
        let built = fresh_build(root);
        let names = |s: &[(String, Vec<u8>)]| s.iter().map(|(n, _)| n.clone()).collect::<Vec<_>>();
        assert_eq!(names(&served), names(&built), "after edit {n}, the files differ");
        for ((name, a), (_, b)) in served.iter().zip(&built) {
            assert!(a == b, "after edit {n}, {name} differs from a fresh build");
        }
    }
}

#[test]
fn a_title_or_weight_edit_renders_what_names_the_page_at_once_and_the_rest_once_idle() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    let mut files = vec![
        ("mentorbook.yaml".to_string(), "title: Book\nbase_url: https://example.org/\nsearch: false\n".to_string()),
        ("content/alpha/_index.md".into(), "---\ntitle: Chapter Alpha\nweight: 1\n---\n".into()),
        ("content/beta/_index.md".into(), "---\ntitle: Chapter Beta\nweight: 2\n---\n".into()),
        ("content/beta/deep/_index.md".into(), "---\ntitle: Deep part\n---\n".into()),
        ("content/beta/deep/q1.md".into(), "---\ntitle: Question one\n---\nQ.\n".into()),
    ];
    for n in 1..=5 {
        let list = if n == 3 { "\n## Questions\n\n- [ ] Ask a question\n" } else { "" };
        let text = format!("---\ntitle: Step {n}\nweight: {n}\ntags: [t]\n---\nText {n}.\n{list}");
        files.push((format!("content/alpha/p{n}.md"), text));
    }
    for n in 1..=8 {
        files.push((format!("content/beta/b{n}.md"), format!("---\ntitle: Other {n}\n---\nMore.\n")));
    }
    let borrowed: Vec<(&str, &str)> = files.iter().map(|(a, b)| (a.as_str(), b.as_str())).collect();
    write_site(root, &borrowed);
    let server = start(root, &[], &[]);
    let mut socket = server.websocket();
    idle(&server);
    let p3 = root.join("content/alpha/p3.md");
    let rendered =
        |line: &str| -> usize { line.split(": ").nth(1).unwrap().split(' ').next().unwrap().parse().unwrap() };

    // A title: the page, its lists, its neighbours and the sidebar's tree show it at the reload.
    edit(&p3, "title: Step 3", "title: Renamed step");
    assert_eq!(next_message(&mut socket), RELOAD);
    let line = server.wait_for_line(|l| l.starts_with("rebuilt the edited page, its neighbours"));
    for url in ["/alpha/p3/", "/alpha/", "/alpha/p2/", "/alpha/p4/", "/toc.js"] {
        assert!(server.get(url).body.contains("Renamed step"), "{url} still shows the old title");
    }
    assert!(rendered(&line) < 10, "more than what names the page was rendered: {line}");
    // The rest (the checklist overview, tag pages, print) follows once idle.
    idle(&server);
    for url in ["/checklists/", "/tags/t/", "/print/"] {
        assert!(server.get(url).body.contains("Renamed step"), "{url} never caught up");
    }

    // A weight: the page moves to the end of its chapter, and its old and new neighbours follow.
    edit(&p3, "weight: 3", "weight: 9");
    assert_eq!(next_message(&mut socket), RELOAD);
    server.wait_for_line(|l| l.starts_with("rebuilt the edited page, its neighbours"));
    assert!(server.get("/alpha/p2/").body.contains("Step 4"), "the old previous page still leads to the moved one");
    assert!(!server.get("/alpha/p4/").body.contains("Renamed step"), "the old next page still leads back to it");
    assert!(server.get("/alpha/p5/").body.contains("Renamed step"), "the new previous page does not lead to it");
    let list = server.get("/alpha/").body;
    assert!(list.find("Step 5").unwrap() < list.find("Renamed step").unwrap(), "the chapter is not reordered");
    idle(&server);

    // A section's title: every page under it names it in its breadcrumbs.
    edit(&root.join("content/beta/deep/_index.md"), "Deep part", "Deeper part");
    assert_eq!(next_message(&mut socket), RELOAD);
    server.wait_for_line(|l| l.starts_with("rebuilt the edited page, its neighbours"));
    assert!(server.get("/beta/deep/q1/").body.contains("Deeper part"), "a breadcrumb keeps the old title");
    assert!(server.get("/beta/").body.contains("Deeper part"), "the parent's list keeps the old title");
    idle(&server);

    // A top-level chapter's title: every page's sidebar names it.
    edit(&root.join("content/alpha/_index.md"), "Chapter Alpha", "Chapter One");
    assert_eq!(next_message(&mut socket), RELOAD);
    server.wait_for_line(|l| l.starts_with("rebuilt the edited page, its neighbours"));
    assert!(server.get("/beta/b7/").body.contains("Chapter One"), "a sidebar keeps the old chapter title");

    // Once idle, the folder holds exactly what a fresh build writes.
    idle(&server);
    let (served, built) = (snapshot(&server.out()), fresh_build(root));
    let names = |s: &[(String, Vec<u8>)]| s.iter().map(|(n, _)| n.clone()).collect::<Vec<_>>();
    assert_eq!(names(&served), names(&built));
    for ((name, a), (_, b)) in served.iter().zip(&built) {
        assert!(a == b, "{name} differs from a fresh build");
    }
}

/// `GET path` on `port`, retried until the server listens; (status, body).
fn get_when_listening(port: u16, path: &str, deadline: Instant) -> (u16, String) {
    use std::io::{Read, Write};
    loop {
        match std::net::TcpStream::connect(("127.0.0.1", port)) {
            Ok(mut stream) => {
                stream.set_read_timeout(Some(Duration::from_secs(120))).unwrap();
                write!(stream, "GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n").unwrap();
                let mut raw = Vec::new();
                stream.read_to_end(&mut raw).unwrap();
                let text = String::from_utf8_lossy(&raw).into_owned();
                let status = text.split(' ').nth(1).and_then(|s| s.parse().ok()).expect("a status line");
                return (status, text);
            }
            Err(_) if Instant::now() < deadline => std::thread::sleep(Duration::from_millis(5)),
            Err(e) => panic!("the server never listened on {port}: {e}"),
        }
    }
}

#[test]
fn a_request_during_the_first_build_waits_for_it_instead_of_finding_nothing() {
    let site = big_site(1200);
    let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    let mut child = serve_child(&port.to_string(), site.path());
    let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
    let deadline = Instant::now() + Duration::from_secs(60);
    // The server listens before it has built anything: these requests arrive mid-build.
    let (home, body) = get_when_listening(port, "/", deadline);
    let (page, page_body) = get_when_listening(port, "/s3/p13/", deadline);
    let (bare, bare_head) = get_when_listening(port, "/s3/p13", deadline);
    let (missing, _) = get_when_listening(port, "/no/such/page/", deadline);
    let served_line = lines.find(|l| l.as_ref().is_ok_and(|l| l.contains(" at http://")));
    let _ = Command::new("sh").args(["-c", &format!("kill -TERM {}", child.id())]).status();
    let _ = child.wait();
    assert!(served_line.is_some(), "the server never said it was serving");
    assert_eq!(home, 200, "{body}");
    assert!(body.contains("<!doctype html>") && body.contains("/__mentorbook/ws"), "{body}");
    assert_eq!(page, 200);
    assert!(page_body.contains("<h1>Page 13</h1>"), "{page_body}");
    assert_eq!(bare, 301, "{bare_head}");
    assert!(bare_head.to_ascii_lowercase().contains("location: /s3/p13/"), "{bare_head}");
    assert_eq!(missing, 404);
}
