//! Keeping one page's raw HTML from breaking another page.
//!
//! A page's HTML is shown inside other pages too (summaries on lists, chapters of the print
//! page, feed entries). Raw HTML an author left open (`<!-- TODO`, a `<textarea>`, a `<div>`)
//! would swallow or wrap everything after it there. So a page whose raw HTML is not balanced
//! is parsed the way a browser would parse it and written out again, closed; a balanced page
//! keeps its bytes exactly.

use std::cell::{Cell, RefCell};

use html5ever::tokenizer::{
    BufferQueue, TagKind, Token, TokenSink, TokenSinkResult, Tokenizer, TokenizerOpts, states::RawKind,
};

/// `html`, unchanged when every element and comment it opens is closed in order, else parsed
/// as a browser would (in a `<body>`) and serialized again.
pub fn balanced(html: &str) -> String {
    let check = scan(html);
    if check.is_balanced() {
        return html.to_string();
    }
    // A browser's tree builder checks scopes up the open elements at every tag: thousands left
    // open make that quadratic (50,000 `<div>`s took seconds). Elements merely left open, in
    // order, are closed by their end tags instead; anything worse at that depth is shown as text.
    if check.deepest.get() > MAX_TREE_DEPTH {
        if check.bad.get() {
            return format!("<pre>{}</pre>", super::highlight::escape_html(html));
        }
        let mut out = html.to_string();
        for name in check.open.borrow().iter().rev() {
            out.push_str(&format!("</{name}>"));
        }
        return out;
    }
    let fragment = scraper::Html::parse_fragment(html);
    fragment.root_element().inner_html()
}

/// How deep raw HTML may nest before [`balanced`] stops handing it to a tree builder.
const MAX_TREE_DEPTH: usize = 512;

/// Elements that never have an end tag.
const VOID: &[&str] =
    &["area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"];

/// True when `html` opens no comment, raw-text element or element that it does not close, in
/// order.
pub fn is_balanced(html: &str) -> bool {
    scan(html).is_balanced()
}

/// What the tokenizer saw of `html`.
fn scan(html: &str) -> Check {
    let sink = Check { open: RefCell::new(Vec::new()), bad: Cell::new(false), deepest: Cell::new(0) };
    let tokenizer = Tokenizer::new(sink, TokenizerOpts::default());
    let input = BufferQueue::default();
    input.push_back(html.into());
    let _ = tokenizer.feed(&input);
    tokenizer.end();
    tokenizer.sink
}

struct Check {
    /// Elements open, outermost first.
    open: RefCell<Vec<String>>,
    /// Set by a comment or element left open at the end, or an end tag out of order.
    bad: Cell<bool>,
    /// The most elements open at once.
    deepest: Cell<usize>,
}

impl Check {
    fn is_balanced(&self) -> bool {
        !self.bad.get() && self.open.borrow().is_empty()
    }
}

impl TokenSink for Check {
    type Handle = ();

    fn process_token(&self, token: Token, _line: u64) -> TokenSinkResult<()> {
        match token {
            Token::TagToken(tag) => {
                let name = tag.name.to_string();
                if tag.kind == TagKind::StartTag {
                    if tag.self_closing || VOID.contains(&name.as_str()) {
                        return TokenSinkResult::Continue;
                    }
                    let raw = match name.as_str() {
                        "textarea" | "title" => Some(RawKind::Rcdata),
                        "script" => Some(RawKind::ScriptData),
                        "style" | "xmp" | "iframe" | "noembed" | "noframes" => Some(RawKind::Rawtext),
                        "plaintext" => {
                            self.bad.set(true);
                            return TokenSinkResult::Plaintext;
                        }
                        _ => None,
                    };
                    let mut open = self.open.borrow_mut();
                    open.push(name);
                    self.deepest.set(self.deepest.get().max(open.len()));
                    drop(open);
                    if let Some(kind) = raw {
                        return TokenSinkResult::RawData(kind);
                    }
                } else {
                    let mut open = self.open.borrow_mut();
                    if open.last() == Some(&name) {
                        open.pop();
                    } else {
                        self.bad.set(true);
                    }
                }
            }
            Token::ParseError(message) if message.contains("EOF") => self.bad.set(true),
            _ => {}
        }
        TokenSinkResult::Continue
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn balanced_html_keeps_its_bytes() {
        for html in [
            "<p>a <b>b</b></p>\n<br />",
            "<div class=\"x\"><!-- note --><input type=\"checkbox\" checked></div>",
            "<details><summary>S</summary><p>x</p></details>",
            "<p>1 &lt; 2</p><textarea>a <b> c</textarea>",
        ] {
            assert!(is_balanced(html), "{html}");
            assert_eq!(balanced(html), html);
        }
    }

    #[test]
    fn unclosed_constructs_are_closed() {
        let out = balanced("<p>before</p><!-- TODO\n<p>after</p>");
        assert!(out.ends_with("-->"), "{out}");
        let out = balanced("<textarea>notes");
        assert_eq!(out, "<textarea>notes</textarea>");
        // Thousands left open are closed in order, without a tree builder's quadratic scopes.
        let deep = "<div>".repeat(2000) + "text";
        assert_eq!(balanced(&deep), deep.clone() + &"</div>".repeat(2000));
        let worse = "<div>".repeat(2000) + "</span>";
        assert!(balanced(&worse).starts_with("<pre>&lt;div&gt;"));
        let out = balanced("<div><p>x</p>");
        assert_eq!(out, "<div><p>x</p></div>");
        assert!(!is_balanced("<script>let a = 1;"));
    }
}
