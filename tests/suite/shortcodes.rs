//! Hugo shortcodes, Zola shortcodes and Jekyll's Liquid tags in page bodies (GUIDE §3): the
//! built-ins render, a site's own templates render, unknown calls warn at their line and stay
//! visible as code, and nothing inside code is expanded.

use crate::common;

use std::fs;

use common::*;

const PAGE: &str = r#"---
title: Calls
---
Intro with "quotes".

{{< figure src="pic.png" alt="A pic" caption="The caption" >}}

{{< youtube w7Ft2ymGmfc >}}

{{% details summary="More info" %}}
Hidden **markdown** inside.
{{% /details %}}

{{< alert type="warning" >}}
Careful now.
{{< /alert >}}

See [the other page]({{< ref "other.md" >}}) and [a section]({{< relref "/guides/other.md#steps" >}}).

{{< member-by-name "Jane Doe" >}}

`{{< youtube inline >}}` in code.

```
{{</* figure src="x" */>}}
```

{{< highlight go >}}
func main() {}
{{< /highlight >}}

{{< greeting name="Ana" >}}

{{ greeting(name="Bo") }}

Last line with [broken](nowhere.md).
"#;

fn site() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    write_site(
        dir.path(),
        &[
            ("mentorbook.yaml", "title: Calls\n"),
            ("content/guides/calls.md", PAGE),
            ("content/guides/other.md", "---\ntitle: Other\n---\n## Steps\n\nText.\n"),
            ("content/guides/pic.png", "png"),
            ("templates/shortcodes/greeting.html", "<span class=\"greeting\">Hello {{ args.name }}</span>"),
        ],
    );
    dir
}

#[test]
fn hugo_and_zola_shortcodes_render_and_unknown_ones_warn_at_their_line() {
    let dir = site();
    let log = build_ok(dir.path(), &[]);
    let file = dir.path().join("public/guides/calls/index.html");
    let page = html(&file);
    let body = fs::read_to_string(&file).unwrap();
    assert_eq!(attrs(&page, "figure img", "src"), ["../../guides/pic.png"]);
    assert_eq!(texts(&page, "figcaption"), ["The caption"]);
    assert_eq!(attrs(&page, ".video-link", "href"), ["https://www.youtube.com/watch?v=w7Ft2ymGmfc"]);
    assert!(!body.contains("<iframe"), "a video must not load from another host");
    assert_eq!(texts(&page, "details summary"), ["More info"]);
    assert!(body.contains("Hidden <strong>markdown</strong> inside."), "a shortcode's body is markdown");
    assert_eq!(texts(&page, ".alert-warning .alert-title"), ["Warning"]);
    let hrefs = attrs(&page, ".page-content p a", "href");
    assert!(hrefs.contains(&"../../guides/other/".to_string()), "{hrefs:?}");
    assert!(hrefs.contains(&"../../guides/other/#steps".to_string()), "{hrefs:?}");
    assert_eq!(texts(&page, ".greeting"), ["Hello Ana", "Hello Bo"], "a site's own shortcode, Hugo and Zola syntax");
    assert!(body.contains("<code>{{&lt; member-by-name \"Jane Doe\" &gt;}}</code>"), "{body}");
    assert!(body.contains("<code>{{&lt; youtube inline &gt;}}</code> in code"), "inline code is not expanded");
    assert!(body.contains("{{&lt; figure src=&quot;x&quot; &gt;}}"), "the escape shows the shortcode in code");
    assert!(body.contains("data-lang=\"go\""), "highlight becomes a highlighted code block");
    assert!(!body.contains("{{&lt; /"), "no closing call is left over");
    // Unknown calls and later problems are reported at the author's lines.
    assert!(log.contains("content/guides/calls.md:20:1: warning: unknown shortcode `member-by-name`"), "{log}");
    assert!(log.contains("content/guides/calls.md:36:16: warning: link to a missing page"), "{log}");
}

#[test]
fn liquid_tags_and_variables_render() {
    let dir = tempfile::tempdir().unwrap();
    write_site(
        dir.path(),
        &[
            ("mentorbook.yaml", "title: Jekyll site\nbase_url: https://example.org/docs/\n"),
            ("_includes/note.html", "<aside class=\"note\">Hello {{ include.who }}</aside>\n"),
            ("content/_posts/2024-01-02-hello.md", "---\ntitle: Hello\n---\nHi.\n"),
            (
                "content/guides/page.md",
                "---\ntitle: Liquid page\n---\n{% include note.html who=\"world\" %}\n\nOn {{ page.title }} of {{ site.title }}; [home]({{ site.baseurl }}/).\n\nRead [the post]({% post_url 2024-01-02-hello %}).\n\n{% raw %}{{ kept }}{% endraw %}\n\n{% highlight ruby %}\nputs 1\n{% endhighlight %}\n\n{% unknown_tag x %}\n",
            ),
        ],
    );
    let log = build_ok(dir.path(), &[]);
    let file = dir.path().join("public/guides/page/index.html");
    let page = html(&file);
    assert_eq!(texts(&page, "aside.note"), ["Hello world"]);
    let text = texts(&page, ".page-content p").join("\n");
    assert!(text.contains("On Liquid page of Jekyll site; home."), "{text}");
    assert!(text.contains("{{ kept }}"), "{text}");
    assert_eq!(attrs(&page, ".page-content a", "href"), ["../../", "../../posts/hello/"]);
    assert!(fs::read_to_string(&file).unwrap().contains("data-lang=\"ruby\""));
    assert!(log.contains("content/guides/page.md:16:1: warning: unknown Liquid tag `unknown_tag`"), "{log}");
}

#[test]
fn built_in_shortcodes_take_no_arguments_too() {
    let dir = tempfile::tempdir().unwrap();
    write_site(
        dir.path(),
        &[(
            "content/bare.md",
            "---\ntitle: Bare\n---\n{{< alert >}}Info{{< /alert >}}\n\n{{< alert success >}}Yes{{< /alert >}}\n\n{{< details >}}\nBody\n{{< /details >}}\n\n{{< youtube >}}\n\n{{< figure >}}\n",
        )],
    );
    build_ok(dir.path(), &[]);
    let page = html(&dir.path().join("public/bare/index.html"));
    assert_eq!(texts(&page, ".alert-title"), ["Note", "Tip"]);
    assert_eq!(texts(&page, "details summary"), ["Details"]);
}

#[test]
fn calls_inside_a_paired_call_expand_too() {
    let dir = tempfile::tempdir().unwrap();
    write_site(
        dir.path(),
        &[(
            "content/nested.md",
            "---\ntitle: Nested\n---\n{{% details summary=\"Outer\" %}}\n{{< alert type=\"tip\" >}}\nInner [link](nowhere.md).\n{{< /alert >}}\n{{% /details %}}\n\nAfter.\n",
        )],
    );
    let log = build_ok(dir.path(), &[]);
    let page = html(&dir.path().join("public/nested/index.html"));
    assert_eq!(texts(&page, "details .alert-tip .alert-title"), ["Tip"]);
    assert!(!fs::read_to_string(dir.path().join("public/nested/index.html")).unwrap().contains("{{"));
    assert!(log.contains("content/nested.md:6:7: warning: link to a missing page"), "the body keeps its lines: {log}");
}

#[test]
fn migrated_calls_resolve_like_their_generators_and_warn_once() {
    let dir = tempfile::tempdir().unwrap();
    write_site(
        dir.path(),
        &[
            ("mentorbook.yaml", "title: Team wiki\nbase_url: https://kb.example.net/team/\n"),
            ("_includes/badge.html", "<span class=\"badge\">{{ include.who }} in {{ site.title }}</span>\n"),
            ("content/guides/target.md", "---\ntitle: Target\n---\nText.\n"),
            ("content/plans/_index.md", "---\ntitle: Plans\ndraft: true\n---\nSoon.\n"),
            ("content/plans/q3.md", "---\ntitle: Q3\n---\nSoon.\n"),
            ("content/wip/index.md", "---\ntitle: WIP\ndraft: true\n---\nSoon.\n"),
            ("content/wip/chart.png", "png"),
            ("content/_posts/2024-05-01-secret.md", "---\ntitle: Secret\ndraft: true\n---\nHush.\n"),
            (
                "content/notes/page.md",
                "---\ntitle: Notes page\n---\n{{< member-by-name \"Jane \\\"Doe\\\"\" path=`C:\\dir` >}}\n\n[By name]({{< ref \"target.md\" >}}) and [nowhere]({{< ref \"nowhere.md\" >}}).\n\n[From the top]({% link guides/target.md %}) and [abs]({{ site.url }}{{ site.baseurl }}/guides/target/).\n\n{% include badge.html who=page.title %}\n\n{{% details summary=\"Open\" %}}\nNever closed.\n\n[Plans](../plans/) and [post]({% post_url 2024-05-01-secret %}).\n\n{{< figure src=\"/wip/chart.png\" alt=\"Chart\" >}}\n",
            ),
        ],
    );
    let log = build_ok(dir.path(), &[]);
    let file = dir.path().join("public/notes/page/index.html");
    let body = fs::read_to_string(&file).unwrap();
    let page = html(&file);
    assert_eq!(
        texts(&page, ".page-content code"),
        ["{{< member-by-name \"Jane \\\"Doe\\\"\" path=`C:\\dir` >}}"],
        "shown as written"
    );
    let hrefs = attrs(&page, ".page-content a", "href");
    assert_eq!(
        hrefs,
        ["../../guides/target/", "nowhere.md", "../../guides/target/", "https://kb.example.net/team/guides/target/"],
        "{body}"
    );
    assert_eq!(log.matches("nowhere.md").count(), 1, "a ref inside a link is warned about once: {log}");
    assert_eq!(texts(&page, ".badge"), ["Notes page in Team wiki"]);
    assert!(log.contains("content/notes/page.md:12:1: warning: shortcode `details` is never closed"), "{log}");
    assert!(log.contains("link to a draft left out of this build: `../plans/`"), "{log}");
    assert!(log.contains("link to a draft left out of this build: `/posts/secret/`"), "{log}");
    assert!(!log.contains("missing page or file: `../plans/`") && !log.contains("no post named"), "{log}");
    assert_eq!(log.matches("link to a draft left out of this build: `/wip/chart.png`").count(), 1, "{log}");
    assert!(page.select(&scraper::Selector::parse("figure").unwrap()).next().is_none(), "a draft's image is left out");
    assert!(!log.contains("unknown shortcode `figure`"), "{log}");
}

#[test]
fn figure_captions_and_details_summaries_are_markdown_as_in_hugo() {
    let dir = tempfile::tempdir().unwrap();
    write_site(
        dir.path(),
        &[
            (
                "content/org.md",
                "---\ntitle: Org\n---\n{{< figure src=\"chart.png\" alt=\"Chart\" caption=\"Who reports *where*, by `team`\" >}}\n\n{{% details summary=\"Click for **more**\" %}}\nBody.\n{{% /details %}}\n",
            ),
            ("content/chart.png", "png"),
        ],
    );
    build_ok(dir.path(), &[]);
    let body = fs::read_to_string(dir.path().join("public/org/index.html")).unwrap();
    assert!(body.contains("<figcaption>Who reports <em>where</em>, by <code>team</code></figcaption>"), "{body}");
    assert!(body.contains("<summary>Click for <strong>more</strong></summary>"), "{body}");
}

#[test]
fn hugo_include_reads_the_assets_folder_beside_the_content() {
    let dir = tempfile::tempdir().unwrap();
    write_site(
        dir.path(),
        &[
            ("assets/includes/values.md", "##### Values\n\n* Be *kind*\n"),
            (
                "content/ladder.md",
                "---\ntitle: Ladder\n---\nIntro.\n\n{{% include \"includes/values.md\" %}}\n\n{{< include \"includes/none.md\" >}}\n",
            ),
        ],
    );
    let log = build_ok(dir.path(), &[]);
    let body = fs::read_to_string(dir.path().join("public/ladder/index.html")).unwrap();
    assert!(body.contains(">Values<") && body.contains("<li>Be <em>kind</em></li>"), "{body}");
    assert!(log.contains("content/ladder.md:8:1: warning: `include`: no file `assets/includes/none.md`"), "{log}");
    // The included file is an input of the page: editing it changes the next build.
    write_site(dir.path(), &[("assets/includes/values.md", "##### Values\n\n* Be *brave*\n")]);
    build_ok(dir.path(), &[]);
    let body = fs::read_to_string(dir.path().join("public/ladder/index.html")).unwrap();
    assert!(body.contains("<li>Be <em>brave</em></li>"), "{body}");
}

#[test]
fn escaped_quotes_in_arguments_and_liquid_filters_work_as_in_hugo_and_jekyll() {
    let dir = tempfile::tempdir().unwrap();
    write_site(
        dir.path(),
        &[
            ("_includes/who.html", "<span class=\"who\">{{ include.who | default: \"all\" }}</span>\n"),
            ("content/guides/x.md", "---\ntitle: X\n---\nText.\n"),
            (
                "content/guides/p.md",
                "---\ntitle: P\n---\n{{% details summary=\"Say \\\"hi\\\"\" %}}\nBody.\n{{% /details %}}\n\n[x]({{ \"/guides/x/\" | relative_url }}) and {% include who.html %}\n\n{{ page.title | shout }}\n",
            ),
        ],
    );
    let log = build_ok(dir.path(), &[]);
    let page = html(&dir.path().join("public/guides/p/index.html"));
    assert_eq!(texts(&page, "details summary"), ["Say \u{201c}hi\u{201d}"]);
    assert_eq!(attrs(&page, ".page-content a", "href"), ["../../guides/x/"]);
    assert_eq!(texts(&page, ".who"), ["all"]);
    assert!(log.contains("content/guides/p.md:10:1: warning: unknown Liquid filter `shout`"), "{log}");
}

#[test]
fn import_never_overwrites_within_one_run_or_shadows_a_txt_page() {
    let dir = tempfile::tempdir().unwrap();
    write_site(
        dir.path(),
        &[
            ("mentorbook.yaml", "title: I\n"),
            ("a.txt", "Same title\n\nFirst text.\n"),
            ("b.txt", "Same title\n\nSecond text.\n"),
            ("content/spring-notes.txt", "Spring notes\n\nText.\n"),
        ],
    );
    let out = mentorbook(dir.path(), &["import", "--force", "a.txt", "b.txt"]).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("was written from another file of this import"));
    assert!(fs::read_to_string(dir.path().join("content/same-title.md")).unwrap().contains("First text."));
    let inside = mentorbook(dir.path(), &["import", "content/spring-notes.txt"]).output().unwrap();
    assert_eq!(inside.status.code(), Some(1));
    assert!(!dir.path().join("content/spring-notes.md").exists());
}
