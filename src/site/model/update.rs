//! Taking in the edit of one page without reloading the site: what `serve` does on a save.
//!
//! The edited file is read again and its markdown re-rendered. If what other pages show of it
//! (title, date, weight, template, a section's description) is unchanged, only the outputs that
//! show it need rendering now: the page and the sections above it. Otherwise order, titles and
//! navigation may all have moved, and every page and list is rendered. An edit that changes
//! what exists (a slug, an alias, draft state, a checklist coming or going, playbook or
//! pagination settings) needs the whole site loaded again, and says so.

use std::path::Path;

use super::{Job, Model, render_page};
use crate::checklist::Checklist;
use crate::content::load::sort_children;
use crate::content::source::read_source;
use crate::diagnostic::Diagnostic;
use crate::site::titles::Titles;

/// What an edit of one page needs rendered now.
#[derive(Debug)]
pub struct Update {
    /// The jobs whose outputs differ (the rest can follow when the author pauses).
    pub jobs: Vec<Job>,
    /// Every page and list was affected (a title, date or weight changed).
    pub lists: bool,
    /// Warnings of the edited page.
    pub warnings: Vec<Diagnostic>,
}

impl Model {
    /// Takes in the edit of the page at `file`: `None` when the file is not a page of the model,
    /// or when the edit changes what exists, so the site must be loaded again; `Some(Err)` when
    /// the page cannot be read (the model is unchanged).
    pub fn update_page(&mut self, file: &Path) -> Option<Result<Update, Vec<Diagnostic>>> {
        let i = self.library.page_ids().find(|&i| self.library.page(i).file == file)?;
        if !file.is_file() {
            return None;
        }
        let old = self.library.page(i);
        let (source, mut warnings) = read_source(file, old.rel.clone());
        let source = match source {
            Ok(s) => s,
            Err(e) => return Some(Err(e)),
        };
        let (a, b) = (&old.meta, &source.meta);
        let same_shape = a.slug == b.slug
            && a.draft == b.draft
            && a.aliases == b.aliases
            && a.playbook == b.playbook
            && a.paginate_by == b.paginate_by
            && old.stem == source.stem;
        if !same_shape {
            return None;
        }
        let is_text = self.library.is_section_text(i);
        let listed_same = a.title == b.title
            && a.weight == b.weight
            && a.template == b.template
            && a.date.map(|d| d.rfc3339()) == b.date.map(|d| d.rfc3339())
            && (!is_text || a.description == b.description)
            && old.title == source.title;
        let page = &mut self.library.pages[i.0];
        // Dates from git stay: the file's last commit has not changed.
        let updated = if source.meta.updated.is_none() { page.meta.updated } else { source.meta.updated };
        (page.meta, page.body, page.body_line, page.title) = (source.meta, source.body, source.body_line, source.title);
        page.meta.updated = updated;
        let rendered = render_page(&self.config, &self.library, &self.renderer, i);
        if !rendered.errors.is_empty() {
            return Some(Err(rendered.errors));
        }
        let old_checklists = std::mem::replace(&mut self.rendered[i.0], rendered).checklists;
        let new_checklists = &self.rendered[i.0].checklists;
        if ids(&old_checklists) != ids(new_checklists) {
            // A checklist came or went: its old print-sheet URL's redirect appears or disappears.
            return None;
        }
        let checklists_same = old_checklists.iter().zip(new_checklists).all(|(a, b)| same_checklist(a, b));
        warnings.extend(self.rendered[i.0].warnings.iter().cloned());
        let titles = Titles::new(&self.config, &self.library, &self.rendered);
        let lists = !(listed_same && titles == self.titles);
        let mut jobs = if lists {
            sort_children(&mut self.library);
            self.titles = titles;
            self.page_jobs()
        } else {
            self.jobs_showing(i)
        };
        if lists || !checklists_same {
            // `site.checklists` and the navigation are in every page's globals.
            self.set_globals();
            jobs.push(Job::Checklists);
        }
        if lists {
            // The sidebar shows every title in book order.
            jobs.push(Job::Navigation);
        }
        Some(Ok(Update { jobs, lists, warnings }))
    }
}

/// The ids of `checklists`, in order.
fn ids(checklists: &[Checklist]) -> Vec<&str> {
    checklists.iter().map(|c| c.id.as_str()).collect()
}

/// Same checklist as far as any output shows it (its source line aside).
fn same_checklist(a: &Checklist, b: &Checklist) -> bool {
    (&a.id, &a.title, &a.role, &a.items) == (&b.id, &b.title, &b.role, &b.items)
}
