//! One pass over pulldown-cmark's events turns a page body into [`Rendered`].
//!
//! The pass rewrites only what the site needs and leaves everything else to pulldown-cmark's own
//! HTML writer: headings get unique anchors (and feed the table of contents), fenced code is
//! highlighted, relative links to `.md` files and assets are rewritten to the site's relative
//! URLs, tables get a scroll wrapper and GitHub alerts become labelled boxes. Other generators'
//! shortcodes and Liquid tags are plain text here and pass through untouched.

pub mod checklist;
pub mod highlight;
pub mod toc;

use std::path::Path;

use pulldown_cmark::{
    BlockQuoteKind, CodeBlockKind, CowStr, Event, HeadingLevel, Options as CmarkOptions, Parser, Tag, TagEnd,
};

use crate::checklist::Checklist;
use crate::content::url;
use crate::diagnostic::{BROKEN_LINK, Diagnostic};
pub use checklist::ChecklistOptions;
use checklist::{Lead, LeadKind};
use highlight::escape_html;
use toc::{Anchors, TocEntry};

/// Where a link inside the site points.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Target {
    /// Root-relative URL of the page, section or asset.
    pub url: String,
    /// Index of the page (or section index) in the library, for anchor checks.
    pub page: Option<usize>,
}

/// Maps a content-relative path (`mentees/goals.md`, `mentees`, `img/a.png`) to its URL.
pub trait Resolver: Sync {
    /// `None` when nothing in the site has that path.
    fn resolve(&self, content_path: &str) -> Option<Target>;

    /// The page, section or asset at a root-relative output URL (`a/b/`, `img/x.png`).
    fn resolve_url(&self, url: &str) -> Option<Target>;
}

/// A link to an anchor on another page (or this one), checked once every page is rendered.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AnchorLink {
    /// Target page index; `None` means the page itself.
    pub page: Option<usize>,
    /// The fragment, without `#`.
    pub anchor: String,
    /// 1-based line and column in the source file.
    pub line: usize,
    /// Column.
    pub col: usize,
}

/// What rendering one page produces.
#[derive(Debug, Clone, Default)]
pub struct Rendered {
    /// The body as HTML.
    pub html: String,
    /// Nested table of contents (the title heading excluded).
    pub toc: Vec<TocEntry>,
    /// Every id a heading got, for anchor checks.
    pub ids: Vec<String>,
    /// HTML before `<!--more-->`, if the page has one.
    pub summary: Option<String>,
    /// Text of the first `# ` heading when it was taken as the title (and left out of `html`).
    pub title: Option<String>,
    /// Links with a fragment, to check once all pages are known.
    pub anchor_links: Vec<AnchorLink>,
    /// Words of prose (code excluded).
    pub word_count: usize,
    /// Checklists found, in page order.
    pub checklists: Vec<Checklist>,
    /// Broken links and the like.
    pub warnings: Vec<Diagnostic>,
}

/// How to render one page.
pub struct Options<'a> {
    /// Highlight fenced code.
    pub highlight: bool,
    /// The title when known before rendering; `None` takes the first `# ` heading as the title.
    /// Either way that heading is left out of the body (a known title only when it matches).
    pub known_title: Option<&'a str>,
    /// Write page links ending in `index.html`.
    pub index_html: bool,
    /// Content-relative folder of the source file (`""` for the top).
    pub source_dir: &'a str,
    /// Root-relative URL of the page being rendered.
    pub page_url: &'a str,
    /// Resolves links to other files of the site.
    pub resolver: &'a dyn Resolver,
    /// The source file, for messages.
    pub path: &'a Path,
    /// 1-based line of the file where the body starts.
    pub first_line: usize,
    /// Roles and rules for finding checklists.
    pub checklists: ChecklistOptions<'a>,
}

/// The markdown dialect of GUIDE §3.
fn cmark_options() -> CmarkOptions {
    CmarkOptions::ENABLE_TABLES
        | CmarkOptions::ENABLE_FOOTNOTES
        | CmarkOptions::ENABLE_STRIKETHROUGH
        | CmarkOptions::ENABLE_TASKLISTS
        | CmarkOptions::ENABLE_HEADING_ATTRIBUTES
        | CmarkOptions::ENABLE_SMART_PUNCTUATION
        | CmarkOptions::ENABLE_GFM
}

/// Renders `body` to HTML with the site's rewrites.
pub fn render(body: &str, opts: &Options<'_>) -> Rendered {
    let mut pass = Pass::new(body, opts);
    let mut events: Vec<Event<'_>> = Vec::with_capacity(body.len() / 16);
    let mut parser = Parser::new_ext(body, cmark_options()).into_offset_iter();
    // Block containers open around the current event; `<!--more-->` only counts outside them.
    let mut depth = 0usize;
    let mut summary_end: Option<usize> = None;
    // Where the outermost open list started (event index, byte offset) and what came right before.
    let mut outer_list: Option<(usize, usize, Option<Lead>)> = None;
    let mut list_depth = 0usize;
    let mut paragraph_start = 0usize;
    while let Some((event, range)) = parser.next() {
        match &event {
            Event::Start(
                Tag::List(_) | Tag::Item | Tag::BlockQuote(_) | Tag::Table(_) | Tag::FootnoteDefinition(_),
            ) => depth += 1,
            Event::End(
                TagEnd::List(_) | TagEnd::Item | TagEnd::BlockQuote(_) | TagEnd::Table | TagEnd::FootnoteDefinition,
            ) => depth = depth.saturating_sub(1),
            Event::Html(h) if depth == 0 && summary_end.is_none() && h.contains("<!--more-->") => {
                summary_end = Some(events.len())
            }
            _ => {}
        }
        match event {
            Event::Start(Tag::Heading { level, id, classes, attrs }) => {
                let mut inner = Vec::new();
                for (e, _) in parser.by_ref() {
                    if matches!(e, Event::End(TagEnd::Heading(_))) {
                        break;
                    }
                    inner.push(e);
                }
                let inner = inner.into_iter().map(|e| pass.rewrite_link(e, range.start)).collect();
                if let Some((html, lead)) = pass.heading(level, id, &classes, &attrs, inner, range.start) {
                    events.push(Event::Html(html.into()));
                    pass.lead = Some(Lead { at: events.len(), kind: lead });
                }
            }
            Event::Start(Tag::CodeBlock(kind)) => {
                let lang = match kind {
                    CodeBlockKind::Fenced(info) => {
                        info.split([' ', ',', '{']).next().unwrap_or("").trim_start_matches('.').to_string()
                    }
                    CodeBlockKind::Indented => String::new(),
                };
                let mut code = String::new();
                for (e, _) in parser.by_ref() {
                    match e {
                        Event::Text(t) => code.push_str(&t),
                        Event::End(TagEnd::CodeBlock) => break,
                        _ => {}
                    }
                }
                events.push(Event::Html(highlight::code_block(&lang, &code, opts.highlight).into()));
            }
            Event::Start(Tag::Table(_)) => {
                // Focusable so keyboard users can scroll a wide table (WCAG 2.1.1).
                events.push(Event::Html(
                    "<div class=\"table-wrap\" tabindex=\"0\" role=\"region\" aria-label=\"Table\">".into(),
                ));
                events.push(event);
            }
            Event::Start(Tag::List(_)) => {
                if list_depth == 0 {
                    let lead = pass.lead.take().filter(|l| l.at == events.len());
                    outer_list = Some((events.len(), range.start, lead));
                }
                list_depth += 1;
                events.push(event);
            }
            Event::End(TagEnd::List(_)) => {
                events.push(event);
                list_depth -= 1;
                if list_depth == 0
                    && let Some((start, offset, lead)) = outer_list.take()
                {
                    pass.finish_list(&mut events, start, offset, lead);
                }
            }
            Event::Start(Tag::Paragraph) => {
                events.push(event);
                paragraph_start = events.len();
            }
            Event::End(TagEnd::Paragraph) => {
                let kind = LeadKind::Paragraph { start: paragraph_start, end: events.len() };
                events.push(event);
                pass.lead = Some(Lead { at: events.len(), kind });
            }
            Event::End(TagEnd::Table) => {
                events.push(event);
                events.push(Event::Html("</div>\n".into()));
            }
            Event::Start(Tag::BlockQuote(Some(kind))) => events.push(Event::Html(alert_open(kind).into())),
            Event::End(TagEnd::BlockQuote(Some(_))) => events.push(Event::Html("</div>\n".into())),
            Event::Text(ref t) => {
                pass.word_count += t.split_whitespace().count();
                events.push(event);
            }
            other => events.push(pass.rewrite_link(other, range.start)),
        }
    }
    pass.unused_checklist_heading();
    let summary = summary_end.map(|end| {
        let mut summary = String::new();
        pulldown_cmark::html::push_html(&mut summary, events[..end].iter().cloned());
        summary.trim_end().to_string()
    });
    let mut html = String::with_capacity(body.len() * 3 / 2);
    pulldown_cmark::html::push_html(&mut html, events.into_iter());
    Rendered {
        html,
        toc: toc::nest(pass.toc),
        ids: pass.ids,
        summary,
        title: pass.title,
        anchor_links: pass.anchor_links,
        word_count: pass.word_count,
        checklists: pass.checklists,
        warnings: pass.warnings,
    }
}

/// State of the single pass over one page.
struct Pass<'a, 'o> {
    opts: &'a Options<'o>,
    body: &'a str,
    line_starts: Vec<usize>,
    anchors: Anchors,
    toc: Vec<TocEntry>,
    ids: Vec<String>,
    title: Option<String>,
    anchor_links: Vec<AnchorLink>,
    word_count: usize,
    warnings: Vec<Diagnostic>,
    /// The heading or paragraph that just ended, which a list may directly follow.
    lead: Option<Lead>,
    /// Text of the latest heading, to title a task list that follows no heading.
    last_heading: Option<String>,
    /// Where a `.checklist` heading still waits for its list.
    marked_heading: Option<(usize, usize)>,
    checklists: Vec<Checklist>,
}

impl<'a, 'o> Pass<'a, 'o> {
    fn new(body: &'a str, opts: &'a Options<'o>) -> Self {
        let line_starts = std::iter::once(0).chain(body.match_indices('\n').map(|(i, _)| i + 1)).collect();
        Pass {
            opts,
            body,
            line_starts,
            // The default theme's skip link targets `<main id="main">`.
            anchors: Anchors::reserving(&["main"]),
            toc: Vec::new(),
            ids: Vec::new(),
            title: None,
            anchor_links: Vec::new(),
            word_count: 0,
            warnings: Vec::new(),
            lead: None,
            last_heading: None,
            marked_heading: None,
            checklists: Vec::new(),
        }
    }

    /// File line and column of a byte offset in the body.
    fn position(&self, offset: usize) -> (usize, usize) {
        let line = self.line_starts.partition_point(|&s| s <= offset).max(1);
        let start = self.line_starts[line - 1];
        let col = self.body.get(start..offset).map_or(1, |s| s.chars().count() + 1);
        (line + self.opts.first_line - 1, col)
    }

    /// Emits a heading with its anchor (and what a list after it needs to know), or takes it as
    /// the title (returns `None`).
    fn heading(
        &mut self,
        level: HeadingLevel,
        id: Option<CowStr<'_>>,
        classes: &[CowStr<'_>],
        attrs: &[(CowStr<'_>, Option<CowStr<'_>>)],
        inner: Vec<Event<'_>>,
        offset: usize,
    ) -> Option<(String, LeadKind)> {
        let text = plain_text(&inner);
        self.word_count += text.split_whitespace().count();
        if level == HeadingLevel::H1 && self.title.is_none() && !text.trim().is_empty() {
            let repeats_title = self.opts.known_title.is_none_or(|t| t.trim() == text.trim());
            if repeats_title {
                self.title = Some(text.trim().to_string());
                return None;
            }
        }
        let id = self.anchors.unique(id.map_or_else(|| toc::anchor(&text), |i| i.to_string()));
        self.ids.push(id.clone());
        let n = level as u8;
        self.toc.push(TocEntry { level: n, id: id.clone(), title: text.trim().to_string(), children: Vec::new() });
        let (line, col) = self.position(offset);
        let marked = classes.iter().any(|c| c.as_ref() == "checklist");
        if marked {
            self.unused_checklist_heading();
            self.marked_heading = Some((line, col));
        }
        let role =
            attrs.iter().find(|(k, _)| k.as_ref() == "role").and_then(|(_, v)| v.as_ref().map(|v| v.to_string()));
        let lead = LeadKind::Heading { id: id.clone(), text: text.trim().to_string(), marked, role, line, col };
        self.last_heading = Some(text.trim().to_string());
        let mut inner_html = String::new();
        pulldown_cmark::html::push_html(&mut inner_html, inner.into_iter());
        let mut open = format!("<h{n} id=\"{}\"", escape_html(&id));
        if !classes.is_empty() {
            let classes: Vec<&str> = classes.iter().map(|c| c.as_ref()).collect();
            open.push_str(&format!(" class=\"{}\"", escape_html(&classes.join(" "))));
        }
        for (key, value) in attrs {
            // `role=` names a mentoring role, not an ARIA role: keep it as data.
            let key = if key.as_ref() == "role" { "data-role".to_string() } else { key.to_string() };
            if !key.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_') {
                continue;
            }
            match value {
                Some(v) => open.push_str(&format!(" {key}=\"{}\"", escape_html(v))),
                None => open.push_str(&format!(" {key}")),
            }
        }
        let html = format!(
            "{open}>{inner_html}<a class=\"anchor\" href=\"#{}\" aria-hidden=\"true\" tabindex=\"-1\">#</a></h{n}>\n",
            escape_html(&id)
        );
        Some((html, lead))
    }

    /// Warns about a `.checklist` heading that no list followed.
    fn unused_checklist_heading(&mut self) {
        if let Some((line, col)) = self.marked_heading.take() {
            self.warn(line, col, "a heading marked `.checklist` must be followed directly by a list".into());
        }
    }

    /// Rewrites relative link and image destinations; other events pass through.
    fn rewrite_link<'e>(&mut self, event: Event<'e>, offset: usize) -> Event<'e> {
        match event {
            Event::Start(Tag::Link { link_type, dest_url, title, id }) => {
                let dest_url = self.rewrite_dest(dest_url, offset);
                Event::Start(Tag::Link { link_type, dest_url, title, id })
            }
            Event::Start(Tag::Image { link_type, dest_url, title, id }) => {
                let dest_url = self.rewrite_dest(dest_url, offset);
                Event::Start(Tag::Image { link_type, dest_url, title, id })
            }
            other => other,
        }
    }

    /// Finds what a link points at and writes it relative to this page. Tried in order: a path
    /// relative to the source file (`../mentees/goals.md`, as on a git host), a site URL relative
    /// to the page (`notes/`, Hugo style), a site URL from the root (`/mentees/goals/`). A link
    /// that resolves nowhere is a warning and stays as written.
    fn rewrite_dest<'e>(&mut self, dest: CowStr<'e>, offset: usize) -> CowStr<'e> {
        let (line, col) = self.position(offset);
        if let Some(anchor) = dest.strip_prefix('#') {
            self.anchor_links.push(AnchorLink { page: None, anchor: url::decode_path(anchor), line, col });
            return dest;
        }
        let root_relative = dest.starts_with('/') && !dest.starts_with("//");
        if !root_relative && !is_relative(&dest) {
            return dest;
        }
        let (path_and_query, fragment) = dest.split_once('#').map_or((dest.as_ref(), None), |(p, f)| (p, Some(f)));
        let (path, query) = path_and_query.split_once('?').map_or((path_and_query, None), |(p, q)| (p, Some(q)));
        let path = url::decode_path(path);
        let resolver = self.opts.resolver;
        let target = if root_relative {
            url::join("", &path).and_then(|p| resolver.resolve_url(&p))
        } else {
            url::join(self.opts.source_dir, &path)
                .and_then(|p| resolver.resolve(&p))
                .or_else(|| url::join(self.opts.page_url, &path).and_then(|u| resolver.resolve_url(&u)))
        };
        let Some(target) = target else {
            self.warn(line, col, format!("{BROKEN_LINK} page or file: `{dest}`"));
            return dest;
        };
        if let (Some(fragment), Some(page)) = (fragment, target.page) {
            self.anchor_links.push(AnchorLink { page: Some(page), anchor: url::decode_path(fragment), line, col });
        }
        let mut href = url::root_prefix(self.opts.page_url);
        href.push_str(&url::encode_path(&url::link_form(&target.url, self.opts.index_html)));
        if let Some(q) = query {
            href.push('?');
            href.push_str(q);
        }
        if let Some(f) = fragment {
            href.push('#');
            href.push_str(f);
        }
        href.into()
    }

    fn warn(&mut self, line: usize, col: usize, message: String) {
        self.warnings.push(Diagnostic::warning(self.opts.path, line, col, message));
    }
}

/// True for links that point into the site by a relative path (not `http:`, `mailto:`, `/x`, `//x`).
fn is_relative(dest: &str) -> bool {
    if dest.is_empty() || dest.starts_with('/') || dest.starts_with('?') {
        return false;
    }
    let scheme_end = dest.find(|c: char| !(c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.')));
    let has_scheme = matches!(scheme_end, Some(i) if i > 0 && dest[i..].starts_with(':'))
        && dest.as_bytes()[0].is_ascii_alphabetic();
    !has_scheme
}

/// The text of inline events, as a screen reader or a TOC would show it.
fn plain_text(events: &[Event<'_>]) -> String {
    let mut text = String::new();
    for e in events {
        match e {
            Event::Text(t) | Event::Code(t) => text.push_str(t),
            Event::SoftBreak | Event::HardBreak => text.push(' '),
            _ => {}
        }
    }
    text
}

fn alert_open(kind: BlockQuoteKind) -> String {
    let (class, label) = match kind {
        BlockQuoteKind::Note => ("note", "Note"),
        BlockQuoteKind::Tip => ("tip", "Tip"),
        BlockQuoteKind::Important => ("important", "Important"),
        BlockQuoteKind::Warning => ("warning", "Warning"),
        BlockQuoteKind::Caution => ("caution", "Caution"),
    };
    format!("<div class=\"alert alert-{class}\" role=\"note\"><p class=\"alert-title\">{label}</p>\n")
}

#[cfg(test)]
mod tests;
