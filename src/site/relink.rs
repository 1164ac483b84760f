//! Moving rendered page HTML to another page: its relative links are written from the page's own
//! folder, so a summary on a section or term page, or a page inside a print page, needs them
//! re-aimed from the new place, and its ids made unique there.
//!
//! The HTML is parsed (with `lol_html`, a streaming rewriter), not scanned: text that merely
//! looks like an attribute (`<span title='say href="x/"'>`) is never touched, and raw HTML an
//! author wrote is rewritten the same way as our own.

use std::cell::RefCell;

use lol_html::{RewriteStrSettings, element, rewrite_str};

use crate::content::url;

/// Attributes that hold ids.
pub const ID_ATTRS: [&str; 5] = ["id", "for", "aria-labelledby", "aria-describedby", "aria-controls"];

/// Calls `edit(name, value)` for every attribute of every element of `html` and puts its answer
/// in place of the value when it gives one; with `untick`, checkboxes lose `checked`. HTML that
/// cannot be parsed at all is returned as it is.
pub fn rewrite_attrs(html: &str, untick: bool, edit: impl FnMut(&str, &str) -> Option<String>) -> String {
    let edit = RefCell::new(edit);
    let settings = RewriteStrSettings::new().append_element_content_handler(element!("*", |el| {
        let attrs: Vec<(String, String)> = el.attributes().iter().map(|a| (a.name(), a.value())).collect();
        for (name, value) in attrs {
            if let Some(new) = (edit.borrow_mut())(&name, &value) {
                el.set_attribute(&name, &new)?;
            }
        }
        if untick && el.tag_name() == "input" {
            el.remove_attribute("checked");
        }
        Ok(())
    }));
    rewrite_str(html, settings).unwrap_or_else(|_| html.to_string())
}

/// Every `href` and `src` value of `html`, in order.
pub fn links(html: &str) -> Vec<String> {
    let found = RefCell::new(Vec::new());
    let settings = RewriteStrSettings::new().append_element_content_handler(element!("[href], [src]", |el| {
        found.borrow_mut().extend(el.get_attribute("href").into_iter().chain(el.get_attribute("src")));
        Ok(())
    }));
    let _ = rewrite_str(html, settings);
    found.into_inner()
}

/// Every `id` value of `html`, in order.
pub fn ids(html: &str) -> Vec<String> {
    let found = RefCell::new(Vec::new());
    let settings = RewriteStrSettings::new().append_element_content_handler(element!("[id]", |el| {
        found.borrow_mut().extend(el.get_attribute("id"));
        Ok(())
    }));
    let _ = rewrite_str(html, settings);
    found.into_inner()
}

/// A link written in the page at root-relative `from_url`, re-aimed for the page at `to_url`.
/// In-page anchors, absolute URLs and links with a scheme stay as they are.
pub fn rebase(value: &str, from_url: &str, to_url: &str) -> String {
    if from_url == to_url || value.is_empty() || value.starts_with(['#', '/']) || value.contains(':') {
        return value.to_string();
    }
    let (path, anchor) = value.split_once('#').map_or((value, None), |(p, a)| (p, Some(a)));
    let Some(target) = url::join(from_url, &url::decode_path(path)) else { return value.to_string() };
    let slash = if path.ends_with('/') && !target.is_empty() { "/" } else { "" };
    let anchor = anchor.map(|a| format!("#{a}")).unwrap_or_default();
    format!("{}{}{slash}{anchor}", url::root_prefix(to_url), url::encode_path(&target))
}

/// `value`'s ids (space-separated) each prefixed with `prefix--`.
pub fn prefix_ids(value: &str, prefix: &str) -> String {
    value.split_whitespace().map(|id| format!("{prefix}--{id}")).collect::<Vec<_>>().join(" ")
}

/// An SVG paint or marker reference (`url(#arrow-0)`, as in `marker-end`) to an id that
/// [`prefix_ids`] renamed; `None` for any other value.
pub fn prefix_url_ref(value: &str, prefix: &str) -> Option<String> {
    let id = value.strip_prefix("url(#")?.strip_suffix(')')?;
    Some(format!("url(#{prefix}--{id})"))
}

/// A fragment of the page at `from_url` (a summary) shown in a list on the page at `to_url`:
/// `href`/`src` re-aimed, in-page anchors sent to the page itself, and ids prefixed with
/// `prefix`, since two summaries on one list may both have a `#listening` heading.
pub fn excerpt_html(html: &str, from_url: &str, to_url: &str, prefix: &str) -> String {
    if html.is_empty() {
        return String::new();
    }
    rewrite_attrs(html, false, |name, value| match name {
        "href" if value.starts_with('#') => {
            Some(format!("{}{}{value}", url::root_prefix(to_url), url::encode_path(from_url)))
        }
        "href" | "src" => Some(rebase(value, from_url, to_url)),
        _ if ID_ATTRS.contains(&name) => Some(prefix_ids(value, prefix)),
        _ => prefix_url_ref(value, prefix),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_are_re_aimed_from_the_new_place() {
        assert_eq!(rebase("../beta/#x", "guides/alpha/", "tags/a/page/2/"), "../../../../guides/beta/#x");
        assert_eq!(rebase("../beta/index.html", "guides/alpha/", ""), "./guides/beta/index.html");
        assert_eq!(rebase("pic.png", "notes/one/", "print/"), "../notes/one/pic.png");
        assert_eq!(rebase("#x", "a/", "b/"), "#x");
        assert_eq!(rebase("https://x.org/", "a/", "b/"), "https://x.org/");
        assert_eq!(rebase("../../../up", "a/", "b/"), "../../../up");
        let html = r##"<h2 id="h">H<a href="#h">#</a></h2><p class="x"><a href="../b/">b</a> <img src="c.png"></p>"##;
        let out = excerpt_html(html, "g/a/", "", "s1");
        let want = r#"<h2 id="s1--h">H<a href="./g/a/#h">#</a></h2><p class="x"><a href="./g/b/">b</a> <img src="./g/a/c.png"></p>"#;
        assert_eq!(out, want);
    }

    #[test]
    fn text_that_looks_like_an_attribute_is_left_alone() {
        let html = r#"<span title='say href="x/"'>a</span> <code>href="y/"</code> <a href="z/">z</a>"#;
        let out = excerpt_html(html, "g/a/", "", "s");
        assert!(
            out.contains(r#"title='say href="x/"'"#) || out.contains(r#"title="say href=&quot;x/&quot;""#),
            "{out}"
        );
        assert!(out.contains(r#"<code>href="y/"</code>"#), "{out}");
        assert!(out.contains(r#"href="./g/a/z/""#), "{out}");
        assert_eq!(links(html), ["z/"]);
    }

    #[test]
    fn untick_clears_checkboxes() {
        let out =
            rewrite_attrs(r#"<input type="checkbox" checked><input type="checkbox" checked="">"#, true, |_, _| None);
        assert!(!out.contains("checked"), "{out}");
    }
}

/// `html` with every heading `by` levels lower (`<h2>` → `<h4>` for 2), down to `<h6>`: a page
/// printed under its section's and its own title keeps its outline below them.
pub fn shift_headings(html: &str, by: usize) -> String {
    if by == 0 {
        return html.to_string();
    }
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    // One pass over the tags' `<` (a byte search): a heading tag is `<h` or `</h`, a digit, then
    // a space or `>`.
    while let Some(lt) = rest.find('<') {
        let bytes = rest.as_bytes();
        let digit_at = lt + if bytes.get(lt + 1) == Some(&b'/') { 2 } else { 1 } + 1;
        if bytes.get(digit_at - 1) != Some(&b'h') {
            out.push_str(&rest[..lt + 1]);
            rest = &rest[lt + 1..];
            continue;
        }
        out.push_str(&rest[..digit_at]);
        let level = bytes.get(digit_at).copied().filter(|d| (b'1'..=b'6').contains(d));
        let after = bytes.get(digit_at + 1).copied();
        match (level, after) {
            (Some(d), Some(b' ' | b'>' | b'\t' | b'\n')) => {
                let shifted = ((d - b'0') as usize + by).min(6);
                out.push_str(&shifted.to_string());
                rest = &rest[digit_at + 1..];
            }
            _ => rest = &rest[digit_at..],
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod shift_tests {
    use super::shift_headings;

    #[test]
    fn headings_move_down_and_stop_at_six() {
        let html = r#"<h2 id="a">A</h2><p>x</p><h3>B</h3><header><hr><h5>C</h5><h6>D</h6>"#;
        assert_eq!(shift_headings(html, 2), r#"<h4 id="a">A</h4><p>x</p><h5>B</h5><header><hr><h6>C</h6><h6>D</h6>"#);
        assert_eq!(shift_headings(html, 0), html);
        // Not headings: other tags starting with h, text, a `<` at the end, and `</h` with no digit.
        let other = "<hr><html>a < b <h7>x</h7> <h2\n>y</h2> </hx> <";
        assert_eq!(shift_headings(other, 1), "<hr><html>a < b <h7>x</h7> <h3\n>y</h3> </hx> <");
    }
}
