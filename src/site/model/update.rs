//! Taking in the edit of one page without reloading the site: what `serve` does on a save.
//!
//! The edited file is read again and its markdown re-rendered. If what other pages show of it
//! (title, date, weight, template, a section's description) is unchanged, only the outputs that
//! show it need rendering now: the page and the sections above it (and, when its checklists
//! changed, the other steps of its playbook, whose steppers count them). Otherwise its place in
//! book order and the titles others show may have moved: the outputs that name it are rendered
//! too (its neighbours before and after the edit, its playbook's steps, the pages under a
//! section whose title changed, and the sidebar's tree); what else names it (tag pages, feeds,
//! print pages, the search index) follows when the author pauses. An edit that changes
//! what exists (a slug, an alias, draft state, a checklist coming or going, playbook or
//! pagination settings) needs the whole site loaded again, and says so.

use std::collections::HashSet;
use std::path::Path;

use super::{Job, Model, render_page};
use crate::checklist::Checklist;
use crate::content::load::sort_children;
use crate::content::source::read_source;
use crate::content::{PageId, SectionId};
use crate::diagnostic::Diagnostic;
use crate::site::titles::Titles;
use crate::site::views::Entry;

/// What an edit of one page needs rendered now.
#[derive(Debug)]
pub struct Update {
    /// The jobs whose outputs differ (the rest can follow when the author pauses).
    pub jobs: Vec<Job>,
    /// A title, date or weight changed: the jobs are the outputs that name the page (lists,
    /// neighbours, steppers, breadcrumbs) and the navigation; the rest follow.
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
        let rendered = render_page(&self.config, &self.library, &self.renderer, None, i);
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
            // Neighbours in book order before and after the edit: a new weight or date moves it.
            let at = if is_text { Entry::Section(self.library.page(i).section) } else { Entry::Page(i) };
            let before = self.views().around(at);
            sort_children(&mut self.library);
            self.titles = titles;
            let after = self.views().around(at);
            self.jobs_naming(i, before.into_iter().chain(after).flatten())
        } else {
            self.jobs_showing(i)
        };
        let s = self.library.page(i).section;
        let top_level = is_text && self.library.section(s).parent == Some(SectionId::ROOT);
        if !checklists_same || lists && top_level {
            // Every page's globals: `site.sections` (the top-level titles the sidebar shows),
            // `site.checklists` and `site.roles` (with their checklist counts).
            self.set_globals();
        } else if lists {
            // Only `site.checklists` names the page (the default theme's pages show no more of it
            // than whether there are any): it follows with the refresh, as the checklist overview.
            self.globals_stale = true;
        }
        if !checklists_same {
            jobs.push(Job::Checklists);
        }
        if !lists && !checklists_same {
            // A playbook step's stepper counts the items of every step.
            jobs.extend(self.sibling_steps(i).into_iter().map(Job::Page));
        }
        if lists {
            // The sidebar shows every title in book order.
            jobs.push(Job::Navigation);
        }
        let mut seen = HashSet::new();
        jobs.retain(|j| seen.insert(*j));
        Some(Ok(Update { jobs, lists, warnings }))
    }
}

impl Model {
    /// The outputs that name page `i` (its title, date or order changed), given the entries
    /// next to it in book order: those that list it ([`Model::jobs_showing`]), those next to it,
    /// the other steps of its playbook (their steppers name every step) and, for a section's
    /// own text, every page under the section (their breadcrumbs name it), or every page for a
    /// top-level section (every page's sidebar names those). Other outputs that name it (tag
    /// pages, feeds, print pages, the search index) follow when the author pauses.
    fn jobs_naming(&self, i: PageId, neighbours: impl Iterator<Item = Entry>) -> Vec<Job> {
        let lib = &self.library;
        let s = lib.page(i).section;
        if lib.is_section_text(i) && lib.section(s).parent == Some(SectionId::ROOT) {
            return self.page_jobs();
        }
        let mut jobs = self.jobs_showing(i);
        if lib.is_section_text(i) {
            jobs.extend(self.subtree_jobs(s));
        }
        jobs.extend(self.sibling_steps(i).into_iter().map(Job::Page));
        jobs.extend(neighbours.map(|e| match e {
            Entry::Page(p) => Job::Page(p),
            Entry::Section(t) => Job::Section(t, 1),
        }));
        jobs
    }

    /// Every page and list page of section `s` and the sections under it.
    fn subtree_jobs(&self, s: SectionId) -> Vec<Job> {
        let (lib, views) = (&self.library, self.views());
        let mut jobs = Vec::new();
        let mut stack = vec![s];
        while let Some(t) = stack.pop() {
            let sec = lib.section(t);
            jobs.extend(sec.pages.iter().filter(|&&p| !lib.is_section_text(p)).map(|&p| Job::Page(p)));
            jobs.extend((1..=views.section_page_count(t)).map(|n| Job::Section(t, n)));
            stack.extend(&sec.subsections);
        }
        jobs
    }

    /// The other steps of page `i`'s playbook (none when it is not a step).
    fn sibling_steps(&self, i: PageId) -> Vec<PageId> {
        let lib = &self.library;
        let s = lib.page(i).section;
        if !lib.is_playbook(s) || lib.is_section_text(i) {
            return Vec::new();
        }
        lib.section(s).pages.iter().copied().filter(|&p| p != i).collect()
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

#[cfg(test)]
mod tests {
    use std::fs;

    use super::*;
    use crate::config::Config;
    use crate::content::load::LoadOptions;
    use crate::content::select::Selection;

    #[test]
    fn a_changed_checklist_on_a_step_renders_the_other_steps_again() {
        let dir = tempfile::tempdir().unwrap();
        let content = dir.path().join("content/plan");
        fs::create_dir_all(&content).unwrap();
        fs::write(dir.path().join("mentorbook.yaml"), "title: T\n").unwrap();
        fs::write(content.join("_index.md"), "---\ntitle: Plan\nplaybook: true\n---\n").unwrap();
        for (n, name) in ["one", "two", "three"].iter().enumerate() {
            let text = format!("---\ntitle: {name}\nweight: {n}\n---\n- [ ] first\n- [ ] second\n");
            fs::write(content.join(format!("{name}.md")), text).unwrap();
        }
        let config = Config::load(dir.path()).unwrap();
        let load = LoadOptions { selection: Selection::new(false), output: None, disguise: None };
        let (mut model, _) = Model::load(config, &load).unwrap();
        let step = |model: &Model, name: &str| {
            model.library.page_ids().find(|&i| model.library.page(i).file.ends_with(format!("{name}.md"))).unwrap()
        };
        let (one, two, three) = (step(&model, "one"), step(&model, "two"), step(&model, "three"));

        // The same checklist, one item reworded: every step's stepper changes.
        fs::write(content.join("two.md"), "---\ntitle: two\nweight: 1\n---\n- [ ] first\n- [ ] the second\n").unwrap();
        let update = model.update_page(&content.join("two.md")).unwrap().unwrap();
        assert!(!update.lists);
        for i in [one, two, three] {
            assert!(update.jobs.contains(&Job::Page(i)), "{:?} not rendered again: {:?}", i, update.jobs);
        }

        // Only prose changed: the other steps stay as they are.
        fs::write(content.join("two.md"), "---\ntitle: two\nweight: 1\n---\nHello.\n\n- [ ] first\n- [ ] the second\n")
            .unwrap();
        let update = model.update_page(&content.join("two.md")).unwrap().unwrap();
        assert!(update.jobs.contains(&Job::Page(two)));
        assert!(
            !update.jobs.contains(&Job::Page(one)) && !update.jobs.contains(&Job::Page(three)),
            "{:?}",
            update.jobs
        );
    }
}
