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
    if is_balanced(html) {
        return html.to_string();
    }
    let fragment = scraper::Html::parse_fragment(html);
    fragment.root_element().inner_html()
}

/// Elements that never have an end tag.
const VOID: &[&str] =
    &["area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"];

/// True when `html` opens no comment, raw-text element or element that it does not close, in
/// order.
pub fn is_balanced(html: &str) -> bool {
    let sink = Check { open: RefCell::new(Vec::new()), bad: Cell::new(false) };
    let tokenizer = Tokenizer::new(sink, TokenizerOpts::default());
    let input = BufferQueue::default();
    input.push_back(html.into());
    let _ = tokenizer.feed(&input);
    tokenizer.end();
    let sink = &tokenizer.sink;
    !sink.bad.get() && sink.open.borrow().is_empty()
}

struct Check {
    open: RefCell<Vec<String>>,
    bad: Cell<bool>,
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
                    self.open.borrow_mut().push(name);
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
        let out = balanced("<div><p>x</p>");
        assert_eq!(out, "<div><p>x</p></div>");
        assert!(!is_balanced("<script>let a = 1;"));
    }
}
