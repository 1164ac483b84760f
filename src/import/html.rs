//! HTML articles as markdown, for `mentorbook import`: the reading view of a saved web page.
//!
//! The article is found in `<article>`, else `<main>`, else `<body>`; navigation, headers,
//! footers, forms and scripts around it are left out. What the page marks up is kept as the
//! markdown for it: paragraphs (with their links, emphasis, code and line breaks), headings at
//! their levels, nested lists with their numbering, code blocks with their language,
//! blockquotes, tables, definition lists, figures and images. Text is escaped by
//! [`plain::literal`], so nothing in it turns into markup or smart punctuation.

use scraper::{ElementRef, Html, Node, Selector};

use crate::content::plain;

/// An HTML article: its title (`<h1>`, else `<title>`), description and body as markdown.
pub struct HtmlArticle {
    pub title: Option<String>,
    pub description: Option<String>,
    pub markdown: String,
}

/// Elements that are not part of the article's text.
const SKIPPED: &[&str] = &[
    "script", "style", "nav", "header", "footer", "aside", "form", "noscript", "template", "iframe", "svg", "button",
    "input", "select", "textarea", "head", "title", "meta", "link", "object", "embed", "canvas",
];

/// Elements that hold blocks, not text.
const BLOCKS: &[&str] = &[
    "p",
    "div",
    "section",
    "article",
    "main",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "ul",
    "ol",
    "pre",
    "blockquote",
    "table",
    "dl",
    "dt",
    "dd",
    "figure",
    "figcaption",
    "hr",
    "details",
    "summary",
    "address",
    "center",
];

/// Reads `text` as an HTML article.
pub fn read(text: &str) -> HtmlArticle {
    let doc = Html::parse_document(text);
    let select = |css: &str| Selector::parse(css).ok().and_then(|s| doc.select(&s).next());
    let text_of = |e: ElementRef| squash(&e.text().collect::<String>());
    let title = select("h1").map(text_of).or_else(|| select("title").map(text_of)).filter(|t| !t.is_empty());
    let description =
        select("meta[name=description]").and_then(|m| m.value().attr("content").map(squash)).filter(|d| !d.is_empty());
    let root = select("article").or_else(|| select("main")).or_else(|| select("body"));
    let mut conv = Converter { title: title.clone(), shift: 0 };
    let mut markdown = String::new();
    if let Some(root) = root {
        // When the body has h1s of its own besides the title, every heading moves down a level
        // (the page's title is its only h1).
        let h1s = Selector::parse("h1").map(|s| root.select(&s).filter(|h| Some(text_of(*h)) != title).count());
        conv.shift = usize::from(h1s.unwrap_or(0) > 0);
        let blocks = conv.flow(root);
        markdown = blocks.join("\n\n");
        markdown.push('\n');
    }
    HtmlArticle { title, description, markdown }
}

struct Converter {
    /// The article's title, whose `<h1>` is not repeated in the body.
    title: Option<String>,
    /// How many levels headings move down.
    shift: usize,
}

impl Converter {
    /// The blocks of `el`'s children: runs of text and inline elements become paragraphs.
    fn flow(&mut self, el: ElementRef) -> Vec<String> {
        let mut blocks = Vec::new();
        let mut para = String::new();
        for child in el.children() {
            match ElementRef::wrap(child) {
                Some(e) if BLOCKS.contains(&e.value().name()) => {
                    flush(&mut para, &mut blocks);
                    blocks.extend(self.block(e));
                }
                Some(e) if SKIPPED.contains(&e.value().name()) => {}
                Some(e) if has_block(e) => {
                    flush(&mut para, &mut blocks);
                    blocks.extend(self.flow(e));
                }
                Some(e) => inline(e, &mut para),
                None => {
                    if let Node::Text(t) = child.value() {
                        push_text(&mut para, t);
                    }
                }
            }
        }
        flush(&mut para, &mut blocks);
        // Two lists in a row stay two lists: markdown would join them, so a comment parts them.
        let mut parted = Vec::with_capacity(blocks.len());
        for b in blocks {
            if parted.last().is_some_and(|p: &String| is_list(p)) && is_list(&b) {
                parted.push("<!-- -->".to_string());
            }
            parted.push(b);
        }
        parted
    }

    /// One block element as markdown blocks.
    fn block(&mut self, e: ElementRef) -> Vec<String> {
        let name = e.value().name();
        match name {
            "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => {
                let text = paragraph(e);
                if name == "h1" && self.title.as_deref() == Some(squash(&e.text().collect::<String>()).as_str()) {
                    self.title = None;
                    return Vec::new();
                }
                let level = (usize::from(name.as_bytes()[1] - b'0') + self.shift).clamp(2, 6);
                if text.is_empty() {
                    Vec::new()
                } else {
                    vec![format!("{} {}", "#".repeat(level), heading_text(&text.replace("\\\n", " ")))]
                }
            }
            "p" | "dd" | "address" | "summary" | "figcaption" => {
                let text = paragraph(e);
                if text.is_empty() { Vec::new() } else { vec![text] }
            }
            "dt" => {
                let text = paragraph(e);
                if text.is_empty() { Vec::new() } else { vec![format!("**{text}**")] }
            }
            "hr" => vec!["---".to_string()],
            "pre" => vec![code_block(e)],
            "blockquote" => {
                let inner = self.flow(e).join("\n\n");
                if inner.is_empty() {
                    return Vec::new();
                }
                vec![
                    inner
                        .lines()
                        .map(|l| if l.is_empty() { ">".to_string() } else { format!("> {l}") })
                        .collect::<Vec<_>>()
                        .join("\n"),
                ]
            }
            "ul" | "ol" => {
                let list = self.list(e);
                if list.is_empty() { Vec::new() } else { vec![list] }
            }
            "table" => table(e).into_iter().collect(),
            _ => self.flow(e),
        }
    }

    /// A list, nested lists indented under their items, numbering from `start`.
    fn list(&mut self, e: ElementRef) -> String {
        let ordered = e.value().name() == "ol";
        let start: u64 = e.value().attr("start").and_then(|s| s.trim().parse().ok()).unwrap_or(1);
        let mut items = Vec::new();
        let lis = e.children().filter_map(ElementRef::wrap).filter(|c| c.value().name() == "li");
        for (number, li) in (start..).zip(lis) {
            let marker = if ordered { format!("{number}. ") } else { "- ".to_string() };
            let blocks = self.flow(li);
            let mut body = String::new();
            for (i, b) in blocks.iter().enumerate() {
                if i > 0 {
                    // A nested list follows its item's text directly; other blocks after a blank line.
                    let nested = b.starts_with("- ") || b.starts_with("1. ");
                    body.push_str(if nested { "\n" } else { "\n\n" });
                }
                body.push_str(b);
            }
            let pad = " ".repeat(marker.len());
            let mut item = marker;
            for (i, line) in body.lines().enumerate() {
                if i > 0 {
                    item.push('\n');
                    if !line.is_empty() {
                        item.push_str(&pad);
                    }
                }
                item.push_str(line);
            }
            items.push(item);
        }
        items.join("\n")
    }
}

/// True when markdown block `b` is a list.
fn is_list(b: &str) -> bool {
    b.starts_with("- ")
        || b.split_once(". ").is_some_and(|(n, _)| !n.is_empty() && n.bytes().all(|c| c.is_ascii_digit()))
}

/// A heading's text with a `#` at its end escaped, so it is not read as a closing sequence.
fn heading_text(text: &str) -> String {
    match text.strip_suffix('#') {
        Some(rest) if !rest.ends_with('\\') => format!("{rest}\\#"),
        _ => text.to_string(),
    }
}

/// True when `e` holds a block element somewhere below it.
fn has_block(e: ElementRef) -> bool {
    e.descendants().filter_map(ElementRef::wrap).skip(1).any(|d| BLOCKS.contains(&d.value().name()))
}

/// Ends the paragraph being collected.
fn flush(para: &mut String, blocks: &mut Vec<String>) {
    let text = tidy(para);
    if !text.is_empty() {
        blocks.push(text);
    }
    para.clear();
}

/// The inline content of `e` as one paragraph.
fn paragraph(e: ElementRef) -> String {
    let mut out = String::new();
    for child in e.children() {
        match ElementRef::wrap(child) {
            Some(c) => inline(c, &mut out),
            None => {
                if let Node::Text(t) = child.value() {
                    push_text(&mut out, t);
                }
            }
        }
    }
    tidy(&out)
}

/// Appends the inline element `e` as markdown.
fn inline(e: ElementRef, out: &mut String) {
    let name = e.value().name();
    let wrap = |out: &mut String, mark: &str| {
        let inner = paragraph(e);
        if inner.is_empty() {
            return;
        }
        if e.text().next().is_some_and(|t| t.starts_with(char::is_whitespace)) {
            out.push(' ');
        }
        out.push_str(&format!("{mark}{inner}{mark}"));
        if e.text().last().is_some_and(|t| t.ends_with(char::is_whitespace)) {
            out.push(' ');
        }
    };
    match name {
        _ if SKIPPED.contains(&name) => {}
        "br" => out.push_str("\\\n"),
        "strong" | "b" => wrap(out, "**"),
        "em" | "i" | "cite" => wrap(out, "*"),
        "s" | "del" | "strike" => wrap(out, "~~"),
        "code" | "kbd" | "samp" | "tt" => out.push_str(&code_span(&squash(&e.text().collect::<String>()))),
        "a" => {
            let text = paragraph(e);
            match e.value().attr("href").map(str::trim).filter(|h| !h.is_empty() && !h.starts_with("javascript:")) {
                Some(href) if !text.is_empty() => {
                    out.push_str(&format!("[{text}](<{}>)", href.replace(['<', '>'], "")))
                }
                _ => out.push_str(&text),
            }
        }
        "img" => {
            if let Some(src) = e.value().attr("src") {
                let alt = plain::literal(&squash(e.value().attr("alt").unwrap_or("")), false);
                out.push_str(&format!("![{alt}](<{}>)", src.replace(['<', '>'], "")));
            }
        }
        _ => {
            for child in e.children() {
                match ElementRef::wrap(child) {
                    Some(c) => inline(c, out),
                    None => {
                        if let Node::Text(t) = child.value() {
                            push_text(out, t);
                        }
                    }
                }
            }
        }
    }
}

/// Appends HTML text: whitespace runs as one space, every character escaped.
fn push_text(out: &mut String, text: &str) {
    let starts_space = text.starts_with(char::is_whitespace);
    let ends_space = text.ends_with(char::is_whitespace);
    let words = squash(text);
    if starts_space && !out.is_empty() && !out.ends_with([' ', '\n']) {
        out.push(' ');
    }
    if !words.is_empty() {
        out.push_str(&plain::literal(&words, false));
        if ends_space {
            out.push(' ');
        }
    }
}

/// A collected paragraph, trimmed, with no space around line breaks and nothing at the start
/// of a line that would begin a block (`1.`, `-`, `#`).
fn tidy(text: &str) -> String {
    let lines: Vec<String> = text
        .trim()
        .trim_end_matches("\\\n")
        .split("\\\n")
        .map(|l| {
            let mut l = l.trim().to_string();
            while l.contains("  ") {
                l = l.replace("  ", " ");
            }
            l
        })
        .collect();
    let lines: Vec<String> = lines.into_iter().map(plain::block_start).collect();
    lines.join("\\\n").trim().to_string()
}

/// `text` as a code span, with a fence longer than any backtick run inside.
fn code_span(text: &str) -> String {
    if text.is_empty() {
        return String::new();
    }
    let fence = "`".repeat(longest_run(text, '`') + 1);
    let pad = if text.starts_with('`') || text.ends_with('`') { " " } else { "" };
    format!("{fence}{pad}{text}{pad}{fence}")
}

/// A `<pre>` as a fenced code block, in the language its `<code>` names (`language-x`, `lang-x`).
fn code_block(e: ElementRef) -> String {
    // Text, with `<br>` as a line break (some exports write code that way).
    let code: String = e
        .descendants()
        .filter_map(|n| match n.value() {
            Node::Text(t) => Some(t.to_string()),
            Node::Element(el) if el.name() == "br" => Some("\n".to_string()),
            _ => None,
        })
        .collect();
    let code = code.strip_prefix('\n').unwrap_or(&code).trim_end();
    let lang = std::iter::once(e)
        .chain(e.children().filter_map(ElementRef::wrap))
        .filter_map(|c| c.value().attr("class"))
        .flat_map(str::split_whitespace)
        .find_map(|c| c.strip_prefix("language-").or_else(|| c.strip_prefix("lang-")))
        .unwrap_or("");
    let fence = "`".repeat(longest_run(code, '`').max(2) + 1);
    format!("{fence}{lang}\n{code}\n{fence}")
}

/// A table as a GFM table: the first row is the header.
fn table(e: ElementRef) -> Option<String> {
    let tr = Selector::parse("tr").ok()?;
    let cell = Selector::parse("th, td").ok()?;
    let rows: Vec<Vec<String>> = e
        .select(&tr)
        .map(|r| r.select(&cell).map(|c| cell_text(&paragraph(c).replace("\\\n", " "))).collect::<Vec<_>>())
        .filter(|r| !r.is_empty())
        .collect();
    let width = rows.iter().map(Vec::len).max()?;
    let line = |r: &[String]| {
        let cells: Vec<&str> = (0..width).map(|i| r.get(i).map_or("", String::as_str)).collect();
        format!("| {} |", cells.join(" | "))
    };
    let mut out = vec![line(&rows[0]), format!("|{}", " --- |".repeat(width))];
    out.extend(rows[1..].iter().map(|r| line(r)));
    Some(out.join("\n"))
}

/// A table cell's markdown with every `|` escaped (GFM needs it even inside code spans).
fn cell_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut prev = ' ';
    for c in text.chars() {
        if c == '|' && prev != '\\' {
            out.push('\\');
        }
        out.push(c);
        prev = c;
    }
    out
}

fn longest_run(text: &str, c: char) -> usize {
    text.split(|x| x != c).map(str::len).max().unwrap_or(0)
}

/// Whitespace runs as one space, trimmed.
pub fn squash(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}
