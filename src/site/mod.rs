//! `mentorbook build`: load → render markdown → render templates → write, in that order.
//!
//! Nothing touches the output folder until every page has rendered, so a failed build leaves the
//! previous output byte for byte. Markdown and templates render in parallel with rayon; outputs
//! are then sorted by path so two builds of the same input write identical bytes.

mod aliases;
pub mod check;
pub mod checklists;
mod extras;
mod feeds;
mod git;
mod output;
pub mod pages;
mod paginate;
mod print;
mod relink;
mod search;
mod taxonomy;

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use rayon::prelude::*;

use crate::config::Config;
use crate::content::Library;
use crate::content::load;
use crate::diagnostic::Diagnostic;
use crate::markdown::{Rendered, highlight};
use crate::render::{Renderer, Theme};
pub use output::{Output, WriteStats, write as write_output};

/// What `build` was asked to do.
#[derive(Debug, Clone, Default)]
pub struct BuildOptions {
    /// Site root (holds `mentorbook.yaml`).
    pub root: PathBuf,
    /// Output folder; defaults to the config's `output_dir` (`public/`).
    pub output: Option<PathBuf>,
    /// Include drafts.
    pub drafts: bool,
    /// Overrides the config's `base_url`.
    pub base_url: Option<String>,
}

/// What a finished build reports.
#[derive(Debug)]
pub struct Summary {
    /// Pages rendered (section pages included).
    pub pages: usize,
    /// Sections rendered.
    pub sections: usize,
    /// Checklists found.
    pub checklists: usize,
    /// Drafts left out.
    pub drafts_skipped: usize,
    /// Warnings found.
    pub warnings: Vec<Diagnostic>,
    /// Files written, unchanged and removed.
    pub written: WriteStats,
    /// Where the site went.
    pub output: PathBuf,
    /// Wall time.
    pub elapsed: Duration,
}

/// Why a build failed: located problems (exit code 1), with the warnings found before.
#[derive(Debug)]
pub struct BuildFailure {
    /// Errors, each `path:line:col: message`.
    pub errors: Vec<Diagnostic>,
    /// Warnings found before failing.
    pub warnings: Vec<Diagnostic>,
}

impl From<Vec<Diagnostic>> for BuildFailure {
    fn from(errors: Vec<Diagnostic>) -> Self {
        BuildFailure { errors, warnings: Vec::new() }
    }
}

/// Builds the site and writes it; on failure nothing in the output folder has changed.
pub fn build(opts: &BuildOptions) -> Result<Summary, BuildFailure> {
    let started = Instant::now();
    let config = load_config(opts)?;
    let out_dir = opts.output.clone().unwrap_or_else(|| config.output_dir.clone());
    output::check_output_dir(&config, &out_dir)?;
    let site = render_site(&config, opts.drafts)?;
    let written = output::write(&out_dir, &site.files).map_err(|e| BuildFailure::from(vec![e]))?;
    Ok(Summary {
        pages: site.pages,
        sections: site.sections,
        checklists: site.checklists,
        drafts_skipped: site.drafts_skipped,
        warnings: site.warnings,
        written,
        output: out_dir,
        elapsed: started.elapsed(),
    })
}

/// Reads the config and applies command-line overrides.
pub fn load_config(opts: &BuildOptions) -> Result<Config, BuildFailure> {
    let mut config = Config::load(&opts.root)?;
    if let Some(url) = &opts.base_url {
        config.base_url = if url.is_empty() || url.ends_with('/') { url.clone() } else { format!("{url}/") };
    }
    Ok(config)
}

/// A whole site rendered in memory, ready to write.
pub struct RenderedSite {
    /// Every output file, sorted by path.
    pub files: Vec<Output>,
    /// Pages rendered.
    pub pages: usize,
    /// Sections rendered.
    pub sections: usize,
    /// Checklists found.
    pub checklists: usize,
    /// Drafts left out.
    pub drafts_skipped: usize,
    /// Warnings.
    pub warnings: Vec<Diagnostic>,
}

/// Everything rendering needs, kept in memory by `serve` so that an edit re-renders only what
/// it touches (see `serve::rebuild`).
pub struct Model {
    /// The site's content.
    pub library: Library,
    /// Every page's rendered markdown, by page index.
    pub rendered: Vec<Rendered>,
    /// Settled titles.
    pub titles: pages::Titles,
    /// Templates with the site-wide globals set.
    pub renderer: Renderer,
}

/// Loads and renders the whole site without writing anything.
pub fn render_site(config: &Config, drafts: bool) -> Result<RenderedSite, BuildFailure> {
    let (model, warnings) = load_model(config, drafts)?;
    render_model(config, &model, warnings)
}

/// Loads the theme and content and renders every page's markdown.
pub fn load_model(config: &Config, drafts: bool) -> Result<(Model, Vec<Diagnostic>), BuildFailure> {
    let theme = Theme::load(config)?;
    let loaded = load::load(config, drafts)?;
    let mut warnings = loaded.warnings;
    let mut library = loaded.library;
    let git_dates = git::GitDates::spawn(config);
    let mut renderer = Renderer::new(theme).map_err(|errors| BuildFailure { errors, warnings: warnings.clone() })?;
    let rendered = pages::render_markdown(config, &library);
    git_dates.apply(&mut library);
    let titles = pages::Titles::new(config, &library, &rendered);
    renderer.set_globals(pages::globals(config, &library, &rendered, &titles));
    warnings.extend(rendered.iter().flat_map(|r| r.warnings.iter().cloned()));
    warnings.extend(pages::check_anchors(&library, &rendered));
    warnings.extend(pages::check_templates(&library, &renderer));
    Ok((Model { library, rendered, titles, renderer }, warnings))
}

/// Renders every output file of a loaded model.
pub fn render_model(
    config: &Config,
    model: &Model,
    mut warnings: Vec<Diagnostic>,
) -> Result<RenderedSite, BuildFailure> {
    let Model { library, rendered, titles, renderer } = model;
    let views = pages::Views::new(config, library, rendered, titles);
    let mut files = pages::render_jobs(&pages::all_jobs(&views), config, library, rendered, titles, renderer)
        .map_err(|errors| BuildFailure { errors, warnings: warnings.clone() })?;
    let (mut extra, extra_warnings) = extras::render(&views, renderer, &files)
        .map_err(|errors| BuildFailure { errors, warnings: warnings.clone() })?;
    // A static file of the site or theme (`static/404.html`, `static/robots.txt`) replaces the
    // generated file of that name, as a site's template replaces the theme's.
    extra.retain(|f| !renderer.statics().contains_key(&f.path));
    files.extend(extra);
    warnings.extend(extra_warnings);
    files.extend(
        checklists::render(&views, renderer, None)
            .map_err(|errors| BuildFailure { errors, warnings: warnings.clone() })?,
    );
    let css = if config.highlight_code {
        highlight::stylesheet(&config.highlight_theme, &config.highlight_theme_dark).map_err(|(key, message)| {
            BuildFailure { errors: vec![config.error_at(key, message)], warnings: warnings.clone() }
        })?
    } else {
        String::new()
    };
    files.push(Output::bytes("syntax.css", css.into_bytes()));
    for (name, file) in renderer.statics() {
        files.push(Output::bytes(name, file.bytes.clone()));
    }
    // Assets are read now, so that nothing can fail once writing has started.
    let assets: Vec<Result<Output, Diagnostic>> = library
        .assets
        .par_iter()
        .map(|a| match std::fs::read(&a.source) {
            Ok(bytes) => Ok(Output::from_source(&a.out, bytes, a.source.clone())),
            Err(e) => Err(Diagnostic::error(&a.source, 0, 0, format!("cannot read: {e}"))),
        })
        .collect();
    let (assets, unreadable): (Vec<_>, Vec<_>) = assets.into_iter().partition(Result::is_ok);
    if !unreadable.is_empty() {
        let errors = unreadable.into_iter().filter_map(Result::err).collect();
        return Err(BuildFailure { errors, warnings });
    }
    files.extend(assets.into_iter().filter_map(Result::ok));
    let files = output::finish(files).map_err(|errors| BuildFailure { errors, warnings: warnings.clone() })?;
    let sections = library.sections.len();
    let pages = library.pages.len() - library.sections.iter().filter(|s| s.index.is_some()).count();
    warnings.sort_by(|a, b| (&a.path, a.line, a.col).cmp(&(&b.path, b.line, b.col)));
    Ok(RenderedSite {
        files,
        pages,
        sections,
        checklists: rendered.iter().map(|r| r.checklists.len()).sum(),
        drafts_skipped: library.drafts_skipped,
        warnings,
    })
}

/// The reader outputs of a loaded model (taxonomies, feeds, sitemap, aliases, print pages,
/// 404, and the search index when `with_search`), without the pages: what `serve` refreshes
/// once an edit has been shown, when the author pauses.
pub fn render_extras(config: &Config, model: &Model, with_search: bool) -> Result<Vec<Output>, Vec<Diagnostic>> {
    let mut config = config.clone();
    config.search &= with_search;
    let Model { library, rendered, titles, renderer } = model;
    let views = pages::Views::new(&config, library, rendered, titles);
    // Only the paths of the content pages matter here: a content page wins over a generated one.
    let content: Vec<Output> = library
        .pages
        .iter()
        .map(|p| Output::from_source(&format!("{}index.html", p.url), Vec::new(), p.file.clone()))
        .collect();
    let (mut extra, _) = extras::render(&views, renderer, &content)?;
    extra.retain(|f| !renderer.statics().contains_key(&f.path) && !content.iter().any(|c| c.path == f.path));
    Ok(extra)
}

/// `path` shown relative to the current directory when it lies inside it.
pub fn shown(path: &Path) -> PathBuf {
    std::env::current_dir()
        .ok()
        .and_then(|cwd| path.strip_prefix(&cwd).ok().map(Path::to_path_buf))
        .unwrap_or_else(|| path.to_path_buf())
}
