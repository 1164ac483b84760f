//! `mentorbook build` as a library call: load the config, build the [`Model`], render every
//! output, check them all, and only then write, through the one write path.
//!
//! Nothing touches an earlier build's output until every output has rendered and passed
//! [`output::finish`], so a failed build leaves the previous output as it was; into a folder
//! with no earlier build, outputs are written as they render and removed again on failure
//! ([`Spill`]). What is worth
//! keeping for the next build (the search index's shards) goes to the [`Cache`].

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use super::cache::Cache;
use super::model::{Failure, Model};
use super::output;
use super::spill::Spill;
use super::write::{WriteError, WriteStats, Writer};
use crate::config::{Config, check_base_url};
use crate::content::load::LoadOptions;
use crate::content::select::Selection;
use crate::diagnostic::Diagnostic;
use crate::governance::audience_arg;

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
    /// `--audience`: overrides the config's `audience` (`all` is every audience).
    pub audience: Option<String>,
}

/// What a finished build reports.
#[derive(Debug)]
pub struct Summary {
    /// Pages rendered (section texts aside).
    pub pages: usize,
    /// Sections rendered.
    pub sections: usize,
    /// Checklists found.
    pub checklists: usize,
    /// Drafts left out.
    pub drafts_skipped: usize,
    /// Pages left out for other audiences, when the build is for one audience.
    pub other_audiences: Option<usize>,
    /// Pages past their review date, when anything in the site is under review.
    pub past_review: Option<usize>,
    /// Warnings found.
    pub warnings: Vec<Diagnostic>,
    /// Files written, unchanged and removed.
    pub written: WriteStats,
    /// Where the site went.
    pub output: PathBuf,
    /// Wall time.
    pub elapsed: Duration,
}

/// Builds the site and writes it; on failure nothing in the output folder has changed.
pub fn build(opts: &BuildOptions) -> Result<Summary, Failure> {
    let started = Instant::now();
    let config = load_config(opts)?;
    let out_dir = opts.output.clone().unwrap_or_else(|| config.output_dir.clone());
    check_output_dir(&config, &out_dir)?;
    let selection = selection(opts.drafts, opts.audience.as_deref(), &config)?;
    let load = LoadOptions { selection, output: Some(&out_dir), disguise: None };
    let cache = Cache::open(&config.root, &out_dir);
    let (model, mut warnings) = Model::load_cached(config, &load, cache, None)?;
    // Into a folder with no earlier build, outputs are written as they render (see `spill`);
    // on any failure below, what was written is removed again.
    let spill = Spill::open(&out_dir);
    let undo = |spill: Option<Spill>| spill.map(Spill::undo);
    let rendered = match &spill {
        Some(s) => model.render_spilling(&model.jobs(), s),
        None => model.render(&model.jobs()),
    };
    let rendered = match rendered {
        Ok(r) => r,
        Err(f) => {
            undo(spill);
            return Err(f.with_warnings(&warnings));
        }
    };
    warnings.extend(rendered.warnings);
    let files = match output::finish(rendered.outputs, Some(&out_dir)) {
        Ok(files) => files,
        Err(errors) => {
            undo(spill);
            return Err(Failure { errors, warnings });
        }
    };
    let written = match Writer::new(&out_dir).write(&files, true) {
        Ok(stats) => stats,
        Err(WriteError::Failed(e)) => {
            undo(spill);
            return Err(Failure { errors: vec![e], warnings });
        }
        Err(WriteError::Cancelled) => unreachable!("a build's writer has no cancel flag"),
    };
    if let Some(cache) = &model.cache {
        cache.prune();
    }
    warnings.sort_by(|a, b| (&a.path, a.line, a.col).cmp(&(&b.path, b.line, b.col)));
    Ok(Summary {
        pages: model.page_count(),
        sections: model.library.sections.len(),
        checklists: model.checklist_count(),
        drafts_skipped: model.library.excluded_for(crate::content::select::DRAFT),
        other_audiences: model
            .selection
            .audience
            .is_some()
            .then(|| model.library.excluded_for(crate::content::select::OTHER_AUDIENCE)),
        past_review: model.past_review(),
        warnings,
        written,
        output: out_dir,
        elapsed: started.elapsed(),
    })
}

/// Which pages a build keeps: drafts or not, and the audience of `--audience` (else the
/// config's); an audience the config does not list is an error.
pub fn selection(drafts: bool, audience: Option<&str>, config: &Config) -> Result<Selection, Failure> {
    let audience = audience.map_or_else(|| config.governance.audience.clone(), audience_arg);
    if let Some(e) = audience.as_deref().and_then(|a| config.governance.unknown(a)) {
        return Err(Failure::from(vec![Diagnostic::error("--audience", 0, 0, e)]));
    }
    Ok(Selection::new(drafts).for_audience(audience))
}

/// Reads the config and applies command-line overrides.
pub fn load_config(opts: &BuildOptions) -> Result<Config, Failure> {
    let mut config = Config::load(&opts.root)?;
    if let Some(url) = &opts.base_url {
        check_base_url(url).map_err(|e| Failure::from(vec![Diagnostic::error("--base-url", 0, 0, e)]))?;
        config.base_url = if url.is_empty() || url.ends_with('/') { url.clone() } else { format!("{url}/") };
    }
    Ok(config)
}

/// Refuses an output folder that is the site root, holds the site, or lies inside its sources.
pub fn check_output_dir(config: &Config, out: &Path) -> Result<(), Vec<Diagnostic>> {
    let root = lenient_canonical(&config.root);
    let out_c = lenient_canonical(out);
    let error = |why: &str| {
        vec![Diagnostic::error(
            out,
            0,
            0,
            format!("refusing to use this as the output folder: {why}; nothing was written"),
        )]
    };
    if out_c == root {
        return Err(error("it is the site root"));
    }
    let content = lenient_canonical(&config.content_dir);
    if root.starts_with(&out_c) || content.starts_with(&out_c) {
        return Err(error("it contains the site's sources"));
    }
    for source in [content, root.join("templates"), root.join("static"), root.join("themes")] {
        if out_c.starts_with(&source) {
            return Err(error(&format!("it lies inside {}", source.display())));
        }
    }
    Ok(())
}

/// Canonical form of a path that may not exist yet: its longest existing ancestor, canonicalised.
fn lenient_canonical(path: &Path) -> PathBuf {
    let path = if path.as_os_str().is_empty() { Path::new(".") } else { path };
    let absolute = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    let mut existing = absolute.as_path();
    let mut rest = Vec::new();
    loop {
        if let Ok(c) = existing.canonicalize() {
            return rest.iter().rev().fold(c, |acc: PathBuf, part| acc.join(part));
        }
        match (existing.parent(), existing.file_name()) {
            (Some(parent), Some(name)) => {
                rest.push(name.to_os_string());
                existing = parent;
            }
            _ => return absolute,
        }
    }
}

/// `path` shown relative to the current directory when it lies inside it.
pub fn shown(path: &Path) -> PathBuf {
    std::env::current_dir()
        .ok()
        .and_then(|cwd| path.strip_prefix(&cwd).ok().map(Path::to_path_buf))
        .unwrap_or_else(|| path.to_path_buf())
}
