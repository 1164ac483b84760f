//! The HTML the markdown pass writes around content (heading anchors, checklist forms, alert
//! boxes, table wrappers) comes from built-in templates a theme can override, as Zola's
//! builtins do. This module says what each one is given; `render` implements [`Markup`] with
//! Tera, so `markdown` never depends on the template engine.

use pulldown_cmark::BlockQuoteKind;
use serde::Serialize;

use crate::diagnostic::Diagnostic;

/// Writes the markup around a piece of content; an `Err` is a template error, reported once
/// for the whole site.
pub trait Markup: Sync {
    /// A heading with its anchor.
    fn heading(&self, heading: &Heading) -> Result<String, Diagnostic>;
    /// A checklist form.
    fn checklist(&self, checklist: &ChecklistForm) -> Result<String, Diagnostic>;
    /// A GitHub alert (`> [!NOTE]`) around its rendered content.
    fn alert(&self, kind: &str, content: &str) -> Result<String, Diagnostic>;
    /// A table, already rendered, in its scroll wrapper.
    fn table(&self, table: &str) -> Result<String, Diagnostic>;
    /// A Mermaid diagram drawn as SVG.
    fn diagram(&self, diagram: &DiagramForm) -> Result<String, Diagnostic>;
    /// A shortcode call by its template `shortcodes/NAME.html`; `None` when there is none.
    fn shortcode(&self, call: &super::Call) -> Option<Result<String, Diagnostic>>;
    /// True when there is a template `shortcodes/NAME.html`.
    fn has_shortcode(&self, name: &str) -> bool;
}

/// What the heading template sees as `heading`.
#[derive(Debug, Serialize)]
pub struct Heading {
    /// 1–6.
    pub level: u8,
    /// Unique anchor id on the page.
    pub id: String,
    /// Classes from `{.a .b}`, space-separated (may be empty).
    pub classes: String,
    /// Other attributes from `{key=value}` (`role=` arrives as `data-role`), in order.
    pub attrs: Vec<Attr>,
    /// The heading's inline HTML.
    pub html: String,
}

/// An attribute written on a heading.
#[derive(Debug, Serialize)]
pub struct Attr {
    /// Its name.
    pub name: String,
    /// Its value (empty when bare).
    pub value: String,
    /// Written without a value (`{hidden}`).
    pub bare: bool,
}

/// What the checklist template sees as `checklist`.
#[derive(Debug, Serialize)]
pub struct ChecklistForm {
    /// Stable id (page path `#` anchor).
    pub id: String,
    /// Its anchor on the page.
    pub anchor: String,
    /// The form carries the anchor itself (no heading above does).
    pub own_anchor: bool,
    /// Title (the legend).
    pub title: String,
    /// Role id, or empty for everyone.
    pub role: String,
    /// Role label ("Mentors"), or empty for everyone.
    pub role_label: String,
    /// Title of the page it is on, when the markdown knows it (front matter or first heading).
    pub page_title: String,
    /// The legend repeats a heading or lead-in the reader already sees: show it only to screen
    /// readers.
    pub legend_hidden: bool,
    /// A numbered list.
    pub ordered: bool,
    /// The first number of a numbered list that does not start at 1.
    pub start: Option<u64>,
    /// Items in order.
    pub items: Vec<ItemForm>,
    /// Items ticked in the source.
    pub done: usize,
    /// Number of items.
    pub total: usize,
    /// The id of the empty element a print link aims at ([`crate::checklist::Checklist::print_anchor`]).
    pub print_anchor: String,
    /// In-page link that prints only this checklist (`#print-<anchor>`).
    pub print_url: String,
}

/// One checklist item.
#[derive(Debug, Serialize)]
pub struct ItemForm {
    /// Stable id.
    pub id: String,
    /// Ticked in the source.
    pub checked: bool,
    /// HTML before the label (an opening paragraph of a loose list).
    pub before: String,
    /// The label's inline HTML.
    pub label: String,
    /// HTML after the label (nested lists, further paragraphs).
    pub after: String,
}

/// What the diagram template sees as `diagram`: the SVG, split where the template adds its
/// role and accessible name (`<svg {{ svg_attrs }} role="img" aria-label="…">{{ svg_inner }}`).
#[derive(Debug, Serialize)]
pub struct DiagramForm {
    /// The attributes of the `<svg>` tag as drawn (size, `viewBox`, namespace).
    pub svg_attrs: String,
    /// The SVG's children and its closing tag.
    pub svg_inner: String,
    /// The diagram's title (`accTitle:`, `title`), or else the words it shows.
    pub name: String,
    /// Its kind, lowercase (`flowchart`, `sequencediagram`), for a CSS class.
    pub kind: String,
}

/// The name of a GitHub alert kind, as the alert template sees it.
pub fn alert_kind(kind: BlockQuoteKind) -> &'static str {
    match kind {
        BlockQuoteKind::Note => "note",
        BlockQuoteKind::Tip => "tip",
        BlockQuoteKind::Important => "important",
        BlockQuoteKind::Warning => "warning",
        BlockQuoteKind::Caution => "caution",
    }
}
