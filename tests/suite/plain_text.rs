//! Plain-text articles (`.txt` in `content/`) become pages by the plain-text rules, and a short
//! first line of a bare `.md` file is its title (GUIDE §3).

use crate::common;

use std::fs;

use common::*;

const ARTICLE: &str = "Finding a mentor who fits\n\
A practical guide for your first year\n\
\n\
Most people wait to be offered a mentor, but the best matches start with the mentee asking, and that is what this article is about.\n\
A single line break ends a paragraph in exported text, so this is the second paragraph of the article.\n\
\n\
Peer Mentoring\n\
\n\
Peers can mentor each other: two people at the same level trade what each knows best, with *stars* and _underscores_ and # signs kept as text.\n\
\n\
Being a good mentee:\n\
  1. Bring questions to every meeting\n\
  2. Listen before you argue\n\
\n\
  1. Start a new list here\n\
  2. Keep it short\n\
\n\
Role Models\n\
\n\
Read more at https://example.org/mentoring and <b>do not</b> trust markup.\n";

fn built_with(files: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    write_site(dir.path(), &[("mentorbook.yaml", "title: Plain\n"), ("content/_index.md", "Home\n")]);
    write_site(dir.path(), files);
    build_ok(dir.path(), &[]);
    dir
}

#[test]
fn a_txt_article_becomes_a_page_by_the_plain_text_rules() {
    let dir = built_with(&[("content/articles/finding-a-mentor.txt", ARTICLE)]);
    let page = html(&dir.path().join("public/articles/finding-a-mentor/index.html"));
    assert_eq!(texts(&page, "h1"), ["Finding a mentor who fits"]);
    assert_eq!(texts(&page, ".lead"), ["A practical guide for your first year"]);
    assert_eq!(attrs(&page, "meta[name=description]", "content"), ["A practical guide for your first year"]);
    let paragraphs = texts(&page, ".page-content > p");
    assert!(paragraphs.iter().any(|p| p.starts_with("Most people wait")), "{paragraphs:?}");
    assert!(paragraphs.iter().any(|p| p.starts_with("A single line break")), "one line, one paragraph: {paragraphs:?}");
    let subheads: Vec<String> =
        texts(&page, ".page-content h2").iter().map(|h| h.trim_end_matches('#').to_string()).collect();
    assert_eq!(subheads, ["Peer Mentoring", "Role Models"]);
    assert_eq!(texts(&page, ".toc a").len(), 2, "subheads make the table of contents");
    // Markdown-looking characters are text.
    let body = fs::read_to_string(dir.path().join("public/articles/finding-a-mentor/index.html")).unwrap();
    assert!(body.contains("*stars* and _underscores_ and # signs"), "markup characters were read as markup");
    assert!(body.contains("&lt;b&gt;do not&lt;/b&gt;"), "raw HTML in a text file must stay text");
    assert_eq!(attrs(&page, ".page-content a[href^='https://example.org']", "href"), ["https://example.org/mentoring"]);
    // A lead-in ending in ':' makes a checklist; numbering that starts again at 1 is a new list.
    assert_eq!(texts(&page, ".page-content ol").len(), 2, "{body}");
    assert_eq!(page.select(&scraper::Selector::parse("input[type=checkbox]").unwrap()).count(), 2, "{body}");
}

#[test]
fn hard_wrapped_text_keeps_paragraphs_together() {
    let wrapped = "Notes from the mentoring circle\n\n\
This article was wrapped by a mail client at about sixty\n\
characters, the way exported newsletters often are, so\n\
every line of a paragraph ends with a line break and only\n\
a blank line ends the paragraph itself.\n\n\
The second paragraph is wrapped the same way so that the\n\
shape of the text is clear enough to be recognised as a\n\
hard-wrapped article rather than one line per paragraph.\n";
    let dir = built_with(&[("content/circle.txt", wrapped)]);
    let page = html(&dir.path().join("public/circle/index.html"));
    let paragraphs = texts(&page, ".page-content > p");
    assert_eq!(paragraphs.len(), 2, "{paragraphs:?}");
    assert!(paragraphs[0].contains("sixty characters"), "{paragraphs:?}");
}

#[test]
fn well_known_files_bundle_attachments_and_front_matter_txt_files() {
    let dir = built_with(&[
        ("content/robots.txt", "User-agent: *\n"),
        ("content/LICENSE.txt", "Licence text\n"),
        ("content/notes/bundle/index.md", "---\ntitle: Bundle\n---\nSee the attachment.\n"),
        ("content/notes/bundle/transcript.txt", "Transcript\n\nKept as a file.\n"),
        ("content/authored.txt", "---\ntitle: Authored\n---\nThis is **markdown**.\n"),
    ]);
    let out = dir.path().join("public");
    assert_eq!(fs::read_to_string(out.join("robots.txt")).unwrap(), "User-agent: *\n");
    assert!(out.join("LICENSE.txt").is_file());
    assert!(out.join("notes/bundle/transcript.txt").is_file(), "a bundle's .txt is an attachment");
    assert!(!out.join("notes/bundle/transcript").exists());
    let authored = fs::read_to_string(out.join("authored/index.html")).unwrap();
    assert!(authored.contains("<strong>markdown</strong>"), "front matter marks an authored page");
}

#[test]
fn plain_text_false_copies_txt_files_as_they_are() {
    let dir = tempfile::tempdir().unwrap();
    write_site(dir.path(), &[("mentorbook.yaml", "title: P\nplain_text: false\n"), ("content/a.txt", ARTICLE)]);
    build_ok(dir.path(), &[]);
    assert_eq!(fs::read_to_string(dir.path().join("public/a.txt")).unwrap(), ARTICLE);
    assert!(!dir.path().join("public/a").exists());
}

#[test]
fn a_short_first_line_of_a_bare_md_file_is_its_title() {
    let first = "Why every new engineer deserves a mentor in their first months"; // 63 characters
    let dir = built_with(&[
        ("content/why.md", &format!("{first}\nThe rest follows on the next line, as pasted.\n")),
        ("content/question.md", "What makes a mentor good?\n\nA question is not a title.\n"),
        ("content/setext.md", "Pairing rituals\n===============\n\nStart on time.\n"),
        ("content/wrapped.md", "Mentoring works best when the mentee sets\nthe agenda for each meeting.\n"),
    ]);
    assert_eq!(texts(&html(&dir.path().join("public/why/index.html")), "h1"), [first]);
    assert_eq!(texts(&html(&dir.path().join("public/question/index.html")), "h1"), ["Question"]);
    let setext = html(&dir.path().join("public/setext/index.html"));
    assert_eq!(texts(&setext, "h1"), ["Pairing rituals"]);
    assert_eq!(texts(&setext, ".page-content > *"), ["Start on time."], "the underline leaves the body with its title");
    let wrapped = html(&dir.path().join("public/wrapped/index.html"));
    assert_eq!(texts(&wrapped, "h1"), ["Wrapped"], "a wrapped sentence's first line is not a title");
    assert_eq!(
        texts(&wrapped, ".page-content > p"),
        ["Mentoring works best when the mentee sets\nthe agenda for each meeting."]
    );
}

#[test]
fn import_writes_a_draft_page_that_builds_to_the_same_page() {
    let dir = tempfile::tempdir().unwrap();
    write_site(dir.path(), &[("mentorbook.yaml", "title: Plain\n"), ("content/_index.md", "Home\n")]);
    let article = dir.path().join("export.txt");
    fs::write(&article, ARTICLE).unwrap();
    let out = mentorbook(dir.path(), &["import", "export.txt", "--section", "imported"]).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(String::from_utf8_lossy(&out.stdout).contains("finding-a-mentor-who-fits.md"));
    let page = dir.path().join("content/imported/finding-a-mentor-who-fits.md");
    let text = fs::read_to_string(&page).unwrap();
    assert!(text.starts_with("---\ntitle: Finding a mentor who fits\ndescription: A practical guide for your first year\ndraft: true\n---\n"), "{text}");
    // Never overwritten without --force.
    let again = mentorbook(dir.path(), &["import", "export.txt", "--section", "imported"]).output().unwrap();
    assert_eq!(again.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&again.stderr).contains("--force"));
    mentorbook(dir.path(), &["import", "export.txt", "--section", "imported", "--force"]).assert().success();
    // The imported page and the same article as a .txt page build alike.
    fs::create_dir_all(dir.path().join("content/original")).unwrap();
    fs::write(dir.path().join("content/original/finding-a-mentor-who-fits.txt"), ARTICLE).unwrap();
    build_ok(dir.path(), &["--drafts"]);
    let public = dir.path().join("public");
    let imported = html(&public.join("imported/finding-a-mentor-who-fits/index.html"));
    let original = html(&public.join("original/finding-a-mentor-who-fits/index.html"));
    for css in ["h1", ".lead", ".page-content"] {
        let sel = scraper::Selector::parse(css).unwrap();
        let a: Vec<String> = imported.select(&sel).map(|e| e.inner_html()).collect();
        let b: Vec<String> = original.select(&sel).map(|e| e.inner_html().replace("original/", "imported/")).collect();
        assert_eq!(a, b, "{css} differs");
    }
    assert!(!texts(&imported, ".draft-banner").is_empty(), "an imported page is a draft");
}

#[test]
fn import_reads_html_articles() {
    let dir = tempfile::tempdir().unwrap();
    write_site(dir.path(), &[("mentorbook.yaml", "title: Plain\n")]);
    fs::write(
        dir.path().join("post.html"),
        "<html><head><title>Blog</title></head><body><article><h1>Notes on *pairing*</h1><p>Pair for an hour.</p><h2>When to pair</h2><ul><li>New code</li><li>Hard bugs</li></ul></article></body></html>",
    )
    .unwrap();
    mentorbook(dir.path(), &["import", "post.html"]).assert().success();
    let text = fs::read_to_string(dir.path().join("content/notes-on-pairing.md")).unwrap();
    assert!(text.contains("title: Notes on *pairing*"), "{text}");
    assert!(text.contains("\n## When to pair\n") && text.contains("- New code\n- Hard bugs\n"), "{text}");
    let missing = mentorbook(dir.path(), &["import", "nope.txt"]).output().unwrap();
    assert_eq!(missing.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&missing.stderr).contains("nope.txt"));
}

#[test]
fn plain_text_keeps_dashes_quotes_and_dots_as_typed() {
    let dir = built_with(&[(
        "content/flags.txt",
        "Using the force flag\n\nRun it with --force... then say \"done\" -- it is 'quick' <!--more-->.\n",
    )]);
    let html = read(dir.path(), "public/flags/index.html");
    assert!(html.contains("--force... then say \"done\" -- it is 'quick' &lt;!--more--&gt;."), "{html}");
}

#[test]
fn a_txt_index_is_its_folders_own_text_and_well_known_files_are_copied() {
    let dir = built_with(&[
        ("content/guides/_index.txt", "Guides for mentors\nWhere to start\n\nEverything a new mentor needs.\n"),
        ("content/guides/first.md", "---\ntitle: First\n---\nBody.\n"),
        ("content/notes/index.txt", "Field notes\n\nNotes from the floor.\n"),
        ("content/notes/more.md", "---\ntitle: More\n---\nBody.\n"),
        ("content/.well-known/security.txt", "Contact: mailto:security@example.org\n"),
    ]);
    let guides = read(dir.path(), "public/guides/index.html");
    assert!(guides.contains("Guides for mentors") && guides.contains("Everything a new mentor needs."), "{guides}");
    assert!(read(dir.path(), "public/notes/index.html").contains("Notes from the floor."));
    assert!(!dir.path().join("public/guides/index/index.html").exists());
    assert!(!dir.path().join("public/notes/index/index.html").exists());
    assert_eq!(read(dir.path(), "public/.well-known/security.txt"), "Contact: mailto:security@example.org\n");
}

fn read(root: &std::path::Path, rel: &str) -> String {
    fs::read_to_string(root.join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

#[test]
fn import_keeps_an_authored_txt_as_markdown_and_refuses_md_files() {
    let dir = tempfile::tempdir().unwrap();
    write_site(dir.path(), &[("mentorbook.yaml", "title: Plain\n"), ("content/_index.md", "Home\n")]);
    fs::write(
        dir.path().join("authored.txt"),
        "---\ntitle: Weekly check-ins\ntags: [rituals]\n---\n# Weekly check-ins\n\nKeep them *short*.\n",
    )
    .unwrap();
    fs::write(dir.path().join("page.md"), "# Already markdown\n").unwrap();
    mentorbook(dir.path(), &["import", "authored.txt"]).assert().success();
    let text = read(dir.path(), "content/weekly-check-ins.md");
    assert_eq!(
        text,
        "---\ntitle: Weekly check-ins\ntags: [rituals]\ndraft: true\n---\n# Weekly check-ins\n\nKeep them *short*.\n"
    );
    let md = mentorbook(dir.path(), &["import", "page.md"]).output().unwrap();
    assert_eq!(md.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&md.stderr).contains("page.md: error: is already markdown"), "{md:?}");
    assert!(!dir.path().join("content/already-markdown.md").exists());
}
