//! Words a reader sees that the site's content did not write: labels, buttons, counts, and
//! names made from file names.
//!
//! Every such English word of the default theme and of the built-in markup ("Home",
//! "Everyone", "Checklists for Mentors", "3 of 5 done") comes from one table, [`DEFAULTS`],
//! which a site overrides key by key with `strings:` in its config, for another language or
//! another tone. Templates see the table as `strings`. The two helpers that turn names into
//! words ([`humanize`], [`capitalize`]) live here too, so there is one of each.

use std::collections::BTreeMap;

/// Every string key with its English default. `{name}` marks a value filled in where it is used.
pub const DEFAULTS: &[(&str, &str)] = &[
    // Site chrome (base.html, breadcrumbs, table of contents).
    ("home", "Home"),
    ("skip_to_content", "Skip to main content"),
    ("main_navigation", "Main"),
    ("sidebar_toggle", "Show or hide the pages of {title}"),
    ("menu", "Menu"),
    ("close_menu", "Close menu"),
    ("dark_theme", "Dark theme"),
    ("breadcrumbs", "Breadcrumb"),
    ("search", "Search"),
    ("search_label", "Search the handbook"),
    ("search_needs_js", "Search needs JavaScript. The {link} can be searched with your browser's find command."),
    ("search_whole_handbook", "whole handbook on one page"),
    ("search_searching", "Searching…"),
    ("search_none", "No results for “{query}”"),
    ("search_count_one", "1 result"),
    ("search_count_other", "{count} results"),
    ("search_all", "See all results"),
    (
        "search_needs_server",
        "Search needs the handbook to be served by a web server (for example by mentorbook serve): opened from files, it cannot load its index.",
    ),
    ("search_failed", "Search could not load its index."),
    ("built_with", "Built with mentorbook"),
    ("footer_links", "Footer"),
    ("table_of_contents", "Table of contents"),
    ("contents", "Contents"),
    // Pages and sections.
    ("published", "Published"),
    ("last_updated", "Last updated"),
    ("by_authors", "By {authors}"),
    ("minutes_read", "{minutes} min read"),
    ("word_one", "{n} word"),
    ("word_other", "{n} words"),
    ("page_one", "{n} page"),
    ("page_other", "{n} pages"),
    ("item_one", "{n} item"),
    ("item_other", "{n} items"),
    ("draft", "Draft"),
    ("draft_banner", "not published"),
    ("edit_page", "Edit this page"),
    ("previous_and_next", "Previous and next"),
    ("previous_and_next_step", "Previous and next step"),
    ("previous", "Previous"),
    ("next", "Next"),
    ("previous_step", "Previous step"),
    ("next_step", "Next step"),
    ("sections", "Sections"),
    ("subsections", "Subsections"),
    ("pages", "Pages"),
    ("recently_updated", "Recently updated"),
    ("no_pages", "No pages in this section yet."),
    ("nothing_yet", "Nothing here yet."),
    ("pagination", "Pages"),
    ("term_lead", "{pages} listed under “{term}”"),
    ("page_of", "page {current} of {total}"),
    // Audiences and reviews.
    ("audience", "Audience"),
    ("owner", "Owner"),
    ("reviewed", "Reviewed"),
    ("review_notice", "Last reviewed {ago} ago. This guidance may be out of date."),
    ("review_notice_owner", "Last reviewed {ago} ago by {owner}. This guidance may be out of date."),
    ("month_one", "{n} month"),
    ("month_other", "{n} months"),
    ("day_one", "{n} day"),
    ("day_other", "{n} days"),
    ("review_title", "Pages by review date"),
    ("review_lead", "Every page with its owner and review dates, overdue first."),
    ("review_page", "Page"),
    ("review_due", "Due"),
    ("review_overdue", "Overdue"),
    ("review_never", "Not reviewed yet"),
    // What's new.
    ("whats_new", "What's new"),
    ("whats_new_lead", "Pages added or changed in the last {days} days, newest first."),
    ("whats_new_none", "Nothing has changed in the last {days} days."),
    ("whats_new_unavailable", "The list of changes cannot be made here: {reason}."),
    ("whats_new_added", "New"),
    ("whats_new_updated", "Updated"),
    ("whats_new_feed", "Subscribe to changes"),
    // Playbooks.
    ("step_of", "Step {number} of {total}"),
    ("steps", "Steps"),
    ("overall_progress", "Overall progress"),
    ("progress_of", "{done} of {total}"),
    ("playbook_progress", "{done} of {total} checklist items done"),
    // Checklists (the form, the overview pages, and one checklist printed from its page).
    ("everyone", "Everyone"),
    ("checklists", "Checklists"),
    ("checklists_for", "Checklists for {role}"),
    ("checklists_by_role", "Checklists by role"),
    ("checklists_lead", "Every checklist in the handbook. Ticks are saved in this browser."),
    ("checklists_role_lead", "Every checklist in the handbook for this role. Ticks are saved in this browser."),
    ("checklists_none", "This handbook has no checklists yet."),
    ("checklists_none_for", "No checklists for {role} yet."),
    ("checklist_progress", "{done} of {total} done"),
    ("checklist_reset", "Reset"),
    ("checklist_undo", "Undo reset"),
    ("checklist_complete", "All done"),
    ("progress_transfer", "Your progress"),
    (
        "progress_transfer_lead",
        "Ticks live in this browser only. Save them to a file to keep them or to carry them to another browser.",
    ),
    ("progress_export", "Export progress"),
    ("progress_import", "Import progress"),
    ("progress_imported", "Progress imported: {count} ticks."),
    ("progress_import_failed", "That file is not a progress file of this handbook."),
    ("role_switch", "Show checklists for"),
    ("checklist_print", "Print this checklist"),
    ("checklist", "Checklist"),
    ("sheet_for", "For:"),
    ("sheet_from", "From:"),
    ("sheet_notes", "Notes:"),
    ("print", "Print"),
    // The whole-handbook print page.
    ("print_title", "print"),
    ("print_back", "Back to the site"),
    // Built-in markup.
    ("diagram", "Diagram: {name}"),
    ("alert_note", "Note"),
    ("alert_tip", "Tip"),
    ("alert_important", "Important"),
    ("alert_warning", "Warning"),
    ("alert_caution", "Caution"),
    ("table", "Table"),
    // Built-in shortcodes.
    ("video_youtube", "Watch on YouTube: {title}"),
    ("video_vimeo", "Watch on Vimeo: {title}"),
    ("details", "Details"),
    // The 404 page and the redirect pages of aliases.
    ("not_found", "Page not found"),
    ("not_found_lead", "There is no page at this address. It may have moved, or the link may be mistyped."),
    ("not_found_home", "Go to the start of {site}"),
    ("moved", "Moved"),
    ("moved_to", "This page has moved to {target}."),
];

/// The resolved strings: the defaults with the site's overrides applied.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Strings(BTreeMap<String, String>);

impl Default for Strings {
    fn default() -> Self {
        Strings(DEFAULTS.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect())
    }
}

impl Strings {
    /// The defaults with `overrides` applied; an unknown key is an error message naming it (with
    /// the closest known key).
    pub fn with_overrides(overrides: &BTreeMap<String, String>) -> Result<Strings, Vec<String>> {
        let mut strings = Strings::default();
        let known: Vec<&str> = DEFAULTS.iter().map(|(k, _)| *k).collect();
        let mut errors = Vec::new();
        for (key, value) in overrides {
            match strings.0.get_mut(key) {
                Some(slot) => *slot = value.clone(),
                None => {
                    let hint = crate::diagnostic::did_you_mean(key, &known)
                        .map(|k| format!("; did you mean `{k}`?"))
                        .unwrap_or_default();
                    errors.push(format!("unknown string `{key}` under `strings`{hint}"));
                }
            }
        }
        if errors.is_empty() { Ok(strings) } else { Err(errors) }
    }

    /// The string for `key` (empty for an unknown key, which the table test rules out in code).
    pub fn get(&self, key: &str) -> &str {
        self.0.get(key).map_or("", String::as_str)
    }

    /// `key` with each `{name}` replaced by its value.
    pub fn fill(&self, key: &str, values: &[(&str, &str)]) -> String {
        values.iter().fold(self.get(key).to_string(), |text, (name, value)| text.replace(&format!("{{{name}}}"), value))
    }

    /// `{key}_one` or `{key}_other` for `n`, with `{n}` filled in.
    pub fn count(&self, key: &str, n: usize) -> String {
        let form = if n == 1 { "one" } else { "other" };
        self.fill(&format!("{key}_{form}"), &[("n", &n.to_string())])
    }

    /// Every key and value, for templates.
    pub fn map(&self) -> &BTreeMap<String, String> {
        &self.0
    }
}

/// `first-meeting` → `First meeting`: a file or folder name as a title of last resort.
pub fn humanize(name: &str) -> String {
    let spaced = name.replace(['-', '_'], " ");
    let trimmed = spaced.trim();
    if trimmed.is_empty() { name.to_string() } else { capitalize(trimmed) }
}

/// `text` with its first letter in upper case.
pub fn capitalize(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map(|c| c.to_uppercase().chain(chars).collect()).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_become_words() {
        assert_eq!(humanize("first-meeting"), "First meeting");
        assert_eq!(humanize("step_4_celebrate"), "Step 4 celebrate");
        assert_eq!(humanize("---"), "---");
        assert_eq!(capitalize("tags"), "Tags");
        assert_eq!(capitalize("élan"), "Élan");
    }

    #[test]
    fn overrides_replace_defaults_and_unknown_keys_are_named() {
        let mut o = BTreeMap::new();
        o.insert("home".to_string(), "Start".to_string());
        let s = Strings::with_overrides(&o).unwrap();
        assert_eq!(s.get("home"), "Start");
        assert_eq!(s.get("everyone"), "Everyone");
        o.insert("hom".to_string(), "x".to_string());
        let errors = Strings::with_overrides(&o).unwrap_err();
        assert!(errors[0].contains("did you mean `home`"), "{errors:?}");
    }

    #[test]
    fn placeholders_and_counts() {
        let s = Strings::default();
        assert_eq!(s.fill("checklists_for", &[("role", "Mentors")]), "Checklists for Mentors");
        assert_eq!(s.count("page", 1), "1 page");
        assert_eq!(s.count("page", 2), "2 pages");
        let keys: std::collections::HashSet<&str> = DEFAULTS.iter().map(|(k, _)| *k).collect();
        assert_eq!(keys.len(), DEFAULTS.len(), "a key is listed twice");
    }
}
