//! The site-wide side of checklists (GUIDE §4): the `/checklists/` pages grouped by role, and
//! `checklists.json`. (Checklists print from their own pages; see [`super::print`].)
//!
//! The `/checklists/` pages list a role's checklists grouped by the page they are on, so that
//! the page's title and URL are written once for all of its checklists (on the 1,000-page bench
//! corpus, where nearly every page has checklists, that is most of the index's bytes).
//!
//! Everything is built from the pages in this build, so a draft's checklists appear only when
//! drafts are on.

use rayon::prelude::*;
use serde::Serialize;
use tera::Context;

use super::{collect, render_in};
use crate::diagnostic::Diagnostic;
use crate::render::Renderer;
use crate::render::views::ChecklistView;
use crate::site::output::{Origin, Output};
use crate::site::views::Views;

/// A group of checklists on a `/checklists/` page.
#[derive(Debug, Serialize)]
struct Group<'a> {
    /// Role id, or empty for everyone.
    id: &'a str,
    label: &'a str,
    /// Root-relative URL of the role's page, or empty.
    url: String,
    /// How many checklists the group has.
    count: usize,
    /// Its checklists by the page they are on, in reading order. (Not also as one list: at
    /// 10,000 pages, every checklist twice in the template's context was 61 MiB of the peak.)
    pages: Vec<PageGroup<'a>>,
}

/// The checklists of one group on one page.
#[derive(Debug, Serialize)]
struct PageGroup<'a> {
    /// The page's title.
    title: &'a str,
    /// Root-relative URL of the page.
    url: &'a str,
    /// The page part of its checklists' ids (`guides/first`): a checklist's id is this, `#` and
    /// its anchor.
    id: &'a str,
    checklists: Vec<&'a ChecklistView>,
}

impl<'a> Group<'a> {
    fn new(id: &'a str, label: &'a str, url: String, checklists: Vec<&'a ChecklistView>) -> Group<'a> {
        let mut pages: Vec<PageGroup<'a>> = Vec::new();
        for &c in &checklists {
            match pages.last_mut() {
                Some(p) if p.url == c.page_url => p.checklists.push(c),
                _ => {
                    let page_id = c.id.split_once('#').map_or(c.id.as_str(), |(p, _)| p);
                    pages.push(PageGroup { title: &c.page, url: &c.page_url, id: page_id, checklists: vec![c] });
                }
            }
        }
        Group { id, label, url, count: checklists.len(), pages }
    }
}

/// `checklists/index.html`, `checklists/<role>/index.html` and `checklists.json`.
pub fn render(views: &Views, renderer: &Renderer) -> Result<Vec<Output>, Vec<Diagnostic>> {
    let all = &views.all_checklists();
    let strings = &views.config.strings;
    let roles = views.role_views(all);
    let mut groups: Vec<Group<'_>> = roles
        .iter()
        .map(|r| Group::new(&r.id, &r.label, r.url.clone(), all.iter().filter(|c| c.role == r.id).collect()))
        .collect();
    groups.push(Group::new(
        "",
        strings.get("everyone"),
        String::new(),
        all.iter().filter(|c| c.role.is_empty()).collect(),
    ));
    let config_origin = |what| Origin::at(views.config.file(), views.config.line_of("roles"), what);
    let mut jobs: Vec<(String, &str, Context, Origin)> = Vec::new();
    let mut index = Context::new();
    index.insert("heading", strings.get("checklists"));
    index.insert("role", "");
    index.insert("groups", &groups.iter().filter(|g| g.count > 0).collect::<Vec<_>>());
    jobs.push(("checklists/".into(), "checklists.html", index, Origin::generated("checklists index")));
    // One page per role: its checklists and the pages whose `roles` name it (the `roles/<role>/`
    // term page redirects here).
    let role_terms = super::taxonomies::role_terms(views);
    for (role, g) in roles.iter().zip(&groups) {
        let mut ctx = Context::new();
        let at = format!("checklists/{}/", role.id);
        let pages: Vec<_> = role_terms.get(&role.id).into_iter().flatten().map(|&i| views.page_ref(i, &at)).collect();
        ctx.insert("heading", &strings.fill("checklists_for", &[("role", &role.label)]));
        ctx.insert("role", &role.id);
        ctx.insert("groups", &[g]);
        ctx.insert("pages", &pages);
        jobs.push((format!("checklists/{}/", role.id), "checklists.html", ctx, config_origin("role checklists page")));
    }
    let results: Vec<Result<Output, Diagnostic>> = jobs
        .into_par_iter()
        .map(|(page_url, template, ctx, origin)| render_in(views, renderer, template, &page_url, ctx, origin))
        .collect();
    let mut files = collect(results)?;
    files.push(Output::new("checklists.json", to_json(all).into_bytes(), Origin::generated("checklist export")));
    Ok(files)
}

/// `checklists.json`, in exactly the shape GUIDE §4 gives:
/// `{"checklists":[{"id","title","role","page","url","items":[{"id","text","checked"}]}]}`.
pub fn to_json(checklists: &[ChecklistView]) -> String {
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
    let export: Vec<ExportChecklist> = checklists
        .iter()
        .map(|c| ExportChecklist {
            id: &c.id,
            title: &c.title,
            role: Some(c.role.as_str()).filter(|r| !r.is_empty()),
            page: &c.page,
            url: &c.url,
            items: c.items.iter().map(|i| ExportItem { id: &i.id, text: &i.text, checked: i.checked }).collect(),
        })
        .collect();
    // Compact, one checklist to a line: pretty-printed, the export weighed as much as the pages'
    // checklists themselves (10.5 MB on the 10,000-page bench corpus); a line each keeps it
    // readable in a diff.
    let lines: Vec<String> = export.iter().filter_map(|c| serde_json::to_string(c).ok()).collect();
    if lines.is_empty() {
        "{\"checklists\": []}\n".into()
    } else {
        format!("{{\"checklists\": [\n{}\n]}}\n", lines.join(",\n"))
    }
}
