//! Moving rendered page HTML to another page: its relative links are written from the page's own
//! folder, so a summary on a section or term page, or a page inside a print page, needs them
//! re-aimed from the new place.
//!
//! Rendered markdown is our own well-formed output (attribute values in double quotes, `"` in
//! text escaped), so one linear scan over `name="value"` pairs is enough; no HTML parser needed.

use crate::content::url;

/// Calls `edit(name, value)` for every `name="value"` attribute in `html` and puts its answer in
/// place of the value when it gives one. Linear in the size of `html`.
pub fn rewrite_attrs(html: &str, mut edit: impl FnMut(&str, &str) -> Option<String>) -> String {
    let mut out = String::with_capacity(html.len() + html.len() / 16);
    let mut done = 0;
    let mut at = 0;
    while let Some(found) = html[at..].find("=\"") {
        let pos = at + found;
        let start = pos + 2;
        let end = html[start..].find('"').map_or(html.len(), |e| start + e);
        at = end;
        let name = html[..pos].rsplit(|c: char| c.is_whitespace()).next().unwrap_or("");
        if let Some(value) = edit(name, &html[start..end]) {
            out.push_str(&html[done..start]);
            out.push_str(&value);
            done = end;
        }
    }
    out.push_str(&html[done..]);
    out
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

/// Attributes that hold ids.
pub const ID_ATTRS: [&str; 5] = ["id", "for", "aria-labelledby", "aria-describedby", "aria-controls"];

/// `value`'s ids (space-separated) each prefixed with `prefix--`.
pub fn prefix_ids(value: &str, prefix: &str) -> String {
    value.split_whitespace().map(|id| format!("{prefix}--{id}")).collect::<Vec<_>>().join(" ")
}

/// A fragment of the page at `from_url` (a summary) shown in a list on the page at `to_url`:
/// `href`/`src` re-aimed, in-page anchors sent to the page itself, and ids prefixed with
/// `prefix`, since two summaries on one list may both have a `#listening` heading.
pub fn excerpt_html(html: &str, from_url: &str, to_url: &str, prefix: &str) -> String {
    if html.is_empty() {
        return String::new();
    }
    rewrite_attrs(html, |name, value| match name {
        "href" if value.starts_with('#') => {
            Some(format!("{}{}{value}", url::root_prefix(to_url), url::encode_path(from_url)))
        }
        "href" | "src" => Some(rebase(value, from_url, to_url)),
        _ if ID_ATTRS.contains(&name) => Some(prefix_ids(value, prefix)),
        _ => None,
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
}
