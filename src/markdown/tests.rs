//! Snapshot tests of the markdown dialect and the site rewrites.

use super::links::is_relative;
use super::*;
use crate::checklist::Checklist;
use crate::render::{Renderer, Theme};

/// Knows `mentees/goals.md` (page 7), the `mentees` section and `img/a b.png`.
struct Site;

impl Resolver for Site {
    fn resolve(&self, path: &str) -> Option<Target> {
        match path {
            "mentees/goals.md" => Some(Target { url: "mentees/goals/".into(), page: Some(PageId(7)) }),
            "mentees" | "mentees/_index.md" => Some(Target { url: "mentees/".into(), page: Some(PageId(3)) }),
            "img/a b.png" => Some(Target { url: "img/a b.png".into(), page: None }),
            _ => None,
        }
    }

    fn resolve_url(&self, url: &str) -> Option<Target> {
        match url.trim_end_matches('/') {
            "guides/first/notes" => Some(Target { url: "guides/first/notes/".into(), page: Some(PageId(9)) }),
            "mentees/goals" => Some(Target { url: "mentees/goals/".into(), page: Some(PageId(7)) }),
            _ => None,
        }
    }

    fn excluded(&self, path: &str) -> Option<&'static str> {
        (path == "guides/plans.md").then_some("a draft")
    }

    fn excluded_url(&self, url: &str) -> Option<&'static str> {
        (url.trim_end_matches('/') == "guides/plans").then_some("a draft")
    }
}

/// The default theme's markup templates.
static MARKUP: std::sync::LazyLock<Renderer> = std::sync::LazyLock::new(|| {
    let config = crate::config::Config::default_for(Path::new("/nonexistent-site"));
    Renderer::new(Theme::load(&config).unwrap(), &config.strings).unwrap()
});

static SCHEMES: std::sync::LazyLock<std::sync::Arc<super::highlight::Schemes>> =
    std::sync::LazyLock::new(|| super::highlight::schemes("InspiredGitHub", "base16-ocean.dark").unwrap());

static ROLES: std::sync::LazyLock<Vec<crate::checklist::Role>> =
    std::sync::LazyLock::new(crate::checklist::default_roles);

fn render_at(body: &str, source_dir: &str, page_url: &str, take_title: bool) -> Rendered {
    let opts = Options {
        highlight: Some(&*SCHEMES),
        known_title: if take_title { None } else { Some("Known") },
        index_html: false,
        source_dir,
        page_url,
        resolver: &Site,
        path: Path::new("content/guides/first.md"),
        first_line: 5,
        checklists: ChecklistOptions { roles: &ROLES, detect: true, page_role: None },
        markup: &*MARKUP,
        includes: None,
        assets: None,
        diagrams: None,
        site: SiteInfo { base_url: "https://example.org/", title: "Site" },
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
fn shortcodes_render_and_unknown_calls_stay_visible_as_code() {
    let r = render_at(
        "{{< youtube abc >}}\n\n{% include sig.html %} {{ page.title }} {{< nope \"x\" >}}\n",
        "",
        "x/",
        false,
    );
    assert!(r.html.contains("youtube.com/watch?v=abc"), "{}", r.html);
    assert!(
        r.html.contains("<code>{% include sig.html %}</code> Known <code>{{&lt; nope \"x\" &gt;}}</code>"),
        "{}",
        r.html
    );
    let lines: Vec<(usize, usize)> = r.warnings.iter().map(|w| (w.line, w.col)).collect();
    assert_eq!(lines, [(7, 1), (7, 41)], "{:?}", r.warnings);
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
    // Outermost task lists are checklists (enabled boxes); nested ones are disabled boxes.
    let r = html_rendered("- [ ] tight\n- [x] done\n\n* [ ] loose\n\n  more\n\nText.\n\n- a\n  - [ ] nested\n");
    assert_eq!(r.html.matches("<label><input type=\"checkbox\" name=").count(), 3, "{}", r.html);
    assert_eq!(r.html.matches("<label class=\"task\"><input type=\"checkbox\" disabled>").count(), 1, "{}", r.html);
    assert_eq!(r.html.matches("</label>").count(), 4, "{}", r.html);
    assert!(
        r.html.contains("<p><label><input type=\"checkbox\" name=\"bac87781\" value=\"done\"> loose</label></p>"),
        "{}",
        r.html
    );
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
    let got: Vec<(Option<PageId>, &str)> = r.anchor_links.iter().map(|l| (l.page, l.anchor.as_str())).collect();
    assert_eq!(got, [(Some(PageId(7)), "x"), (None, "y")]);
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

fn checklists(body: &str) -> Vec<Checklist> {
    render_at(body, "guides", "guides/first/", false).checklists
}

fn summary(c: &Checklist) -> (String, Option<String>, usize) {
    (c.title.clone(), c.role.clone(), c.items.len())
}

#[test]
fn plain_articles_yield_checklists_from_role_lead_ins() {
    let body = "Being a good mentor:\n\n1. Listen\n2. Ask\n3. Wait\n4. Share\n5. Admit\n6. Follow up\n7. Praise\n8. Push\n9. Rest\n\nWatch out for:\n\n- Fixing it for them\n- Talking too much\n\nAbout mentorship:\n\n- not a role word\n";
    let found = checklists(body);
    assert_eq!(
        found.iter().map(summary).collect::<Vec<_>>(),
        [("Being a good mentor".into(), Some("mentor".into()), 9)]
    );
    assert_eq!(found[0].id, "guides/first#being-a-good-mentor");
    let html = html(body);
    assert!(html.contains("<ul>\n<li>Fixing it for them</li>"), "{html}");
}

#[test]
fn headings_task_lists_and_roles() {
    let body = "## Before the first meeting {.checklist role=mentee}\n\n- Read the guide\n- Book a room\n\n## For mentors\n\n- Say hello\n\n## Notes\n\nSome text.\n\n- [ ] one\n- [x] two\n\n## Plain {.checklist}\n\n- a\n";
    let found = checklists(body);
    let got: Vec<_> = found.iter().map(summary).collect();
    assert_eq!(
        got,
        [
            ("Before the first meeting".into(), Some("mentee".into()), 2),
            ("For mentors".into(), Some("mentor".into()), 1),
            ("Notes".into(), None, 2),
            ("Plain".into(), None, 1),
        ]
    );
    assert_eq!(found[0].anchor, "before-the-first-meeting");
    assert_eq!(found[2].anchor, "notes-checklist");
    assert!(found[2].items[1].checked && !found[2].items[0].checked);
}

#[test]
fn detection_can_be_switched_off_but_markup_still_counts() {
    let roles = crate::checklist::default_roles();
    let opts = Options {
        highlight: None,
        known_title: Some("T"),
        index_html: false,
        source_dir: "",
        page_url: "p/",
        resolver: &Site,
        path: Path::new("p.md"),
        first_line: 1,
        checklists: ChecklistOptions { roles: &roles, detect: false, page_role: Some("mentee") },
        markup: &*MARKUP,
        includes: None,
        assets: None,
        diagrams: None,
        site: SiteInfo { base_url: "https://example.org/", title: "Site" },
    };
    let r = render("Being a good mentor:\n\n- a\n\n## Go {.checklist}\n\n- b\n\nText.\n\n- [ ] c\n", &opts);
    let got: Vec<_> = r.checklists.iter().map(summary).collect();
    assert_eq!(got, [("Go".into(), Some("mentee".into()), 1), ("Go".into(), Some("mentee".into()), 1)]);
    assert_eq!(r.checklists[1].anchor, "go-checklist");
}

#[test]
fn checklist_markup_is_a_labelled_fieldset_with_stable_ids() {
    insta::assert_snapshot!(html(
        "## Before {.checklist role=mentor}\n\n- [x] Read [goals](../mentees/goals.md)\n- Book a room\n  - [ ] nested\n- Book a room\n"
    ));
}

#[test]
fn checklist_problems_are_warnings_at_their_line() {
    let r = render_at("## Lonely {.checklist}\n\nText.\n\n## Typo {.checklist role=mentr}\n\n- a\n", "", "x/", false);
    let msgs: Vec<String> = r.warnings.iter().map(|w| format!("{}:{}: {}", w.line, w.col, w.message)).collect();
    assert_eq!(msgs.len(), 2, "{msgs:?}");
    assert!(msgs[0].starts_with("5:1: a heading marked `.checklist`"), "{msgs:?}");
    assert!(msgs[1].starts_with("9:1: unknown role `mentr`") && msgs[1].contains("did you mean `mentor`"), "{msgs:?}");
    assert_eq!(r.checklists[0].role, None);
}

#[test]
fn a_long_lead_in_leaves_the_title_to_the_heading_above() {
    let found = checklists(
        "## A quick self-check\n\nEvery few weeks, look back over your notes and ask yourself honestly:\n\n- [ ] Did I keep every session?\n",
    );
    assert_eq!(
        (found[0].title.as_str(), found[0].anchor.as_str()),
        ("A quick self-check", "a-quick-self-check-checklist")
    );
}

#[test]
fn a_link_to_a_left_out_page_becomes_its_text() {
    let r = html_rendered("See [the plan](plans.md), [again](/guides/plans/) and [goals](../mentees/goals.md).\n");
    assert!(r.html.contains("See the plan, again and <a href="), "{}", r.html);
    assert!(!r.html.contains("plans"), "{}", r.html);
    let kinds: Vec<Kind> = r.warnings.iter().map(|w| w.kind).collect();
    assert_eq!(kinds, [Kind::ExcludedLink, Kind::ExcludedLink]);
    assert!(r.warnings[0].message.contains("a draft left out of this build"), "{}", r.warnings[0].message);
    assert_eq!(html_rendered("[x](missing.md)\n").warnings[0].kind, Kind::BrokenLink);
}

#[test]
fn unclosed_raw_html_stays_inside_its_page() {
    for body in ["Intro\n\n<!-- TODO\n\nmore\n", "<textarea>\n\nnotes\n", "<div>\n\n*open*\n"] {
        let r = html_rendered(body);
        assert!(balance::is_balanced(&r.html), "{body:?} → {}", r.html);
    }
    let plain = html_rendered("<details><summary>S</summary>\n\nText\n\n</details>\n");
    assert!(plain.html.contains("<details><summary>S</summary>\n<p>Text</p>\n</details>"), "{}", plain.html);
}

#[test]
fn one_page_reports_at_most_a_capped_number_of_warnings() {
    let body = "[x](nowhere.md) ".repeat(MAX_WARNINGS + 10);
    let r = html_rendered(&body);
    assert_eq!(r.warnings.len(), MAX_WARNINGS + 1);
    assert!(r.warnings.last().unwrap().message.starts_with("10 more warnings"), "{}", r.warnings.last().unwrap());
}

#[test]
fn thousands_of_identical_items_get_distinct_ids_quickly() {
    let body = "- [ ] same\n".repeat(5000);
    let found = checklists(&body);
    let ids: std::collections::HashSet<&str> = found[0].items.iter().map(|i| i.id.as_str()).collect();
    assert_eq!(ids.len(), 5000);
}

#[test]
fn zola_content_links_start_at_the_content_folder() {
    let r = render_at("[goals](@/mentees/goals.md)\n", "guides/deep", "guides/deep/first/", false);
    assert!(r.html.contains("href=\"../../../mentees/goals/\""), "{}", r.html);
    assert!(r.warnings.is_empty(), "{:?}", r.warnings);
}

#[test]
fn many_unclosed_calls_on_one_line_each_stay_visible_and_columns_stay_right() {
    let body = "{{< x >}}".repeat(3000) + &"{% raw %}".repeat(3000);
    let r = html_rendered(&body);
    assert_eq!(r.html.matches("<code>").count(), 6000, "every call is shown");
    assert_eq!(r.warnings.len(), MAX_WARNINGS + 1);
    // The columns of the capped warnings count on along the one line.
    let cols: Vec<usize> = r.warnings.iter().take(3).map(|w| w.col).collect();
    assert_eq!(cols, [1, 10, 19]);
    assert!(r.warnings[0].message.contains("unknown shortcode `x`"), "{}", r.warnings[0]);
}
