//! Snapshot tests of the markdown dialect and the site rewrites.

use super::*;

/// Knows `mentees/goals.md` (page 7), the `mentees` section and `img/a b.png`.
struct Site;

impl Resolver for Site {
    fn resolve(&self, path: &str) -> Option<Target> {
        match path {
            "mentees/goals.md" => Some(Target { url: "mentees/goals/".into(), page: Some(7) }),
            "mentees" | "mentees/_index.md" => Some(Target { url: "mentees/".into(), page: Some(3) }),
            "img/a b.png" => Some(Target { url: "img/a b.png".into(), page: None }),
            _ => None,
        }
    }

    fn resolve_url(&self, url: &str) -> Option<Target> {
        match url.trim_end_matches('/') {
            "guides/first/notes" => Some(Target { url: "guides/first/notes/".into(), page: Some(9) }),
            "mentees/goals" => Some(Target { url: "mentees/goals/".into(), page: Some(7) }),
            _ => None,
        }
    }
}

fn render_at(body: &str, source_dir: &str, page_url: &str, take_title: bool) -> Rendered {
    let opts = Options {
        highlight: true,
        known_title: if take_title { None } else { Some("Known") },
        index_html: false,
        source_dir,
        page_url,
        resolver: &Site,
        path: Path::new("content/guides/first.md"),
        first_line: 5,
    };
    render(body, &opts)
}

fn html(body: &str) -> String {
    render_at(body, "guides", "guides/first/", false).html
}

#[test]
fn extensions() {
    insta::assert_snapshot!(html(
        "A \"quote\" -- and ~~strike~~.[^1]\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n- [ ] todo\n- [x] done\n\n> [!TIP]\n> Be kind.\n\n[^1]: A note.\n"
    ));
}

#[test]
fn headings_get_unique_anchors_and_attributes() {
    insta::assert_snapshot!(html(
        "## Goals\n\n## Goals\n\n### Before the first meeting {.checklist role=mentee}\n\n## Custom {#mine}\n"
    ));
}

#[test]
fn relative_links_are_rewritten() {
    insta::assert_snapshot!(html(
        "[goals](../mentees/goals.md#write-them-down) [section](../mentees/) [img](../img/a%20b.png) [web](https://x.org/a.md) [mail](mailto:a@b.c) [top](#goals)\n"
    ));
}

#[test]
fn code_is_highlighted_with_classes() {
    insta::assert_snapshot!(html("```rust\nasync fn main() {}\n```\n\n```\n<plain>\n```\n"));
}

#[test]
fn shortcodes_and_liquid_stay_text() {
    let out = html("{{< youtube abc >}}\n\n{% include sig.html %} {{ page.title }}\n");
    assert!(out.contains("{{&lt; youtube abc &gt;}}"), "{out}");
    assert!(out.contains("{% include sig.html %} {{ page.title }}"), "{out}");
}

#[test]
fn toc_nests_and_title_is_taken() {
    let r = render_at("# The title\n\nIntro\n\n## A\n\n### B\n\n## C\n", "", "x/", true);
    assert_eq!(r.title.as_deref(), Some("The title"));
    assert!(!r.html.contains("The title"));
    let shape: Vec<(String, usize)> = r.toc.iter().map(|e| (e.id.clone(), e.children.len())).collect();
    assert_eq!(shape, [("a".to_string(), 1), ("c".to_string(), 0)]);
}

#[test]
fn a_first_heading_repeating_the_known_title_is_dropped() {
    let r = render_at("# Known\n\n# Other\n", "", "x/", false);
    assert_eq!(r.html.matches("<h1").count(), 1, "{}", r.html);
    assert!(r.html.contains("Other"));
}

#[test]
fn task_items_are_labelled() {
    let r = html_rendered("- [ ] tight\n- [x] done\n\n* [ ] loose\n\n  more\n");
    assert_eq!(r.html.matches("<label class=\"task\">").count(), 3, "{}", r.html);
    assert_eq!(r.html.matches("</label>").count(), 3, "{}", r.html);
}

#[test]
fn summary_is_the_part_before_more() {
    let r = html_rendered("First para.\n\n<!--more-->\n\nRest.\n");
    assert_eq!(r.summary.as_deref(), Some("<p>First para.</p>"));
}

fn html_rendered(body: &str) -> Rendered {
    render_at(body, "guides", "guides/first/", false)
}

#[test]
fn more_inside_a_list_is_not_a_summary_break() {
    let r = html_rendered("- one\n- two\n  <!--more-->\n\nRest.\n");
    assert_eq!(r.summary, None);
}

#[test]
fn a_heading_called_main_does_not_take_the_skip_link_target() {
    assert!(html("## Main\n").contains("id=\"main-1\""));
}

#[test]
fn broken_links_warn_with_file_line() {
    let r = html_rendered("Text\n\nSee [x](missing.md).\n");
    assert_eq!(r.warnings.len(), 1);
    let w = &r.warnings[0];
    assert_eq!((w.line, w.col), (7, 5), "{w}");
    assert!(w.message.contains("missing.md"));
}

#[test]
fn anchor_links_are_recorded_for_checking() {
    let r = html_rendered("[a](../mentees/goals.md#x) [b](#y)\n");
    let got: Vec<(Option<usize>, &str)> = r.anchor_links.iter().map(|l| (l.page, l.anchor.as_str())).collect();
    assert_eq!(got, [(Some(7), "x"), (None, "y")]);
}

#[test]
fn links_written_as_site_urls_are_resolved_and_made_relative() {
    let r = html_rendered(
        "[n](notes/#x) [gone](gone/) [root](/mentees/goals/) [up](../../mentees/goals/) [typo](/mentees/gaols/)\n",
    );
    for href in ["../../guides/first/notes/#x", "gone/", "../../mentees/goals/\"", "/mentees/gaols/"] {
        assert!(r.html.contains(&format!("href=\"{href}")), "{href}: {}", r.html);
    }
    assert_eq!(r.anchor_links.len(), 1);
    let missing: Vec<&str> = r.warnings.iter().map(|w| w.message.as_str()).collect();
    assert_eq!(
        missing,
        ["link to a missing page or file: `gone/`", "link to a missing page or file: `/mentees/gaols/`"]
    );
}

#[test]
fn scheme_detection() {
    assert!(is_relative("a/b.md"));
    assert!(is_relative("./a:b.md"));
    assert!(!is_relative("https://x"));
    assert!(!is_relative("/abs"));
    assert!(!is_relative("mailto:x@y"));
}
