//! Rendering every page: markdown in parallel, then the view structs, then templates in parallel.
//!
//! Titles are settled between the two passes (front matter, else the first `# ` heading, else a
//! short first line, else the file name), because lists, breadcrumbs and prev/next links all show
//! other pages' titles.

use rayon::prelude::*;
use tera::Context;

use super::output::Output;
use crate::config::Config;
use crate::content::{Library, Page, url};
use crate::diagnostic::{BROKEN_LINK, Diagnostic};
use crate::markdown::{self, Rendered, highlight::escape_html};
use crate::render::Renderer;
use crate::render::views::{ChecklistView, ConfigView, Link, PageRef, PageView, SectionRef, SectionView, SiteView};

/// Renders every page's markdown, in parallel, in library order.
pub fn render_markdown(config: &Config, library: &Library) -> Vec<Rendered> {
    (0..library.pages.len()).into_par_iter().map(|i| render_page_markdown(config, library, i)).collect()
}

/// Renders one page's markdown (what `serve` redoes after an edit).
pub fn render_page_markdown(config: &Config, library: &Library, i: usize) -> Rendered {
    let page = &library.pages[i];
    let opts = markdown::Options {
        highlight: config.highlight_code,
        known_title: page.title.as_deref(),
        index_html: config.link_to_index_html,
        source_dir: &page.dir,
        page_url: &page.url,
        resolver: library,
        path: &page.file,
        first_line: page.body_line,
        checklists: markdown::ChecklistOptions {
            roles: &config.roles,
            detect: config.detect_checklists,
            page_role: match page.meta.roles.as_slice() {
                [one] => config.role(one).map(|r| r.id.as_str()),
                _ => None,
            },
        },
    };
    markdown::render(&page.body, &opts)
}

/// Settled titles of every page and section.
pub struct Titles {
    /// By page index.
    pub pages: Vec<String>,
    /// By section index.
    pub sections: Vec<String>,
}

impl Titles {
    /// Front matter, else first heading, else first line, else file or folder name.
    pub fn new(config: &Config, library: &Library, rendered: &[Rendered]) -> Titles {
        let pages: Vec<String> = library.pages.iter().zip(rendered).map(|(p, r)| page_title(p, r)).collect();
        let sections = library
            .sections
            .iter()
            .map(|s| match s.index {
                Some(i) => pages[i].clone(),
                None if s.dir.is_empty() => config.title.clone(),
                None => humanize(&s.name),
            })
            .collect();
        Titles { pages, sections }
    }
}

/// One page's settled title: front matter, else first heading or line, else the file name.
pub fn page_title(page: &Page, rendered: &Rendered) -> String {
    page.title.clone().or_else(|| rendered.title.clone()).unwrap_or_else(|| humanize(&page.stem))
}

/// `first-meeting` → `First meeting`.
pub fn humanize(name: &str) -> String {
    let spaced = name.replace(['-', '_'], " ");
    let mut chars = spaced.trim().chars();
    chars.next().map(|c| c.to_uppercase().chain(chars).collect()).unwrap_or_else(|| name.to_string())
}

/// `site` and `config`, shared by every template; `checklists` is every checklist of the site.
pub fn globals(config: &Config, library: &Library, rendered: &[Rendered], titles: &Titles) -> Context {
    let views = Views::new(config, library, rendered, titles);
    let checklists: Vec<ChecklistView> = views.all_checklists();
    let site = SiteView {
        title: config.title.clone(),
        description: config.description.clone(),
        language: config.language.clone(),
        base_url: config.base_url.clone(),
        home_url: url::link_form("", config.link_to_index_html),
        search: config.search,
        generator: format!("mentorbook {}", env!("CARGO_PKG_VERSION")),
        sections: library
            .sections
            .first()
            .map(|root| root.subsections.iter().map(|&s| section_ref(config, library, titles, s)).collect())
            .unwrap_or_default(),
        roles: views.role_views(&checklists),
        checklists,
        checklists_url: views.link("checklists/"),
        id: url::slugify(&config.title),
    };
    let config_view = ConfigView {
        title: config.title.clone(),
        description: config.description.clone(),
        base_url: config.base_url.clone(),
        language: config.language.clone(),
        extra: config.extra.clone(),
    };
    let mut ctx = Context::new();
    ctx.insert("site", &site);
    ctx.insert("config", &config_view);
    ctx
}

/// Warnings for links to anchors that no heading on the target page has.
pub fn check_anchors(library: &Library, rendered: &[Rendered]) -> Vec<Diagnostic> {
    let mut warnings = Vec::new();
    for (i, r) in rendered.iter().enumerate() {
        for link in &r.anchor_links {
            let target = link.page.unwrap_or(i);
            // Headings (GitHub matches them case-insensitively), then any other id (footnotes, raw HTML).
            let found = rendered[target].ids.iter().any(|id| id.eq_ignore_ascii_case(&link.anchor))
                || rendered[target].html.contains(&format!("id=\"{}\"", link.anchor));
            if !found {
                let on =
                    if link.page.is_some() { format!(" on `{}`", library.pages[target].rel) } else { String::new() };
                warnings.push(Diagnostic::warning(
                    &library.pages[i].file,
                    link.line,
                    link.col,
                    format!("{BROKEN_LINK} anchor `#{}`{on}", link.anchor),
                ));
            }
        }
    }
    warnings
}

/// Warnings for `template:` keys naming a template the theme lacks (content from Hugo or Zola
/// often names its old theme's templates); those pages use the default template.
pub fn check_templates(library: &Library, renderer: &Renderer) -> Vec<Diagnostic> {
    library
        .pages
        .iter()
        .filter_map(|p| {
            let (name, line) = p.meta.template.as_ref()?;
            (!renderer.has_template(name)).then(|| {
                Diagnostic::warning(
                    &p.file,
                    *line,
                    1,
                    format!("template `{name}` not found in the theme; using the default template"),
                )
            })
        })
        .collect()
}

/// Every output: one per page and one per list page of each section.
pub fn all_jobs(views: &Views<'_>) -> Vec<Job> {
    let library = views.library;
    (0..library.pages.len())
        .filter(|&i| !library.is_section_index(i))
        .map(Job::Page)
        .chain((0..library.sections.len()).flat_map(|s| section_jobs(views, s)))
        .collect()
}

/// Every list page of section `s`.
pub fn section_jobs(views: &Views<'_>, s: usize) -> impl Iterator<Item = Job> {
    (1..=views.section_page_count(s)).map(move |n| Job::Section(s, n))
}

/// The output files of `jobs` (every output, or what `serve` re-renders after an edit), rendered
/// in parallel.
pub fn render_jobs(
    jobs: &[Job],
    config: &Config,
    library: &Library,
    rendered: &[Rendered],
    titles: &Titles,
    renderer: &Renderer,
) -> Result<Vec<Output>, Vec<Diagnostic>> {
    let views = Views { config, library, rendered, titles };
    let results: Vec<Result<Output, Diagnostic>> = jobs.par_iter().map(|job| views.render(*job, renderer)).collect();
    let (ok, errors): (Vec<_>, Vec<_>) = results.into_iter().partition(Result::is_ok);
    if errors.is_empty() {
        Ok(ok.into_iter().filter_map(Result::ok).collect())
    } else {
        Err(collapse_repeats(errors.into_iter().filter_map(Result::err).collect()))
    }
}

/// One template bug fails every page that uses it: report it once, with how many pages it hit.
fn collapse_repeats(errors: Vec<Diagnostic>) -> Vec<Diagnostic> {
    let mut out: Vec<(Diagnostic, usize)> = Vec::new();
    for e in errors {
        match out.iter_mut().find(|(d, _)| d.path == e.path && d.line == e.line && d.col == e.col) {
            Some((_, n)) => *n += 1,
            None => out.push((e, 0)),
        }
    }
    out.into_iter()
        .map(|(mut d, more)| {
            if more > 0 {
                d.message.push_str(&format!(" (and {more} more pages)"));
            }
            d
        })
        .collect()
}

/// One output of the site: a page (by page index) or a section (by section index).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Job {
    /// A page that is not a section's own text.
    Page(usize),
    /// Section, 1-based list page.
    Section(usize, usize),
}

/// Builds the view structs templates see, from the library and the rendered markdown; the reader
/// outputs (taxonomies, feeds, print) and the checklist pages reuse it.
pub struct Views<'a> {
    pub(super) config: &'a Config,
    pub(super) library: &'a Library,
    pub(super) rendered: &'a [Rendered],
    pub(super) titles: &'a Titles,
}

impl<'a> Views<'a> {
    /// Views over one rendered site.
    pub fn new(config: &'a Config, library: &'a Library, rendered: &'a [Rendered], titles: &'a Titles) -> Self {
        Views { config, library, rendered, titles }
    }
}

impl Views<'_> {
    fn render(&self, job: Job, renderer: &Renderer) -> Result<Output, Diagnostic> {
        let (url, template, file, key, value) = match job {
            Job::Page(i) => {
                let page = &self.library.pages[i];
                (
                    page.url.clone(),
                    self.template_of(i, "page.html", renderer),
                    page.file.clone(),
                    "page",
                    serde_json::to_value(self.page_view(i)),
                )
            }
            Job::Section(s, n) => {
                let section = &self.library.sections[s];
                let default = if s == 0 { "index.html" } else { "section.html" };
                let template = match section.index {
                    Some(i) => self.template_of(i, default, renderer),
                    None => default.to_string(),
                };
                let file = section
                    .index
                    .map_or_else(|| self.config.content_dir.join(&section.dir), |i| self.library.pages[i].file.clone());
                let url = super::paginate::page_url(&section.url, n);
                (url, template, file, "section", serde_json::to_value(self.section_view(s, n)))
            }
        };
        let value =
            value.map_err(|e| Diagnostic::error(&file, 0, 0, format!("cannot prepare the page for templates: {e}")))?;
        let mut ctx = Context::new();
        ctx.insert("root", &url::root_prefix(&url));
        ctx.insert("current_url", &self.link(&url));
        ctx.insert(key, &value);
        if let Job::Section(0, 1) = job {
            ctx.insert("recent", &self.recent());
        }
        let html = renderer.render(&template, &ctx, &file)?;
        Ok(Output::from_source(&format!("{url}index.html"), html.into_bytes(), file))
    }

    /// The page's `template` front matter when the theme has it, else `default`.
    fn template_of(&self, page: usize, default: &str, renderer: &Renderer) -> String {
        match &self.library.pages[page].meta.template {
            Some((name, _)) if renderer.has_template(name) => name.clone(),
            _ => default.to_string(),
        }
    }

    /// Absolute URL from `base_url`, or empty without one.
    pub(super) fn permalink(&self, url: &str) -> String {
        if self.config.base_url.is_empty() {
            String::new()
        } else {
            format!("{}{}", self.config.base_url, url::encode_path(url))
        }
    }

    /// `url` as written in a link: `index.html` form when configured, percent-encoded.
    pub(super) fn link(&self, url: &str) -> String {
        url::encode_path(&url::link_form(url, self.config.link_to_index_html))
    }

    /// Page `i` as listed by sections and taxonomies on the page at root-relative `at`, whose
    /// summary links are re-aimed from there.
    pub(super) fn page_ref(&self, i: usize, at: &str) -> PageRef {
        let p = &self.library.pages[i];
        PageRef {
            title: self.titles.pages[i].clone(),
            url: self.link(&p.url),
            date: p.meta.date.map(|d| d.ymd()).unwrap_or_default(),
            date_iso: p.meta.date.map(|d| d.rfc3339()).unwrap_or_default(),
            description: p.meta.description.clone().unwrap_or_default(),
            summary: super::relink::excerpt_html(&self.summary(i), &p.url, at, &format!("summary-{i}")),
            draft: p.meta.draft,
        }
    }

    /// Summary HTML (before `<!--more-->`, else the escaped `summary` key), may be empty.
    pub(super) fn summary(&self, i: usize) -> String {
        match (&self.rendered[i].summary, &self.library.pages[i].meta.summary) {
            (Some(html), _) => html.clone(),
            (None, Some(text)) => format!("<p>{}</p>", escape_html(text)),
            (None, None) => String::new(),
        }
    }

    fn section_ref(&self, s: usize) -> SectionRef {
        section_ref(self.config, self.library, self.titles, s)
    }

    /// Home, then every section above `section`, then `section` itself.
    fn ancestors(&self, section: usize) -> Vec<Link> {
        let mut chain = Vec::new();
        let mut cur = Some(section);
        while let Some(s) = cur {
            let sec = &self.library.sections[s];
            let title = if s == 0 { "Home".to_string() } else { self.titles.sections[s].clone() };
            chain.push(Link { title, url: self.link(&sec.url) });
            cur = sec.parent;
        }
        chain.reverse();
        chain
    }

    fn page_view(&self, i: usize) -> PageView {
        let p = &self.library.pages[i];
        let r = &self.rendered[i];
        let siblings = &self.library.sections[p.section].pages;
        let pos = siblings.iter().position(|&x| x == i);
        let link_to =
            |j: usize| Link { title: self.titles.pages[j].clone(), url: self.link(&self.library.pages[j].url) };
        let prev = pos.and_then(|k| k.checked_sub(1)).map(|k| link_to(siblings[k]));
        let next = pos.and_then(|k| siblings.get(k + 1)).map(|&j| link_to(j));
        let sec = &self.library.sections[p.section];
        PageView {
            title: self.titles.pages[i].clone(),
            description: p.meta.description.clone().unwrap_or_default(),
            summary: self.summary(i),
            content: r.html.clone(),
            toc: r.toc.clone(),
            show_toc: p.meta.toc,
            date: p.meta.date.map(|d| d.ymd()).unwrap_or_default(),
            date_iso: p.meta.date.map(|d| d.rfc3339()).unwrap_or_default(),
            updated: p.meta.updated.map(|d| d.ymd()).unwrap_or_default(),
            updated_iso: p.meta.updated.map(|d| d.rfc3339()).unwrap_or_default(),
            draft: p.meta.draft,
            slug: p.url.trim_end_matches('/').rsplit('/').next().unwrap_or("").to_string(),
            url: self.link(&p.url),
            permalink: self.permalink(&p.url),
            weight: p.meta.weight,
            aliases: p.meta.aliases.clone(),
            tags: p.meta.tags.clone(),
            categories: p.meta.categories.clone(),
            roles: p.meta.roles.clone(),
            taxonomies: super::taxonomy::page_links(self, &p.meta),
            authors: p.meta.authors.clone(),
            extra: p.meta.extra.clone(),
            source_path: p.rel.clone(),
            edit_url: self.config.edit_url.as_ref().map(|base| format!("{base}{}", p.rel)).unwrap_or_default(),
            word_count: r.word_count,
            reading_time: r.word_count.div_ceil(200).max(1),
            prev,
            next,
            section: Some(Link { title: self.titles.sections[p.section].clone(), url: self.link(&sec.url) }),
            ancestors: self.ancestors(p.section),
            checklists: self.page_checklists(i),
            step: self.step(i),
        }
    }

    /// `paginate_by` of section `s` (its `_index.md` front matter), 0 for none.
    fn section_paginate_by(&self, s: usize) -> usize {
        self.library.sections[s].index.map_or(0, |i| super::paginate::section_paginate_by(&self.library.pages[i].meta))
    }

    /// How many list pages section `s` renders.
    pub(super) fn section_page_count(&self, s: usize) -> usize {
        super::paginate::page_count(self.library.sections[s].pages.len(), self.section_paginate_by(s))
    }

    fn section_view(&self, s: usize, n: usize) -> SectionView {
        let sec = &self.library.sections[s];
        let per = self.section_paginate_by(s);
        let total = self.section_page_count(s);
        let list_url = super::paginate::page_url(&sec.url, n);
        let index = sec.index.map(|i| (&self.library.pages[i], &self.rendered[i]));
        let mut ancestors = sec.parent.map(|p| self.ancestors(p)).unwrap_or_default();
        if s == 0 {
            ancestors.clear();
        }
        let steps = self.steps(s);
        SectionView {
            title: self.titles.sections[s].clone(),
            description: index
                .and_then(|(p, _)| p.meta.description.clone())
                .unwrap_or_else(|| if s == 0 { self.config.description.clone() } else { String::new() }),
            content: index.map(|(_, r)| r.html.clone()).unwrap_or_default(),
            url: self.link(&sec.url),
            permalink: self.permalink(&list_url),
            pages: super::paginate::chunk(&sec.pages, per, n).iter().map(|&i| self.page_ref(i, &list_url)).collect(),
            pager: super::paginate::pager(self, &sec.url, n, total),
            subsections: sec.subsections.iter().map(|&c| self.section_ref(c)).collect(),
            ancestors,
            extra: index.map(|(p, _)| p.meta.extra.clone()).unwrap_or_default(),
            draft: index.is_some_and(|(p, _)| p.meta.draft),
            playbook: self.library.is_playbook(s),
            progress_total: steps.iter().flat_map(|st| &st.checklists).map(|c| c.total).sum(),
            progress_checked: steps.iter().flat_map(|st| &st.checklists).map(|c| c.checked).sum(),
            steps,
            checklists: sec.index.map(|i| self.page_checklists(i)).unwrap_or_default(),
            feed_url: super::feeds::feed_url(self, s),
        }
    }

    /// The newest dated pages for the home page.
    fn recent(&self) -> Vec<PageRef> {
        let mut dated: Vec<usize> = (0..self.library.pages.len())
            .filter(|&i| self.library.pages[i].meta.date.is_some() && !self.library.is_section_index(i))
            .collect();
        dated.sort_by_key(|&i| {
            (
                std::cmp::Reverse(self.library.pages[i].meta.date.map(|d| d.sort_key())),
                self.library.pages[i].rel.clone(),
            )
        });
        dated.truncate(self.config.recent_pages);
        dated.into_iter().map(|i| self.page_ref(i, "")).collect()
    }
}

fn section_ref(config: &Config, library: &Library, titles: &Titles, s: usize) -> SectionRef {
    let sec = &library.sections[s];
    SectionRef {
        title: titles.sections[s].clone(),
        url: url::encode_path(&url::link_form(&sec.url, config.link_to_index_html)),
        description: sec.index.and_then(|i| library.pages[i].meta.description.clone()).unwrap_or_default(),
        page_count: sec.pages.len(),
    }
}
