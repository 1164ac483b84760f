//! One pass over pulldown-cmark's events turns a page body into [`Rendered`].
//!
//! The pass rewrites only what the site needs and leaves everything else to pulldown-cmark's own
//! HTML writer: headings get unique anchors (and feed the table of contents), fenced code is
//! highlighted, relative links to `.md` files and assets are rewritten to the site's relative
//! URLs (a link to a page this build leaves out becomes its plain text), tables get a scroll
//! wrapper and GitHub alerts become labelled boxes; the markup around each comes from
//! [`markup::Markup`], the theme's built-in templates. Raw HTML left open cannot leak out of
//! the page ([`balance`]). Other generators' shortcodes and Liquid tags are expanded first
//! ([`shortcodes`]); Mermaid blocks become inline SVG ([`diagram`]).

pub mod balance;
mod call_syntax;
pub mod checklist;
mod diagram;
pub mod highlight;
mod links;
mod liquid;
pub mod markup;
mod shortcodes;
pub mod toc;

use std::path::Path;

use pulldown_cmark::{CodeBlockKind, CowStr, Event, HeadingLevel, Options as CmarkOptions, Parser, Tag, TagEnd};

use crate::checklist::Checklist;
use crate::content::ids::PageId;
use crate::diagnostic::{Diagnostic, Kind};
pub use checklist::ChecklistOptions;
use checklist::{Lead, LeadKind};
pub use diagram::{Store as DiagramStore, draw as draw_diagram};
pub use links::{Resolver, Target};
use markup::Markup;
pub use shortcodes::Call;
use toc::{Anchors, TocEntry};

/// How many warnings one page reports; the rest are counted in one more warning.
pub const MAX_WARNINGS: usize = 50;

/// What Liquid's `site.*` variables name.
#[derive(Debug, Clone, Copy, Default)]
pub struct SiteInfo<'a> {
    /// `base_url` (`site.url`).
    pub base_url: &'a str,
    /// The site title (`site.title`).
    pub title: &'a str,
}

/// A link to an anchor on another page (or this one), checked once every page is rendered.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct AnchorLink {
    /// Target page; `None` means the page itself.
    pub page: Option<PageId>,
    /// The fragment, without `#`.
    pub anchor: String,
    /// 1-based line and column in the source file.
    pub line: usize,
    /// Column.
    pub col: usize,
}

/// What rendering one page produces (kept between builds by the build cache, hence serde).
#[derive(Debug, Clone, Default, serde::Serialize, serde::Deserialize)]
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
    /// Diagrams shown as their source, to be drawn later ([`DiagramStore::later`]).
    pub undrawn: usize,
    /// Broken links and the like.
    pub warnings: Vec<Diagnostic>,
    /// Markup templates that failed.
    pub errors: Vec<Diagnostic>,
}

/// How to render one page.
pub struct Options<'a> {
    /// Highlight fenced code with these schemes (`None`: plain code).
    pub highlight: Option<&'a highlight::Schemes>,
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
    /// The markup templates.
    pub markup: &'a dyn Markup,
    /// Jekyll's `_includes/` folder beside the content, for `{% include %}`.
    pub includes: Option<&'a Path>,
    /// Hugo's `assets/` folder beside the content, for the `include` shortcode.
    pub assets: Option<&'a Path>,
    /// Values of Liquid's `site.*`.
    pub site: SiteInfo<'a>,
    /// Where drawn diagrams are kept between builds, if anywhere.
    pub diagrams: Option<&'a dyn DiagramStore>,
}

/// The markdown dialect of GUIDE §3.
pub(crate) fn cmark_options() -> CmarkOptions {
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
    // Shortcodes and Liquid first; positions in the expanded text map back to the author's.
    let expanded = pass.expand(body);
    let body = match expanded {
        Some(e) => {
            pass.map = Some(e.map);
            std::borrow::Cow::Owned(e.text)
        }
        None => std::borrow::Cow::Borrowed(body),
    };
    let body: &str = &body;
    let mut events: Vec<Event<'_>> = Vec::with_capacity(body.len() / 16);
    let mut parser = Parser::new_ext(body, cmark_options()).into_offset_iter();
    // Block containers open around the current event; `<!--more-->` only counts outside them.
    let mut depth = 0usize;
    let mut summary_end: Option<usize> = None;
    // Where the outermost open list started (event index, byte offset) and what came right before.
    let mut outer_list: Option<(usize, usize, Option<Lead>)> = None;
    let mut list_depth = 0usize;
    let mut paragraph_start = 0usize;
    // Where each open table and alert started, to hand their content to the markup.
    let mut wrappers: Vec<usize> = Vec::new();
    let mut raw_html = false;
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
        if matches!(event, Event::Html(_) | Event::InlineHtml(_)) {
            raw_html = true;
        }
        match event {
            Event::Start(Tag::Heading { level, id, classes, attrs }) => {
                let mut inner = Vec::new();
                for (e, r) in parser.by_ref() {
                    if matches!(e, Event::End(TagEnd::Heading(_))) {
                        break;
                    }
                    raw_html |= matches!(e, Event::Html(_) | Event::InlineHtml(_));
                    inner.extend(pass.rewrite_link(e, r.start));
                }
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
                events.push(Event::Html(pass.code_block(&lang, &code, range.start).into()));
            }
            Event::Start(Tag::Table(_)) | Event::Start(Tag::BlockQuote(Some(_))) => {
                wrappers.push(events.len());
                events.push(event);
            }
            Event::End(TagEnd::Table) => {
                events.push(event);
                let start = wrappers.pop().unwrap_or(0);
                let html = pass.html_of(events.drain(start..));
                let wrapped = opts.markup.table(&html);
                events.push(Event::Html(pass.markup_result(wrapped).into()));
            }
            Event::End(TagEnd::BlockQuote(Some(kind))) => {
                let start = wrappers.pop().unwrap_or(0);
                // The opening event is ours to replace: only the alert's content is rendered.
                let content = pass.html_of(events.drain(start..).skip(1));
                let alert = opts.markup.alert(markup::alert_kind(kind), &content);
                events.push(Event::Html(pass.markup_result(alert).into()));
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
            Event::Text(ref t) => {
                pass.word_count += t.split_whitespace().count();
                events.push(event);
            }
            other => events.extend(pass.rewrite_link(other, range.start)),
        }
    }
    pass.unused_checklist_heading();
    let summary = summary_end.map(|end| {
        let mut summary = String::new();
        pulldown_cmark::html::push_html(&mut summary, events[..end].iter().cloned());
        let summary = summary.trim_end();
        if raw_html { balance::balanced(summary) } else { summary.to_string() }
    });
    let mut html = String::with_capacity(body.len() * 3 / 2);
    pulldown_cmark::html::push_html(&mut html, events.into_iter());
    if raw_html {
        html = balance::balanced(&html);
    }
    pass.finish_warnings();
    Rendered {
        html,
        toc: toc::nest(pass.toc),
        ids: pass.ids,
        summary,
        title: pass.title,
        anchor_links: pass.anchor_links,
        word_count: pass.word_count,
        checklists: pass.checklists,
        undrawn: pass.undrawn,
        warnings: pass.warnings,
        errors: pass.errors,
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
    /// Warnings beyond [`MAX_WARNINGS`], counted.
    more_warnings: usize,
    /// Markup templates that failed.
    errors: Vec<Diagnostic>,
    /// For each open link or image: whether it was dropped (it points at a left-out page).
    links: Vec<bool>,
    /// The heading or paragraph that just ended, which a list may directly follow.
    lead: Option<Lead>,
    /// Text of the latest heading, to title a task list that follows no heading.
    last_heading: Option<String>,
    /// Where a `.checklist` heading still waits for its list.
    marked_heading: Option<(usize, usize)>,
    checklists: Vec<Checklist>,
    /// Mermaid diagrams drawn so far (their ids are prefixed with the count).
    diagrams: usize,
    /// Mermaid diagrams left to draw later.
    undrawn: usize,
    /// Offsets of the text after shortcodes were expanded, mapped back to the body's.
    map: Option<Vec<(usize, usize, bool)>>,
    /// Open paired shortcodes: name, the HTML their closing call writes, block or inline.
    closes: Vec<(String, String, bool)>,
    /// For a closing call (by name), the offset from which none follows: a page of many
    /// unclosed calls is then scanned once, not once per call.
    unclosed: std::collections::HashMap<String, usize>,
    /// Each Hugo name's last closing call in the body, found once when first needed.
    closers: Option<std::collections::HashMap<String, usize>>,
    /// The last [`Pass::position`] answer: (line start, offset, column).
    last_position: std::cell::Cell<(usize, usize, usize)>,
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
            more_warnings: 0,
            errors: Vec::new(),
            links: Vec::new(),
            lead: None,
            last_heading: None,
            marked_heading: None,
            checklists: Vec::new(),
            diagrams: 0,
            undrawn: 0,
            map: None,
            closes: Vec::new(),
            unclosed: std::collections::HashMap::new(),
            closers: None,
            last_position: std::cell::Cell::new((usize::MAX, 0, 1)),
        }
    }

    /// File line and column of a byte offset in the body.
    fn position(&self, offset: usize) -> (usize, usize) {
        let offset = self.map.as_ref().map_or(offset, |m| shortcodes::original(m, offset));
        let line = self.line_starts.partition_point(|&s| s <= offset).max(1);
        let start = self.line_starts[line - 1];
        // Columns count characters from the line's start; counting on from the last position
        // asked for on the same line keeps a page with one huge line linear.
        let (last_start, last_offset, last_col) = self.last_position.get();
        let (from, base) =
            if last_start == start && last_offset <= offset { (last_offset, last_col) } else { (start, 1) };
        let Some(between) = self.body.get(from..offset) else { return (line + self.opts.first_line - 1, 1) };
        let col = base + between.chars().count();
        self.last_position.set((start, offset, col));
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
        let mut kept = Vec::new();
        for (key, value) in attrs {
            // `role=` names a mentoring role, not an ARIA role: keep it as data.
            let key = if key.as_ref() == "role" { "data-role".to_string() } else { key.to_string() };
            if key.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_') {
                let bare = value.is_none();
                let value = value.as_ref().map(|v| v.to_string()).unwrap_or_default();
                kept.push(markup::Attr { name: key, value, bare });
            }
        }
        let classes: Vec<&str> = classes.iter().map(|c| c.as_ref()).collect();
        let heading = markup::Heading { level: n, id, classes: classes.join(" "), attrs: kept, html: inner_html };
        let html = self.markup_result(self.opts.markup.heading(&heading));
        Some((html, lead))
    }

    /// Warns about a `.checklist` heading that no list followed.
    fn unused_checklist_heading(&mut self) {
        if let Some((line, col)) = self.marked_heading.take() {
            let message = "a heading marked `.checklist` must be followed directly by a list".into();
            self.warn(line, col, Kind::General, message);
        }
    }

    /// The markup a template wrote, or nothing after recording its error.
    fn markup_result(&mut self, result: Result<String, Diagnostic>) -> String {
        result.unwrap_or_else(|e| {
            if !self.errors.contains(&e) {
                self.errors.push(e);
            }
            String::new()
        })
    }

    /// Rendered HTML of some events (a table's, an alert's content).
    fn html_of<'e>(&mut self, events: impl Iterator<Item = Event<'e>>) -> String {
        // What led up to those events is gone with them.
        self.lead = None;
        let mut html = String::new();
        pulldown_cmark::html::push_html(&mut html, events);
        html
    }

    /// Records a warning, up to [`MAX_WARNINGS`] for the page.
    fn warn(&mut self, line: usize, col: usize, kind: Kind, message: String) {
        if self.warnings.len() < MAX_WARNINGS {
            self.warnings.push(Diagnostic::warning(self.opts.path, line, col, message).with_kind(kind));
        } else {
            self.more_warnings += 1;
        }
    }

    /// Adds the count of the warnings beyond [`MAX_WARNINGS`], if any.
    fn finish_warnings(&mut self) {
        if self.more_warnings > 0 {
            let message = format!("{} more warnings in this file not shown", self.more_warnings);
            self.warnings.push(Diagnostic::warning(self.opts.path, 0, 0, message));
        }
    }
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

#[cfg(test)]
mod tests;
