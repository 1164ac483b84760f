//! The HTML Pagefind is given for a page: the rendered markdown cut down to what a reader reads.
//!
//! Pagefind skips `<form>` and `<label>` content, so the words of checklist items (which are
//! labelled checkboxes in a form) would not be found; it makes an anchor of every element with
//! an `id`, so the empty print targets of checklists would be sub-results; and it parses every
//! tag and attribute it is given, alone on one core. So before indexing, in parallel: checklist
//! forms become plain blocks (the form keeps its id, the checklist's anchor when no heading
//! carries it) and labels plain text; what is not text a reader reads goes (checkboxes, buttons,
//! progress and print lines, hidden elements, heading anchors `#`, images, scripts); inline
//! wrappers without an id are unwrapped (syntax highlighting is a `<span>` per token); and only
//! `id` and Pagefind's own `data-pagefind-*` attributes are kept.

use lol_html::{RewriteStrSettings, element, rewrite_str};

/// Elements removed with their content: not words a reader reads on the page.
const DROPPED: &[&str] = &[
    "input", "button", "img", "picture", "video", "audio", "script", "style", "svg", "template", "noscript", "iframe",
    "select", "textarea",
];

/// Wrappers replaced by their content when they carry no id (words stay in place).
const UNWRAPPED: &[&str] = &["span", "label", "fieldset"];

/// Classes of the built-in markup whose elements are chrome, not content.
const CHROME: &[&str] =
    &["anchor", "checklist-progress", "checklist-actions", "checklist-sheet", "print-target", "visually-hidden"];

/// `html` (a page's rendered markdown) as Pagefind should see it; see the module docs. HTML that
/// cannot be parsed is returned as it is.
pub fn indexable(html: &str) -> String {
    let settings = RewriteStrSettings::new().append_element_content_handler(element!("*", |el| {
        let tag = el.tag_name();
        if DROPPED.contains(&tag.as_str()) || el.has_attribute("hidden") {
            el.remove();
            return Ok(());
        }
        if let Some(class) = el.get_attribute("class")
            && class.split_ascii_whitespace().any(|c| CHROME.contains(&c))
        {
            el.remove();
            return Ok(());
        }
        let has_id = el.has_attribute("id");
        if !has_id && UNWRAPPED.contains(&tag.as_str()) {
            el.remove_and_keep_content();
            return Ok(());
        }
        match tag.as_str() {
            "form" | "fieldset" | "label" => el.set_tag_name("div")?,
            "legend" => el.set_tag_name("p")?,
            _ => {}
        }
        let names: Vec<String> = el.attributes().iter().map(|a| a.name()).collect();
        for name in names {
            if name != "id" && !name.starts_with("data-pagefind") {
                el.remove_attribute(&name);
            }
        }
        Ok(())
    }));
    rewrite_str(html, settings).unwrap_or_else(|_| html.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn checklists_become_text_and_chrome_goes() {
        let form = r##"<h2 id="before" class="checklist">Before<a class="anchor" href="#before" aria-hidden="true">#</a></h2>
<form class="checklist" autocomplete="off"><span id="print-before" class="print-target"></span>
<fieldset data-checklist="a#before"><legend class="visually-hidden">Before</legend>
<p class="checklist-sheet" hidden>For: Everyone</p>
<ul class="checklist-items"><li data-item="1"><label><input type="checkbox" name="1"> Don't dismiss; <em>listen</em>.</label></li></ul>
<p class="checklist-progress"><span class="checklist-done">0</span> of 1 done</p>
<p class="checklist-actions"><button type="reset">Reset</button> <a class="checklist-print" href="#print-before">Print</a></p>
</fieldset></form>
<form class="checklist" id="own" autocomplete="off"><fieldset><legend>Own</legend><ul><li><label><input type="checkbox"> Second</label></li></ul></fieldset></form>
<pre><code class="language-rust"><span class="k">fn</span> <span class="n">main</span></code></pre><p>x<img src="a.png" alt="A"></p>"##;
        let out = indexable(form);
        assert_eq!(
            out,
            "<h2 id=\"before\">Before</h2>\n<div>\n\n\n<ul><li> Don't dismiss; <em>listen</em>.</li></ul>\n\n\n</div>\n\
             <div id=\"own\"><p>Own</p><ul><li> Second</li></ul></div>\n<pre><code>fn main</code></pre><p>x</p>"
        );
    }

    #[test]
    fn pagefind_attributes_and_ids_stay() {
        let out = indexable(r#"<div data-pagefind-ignore class="x"><span id="k" class="y">k</span></div>"#);
        assert_eq!(out, r#"<div data-pagefind-ignore><span id="k">k</span></div>"#);
    }
}
