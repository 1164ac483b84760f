//! The site-wide side of checklists (GUIDE §4): the views pages and playbooks show, the
//! `/checklists/` pages grouped by role, one print page per checklist, and `checklists.json`.
//!
//! Everything is built from the pages in this build, so a draft's checklists appear only when
//! drafts are on.

use rayon::prelude::*;
use serde::Serialize;
use tera::Context;

use super::output::Output;
use super::pages::Views;
use crate::checklist::{self, Checklist};
use crate::content::url;
use crate::diagnostic::Diagnostic;
use crate::render::Renderer;
use crate::render::views::{ChecklistItemView, ChecklistView, RoleView, StepRef, StepView};

impl Views<'_> {
    /// Checklist `c` of page `page`, for templates.
    fn checklist_view(&self, page: usize, c: &Checklist) -> ChecklistView {
        let role = c.role.as_deref().and_then(|r| self.config.role(r));
        let page_url = &self.library.pages[page].url;
        ChecklistView {
            id: c.id.clone(),
            title: c.title.clone(),
            role: role.map(|r| r.id.clone()).unwrap_or_default(),
            role_label: role.map_or_else(|| "Everyone".to_string(), |r| r.label.clone()),
            page: self.titles.pages[page].clone(),
            page_url: self.link(page_url),
            url: format!("{}#{}", self.link(page_url), url::encode_path(&c.anchor)),
            print_url: self.link(&checklist::print_url(&c.id)),
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
    pub(super) fn page_checklists(&self, page: usize) -> Vec<ChecklistView> {
        self.rendered[page].checklists.iter().map(|c| self.checklist_view(page, c)).collect()
    }

    /// Every checklist of the site, in reading order.
    pub(super) fn all_checklists(&self) -> Vec<ChecklistView> {
        self.library.reading_order().into_iter().flat_map(|i| self.page_checklists(i)).collect()
    }

    /// The steps of section `s`, when it is a playbook.
    pub(super) fn steps(&self, s: usize) -> Vec<StepRef> {
        if !self.library.is_playbook(s) {
            return Vec::new();
        }
        let pages = &self.library.sections[s].pages;
        pages
            .iter()
            .enumerate()
            .map(|(n, &i)| StepRef {
                number: n + 1,
                page: self.page_ref(i, &self.library.sections[s].url),
                checklists: self.page_checklists(i),
            })
            .collect()
    }

    /// Page `i`'s place in its playbook, if its section is one.
    pub(super) fn step(&self, i: usize) -> Option<StepView> {
        let s = self.library.pages[i].section;
        if !self.library.is_playbook(s) || self.library.is_section_index(i) {
            return None;
        }
        let pages = &self.library.sections[s].pages;
        let number = pages.iter().position(|&p| p == i)? + 1;
        let playbook = crate::render::views::Link {
            title: self.titles.sections[s].clone(),
            url: self.link(&self.library.sections[s].url),
        };
        Some(StepView { number, total: pages.len(), playbook })
    }

    /// The site's roles with their checklist counts.
    pub(super) fn role_views(&self, all: &[ChecklistView]) -> Vec<RoleView> {
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

/// A group of checklists on a `/checklists/` page.
#[derive(Debug, Serialize)]
struct Group<'a> {
    /// Role id, or empty for everyone.
    id: &'a str,
    label: &'a str,
    /// Root-relative URL of the role's page, or empty.
    url: String,
    checklists: Vec<&'a ChecklistView>,
}

/// `checklists/index.html`, `checklists/<role>/index.html`, `checklists.json` and the print
/// pages: every one, or (for `serve` after an edit) only those of the checklists in `print_only`.
pub fn render(
    views: &Views<'_>,
    renderer: &Renderer,
    print_only: Option<&[String]>,
) -> Result<Vec<Output>, Vec<Diagnostic>> {
    let all = &views.all_checklists();
    let source = views.config.content_dir.clone();
    let roles = views.role_views(all);
    let group = |id: &'static str, label: &'static str| Group {
        id,
        label,
        url: String::new(),
        checklists: all.iter().filter(|c| c.role == id).collect(),
    };
    let mut groups: Vec<Group<'_>> = roles
        .iter()
        .map(|r| Group {
            id: &r.id,
            label: &r.label,
            url: r.url.clone(),
            checklists: all.iter().filter(|c| c.role == r.id).collect(),
        })
        .collect();
    groups.push(group("", "Everyone"));
    let mut jobs: Vec<(String, &str, Context)> = Vec::new();
    let mut index = Context::new();
    index.insert("heading", "Checklists");
    index.insert("role", "");
    index.insert("groups", &groups.iter().filter(|g| !g.checklists.is_empty()).collect::<Vec<_>>());
    jobs.push(("checklists/".into(), "checklists.html", index));
    for (role, g) in roles.iter().zip(&groups) {
        let mut ctx = Context::new();
        ctx.insert("heading", &format!("Checklists for {}", role.label));
        ctx.insert("role", &role.id);
        ctx.insert("groups", &[g]);
        jobs.push((format!("checklists/{}/", role.id), "checklists.html", ctx));
    }
    for c in all.iter().filter(|c| print_only.is_none_or(|ids| ids.contains(&c.id))) {
        let mut ctx = Context::new();
        ctx.insert("checklist", c);
        jobs.push((checklist::print_url(&c.id), "checklist_print.html", ctx));
    }
    let results: Vec<Result<Output, Diagnostic>> = jobs
        .into_par_iter()
        .map(|(page_url, template, mut ctx)| {
            ctx.insert("root", &url::root_prefix(&page_url));
            ctx.insert("current_url", &views.link(&page_url));
            let html = renderer.render(template, &ctx, &source)?;
            Ok(Output::bytes(&format!("{page_url}index.html"), html.into_bytes()))
        })
        .collect();
    let (ok, errors): (Vec<_>, Vec<_>) = results.into_iter().partition(Result::is_ok);
    if !errors.is_empty() {
        return Err(errors.into_iter().filter_map(Result::err).collect());
    }
    let mut files: Vec<Output> = ok.into_iter().filter_map(Result::ok).collect();
    files.push(Output::bytes("checklists.json", to_json(all).into_bytes()));
    Ok(files)
}

/// `checklists.json`, in exactly the shape GUIDE §4 gives:
/// `{"checklists":[{"id","title","role","page","url","items":[{"id","text","checked"}]}]}`.
pub fn to_json(checklists: &[ChecklistView]) -> String {
    #[derive(Serialize)]
    struct Export<'a> {
        checklists: Vec<ExportChecklist<'a>>,
    }
    #[derive(Serialize)]
    struct ExportChecklist<'a> {
        id: &'a str,
        title: &'a str,
        role: Option<&'a str>,
        page: &'a str,
        url: &'a str,
        items: Vec<ExportItem<'a>>,
    }
    #[derive(Serialize)]
    struct ExportItem<'a> {
        id: &'a str,
        text: &'a str,
        checked: bool,
    }
    let export = Export {
        checklists: checklists
            .iter()
            .map(|c| ExportChecklist {
                id: &c.id,
                title: &c.title,
                role: Some(c.role.as_str()).filter(|r| !r.is_empty()),
                page: &c.page,
                url: &c.url,
                items: c.items.iter().map(|i| ExportItem { id: &i.id, text: &i.text, checked: i.checked }).collect(),
            })
            .collect(),
    };
    let mut json = serde_json::to_string_pretty(&export).unwrap_or_else(|_| "{\"checklists\":[]}".into());
    json.push('\n');
    json
}
