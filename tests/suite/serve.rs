//! `mentorbook serve` end to end: the real binary on a free port over a temp copy of a fixture
//! site, fetched over raw HTTP, with its reload WebSocket listened to while files are edited.

#![cfg(feature = "serve")]

use crate::common;

use std::fs;

use std::net::TcpStream;
use std::path::Path;

use common::serve::{Server, next_message, start};
use tungstenite::WebSocket;

const RELOAD: &str = r#"{"reload":true}"#;

/// The basic fixture served, with its reload WebSocket open.
fn serving_basic() -> (tempfile::TempDir, Server, WebSocket<TcpStream>) {
    let site = common::copy_fixture("basic");
    let server = start(site.path(), &[], &[]);
    let socket = server.websocket();
    (site, server, socket)
}

/// Replaces `from` (which must be there) by `to` in the file at `path`.
fn edit(path: &Path, from: &str, to: &str) {
    let text = fs::read_to_string(path).unwrap();
    assert!(text.contains(from), "{from} not in {}", path.display());
    fs::write(path, text.replace(from, to)).unwrap();
}

#[test]
fn serves_pages_with_the_reload_script_and_drafts_and_never_touches_public() {
    let site = common::copy_fixture("basic");
    let server = start(site.path(), &[], &[]);
    let home = server.get("/");
    assert_eq!(home.status, 200);
    assert_eq!(home.header("content-type"), Some("text/html; charset=utf-8"));
    assert!(home.body.contains("/__mentorbook/ws"), "no reload script in {}", home.body);
    let draft = server.get("/guides/secret/");
    assert_eq!(draft.status, 200);
    assert!(draft.body.contains("class=\"draft-banner\""), "no draft banner");
    assert!(draft.body.contains("Draft</strong> — not published"));
    assert_eq!(server.get("/style.css").header("content-type"), Some("text/css; charset=utf-8"));
    assert_eq!(server.get("/notes/bundle/diagram.svg").header("content-type"), Some("image/svg+xml"));
    let folder = server.get("/guides");
    assert_eq!((folder.status, folder.header("location")), (301, Some("/guides/")));
    assert!(!site.path().join("public").exists(), "serve wrote into public/");
}

#[test]
fn no_drafts_leaves_drafts_out() {
    let site = common::copy_fixture("basic");
    let server = start(site.path(), &["--no-drafts"], &[]);
    assert_eq!(server.get("/guides/first/").status, 200);
    assert_eq!(server.get("/guides/secret/").status, 404);
    assert!(!server.get("/guides/").body.contains("Secret draft plan"));
}

#[test]
fn an_edit_reloads_open_pages_and_keeps_every_list_current() {
    let (site, server, mut socket) = serving_basic();
    let page = site.path().join("content/guides/first.md");
    edit(&page, "The opening paragraph is the summary.", "A freshly edited summary.");
    assert_eq!(next_message(&mut socket), RELOAD);
    server.wait_for_line(|l| l.starts_with("rebuilt the edited page and its lists"));
    assert!(server.get("/guides/first/").body.contains("A freshly edited summary."));
    // The lists that show the summary: the page's section and the home page's recent pages.
    assert!(server.get("/guides/").body.contains("A freshly edited summary."));
    assert!(server.get("/").body.contains("A freshly edited summary."));

    // A title change shows in every list, neighbour link and nav that names the page.
    edit(&page, "title: \"First <guide>\"", "title: Renamed guide");
    assert_eq!(next_message(&mut socket), RELOAD);
    assert!(server.get("/guides/").body.contains("Renamed guide"));
    assert!(server.get("/guides/second/").body.contains("Renamed guide"), "prev link keeps the old title");
    assert!(server.get("/toc.js").body.contains("Renamed guide"), "the sidebar keeps the old title");
    server.wait_for_line(|l| l.starts_with("rebuilt the edited page, its neighbours and every list that names it"));

    // A weight change reorders the section's list.
    edit(&page, "weight: 1\n", "weight: 3\n");
    assert_eq!(next_message(&mut socket), RELOAD);
    let list = server.get("/guides/").body;
    assert!(list.find("Second guide").unwrap() < list.find("Renamed guide").unwrap(), "not reordered");
}

#[test]
fn new_deleted_and_renamed_files_appear_and_disappear() {
    let (site, server, mut socket) = serving_basic();
    let new = site.path().join("content/guides/third.md");
    fs::write(&new, "---\ntitle: Third guide\n---\nHello.\n").unwrap();
    assert_eq!(next_message(&mut socket), RELOAD);
    assert_eq!(server.get("/guides/third/").status, 200);
    assert!(server.get("/guides/").body.contains("Third guide"));
    fs::rename(&new, site.path().join("content/guides/fourth.md")).unwrap();
    assert_eq!(next_message(&mut socket), RELOAD);
    assert_eq!(server.get("/guides/third/").status, 404);
    assert_eq!(server.get("/guides/fourth/").status, 200);
    fs::remove_file(site.path().join("content/guides/fourth.md")).unwrap();
    assert_eq!(next_message(&mut socket), RELOAD);
    assert_eq!(server.get("/guides/fourth/").status, 404);
    assert!(!server.get("/guides/").body.contains("Third guide"));
}

#[test]
fn a_broken_edit_keeps_the_last_good_site_and_shows_the_error_until_fixed() {
    let (site, server, mut socket) = serving_basic();
    let page = site.path().join("content/guides/second.md");
    let good = fs::read_to_string(&page).unwrap();
    edit(&page, "date: 2026-04-01", "date: someday");
    let message: serde_json::Value = serde_json::from_str(&next_message(&mut socket)).unwrap();
    let error = &message["errors"][0];
    assert!(error["path"].as_str().unwrap().ends_with("content/guides/second.md"), "{message}");
    assert_eq!(error["line"], 3, "{message}");
    assert!(error["message"].as_str().unwrap().contains("date"), "{message}");
    // Still the last good page, now carrying the error for the overlay.
    let served = server.get("/guides/second/");
    assert_eq!(served.status, 200);
    assert!(served.body.contains("<h1>Second guide</h1>") || served.body.contains(">Second guide<"));
    assert!(served.body.contains("__mentorbookErrors=[{"), "no errors in the page");
    fs::write(&page, good).unwrap();
    assert_eq!(next_message(&mut socket), RELOAD);
    assert!(server.get("/guides/second/").body.contains("__mentorbookErrors=[]"));
}

#[test]
fn requests_outside_the_output_folder_are_refused() {
    let site = common::copy_fixture("basic");
    fs::write(site.path().join("outside-secret.txt"), "TOP SECRET").unwrap();
    let server = start(site.path(), &[], &[]);
    for raw in [
        "/../outside-secret.txt",
        "/%2e%2e/outside-secret.txt",
        "/guides/%2E%2E/%2e%2e/%2e%2e/etc/passwd",
        "/..%2f..%2f..%2fetc%2fpasswd",
        "/guides/..%5c..%5coutside-secret.txt",
        "//etc/passwd",
        "/etc/passwd",
    ] {
        let response = server.get(raw);
        assert!(response.status == 403 || response.status == 404, "{raw}: {}", response.status);
        assert!(!response.body.contains("TOP SECRET") && !response.body.contains("root:"), "{raw} leaked");
    }
    // A symlink inside the served folder that points outside it.
    #[cfg(unix)]
    {
        let out = server.out();
        std::os::unix::fs::symlink(site.path().join("outside-secret.txt"), out.join("linked.txt")).unwrap();
        std::os::unix::fs::symlink(site.path(), out.join("linked-dir")).unwrap();
        for raw in ["/linked.txt", "/linked-dir/outside-secret.txt"] {
            let response = server.get(raw);
            assert_eq!(response.status, 403, "{raw}");
            assert!(!response.body.contains("TOP SECRET"), "{raw} leaked");
        }
    }
    let missing = server.get("/no/such/page/");
    assert_eq!(missing.status, 404);
    assert_eq!(missing.header("content-type"), Some("text/html; charset=utf-8"));
    assert!(missing.body.contains("Page not found"));
}

#[test]
fn a_site_404_page_is_served_with_status_404() {
    let site = common::copy_fixture("basic");
    common::write_site(site.path(), &[("static/404.html", "<html><body><h1>Lost in the handbook</h1></body></html>")]);
    let server = start(site.path(), &[], &[]);
    let missing = server.get("/nowhere");
    assert_eq!(missing.status, 404);
    assert!(missing.body.contains("Lost in the handbook"));
    assert!(missing.body.contains("/__mentorbook/ws"), "the 404 page reloads too");
}

#[test]
fn the_404_page_at_a_deep_url_is_styled_from_the_server_root_whatever_base_url_says() {
    let site = common::copy_fixture("reader"); // base_url: https://example.org/hb
    let server = start(site.path(), &[], &[]);
    let missing = server.get("/guides/no/such/page/");
    assert_eq!(missing.status, 404);
    assert!(missing.body.contains("href=\"/style.css\""), "the 404 page is not styled from /");
    assert!(
        !missing.body.contains("=\"/hb/") && !missing.body.contains("example.org/hb/style"),
        "a link leaves the server"
    );
    assert_eq!(server.get("/style.css").status, 200);
}

#[test]
fn another_address_only_when_asked_and_with_a_warning() {
    let site = common::copy_fixture("basic");
    let local = start(site.path(), &[], &[]);
    assert!(local.addr.starts_with("127.0.0.1:"));
    assert_eq!(local.get("/").status, 200);
    let open = start(site.path(), &["--bind", "0.0.0.0"], &[]);
    assert!(open.addr.starts_with("0.0.0.0:"));
    let warning = open.printed(|l| l.starts_with("warning: listening on 0.0.0.0"));
    assert!(warning.contains("drafts included"), "{warning}");
}

#[cfg(unix)]
#[test]
fn open_hands_the_url_to_the_browser() {
    let site = common::copy_fixture("basic");
    let log = site.path().join("opened.txt");
    let browser = site.path().join("fake-browser.sh");
    // Written aside and renamed, so the test never reads the file half-written.
    let script = format!("#!/bin/sh\necho \"$1\" > '{0}.part' && mv '{0}.part' '{0}'\n", log.display());
    fs::write(&browser, script).unwrap();
    let mut perms = fs::metadata(&browser).unwrap().permissions();
    std::os::unix::fs::PermissionsExt::set_mode(&mut perms, 0o755);
    fs::set_permissions(&browser, perms).unwrap();
    let server = start(site.path(), &["--open"], &[("BROWSER", browser.to_str().unwrap())]);
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    while !log.exists() && std::time::Instant::now() < deadline {
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    let opened = fs::read_to_string(&log).expect("the browser was started");
    assert_eq!(opened.trim(), format!("http://{}/", server.addr));
}

#[test]
fn an_initialized_site_serves_at_once() {
    let dir = tempfile::tempdir().unwrap();
    common::mentorbook(dir.path(), &["init"]).assert().success();
    let server = start(dir.path(), &[], &[]);
    assert_eq!(server.get("/").status, 200);
    let step = server.get("/playbook/step-2-agree-on-goals/");
    assert_eq!(step.status, 200);
    assert!(step.body.contains("Agree on goals"));
}

#[test]
fn a_site_broken_at_start_is_served_with_the_error_and_recovers() {
    let site = common::copy_fixture("basic");
    let page = site.path().join("content/guides/second.md");
    edit(&page, "date: 2026-04-01", "date: someday");
    let server = start(site.path(), &[], &[]);
    let mut socket = server.websocket();
    let home = server.get("/");
    assert_eq!(home.status, 404, "nothing was built yet");
    assert!(home.body.contains(r#"__mentorbookErrors=[{"col""#), "{}", home.body);
    assert!(home.body.contains(r#""line":3"#));
    edit(&page, "date: someday", "date: 2026-04-01");
    assert_eq!(next_message(&mut socket), RELOAD);
    assert_eq!(server.get("/").status, 200);
}

#[cfg(unix)]
#[test]
fn stopping_the_server_removes_its_temporary_folder() {
    let site = common::copy_fixture("basic");
    let server = start(site.path(), &[], &[]);
    let out = server.out();
    assert!(out.join("index.html").is_file(), "no output at {}", out.display());
    drop(server);
    assert!(!out.exists(), "{} left behind", out.display());
}

#[test]
fn a_save_through_a_temp_file_and_rename_is_one_page_edit() {
    let (site, server, mut socket) = serving_basic();
    let page = site.path().join("content/guides/first.md");
    let temp = site.path().join("content/guides/sedX1y2Z3");
    let text = fs::read_to_string(&page).unwrap().replace("Plan ahead", "Plan well ahead");
    fs::write(&temp, text).unwrap();
    fs::rename(&temp, &page).unwrap();
    assert_eq!(next_message(&mut socket), RELOAD);
    server.wait_for_line(|l| l.starts_with("rebuilt the edited page and its lists"));
    assert!(server.get("/guides/first/").body.contains("Plan well ahead"));
}

#[test]
fn a_busy_port_is_an_error_not_a_hang() {
    let site = common::copy_fixture("basic");
    let server = start(site.path(), &[], &[]);
    let port = server.addr.rsplit(':').next().unwrap();
    common::mentorbook(site.path(), &["serve", "--port", port])
        .timeout(std::time::Duration::from_secs(30))
        .assert()
        .code(1)
        .stderr(predicates::str::contains(format!("cannot listen on 127.0.0.1:{port}")));
}

#[test]
fn an_edited_asset_or_static_file_is_copied_again() {
    let site = common::copy_fixture("basic");
    common::write_site(site.path(), &[("static/extra.css", "body { color: red }")]);
    let server = start(site.path(), &[], &[]);
    let mut socket = server.websocket();
    fs::write(site.path().join("static/extra.css"), "body { color: navy }").unwrap();
    assert_eq!(next_message(&mut socket), RELOAD);
    server.wait_for_line(|l| l.starts_with("copied the edited file"));
    assert_eq!(server.get("/extra.css").body, "body { color: navy }");
    fs::write(site.path().join("content/guides/handout.csv"), "new handout").unwrap();
    assert_eq!(next_message(&mut socket), RELOAD);
    server.wait_for_line(|l| l.starts_with("copied the edited file"));
    assert_eq!(server.get("/guides/handout.csv").body, "new handout");
}

#[test]
fn the_error_stays_until_the_site_is_good_again_whatever_changes_next() {
    let (site, server, mut socket) = serving_basic();
    let broken = site.path().join("content/guides/second.md");
    let other = site.path().join("content/guides/first.md");
    edit(&broken, "date: 2026-04-01", "date: someday");
    assert!(next_message(&mut socket).starts_with(r#"{"errors":[{"#));
    // Another page's edit must not clear the error: the site is still broken.
    edit(&other, "Plan ahead", "Plan well ahead");
    let message = next_message(&mut socket);
    assert!(message.contains("second.md") && message.contains(r#""line":3"#), "{message}");
    edit(&broken, "date: someday", "date: 2026-04-01");
    assert_eq!(next_message(&mut socket), RELOAD);
    assert!(server.get("/guides/first/").body.contains("Plan well ahead"));

    // The same for a broken template followed by a content edit.
    common::write_site(
        site.path(),
        &[(
            "templates/page.html",
            "{% extends \"base.html\" %}{% block content %}{{ page.nope }}{% endblock content %}",
        )],
    );
    assert!(next_message(&mut socket).starts_with(r#"{"errors":[{"#));
    edit(&other, "Plan well ahead", "Plan far ahead");
    let message = next_message(&mut socket);
    assert!(message.contains("page.html"), "{message}");
    fs::remove_file(site.path().join("templates/page.html")).unwrap();
    assert_eq!(next_message(&mut socket), RELOAD);
    assert!(server.get("/guides/first/").body.contains("Plan far ahead"));
}

#[test]
fn checklist_edits_reach_the_checklist_pages_and_json() {
    let (site, server, mut socket) = serving_basic();
    let page = site.path().join("content/guides/first.md");
    // Same checklist, new item text: the page, the overview and the JSON follow.
    edit(&page, "- [ ] Book a room", "- [ ] Book a quiet room");
    assert_eq!(next_message(&mut socket), RELOAD);
    server.wait_for_line(|l| l.starts_with("rebuilt the edited page and its lists"));
    assert!(server.get("/guides/first/").body.contains("Book a quiet room"));
    let json = server.get("/checklists.json").body;
    assert!(json.contains("Book a quiet room") && !json.contains("\"Book a room\""), "{json}");
    let id: serde_json::Value = serde_json::from_str(&json).unwrap();
    let (page_id, anchor) = id["checklists"][0]["id"].as_str().unwrap().split_once('#').unwrap();
    let old_sheet = server.get(&format!("/checklists/print/{page_id}/{anchor}/")).body;
    assert!(old_sheet.contains(&format!("#print-{anchor}")), "{old_sheet}");
    // A new checklist: its old print URL redirects, and it is listed.
    fs::write(&page, fs::read_to_string(&page).unwrap() + "\n## Afterwards {.checklist role=mentee}\n\n- Send notes\n")
        .unwrap();
    assert_eq!(next_message(&mut socket), RELOAD);
    assert!(server.get("/checklists/mentee/").body.contains("Afterwards"));
    assert!(server.get("/checklists.json").body.contains("Send notes"));
    assert_eq!(server.get("/checklists/print/guides/first/afterwards/").status, 200);
}

#[test]
fn after_an_edit_the_taxonomy_and_print_pages_catch_up_without_a_second_reload() {
    let (site, server, mut socket) = serving_basic();
    assert!(server.get("/tags/coaching/").body.contains("The opening paragraph is the summary."));
    let page = site.path().join("content/guides/first.md");
    edit(&page, "The opening paragraph is the summary.", "A summary the tag page must follow.");
    assert_eq!(next_message(&mut socket), RELOAD);
    server.wait_for_line(|l| l.starts_with("idle: every output is up to date"));
    assert!(server.get("/tags/coaching/").body.contains("A summary the tag page must follow."));
    assert!(server.get("/print/").body.contains("A summary the tag page must follow."));
    // The refresh only brings other outputs up to date: open pages are not reloaded twice.
    socket.get_mut().set_read_timeout(Some(std::time::Duration::from_millis(500))).unwrap();
    assert!(socket.read().is_err(), "a second message after the refresh");
}

#[test]
fn diagrams_are_drawn_after_the_first_page_is_up() {
    let site = common::copy_fixture("basic");
    // More diagrams than are drawn at once, with sources no other run has drawn, so the site's
    // fresh build cache holds none of them.
    let node = format!("Serve{}", std::process::id());
    let blocks: String =
        (0..20).map(|k| format!("```mermaid\nflowchart LR\n    {node}x{k} --> Done\n```\n\n")).collect();
    fs::write(site.path().join("content/guides/diagram.md"), format!("---\ntitle: Diagram\n---\n{blocks}")).unwrap();
    let server = start(site.path(), &[], &[]);
    // The first build did not wait for the diagram; the refresh draws it and rebuilds the pages.
    server.printed(|l| l.starts_with("built the site"));
    server.wait_for_line(|l| l.starts_with("drew the diagrams and rebuilt the pages that show them"));
    let body = server.get("/guides/diagram/").body;
    let drawn =
        scraper::Html::parse_document(&body).select(&scraper::Selector::parse("figure.diagram > svg").unwrap()).count();
    assert_eq!(drawn, 20, "{body}");
    assert!(body.contains(&node) && !body.contains("language-mermaid"), "{body}");
    server.wait_for_line(|l| l.starts_with("idle: every output is up to date"));
}

#[test]
fn a_large_site_is_served_before_its_print_taxonomy_and_feed_pages_are_made() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    common::write_site(root, &[("mentorbook.yaml", "title: Big\nbase_url: https://example.org/\nsearch: false\n")]);
    for p in 0..1000 {
        let file = root.join(format!("content/s{}/p{p}.md", p % 4));
        fs::create_dir_all(file.parent().unwrap()).unwrap();
        fs::write(file, format!("---\ntags: [t{}]\n---\n# Page {p}\n\nText {p}.\n", p % 3)).unwrap();
    }
    let server = start(root, &[], &[]);
    let first = server.printed(|l| l.starts_with("built the site"));
    assert!(first.contains("(print, taxonomy and feed pages follow)"), "{first}");
    assert_eq!(server.get("/s1/p1/").status, 200);
    server.wait_for_line(|l| l.starts_with("idle: every output is up to date"));
    assert!(server.get("/print/").body.contains("Text 999."));
    assert!(server.get("/tags/t1/").body.contains("Page 1"));
    assert_eq!(server.get("/atom.xml").status, 200);
    // A small site's first build makes them at once.
    let (_site, small, _socket) = serving_basic();
    assert!(!small.printed(|l| l.starts_with("built the site")).contains("follow"));
}
