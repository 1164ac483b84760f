//! Tests of `import`'s readers: HTML articles keep their structure as markdown.

use super::html;

fn md(body: &str) -> String {
    html::read(&format!(
        "<html><head><title>Site · Post</title></head><body><article><h1>Post</h1>{body}</article></body></html>"
    ))
    .markdown
}

#[test]
fn html_articles_keep_their_structure() {
    let a = html::read(
        "<html><head><title>Site · Post</title><meta name=description content='A short lead'></head><body><nav>Menu</nav><article><h1>Growing as a mentor</h1><p>First   paragraph.</p><h2>Listening</h2><p>Second.</p><ol><li>One</li><li>Two</li></ol></article></body></html>",
    );
    assert_eq!(a.title.as_deref(), Some("Growing as a mentor"));
    assert_eq!(a.description.as_deref(), Some("A short lead"));
    assert!(a.markdown.contains("\n## Listening\n"), "{}", a.markdown);
    assert!(a.markdown.contains("1. One\n2. Two"), "{}", a.markdown);
    assert!(!a.markdown.contains("Menu") && !a.markdown.contains("# Growing"), "{}", a.markdown);
}

#[test]
fn short_blocks_stay_what_they_were() {
    let m = md(
        "<p>Short one</p><blockquote><p>Quoted line</p></blockquote><pre><code class=\"language-rust\">fn main() {}\n  let x = 1;</code></pre><dl><dt>Mentor</dt><dd>Guides</dd></dl><table><tr><th>Who</th><th>When</th></tr><tr><td>Ana</td><td>Monday</td></tr></table><h3>Deeper</h3><h4>Deepest</h4>",
    );
    assert!(m.contains("Short one\n") && !m.contains("## Short one"), "{m}");
    assert!(m.contains("> Quoted line"), "{m}");
    assert!(m.contains("```rust\nfn main() {}\n  let x = 1;\n```"), "{m}");
    assert!(m.contains("**Mentor**\n\nGuides"), "{m}");
    assert!(m.contains("| Who | When |\n| --- | --- |\n| Ana | Monday |"), "{m}");
    assert!(m.contains("### Deeper") && m.contains("#### Deepest"), "{m}");
}

#[test]
fn inline_markup_links_and_line_breaks_survive() {
    let m = md(
        "<p>Read <a href=\"https://example.org/a\">the <em>guide</em></a> and <strong>ask</strong> <code>a*b</code>.<br>Next line<br>1. not a list</p><p>1. Not a list either</p>",
    );
    assert!(
        m.contains("Read [the *guide*](<https://example.org/a>) and **ask** `a*b`.\\\nNext line\\\n1\\. not a list"),
        "{m}"
    );
    assert!(m.contains("\n1\\. Not a list either"), "{m}");
}

#[test]
fn nested_lists_keep_their_nesting_and_numbering() {
    let m = md("<ol start=\"4\"><li>Four<ul><li>inner a</li><li>inner b</li></ul></li><li>Five</li></ol>");
    assert!(m.contains("4. Four\n   - inner a\n   - inner b\n5. Five"), "{m}");
}

#[test]
fn text_is_never_markup_or_smart_punctuation() {
    let m = md("<p>Use --force and \"quotes\" with *stars* &lt;b&gt;</p>");
    assert!(m.contains("Use \\-\\-force and \\\"quotes\\\" with \\*stars\\* \\<b\\>"), "{m}");
}

#[test]
fn body_h1s_besides_the_title_move_every_heading_down() {
    let m = md("<h1>Part one</h1><h2>Detail</h2>");
    assert!(m.contains("## Part one") && m.contains("### Detail"), "{m}");
}

#[test]
fn pipes_in_cells_hashes_in_headings_br_in_pre_and_lists_in_a_row_survive() {
    let m = md(
        "<table><tr><th>Cmd</th></tr><tr><td><code>a|b</code></td></tr></table><h2>Learn C #</h2><pre>line one<br>  line two &amp; &lt;x&gt;<br>line three</pre><ul><li>a1</li></ul><ul><li>b1</li></ul>",
    );
    assert!(m.contains("| `a\\|b` |"), "{m}");
    assert!(m.contains("## Learn C \\#"), "{m}");
    assert!(m.contains("line one\n  line two & <x>\nline three"), "{m}");
    assert!(m.contains("- a1\n\n<!-- -->\n\n- b1"), "{m}");
}
