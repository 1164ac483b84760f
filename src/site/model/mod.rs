//! The [`Model`]: everything a site's outputs are made from, loaded once and kept by `serve`.
//!
//! `build`, `check` and `serve` all use the same small API: [`Model::load`] reads the config's
//! content and theme and renders every page's markdown (collecting every error of every stage,
//! so one run reports them all); [`Model::jobs`] lists every output and [`Model::render`]
//! renders any set of them; [`Model::update_page`] takes in the edit of one page and says which
//! outputs now differ. Writing is not the model's business: the caller hands the outputs to the
//! one write path ([`super::write::Writer`]).

mod cached;
mod jobs;
mod update;

use super::cache::Cache;
use super::git::{GitDates, History};
use super::outputs::{aliases, pages, whats_new};
use super::relink;
use super::titles::Titles;
use super::views::Views;
use crate::config::Config;
use crate::content::load::{self, LoadOptions};
use crate::content::select::Selection;
use crate::content::{Library, PageId, SectionId, url};
use crate::diagnostic::{Diagnostic, Kind};
use crate::markdown::{self, Rendered};
use crate::render::views::{ConfigView, SiteView};
use crate::render::{Renderer, Theme};
pub use cached::Later;
pub use jobs::{Job, Rendering};
pub use update::Update;

/// Everything rendering needs: the config, the library, every page's rendered markdown, the
/// settled titles and the templates (with the site-wide values set).
pub struct Model {
    /// The config, with command-line overrides applied.
    pub config: Config,
    /// Which pages this model holds.
    pub selection: Selection,
    /// The site's content.
    pub library: Library,
    /// Every page's rendered markdown, by page.
    pub rendered: Vec<Rendered>,
    /// Settled titles.
    pub titles: Titles,
    /// Templates.
    pub renderer: Renderer,
    /// The content folder's git history, for `/whats-new/`.
    pub history: History,
    /// Where results that outlive a build are kept (rendered markdown, the search index's
    /// shards), if anywhere.
    pub cache: Option<Cache>,
    /// An edit left `site` behind (see [`Model::settle`]).
    globals_stale: bool,
}

/// Why loading or rendering failed: every error found, with the warnings found before.
#[derive(Debug, Default)]
pub struct Failure {
    /// Errors, each `path:line:col: message`.
    pub errors: Vec<Diagnostic>,
    /// Warnings.
    pub warnings: Vec<Diagnostic>,
}

impl From<Vec<Diagnostic>> for Failure {
    fn from(errors: Vec<Diagnostic>) -> Self {
        Failure { errors, warnings: Vec::new() }
    }
}

impl Failure {
    /// The same failure, with `warnings` (found before it) in front of its own.
    pub fn with_warnings(mut self, warnings: &[Diagnostic]) -> Self {
        let mut all = warnings.to_vec();
        all.append(&mut self.warnings);
        self.warnings = all;
        self
    }
}

impl Model {
    /// Loads the theme and content of `config` and renders every page's markdown; returns the
    /// model and its warnings, or every error of every stage at once.
    pub fn load(config: Config, opts: &LoadOptions<'_>) -> Result<(Model, Vec<Diagnostic>), Failure> {
        Model::load_cached(config, opts, None, None)
    }

    /// [`Model::load`], with markdown taken from `cache` where nothing it is made from changed
    /// (the model keeps the cache for the search index); with `later`, diagrams not drawn before
    /// are left to it.
    pub fn load_cached(
        config: Config,
        opts: &LoadOptions<'_>,
        cache: Option<Cache>,
        later: Option<&cached::Later>,
    ) -> Result<(Model, Vec<Diagnostic>), Failure> {
        let mut errors = Vec::new();
        let theme = Theme::load(&config).map_err(|e| errors.extend(e)).ok();
        let loaded = load::load(&config, opts);
        let content_broken = !loaded.errors.is_empty();
        errors.extend(loaded.errors);
        let mut warnings = loaded.warnings;
        let mut library = loaded.library;
        errors.extend(aliases::problems(&library));
        errors.extend(library.assets.iter().filter_map(|a| {
            std::fs::File::open(&a.source)
                .err()
                .map(|e| Diagnostic::error(&a.source, 0, 0, format!("cannot read: {e}")))
        }));
        let git_dates = GitDates::spawn(&config);
        let renderer = theme.and_then(|t| Renderer::new(t, &config.strings).map_err(|e| errors.extend(e)).ok());
        let Some(renderer) = renderer else {
            return Err(Failure { errors, warnings });
        };
        let rendered = cached::render_markdown(&config, &library, &renderer, cache.as_ref(), later);
        for r in &rendered {
            for e in &r.errors {
                if !errors.contains(e) {
                    errors.push(e.clone());
                }
            }
            warnings.extend(r.warnings.iter().cloned());
        }
        let history = git_dates.apply(&config, &mut library);
        let titles = Titles::new(&config, &library, &rendered);
        warnings.extend(check_anchors(&library, &rendered));
        if content_broken {
            // A link to a file that failed to load is not a problem of its own.
            warnings.retain(|w| !w.kind.is_link());
        }
        let selection = opts.selection.clone();
        let mut model =
            Model { config, selection, library, rendered, titles, renderer, history, cache, globals_stale: false };
        warnings.extend(pages::missing_templates(&model.views(), &model.renderer));
        if model.config.governance.whats_new_days > 0 {
            warnings.extend(whats_new::warning(&model.views(), &model.history));
        }
        if !errors.is_empty() {
            return Err(Failure { errors, warnings });
        }
        model.set_globals();
        Ok((model, warnings))
    }

    /// The views templates see, over this model.
    pub fn views(&self) -> Views<'_> {
        Views::new(&self.config, &self.library, &self.rendered, &self.titles)
    }

    /// Pages rendered (section texts aside).
    pub fn page_count(&self) -> usize {
        self.library.page_ids().filter(|&i| !self.library.is_section_text(i)).count()
    }

    /// Checklists found.
    pub fn checklist_count(&self) -> usize {
        self.rendered.iter().map(|r| r.checklists.len()).sum()
    }

    /// Brings `site` up to date where an edit left it behind (a title edit of a page with
    /// checklists changes `site.checklists`); before rendering every output again.
    pub fn settle(&mut self) {
        if std::mem::take(&mut self.globals_stale) {
            self.set_globals();
        }
    }

    /// Sets `site` and `config`, which every template sees.
    fn set_globals(&mut self) {
        self.globals_stale = false;
        let views = self.views();
        let checklists = views.all_checklists();
        let config = &self.config;
        let site = SiteView {
            title: config.title.clone(),
            description: config.description.clone(),
            language: config.language.clone(),
            base_url: config.base_url.clone(),
            home_url: url::link_form("", config.link_to_index_html),
            search: config.search && cfg!(feature = "search"),
            generator: format!("mentorbook {}", env!("CARGO_PKG_VERSION")),
            sections: self.library.section(SectionId::ROOT).subsections.iter().map(|&s| views.section_ref(s)).collect(),
            roles: views.role_views(&checklists),
            checklists,
            checklists_url: views.link("checklists/"),
            id: config.storage_key(),
            noindex: views.noindex(),
            review_url: if self.has_review_page() { views.link("review/") } else { String::new() },
        };
        let config_view = ConfigView {
            title: config.title.clone(),
            description: config.description.clone(),
            base_url: config.base_url.clone(),
            language: config.language.clone(),
            extra: config.extra.clone(),
        };
        self.renderer.set_global("site", &site);
        self.renderer.set_global("config", &config_view);
    }
}

/// Renders one page's markdown; drawn diagrams are kept in `diagrams` when given.
fn render_page(
    config: &Config,
    library: &Library,
    renderer: &Renderer,
    diagrams: Option<&dyn markdown::DiagramStore>,
    i: PageId,
) -> Rendered {
    let page = library.page(i);
    // Jekyll keeps `_includes/` in the content folder or beside it.
    let includes = [config.content_dir.join("_includes"), config.content_dir.join("../_includes")]
        .into_iter()
        .find(|d| page.body.contains("include") && d.is_dir());
    // Hugo's `include` shortcode reads `assets/` beside the content folder.
    let assets = hugo_assets(config).filter(|_| page.body.contains("include"));
    // An unknown theme name is reported by the stylesheet, naming its config key.
    let schemes = config
        .highlight_code
        .then(|| markdown::highlight::schemes(&config.highlight_theme, &config.highlight_theme_dark).ok())
        .flatten();
    let opts = markdown::Options {
        highlight: schemes.as_deref(),
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
        markup: renderer,
        includes: includes.as_deref(),
        assets: assets.as_deref(),
        diagrams,
        site: markdown::SiteInfo { base_url: &config.base_url, title: &config.title },
    };
    markdown::render(&page.body, &opts)
}

/// Hugo's `assets/` folder beside the content folder, when there is one.
pub(super) fn hugo_assets(config: &Config) -> Option<std::path::PathBuf> {
    Some(config.content_dir.parent()?.join("assets")).filter(|d| d.is_dir())
}

/// Warnings for links to anchors that the target page does not have: no heading id (matched
/// case-insensitively, as GitHub does) and no other id in its HTML (footnotes, raw HTML), which
/// is parsed only for the pages such a link points at.
fn check_anchors(library: &Library, rendered: &[Rendered]) -> Vec<Diagnostic> {
    use std::collections::{HashMap, HashSet};
    // Sets, built once per target page: a page with many headings and links stays linear.
    let mut heading_ids: HashMap<usize, HashSet<String>> = HashMap::new();
    let mut other_ids: HashMap<usize, HashSet<String>> = HashMap::new();
    let mut warnings = Vec::new();
    for (i, r) in rendered.iter().enumerate() {
        for link in &r.anchor_links {
            let target = link.page.map_or(i, |p| p.0);
            let in_headings = heading_ids
                .entry(target)
                .or_insert_with(|| rendered[target].ids.iter().map(|id| id.to_ascii_lowercase()).collect())
                .contains(&link.anchor.to_ascii_lowercase());
            let found = in_headings
                || other_ids
                    .entry(target)
                    .or_insert_with(|| relink::ids(&rendered[target].html).into_iter().collect())
                    .contains(&link.anchor);
            if !found {
                let on =
                    if link.page.is_some() { format!(" on `{}`", library.pages[target].rel) } else { String::new() };
                let message = format!("link to a missing anchor `#{}`{on}", link.anchor);
                warnings.push(
                    Diagnostic::warning(&library.pages[i].file, link.line, link.col, message)
                        .with_kind(Kind::BrokenAnchor),
                );
            }
        }
    }
    warnings
}
