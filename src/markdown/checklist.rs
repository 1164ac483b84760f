//! Finding checklists in a page's lists and writing them as tickable fieldsets (GUIDE §4).
//!
//! The main pass hands over every outermost list once it has ended, with what came directly
//! before it (a heading or a paragraph). A list is a checklist when it is a task list, when the
//! heading before it has the class `.checklist`, or — so that articles written with no markup at
//! all still yield their checklists — when that heading, or a lead-in paragraph ending in `:`,
//! names a role's keyword. A checklist becomes the theme's checklist form (`markup/checklist.html`:
//! a `<fieldset>` of enabled, labelled checkboxes, so it reads and ticks without JavaScript and
//! its reset button works natively; the theme's script adds saving and the live count). Other
//! lists keep their markup, and task markers nested in them become disabled, labelled boxes.

use std::collections::HashMap;

use pulldown_cmark::{Event, Tag, TagEnd};

use super::markup::{ChecklistForm, ItemForm};
use super::{Pass, plain_text, toc};
use crate::checklist::{self, Checklist, Item, Role};
use crate::content::url;
use crate::diagnostic::Kind;

/// Splits an item's HTML where its label starts and ends; markdown cannot produce it (a NUL
/// becomes U+FFFD).
const SPLIT: &str = "\u{0}mentorbook-split\u{0}";

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
        // A checklist is found at its heading or lead-in when it has one, else at its list.
        let (line, _) = match &lead {
            Some(Lead { kind: LeadKind::Heading { line, .. }, .. }) => (*line, 0),
            _ => self.position(offset),
        };
        let attr_role = match &lead {
            Some(Lead { kind: LeadKind::Heading { role: Some(role), line, col, .. }, .. }) => {
                if opts.roles.iter().any(|r| &r.id == role) {
                    Some(role.clone())
                } else {
                    let known: Vec<&str> = opts.roles.iter().map(|r| r.id.as_str()).collect();
                    let hint = crate::diagnostic::did_you_mean(role, &known).map_or_else(
                        || format!("the roles are: {}", known.join(", ")),
                        |k| format!("did you mean `{k}`?"),
                    );
                    let message = format!("unknown role `{role}` on a checklist heading; {hint}");
                    self.warn(*line, *col, Kind::General, message);
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
        let print_anchor = self.anchors.unique(format!("print-{anchor}"));
        let list: Vec<Event<'_>> = events.drain(start..).collect();
        // The legend repeats a heading or lead-in the reader already sees: screen readers only.
        let shown_above = lead_text.is_some() || self.last_heading.is_some();
        let names = Names { id: &id, anchor: &anchor, print_anchor: &print_anchor, own_anchor };
        let (html, items) = self.checklist_html(list, &names, &title, role.as_deref(), shown_above);
        events.extend(html);
        self.checklists.push(Checklist { id, anchor, print_anchor, title, role, items, line });
    }

    /// The title a checklist with no heading or lead-in falls back to.
    fn page_title(&self) -> Option<String> {
        self.opts.known_title.map(str::to_string).or_else(|| self.title.clone())
    }

    /// Writes `list` as a checklist form; returns its events and items.
    fn checklist_html<'e>(
        &mut self,
        list: Vec<Event<'e>>,
        names: &Names<'_>,
        title: &str,
        role: Option<&str>,
        title_shown_above: bool,
    ) -> (Vec<Event<'e>>, Vec<Item>) {
        let start = match &list[0] {
            Event::Start(Tag::List(Some(n))) => Some(*n),
            _ => None,
        };
        let ranges = direct_items(&list);
        let mut items: Vec<Item> = Vec::with_capacity(ranges.len());
        let mut forms: Vec<ItemForm> = Vec::with_capacity(ranges.len());
        // How many items so far had each text's id: repeats get `-2`, `-3`, … in one pass.
        let mut seen: HashMap<String, usize> = HashMap::with_capacity(ranges.len());
        for (s, e) in &ranges {
            let mut inner: Vec<Event<'e>> = list[s + 1..*e].to_vec();
            let checked = match marker_at(&list, *s) {
                Some(i) => matches!(inner.remove(i - s - 1), Event::TaskListMarker(true)),
                None => false,
            };
            disabled_task_labels(&mut inner);
            let open = usize::from(matches!(inner.first(), Some(Event::Start(Tag::Paragraph))));
            let close = (open..inner.len()).find(|&i| ends_label(&inner[i])).unwrap_or(inner.len());
            let label = &inner[open..close];
            let text = plain_text(label).trim().to_string();
            let base = checklist::item_id(&text);
            let item_id = unique_id(&mut seen, base);
            // One writer for the whole item, so its HTML is what one pass would write; the
            // markers split it into what comes before the label, the label, and the rest.
            // (It starts with a marker too, standing for the `<li>` before it, so that block
            // tags get the line breaks they would get there.)
            let mut item_events: Vec<Event<'e>> = vec![Event::Html(SPLIT.into())];
            item_events.extend(inner[..open].iter().cloned());
            item_events.push(Event::Html(SPLIT.into()));
            item_events.extend(label.iter().cloned());
            item_events.push(Event::Html(SPLIT.into()));
            item_events.extend(inner[close..].iter().cloned());
            let mut all = String::new();
            pulldown_cmark::html::push_html(&mut all, item_events.into_iter());
            let mut parts = all.splitn(4, SPLIT).skip(1);
            let (before, label_html, after) =
                (parts.next().unwrap_or(""), parts.next().unwrap_or(""), parts.next().unwrap_or(""));
            forms.push(ItemForm {
                id: item_id.clone(),
                checked,
                before: before.to_string(),
                label: label_html.to_string(),
                after: after.to_string(),
            });
            let label_html = label_html.to_string();
            items.push(Item { id: item_id, text, html: label_html.trim().to_string(), checked });
        }
        let form = ChecklistForm {
            id: names.id.to_string(),
            anchor: names.anchor.to_string(),
            own_anchor: names.own_anchor,
            print_anchor: names.print_anchor.to_string(),
            title: title.to_string(),
            role: role.unwrap_or_default().to_string(),
            role_label: role
                .and_then(|r| self.opts.checklists.roles.iter().find(|x| x.id == r))
                .map(|r| r.label.clone())
                .unwrap_or_default(),
            page_title: self.page_title().unwrap_or_default(),
            legend_hidden: title_shown_above,
            ordered: start.is_some(),
            start: start.filter(|&n| n != 1),
            done: items.iter().filter(|i| i.checked).count(),
            total: items.len(),
            items: forms,
            print_url: format!("#{}", url::encode_path(names.print_anchor)),
        };
        let html = self.opts.markup.checklist(&form);
        (vec![Event::Html(self.markup_result(html).into())], items)
    }
}

/// What a checklist is called in its page: its id, anchor, print anchor, and whether the
/// anchor is the form's own (not its heading's).
struct Names<'a> {
    id: &'a str,
    anchor: &'a str,
    print_anchor: &'a str,
    own_anchor: bool,
}

/// `base`, or `base-2`, `base-3`, … when an earlier item took it; never a taken id, in time
/// linear in the number of items (even when they all share one text).
fn unique_id(seen: &mut HashMap<String, usize>, base: String) -> String {
    let n = seen.entry(base.clone()).or_insert(0);
    *n += 1;
    if *n == 1 {
        return base;
    }
    let mut k = *n;
    loop {
        let candidate = format!("{base}-{k}");
        if !seen.contains_key(&candidate) {
            seen.insert(candidate.clone(), 1);
            if let Some(n) = seen.get_mut(&base) {
                *n = k;
            }
            return candidate;
        }
        k += 1;
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn repeated_item_ids_are_numbered_without_rescanning() {
        let mut seen = HashMap::new();
        let ids: Vec<String> =
            ["a", "a", "a-2", "a", "b"].iter().map(|s| unique_id(&mut seen, s.to_string())).collect();
        assert_eq!(ids, ["a", "a-2", "a-2-2", "a-3", "b"]);
        let mut seen = HashMap::new();
        let many: std::collections::HashSet<String> = (0..20_000).map(|_| unique_id(&mut seen, "x".into())).collect();
        assert_eq!(many.len(), 20_000);
    }
}
