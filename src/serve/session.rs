//! What `serve` redoes after a change: only what the change needs, or everything.
//!
//! The session holds the site's [`Model`] between changes and asks it the questions `build`
//! asks: a one-page edit goes through [`Model::update_page`], which says which outputs now
//! differ; they are rendered and written at once, and the page reloads. Everything else the
//! edit touched (taxonomies, feeds, print pages, the search index, the checklist overview after
//! a title edit, pruning what is gone) is
//! *deferred*: it is brought up to date by [`Session::refresh`] when the author pauses, by
//! rendering every output from the model and writing with pruning, exactly as a build does, so
//! that once idle the folder holds what `build --drafts` writes. The refresh yields to a new
//! save. When a full rebuild finds many diagrams it has not drawn before, they show as their
//! source until the refresh has drawn them (its first step), and a large site's first build
//! leaves its print, taxonomy and feed pages to the refresh too: the first page never waits for
//! them. An edited asset is copied again; any other change (a new, deleted or renamed file, a
//! template, theme, static or config edit) loads the site again.
//! A failed rebuild changes nothing on disk, and the next change rebuilds everything (only the
//! fix of a page that failed to read stays partial), so an error stands until the site is good.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use super::Shared;
use crate::config::{CONFIG_FILE, Config};
use crate::content::load::LoadOptions;
use crate::diagnostic::Diagnostic;
use crate::report;
use crate::site::cache::Cache;
use crate::site::model::Later;
use crate::site::{self, Job, Model, Output, WriteError, WriteStats, Writer, output};

/// Pages from which the first build leaves the print, taxonomy and feed pages to the refresh.
pub const LISTS_LATER_FROM: usize = 1000;

/// Where the search index lives, which only a refresh rewrites.
const SEARCH_DIR: &str = "pagefind/";

/// What a partial rebuild gives: files rendered and what writing did, or the errors.
type Written = Result<(usize, WriteStats), Vec<Diagnostic>>;

/// What a write removes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Prune {
    /// Nothing: a partial write.
    No,
    /// Every file not written but the search index's.
    KeepSearch,
    /// Every file not written.
    All,
}

/// How much a rebuild redid.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    /// One asset, copied again.
    File,
    /// One page's markdown, and the outputs that show that page.
    Page,
    /// One page's markdown, and every output that names it (its title, date or weight changed).
    Lists,
    /// Everything, from loading the config on.
    Site,
    /// Everything but the print, taxonomy and feed pages (a large site's first build).
    SiteListsLater,
    /// Every deferred output, once the author paused.
    Refresh,
    /// Every page again, once the diagrams the first build left were drawn.
    Diagrams,
}

/// What a successful rebuild did.
#[derive(Debug)]
pub struct Outcome {
    /// How much was redone.
    pub scope: Scope,
    /// Output files rendered.
    pub rendered: usize,
    /// Output files whose bytes changed, or that were removed.
    pub written: usize,
    /// Wall time.
    pub elapsed: Duration,
}

impl Outcome {
    /// One line for the terminal.
    pub fn describe(&self) -> String {
        let kind = match self.scope {
            Scope::File => "copied the edited file",
            Scope::Page => "rebuilt the edited page and its lists",
            Scope::Lists => "rebuilt the edited page, its neighbours and every list that names it",
            Scope::Site => "built the site",
            Scope::SiteListsLater => "built the site (print, taxonomy and feed pages follow)",
            Scope::Refresh => "idle: every output is up to date",
            Scope::Diagrams => "drew the diagrams and rebuilt the pages that show them",
        };
        format!(
            "{kind}: {} files rendered, {} changed, in {} ms",
            self.rendered,
            self.written,
            self.elapsed.as_millis()
        )
    }
}

/// What to watch, relative to the site root.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Watched {
    /// Folders whose changes matter (content, templates, themes, static).
    pub dirs: Vec<PathBuf>,
    /// The config file name.
    pub config: PathBuf,
    /// The build's output folder, whose changes never matter.
    pub output: PathBuf,
}

/// The served site: what was last built, and what is still to bring up to date.
pub struct Session {
    root: PathBuf,
    drafts: bool,
    audience: Option<String>,
    shared: Arc<Shared>,
    model: Option<Model>,
    /// The page (relative to the root) whose last edit could not be read, if any.
    broken: Option<PathBuf>,
    /// A partial rebuild left outputs to refresh.
    deferred: bool,
    /// Diagrams the last full build showed as their source, drawn by the refresh.
    later: Later,
    /// A full build has written the site once.
    built: bool,
}

impl Session {
    /// A site not yet built, served from `shared.out`.
    pub(crate) fn new(root: PathBuf, drafts: bool, audience: Option<String>, shared: Arc<Shared>) -> Session {
        Session {
            root,
            drafts,
            audience,
            shared,
            model: None,
            broken: None,
            deferred: false,
            later: Later::default(),
            built: false,
        }
    }

    /// The site root.
    pub fn root(&self) -> &Path {
        &self.root
    }

    /// The folders and files whose changes trigger a rebuild.
    pub fn watched(&self) -> Watched {
        let config = match &self.model {
            Some(m) => m.config.clone(),
            None => Config::load(&self.root).unwrap_or_else(|_| Config::default_for(&self.root)),
        };
        let rel = |p: &Path| p.strip_prefix(&self.root).map(Path::to_path_buf).unwrap_or_else(|_| p.to_path_buf());
        let dirs = vec![rel(&config.content_dir), "templates".into(), "themes".into(), "static".into()];
        Watched { dirs, config: CONFIG_FILE.into(), output: rel(&config.output_dir) }
    }

    /// Loads the site again, renders every output but the search index, and writes them; the
    /// rest (the index, pruning) follows in [`Session::refresh`].
    pub fn full(&mut self) -> Result<Outcome, Vec<Diagnostic>> {
        let started = Instant::now();
        // Until this succeeds nothing in memory is known good.
        (self.model, self.broken, self.deferred, self.later) = (None, None, false, Later::default());
        let opts = site::BuildOptions { root: self.root.clone(), drafts: self.drafts, ..Default::default() };
        let config = site::load_config(&opts).map_err(|f| f.errors)?;
        let output_dir = config.output_dir.clone();
        let selection = site::selection(self.drafts, self.audience.as_deref(), &config).map_err(|f| f.errors)?;
        let load = LoadOptions { selection, output: Some(&output_dir), disguise: None };
        let cache = Cache::open(&self.root, &self.shared.out);
        // Diagrams not drawn before are drawn after the first page is up, by the refresh.
        let (model, warnings) = Model::load_cached(config, &load, cache, Some(&self.later)).map_err(|f| f.errors)?;
        report::diagnostics(&warnings);
        // A large site's first build leaves its longest lists to the refresh too: nothing is
        // served yet that links to them from an earlier build, and the first page comes sooner.
        let first_large = !self.built && model.page_count() >= LISTS_LATER_FROM;
        let later =
            |j: &Job| *j == Job::Search || first_large && matches!(j, Job::Print | Job::Taxonomies | Job::Feeds);
        let jobs: Vec<Job> = model.jobs().into_iter().filter(|j| !later(j)).collect();
        let rendering = model.render(&jobs).map_err(|f| f.errors)?;
        report::diagnostics(&rendering.warnings);
        // Pruned now, so a deleted page is gone at once; the search index stays until the refresh.
        let (rendered, stats) = self.write(rendering.outputs, Prune::KeepSearch, &self.shared.stopping)?;
        (self.model, self.deferred, self.built) = (Some(model), true, true);
        let scope = if first_large { Scope::SiteListsLater } else { Scope::Site };
        Ok(Outcome { scope, rendered, written: stats.written, elapsed: started.elapsed() })
    }

    /// True when outputs are left to [`Session::refresh`].
    pub fn deferred(&self) -> bool {
        self.deferred && self.model.is_some()
    }

    /// Renders every output from the model and writes them with pruning, as `build` does;
    /// `None` when a new change arrived first (the refresh is left for later).
    pub fn refresh(&mut self) -> Option<Result<Outcome, Vec<Diagnostic>>> {
        let started = Instant::now();
        if self.later.waiting() {
            let cache = self.model.as_ref()?.cache.as_ref();
            if !self.later.draw(cache, &self.shared.pending) {
                return None;
            }
            // Every diagram is drawn now: the pages that showed their source are rendered again,
            // and open pages reload.
            match self.full() {
                Ok(outcome) => super::report_success(&self.shared, &Outcome { scope: Scope::Diagrams, ..outcome }),
                Err(errors) => return Some(Err(errors)),
            }
        }
        self.model.as_mut()?.settle();
        let model = self.model.as_ref()?;
        let pending = &self.shared.pending;
        let rendering = match model.render_until(&model.jobs(), pending) {
            Ok(Some(r)) => r,
            Ok(None) => return None,
            Err(f) => return Some(Err(f.errors)),
        };
        let result = self.write(rendering.outputs, Prune::All, pending);
        if matches!(&result, Err(e) if e.is_empty()) {
            return None;
        }
        self.deferred = false;
        if let (Ok(_), Some(cache)) = (&result, &model.cache) {
            cache.prune();
        }
        Some(result.map(|(rendered, stats)| Outcome {
            scope: Scope::Refresh,
            rendered,
            written: stats.written + stats.removed,
            elapsed: started.elapsed(),
        }))
    }

    /// Drops what was built, so that the next change rebuilds everything.
    pub fn forget(&mut self) {
        self.model = None;
    }

    /// Rebuilds after the files at `changed` (relative to the root) changed.
    /// `Ok(None)` when nothing of the site changed after all.
    pub fn apply(&mut self, changed: &[PathBuf]) -> Result<Option<Outcome>, Vec<Diagnostic>> {
        // Tools that save through a temp file and a rename (`sed -i`, some editors) leave an
        // event for a file that is already gone and that the site never had: not a change.
        let changed: Vec<&PathBuf> = changed.iter().filter(|rel| !self.is_transient(&self.root.join(rel))).collect();
        if changed.is_empty() {
            return Ok(None);
        }
        // While a page fails to read, only its own fix can be rebuilt partially: after any other
        // change a full rebuild tells whether the site is good again.
        let only_broken = self.broken.as_ref().is_none_or(|b| changed[..] == [b]);
        if let ([one], true) = (&changed[..], only_broken) {
            let started = Instant::now();
            let path = self.root.join(one);
            let outcome = |scope, (rendered, stats): (usize, WriteStats)| {
                Some(Outcome { scope, rendered, written: stats.written, elapsed: started.elapsed() })
            };
            if let Some(copy) = self.asset_copy(&path).or_else(|| self.static_copy(&path)) {
                return copy.map(|r| outcome(Scope::File, r));
            }
            if let Some((scope, edit)) = self.page_edit(&path) {
                return edit.map(|r| outcome(scope, r));
            }
        }
        self.full().map(Some)
    }

    /// An edited asset of the content folder: copied again. `None` when the file is not one.
    fn asset_copy(&mut self, path: &Path) -> Option<Written> {
        let model = self.model.as_ref()?;
        let asset = model.library.assets.iter().find(|a| a.source == path)?;
        if !path.is_file() {
            return None;
        }
        let out = asset.out.clone();
        Some(match std::fs::read(path) {
            Ok(bytes) => self.write(
                vec![Output::new(out, bytes, site::Origin::at(path, 0, "asset"))],
                Prune::No,
                &self.shared.stopping,
            ),
            Err(e) => Err(vec![Diagnostic::error(path, 0, 0, format!("cannot read: {e}"))]),
        })
    }

    /// An edited static file of the site or its theme: taken into the model and copied again.
    /// `None` when the file is not one (or cannot be read: a full rebuild then says why).
    fn static_copy(&mut self, path: &Path) -> Option<Written> {
        let bytes = std::fs::read(path).ok()?;
        let model = self.model.as_mut()?;
        let name = model.renderer.reload_static(path, bytes.clone())?;
        let origin = site::Origin::at(path, 0, "static file");
        Some(self.write(vec![Output::new(name, bytes, origin)], Prune::No, &self.shared.stopping))
    }

    /// The edit of one existing page: render what shows it now. `None` when the change needs a
    /// full rebuild.
    fn page_edit(&mut self, file: &Path) -> Option<(Scope, Written)> {
        let update = match self.model.as_mut()?.update_page(file)? {
            Ok(update) => update,
            Err(errors) => {
                self.broken = Some(file.strip_prefix(&self.root).unwrap_or(file).to_path_buf());
                return Some((Scope::Page, Err(errors)));
            }
        };
        self.broken = None;
        report::diagnostics(&update.warnings);
        let scope = if update.lists { Scope::Lists } else { Scope::Page };
        let model = self.model.as_ref()?;
        let result = model
            .render(&update.jobs)
            .map_err(|f| f.errors)
            .and_then(|rendering| self.write(rendering.outputs, Prune::No, &self.shared.stopping));
        match &result {
            Ok(_) => self.deferred = true,
            // The model now holds the broken edit: the next change rebuilds everything, so the
            // error stays visible until it is fixed, whichever file changes next.
            Err(_) => self.model = None,
        }
        Some((scope, result))
    }

    /// Checks `files` and writes them through the one write path; returns how many were given
    /// and what writing did. An empty error list means `cancel` stopped the write.
    fn write(
        &self,
        files: Vec<Output>,
        prune: Prune,
        cancel: &AtomicBool,
    ) -> Result<(usize, WriteStats), Vec<Diagnostic>> {
        let files = Arc::new(output::finish(files, Some(&self.shared.out))?);
        let _writing = self.shared.writing.lock().unwrap_or_else(|e| e.into_inner());
        if self.shared.stopping.load(Ordering::SeqCst) {
            return Err(Vec::new());
        }
        // The first write goes into the empty folder: requests are answered from memory until
        // every file is whole on disk.
        let staging = !self.built;
        if staging {
            *self.shared.staged.lock().unwrap_or_else(|e| e.into_inner()) = Some(files.clone());
            self.shared.ready.send_replace(true);
        }
        let mut writer = Writer::new(&self.shared.out).cancellable(cancel);
        if prune == Prune::KeepSearch {
            writer = writer.keeping(SEARCH_DIR);
        }
        let result = writer.write(&files, prune != Prune::No);
        if staging {
            *self.shared.staged.lock().unwrap_or_else(|e| e.into_inner()) = None;
        }
        match result {
            Ok(stats) => Ok((files.len(), stats)),
            Err(WriteError::Failed(e)) => Err(vec![e]),
            Err(WriteError::Cancelled) => Err(Vec::new()),
        }
    }

    /// True for a path in the content folder that no longer exists and was no page, asset or
    /// folder of the site.
    fn is_transient(&self, path: &Path) -> bool {
        let Some(model) = &self.model else { return false };
        let library = &model.library;
        path.starts_with(&model.config.content_dir)
            && !path.exists()
            && !library.pages.iter().any(|p| p.file.starts_with(path))
            && !library.assets.iter().any(|a| a.source.starts_with(path))
    }
}
