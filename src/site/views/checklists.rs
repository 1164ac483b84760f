//! The checklist views: a checklist as pages, playbooks and the `/checklists/` pages show it,
//! a playbook's steps (with each step's items, for the stepper's progress), and the site's roles.

use super::Views;
use crate::checklist::Checklist;
use crate::content::{PageId, SectionId, url};
use crate::render::views::{
    ChecklistItemView, ChecklistTally, ChecklistView, Link, RoleView, StepLink, StepRef, StepView,
};

impl Views<'_> {
    /// Checklist `c` of page `page`, for templates.
    fn checklist_view(&self, page: PageId, c: &Checklist) -> ChecklistView {
        let role = c.role.as_deref().and_then(|r| self.config.role(r));
        let page_url = &self.library.page(page).url;
        let everyone = self.config.strings.get("everyone");
        ChecklistView {
            id: c.id.clone(),
            anchor: c.anchor.clone(),
            title: c.title.clone(),
            role: role.map(|r| r.id.clone()).unwrap_or_default(),
            role_label: role.map_or_else(|| everyone.to_string(), |r| r.label.clone()),
            page: self.titles.page(page).to_string(),
            page_url: self.link(page_url),
            url: format!("{}#{}", self.link(page_url), url::encode_path(&c.anchor)),
            print_url: format!("{}#{}", self.link(page_url), url::encode_path(&c.print_anchor)),
            items: c
                .items
                .iter()
                .map(|i| ChecklistItemView {
                    id: i.id.clone(),
                    text: i.text.clone(),
                    html: i.html.clone(),
                    checked: i.checked,
                })
                .collect(),
            total: c.items.len(),
            checked: c.items.iter().filter(|i| i.checked).count(),
        }
    }

    /// The checklists on page `page`.
    pub fn page_checklists(&self, page: PageId) -> Vec<ChecklistView> {
        self.rendered(page).checklists.iter().map(|c| self.checklist_view(page, c)).collect()
    }

    /// Every checklist of the site, in reading order.
    pub fn all_checklists(&self) -> Vec<ChecklistView> {
        self.library.reading_order().into_iter().flat_map(|i| self.page_checklists(i)).collect()
    }

    /// The steps of section `s`, when it is a playbook.
    pub fn steps(&self, s: SectionId) -> Vec<StepRef> {
        if !self.library.is_playbook(s) {
            return Vec::new();
        }
        let section = self.library.section(s);
        section
            .pages
            .iter()
            .enumerate()
            .map(|(n, &i)| StepRef {
                number: n + 1,
                page: self.page_ref(i, &section.url),
                checklists: self.page_checklists(i),
            })
            .collect()
    }

    /// Page `i`'s place in its playbook, if its section is one.
    pub fn step(&self, i: PageId) -> Option<StepView> {
        let s = self.library.page(i).section;
        if !self.library.is_playbook(s) || self.library.is_section_text(i) {
            return None;
        }
        let section = self.library.section(s);
        let number = section.pages.iter().position(|&p| p == i)? + 1;
        let playbook = Link { title: self.titles.section(s).to_string(), url: self.link(&section.url) };
        let steps = section.pages.iter().map(|&p| self.step_link(p)).collect();
        Some(StepView { number, total: section.pages.len(), playbook, steps })
    }

    /// Step `p` as the stepper shows it: its link and its checklists' items.
    fn step_link(&self, p: PageId) -> StepLink {
        let ids = |c: &Checklist, ticked: bool| {
            c.items.iter().filter(|i| !ticked || i.checked).map(|i| i.id.as_str()).collect::<Vec<_>>().join(" ")
        };
        let checklists: Vec<ChecklistTally> = self
            .rendered(p)
            .checklists
            .iter()
            .map(|c| ChecklistTally {
                id: c.id.clone(),
                role: c.role.as_deref().and_then(|r| self.config.role(r)).map(|r| r.id.clone()).unwrap_or_default(),
                items: ids(c, false),
                checked: ids(c, true),
            })
            .collect();
        let all = self.rendered(p).checklists.iter().flat_map(|c| &c.items);
        StepLink {
            title: self.titles.page(p).to_string(),
            url: self.link(&self.library.page(p).url),
            checklists,
            total: all.clone().count(),
            checked: all.filter(|i| i.checked).count(),
        }
    }

    /// The site's roles with their checklist counts.
    pub fn role_views(&self, all: &[ChecklistView]) -> Vec<RoleView> {
        self.config
            .roles
            .iter()
            .map(|r| RoleView {
                id: r.id.clone(),
                label: r.label.clone(),
                keywords: r.keywords.clone(),
                url: self.link(&format!("checklists/{}/", r.id)),
                checklist_count: all.iter().filter(|c| c.role == r.id).count(),
            })
            .collect()
    }
}
