//! Finding checklists in a page's lists and writing them as tickable fieldsets (GUIDE §4).
//!
//! The main pass hands over every outermost list once it has ended, with what came directly
//! before it (a heading or a paragraph). A list is a checklist when it is a task list, when the
//! heading before it has the class `.checklist`, or — so that articles written with no markup at
//! all still yield their checklists — when that heading, or a lead-in paragraph ending in `:`,
//! names a role's keyword. A checklist becomes a `<form>` holding a `<fieldset>` of enabled,
//! labelled checkboxes, so it reads and ticks without JavaScript and its reset button works
//! natively; the theme's script adds saving and the live count. Other lists keep their markup,
//! and task markers nested in them become disabled, labelled boxes.

use pulldown_cmark::{Event, Tag, TagEnd};

use super::highlight::escape_html;
use super::{Pass, plain_text, toc};
use crate::checklist::{self, Checklist, Item, Role};
use crate::content::url;

/// Longest lead-in (in characters) that titles its checklist.
const MAX_LEAD_TITLE: usize = 60;

/// What the page knows that checklists need.
#[derive(Debug, Clone, Copy)]
pub struct ChecklistOptions<'a> {
    /// The site's roles.
    pub roles: &'a [Role],
    /// GUIDE §4 rule 3 (lists after a heading or lead-in naming a role) is on.
    pub detect: bool,
    /// The page's `roles` front matter, when it names exactly one role.
    pub page_role: Option<&'a str>,
}

/// The block directly before a list: where it ended in the event list, and what it was.
#[derive(Debug, Clone)]
pub(super) struct Lead {
    /// `events.len()` right after the block; a list starting there follows it directly.
    pub at: usize,
    /// Heading or paragraph.
    pub kind: LeadKind,
}

/// A heading (already written, with its anchor) or a paragraph (its events' range).
#[derive(Debug, Clone)]
pub(super) enum LeadKind {
    Heading { id: String, text: String, marked: bool, role: Option<String>, line: usize, col: usize },
    Paragraph { start: usize, end: usize },
}

impl Pass<'_, '_> {
    /// Called when an outermost list ends: `events[start..]` is that list.
    pub(super) fn finish_list(&mut self, events: &mut Vec<Event<'_>>, start: usize, offset: usize, lead: Option<Lead>) {
        let lead_text = match &lead {
            Some(Lead { kind: LeadKind::Heading { text, .. }, .. }) => Some(text.trim().to_string()),
            Some(Lead { kind: LeadKind::Paragraph { start, end }, .. }) => {
                Some(plain_text(&events[*start..*end]).trim().to_string()).filter(|t| t.ends_with(':'))
            }
            None => None,
        };
        let marked = matches!(&lead, Some(Lead { kind: LeadKind::Heading { marked: true, .. }, .. }));
        if marked {
            self.marked_heading = None;
        }
        let opts = self.opts.checklists;
        let named = lead_text.as_deref().and_then(|t| checklist::named_role(t, opts.roles));
        let is_task_list =
            direct_items(&events[start..]).iter().any(|&(s, _)| marker_at(&events[start..], s).is_some());
        if !(is_task_list || marked || (opts.detect && named.is_some())) {
            let mut list: Vec<Event<'_>> = events.drain(start..).collect();
            disabled_task_labels(&mut list);
            events.extend(list);
            return;
        }
        let (line, _) = self.position(offset);
        let attr_role = match &lead {
            Some(Lead { kind: LeadKind::Heading { role: Some(role), line, col, .. }, .. }) => {
                if opts.roles.iter().any(|r| &r.id == role) {
                    Some(role.clone())
                } else {
                    let known: Vec<&str> = opts.roles.iter().map(|r| r.id.as_str()).collect();
                    let hint = crate::config::did_you_mean(role, &known).map_or_else(
                        || format!("the roles are: {}", known.join(", ")),
                        |k| format!("did you mean `{k}`?"),
                    );
                    self.warn(*line, *col, format!("unknown role `{role}` on a checklist heading; {hint}"));
                    None
                }
            }
            _ => None,
        };
        let role = attr_role.or_else(|| named.map(|r| r.id.clone())).or_else(|| opts.page_role.map(str::to_string));
        let (anchor, title, own_anchor) = match (&lead, &lead_text) {
            (Some(Lead { kind: LeadKind::Heading { id, .. }, .. }), Some(text)) => (id.clone(), text.clone(), false),
            // A short lead-in names its checklist; a long one is a sentence, so the heading above does.
            (_, Some(text)) if text.chars().count() <= MAX_LEAD_TITLE => {
                let title = text.trim_end_matches(':').trim().to_string();
                (self.anchors.unique(toc::anchor(&title)), title, true)
            }
            _ => {
                let title =
                    self.last_heading.clone().or_else(|| self.page_title()).unwrap_or_else(|| "Checklist".into());
                (self.anchors.unique(format!("{}-checklist", toc::anchor(&title))), title, true)
            }
        };
        let id = checklist::checklist_id(self.opts.page_url, &anchor);
        let list: Vec<Event<'_>> = events.drain(start..).collect();
        // The legend repeats a heading or lead-in the reader already sees: screen readers only.
        let shown_above = lead_text.is_some() || self.last_heading.is_some();
        let (html, items) = self.checklist_html(list, &id, &anchor, own_anchor, &title, role.as_deref(), shown_above);
        events.extend(html);
        self.checklists.push(Checklist { id, anchor, title, role, items, line });
    }

    /// The title a checklist with no heading or lead-in falls back to.
    fn page_title(&self) -> Option<String> {
        self.opts.known_title.map(str::to_string).or_else(|| self.title.clone())
    }

    /// Writes `list` as a checklist form; returns its events and items.
    #[allow(clippy::too_many_arguments)]
    fn checklist_html<'e>(
        &self,
        list: Vec<Event<'e>>,
        id: &str,
        anchor: &str,
        own_anchor: bool,
        title: &str,
        role: Option<&str>,
        title_shown_above: bool,
    ) -> (Vec<Event<'e>>, Vec<Item>) {
        let ordered = match &list[0] {
            Event::Start(Tag::List(Some(n))) => Some(*n),
            _ => None,
        };
        let ranges = direct_items(&list);
        let mut items: Vec<Item> = Vec::with_capacity(ranges.len());
        let mut out: Vec<Event<'e>> = Vec::with_capacity(list.len() + ranges.len() * 3 + 4);
        let id_attr = if own_anchor { format!(" id=\"{}\"", escape_html(anchor)) } else { String::new() };
        let role_attr = role.map(|r| format!(" data-role=\"{}\"", escape_html(r))).unwrap_or_default();
        let legend_class = if title_shown_above { " class=\"visually-hidden\"" } else { "" };
        let list_open = match ordered {
            Some(1) => "<ol class=\"checklist-items\">".to_string(),
            Some(n) => format!("<ol class=\"checklist-items\" start=\"{n}\">"),
            None => "<ul class=\"checklist-items\">".to_string(),
        };
        out.push(Event::Html(
            format!(
                "<form class=\"checklist\"{id_attr} autocomplete=\"off\">\n<fieldset data-checklist=\"{}\"{role_attr}>\n<legend{legend_class}>{}</legend>\n{list_open}\n",
                escape_html(id),
                escape_html(title)
            )
            .into(),
        ));
        for (s, e) in &ranges {
            let mut inner: Vec<Event<'e>> = list[s + 1..*e].to_vec();
            let checked = match marker_at(&list, *s) {
                Some(i) => matches!(inner.remove(i - s - 1), Event::TaskListMarker(true)),
                None => false,
            };
            let open = usize::from(matches!(inner.first(), Some(Event::Start(Tag::Paragraph))));
            let close = (open..inner.len()).find(|&i| ends_label(&inner[i])).unwrap_or(inner.len());
            let label = &inner[open..close];
            let text = plain_text(label).trim().to_string();
            let mut item_html = String::new();
            pulldown_cmark::html::push_html(&mut item_html, label.iter().cloned());
            let mut item_id = checklist::item_id(&text);
            let base = item_id.clone();
            let mut n = 1;
            while items.iter().any(|i| i.id == item_id) {
                n += 1;
                item_id = format!("{base}-{n}");
            }
            let checked_attr = if checked { " checked" } else { "" };
            out.push(Event::Html(format!("<li data-item=\"{item_id}\">").into()));
            out.extend(inner[..open].iter().cloned());
            out.push(Event::Html(
                format!("<label><input type=\"checkbox\" name=\"{item_id}\" value=\"done\"{checked_attr}> ").into(),
            ));
            out.extend(label.iter().cloned());
            out.push(Event::Html("</label>".into()));
            out.extend(inner[close..].iter().cloned());
            out.push(Event::Html("</li>\n".into()));
            items.push(Item { id: item_id, text, html: item_html.trim().to_string(), checked });
        }
        let done = items.iter().filter(|i| i.checked).count();
        let print = format!(
            "{}{}",
            url::root_prefix(self.opts.page_url),
            url::encode_path(&url::link_form(&checklist::print_url(id), self.opts.index_html))
        );
        out.push(Event::Html(
            format!(
                "{}\n<p class=\"checklist-progress\" aria-live=\"polite\"><span class=\"checklist-done\">{done}</span> of <span class=\"checklist-total\">{}</span> done</p>\n<p class=\"checklist-actions\"><button type=\"reset\">Reset</button> <a class=\"checklist-print\" href=\"{}\">Print this checklist</a></p>\n</fieldset>\n</form>\n",
                if ordered.is_some() { "</ol>" } else { "</ul>" },
                items.len(),
                escape_html(&print)
            )
            .into(),
        ));
        disabled_task_labels(&mut out);
        (out, items)
    }
}

/// `(start, end)` indices of the direct items of the list `events[0..]`: `Start(Item)`, `End(Item)`.
fn direct_items(events: &[Event<'_>]) -> Vec<(usize, usize)> {
    let mut items = Vec::new();
    let mut depth = 0usize;
    let mut open = 0;
    for (i, e) in events.iter().enumerate() {
        match e {
            Event::Start(Tag::List(_) | Tag::Item) => {
                depth += 1;
                if depth == 2 && matches!(e, Event::Start(Tag::Item)) {
                    open = i;
                }
            }
            Event::End(TagEnd::List(_) | TagEnd::Item) => {
                if depth == 2 && matches!(e, Event::End(TagEnd::Item)) {
                    items.push((open, i));
                }
                depth = depth.saturating_sub(1);
            }
            _ => {}
        }
    }
    items
}

/// Index of the task marker of the item starting at `item` (`- [ ]` or, in a loose list, the
/// first thing in its paragraph).
fn marker_at(events: &[Event<'_>], item: usize) -> Option<usize> {
    let first = item + 1;
    let at = if matches!(events.get(first), Some(Event::Start(Tag::Paragraph))) { first + 1 } else { first };
    matches!(events.get(at), Some(Event::TaskListMarker(_))).then_some(at)
}

/// Where an item's label ends: at the end of its first paragraph, or where a block starts.
fn ends_label(e: &Event<'_>) -> bool {
    match e {
        Event::End(TagEnd::Paragraph | TagEnd::Item) | Event::Start(Tag::List(_) | Tag::Paragraph) => true,
        Event::Html(h) => h.starts_with("<pre") || h.starts_with("<div") || h.starts_with("<h"),
        _ => false,
    }
}

/// Task markers outside checklists (nested in a list item) become disabled, labelled boxes.
fn disabled_task_labels(events: &mut Vec<Event<'_>>) {
    let mut i = 0;
    while i < events.len() {
        if let Event::TaskListMarker(checked) = events[i] {
            let checked = if checked { " checked" } else { "" };
            events[i] =
                Event::Html(format!("<label class=\"task\"><input type=\"checkbox\" disabled{checked}> ").into());
            let close = (i + 1..events.len()).find(|&j| ends_label(&events[j])).unwrap_or(events.len());
            events.insert(close, Event::Html("</label>".into()));
        }
        i += 1;
    }
}
