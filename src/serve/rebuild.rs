//! Rebuilding after a change: only what the change needs, or everything.
//!
//! The loaded [`Model`] (library, rendered markdown, titles, templates) stays in memory between
//! rebuilds, and a one-file content edit that keeps the page's URL and draft state re-reads only
//! that file and re-renders only its markdown. If what other pages show about it (title, date,
//! weight, a section's description) is unchanged, only the outputs that show it are re-rendered:
//! the page, its section and every section above it up to the home page (lists show summaries).
//! Otherwise every output is re-rendered from memory, with the order and titles recomputed.
//! An edited asset or static file is copied again. Anything else — a new, deleted or renamed
//! file, a slug or draft change, a template, theme or config edit — rebuilds the whole site,
//! which also prunes files that are gone.
//! A failed rebuild changes nothing on disk, and the next change rebuilds everything (only the
//! fix of a page that failed to read stays partial), so an error stands until the site is good.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use crate::checklist::Checklist;
use crate::config::{CONFIG_FILE, Config};
use crate::content::load::sort_children;
use crate::content::source::read_source;
use crate::diagnostic::Diagnostic;
use crate::render::theme::Origin;
use crate::site::checklists;
use crate::site::pages::{self, Job};
use crate::site::{self, BuildOptions, Model, Output};

/// The served site: where it goes and what was last built.
pub struct Site {
    root: PathBuf,
    drafts: bool,
    out: PathBuf,
    state: Option<(Config, Model)>,
    /// The page (relative to the root) whose last edit could not be read, if any.
    broken: Option<PathBuf>,
    /// A partial rebuild left the reader outputs (taxonomies, feeds, print pages) to refresh.
    extras_stale: bool,
}

/// How much a rebuild redid.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    /// One asset or static file, copied again.
    File,
    /// One page's markdown, and the outputs that show that page.
    Page,
    /// One page's markdown, and every output (its title, date or weight changed what lists show).
    Lists,
    /// Everything, from loading the config on.
    Site,
    /// The reader outputs (taxonomies, feeds, sitemap, print pages), after a partial rebuild.
    Extras,
}

/// What a successful rebuild did.
#[derive(Debug)]
pub struct Outcome {
    /// How much was redone.
    pub scope: Scope,
    /// Output files re-rendered.
    pub rendered: usize,
    /// Output files whose bytes changed.
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
            Scope::Lists => "re-rendered every page (the edit changed what lists show)",
            Scope::Site => "built the site",
            Scope::Extras => "refreshed taxonomies, feeds and print pages",
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
#[derive(Debug, Clone)]
pub struct Watched {
    /// The site root.
    pub root: PathBuf,
    /// Folders whose changes matter (content, templates, themes, static).
    pub dirs: Vec<PathBuf>,
    /// The config file name.
    pub config: PathBuf,
    /// The build's output folder, whose changes never matter.
    pub output: PathBuf,
}

impl Site {
    /// A site not yet built.
    pub fn new(root: PathBuf, drafts: bool, out: PathBuf) -> Site {
        Site { root, drafts, out, state: None, broken: None, extras_stale: false }
    }

    /// The folders and files whose changes trigger a rebuild.
    pub fn watched(&self) -> Watched {
        let config = Config::load(&self.root).unwrap_or_else(|_| Config::default_for(&self.root));
        let rel = |p: &Path| p.strip_prefix(&self.root).map(Path::to_path_buf).unwrap_or_else(|_| p.to_path_buf());
        let dirs = vec![rel(&config.content_dir), "templates".into(), "themes".into(), "static".into()];
        Watched { root: self.root.clone(), dirs, config: CONFIG_FILE.into(), output: rel(&config.output_dir) }
    }

    /// Rebuilds everything and writes what changed (removing what is gone).
    pub fn full(&mut self) -> Result<Outcome, Vec<Diagnostic>> {
        let started = Instant::now();
        // Until this succeeds nothing in memory is known good: a failure here must not be
        // followed by a partial rebuild that reports success while the error still stands.
        (self.state, self.broken, self.extras_stale) = (None, None, false);
        let opts = BuildOptions {
            root: self.root.clone(),
            output: Some(self.out.clone()),
            drafts: self.drafts,
            base_url: None,
        };
        let config = site::load_config(&opts).map_err(|f| f.errors)?;
        let (model, warnings) = site::load_model(&config, self.drafts).map_err(|f| f.errors)?;
        let rendered = site::render_model(&config, &model, warnings).map_err(|f| f.errors)?;
        for w in &rendered.warnings {
            eprintln!("{w}");
        }
        let stats = site::write_output(&self.out, &rendered.files).map_err(|e| vec![e])?;
        self.state = Some((config, model));
        Ok(Outcome {
            scope: Scope::Site,
            rendered: rendered.files.len(),
            written: stats.written + stats.removed,
            elapsed: started.elapsed(),
        })
    }

    /// True when a partial rebuild left the reader outputs to [`Site::refresh_extras`].
    pub fn extras_stale(&self) -> bool {
        self.extras_stale && self.state.is_some()
    }

    /// Re-renders the reader outputs from memory and writes what changed. The search index is
    /// left as the last full build made it: Pagefind takes seconds on a large site, and the
    /// author is previewing pages, not searching them.
    pub fn refresh_extras(&mut self) -> Result<Outcome, Vec<Diagnostic>> {
        let started = Instant::now();
        self.extras_stale = false;
        let Some((config, model)) = &self.state else {
            return Ok(Outcome { scope: Scope::Extras, rendered: 0, written: 0, elapsed: started.elapsed() });
        };
        let outputs = site::render_extras(config, model, false)?;
        let written = write_changed(&self.out, &outputs)?;
        Ok(Outcome { scope: Scope::Extras, rendered: outputs.len(), written, elapsed: started.elapsed() })
    }

    /// Drops what was built, so that the next change rebuilds everything.
    pub fn forget(&mut self) {
        self.state = None;
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
            if let Some(result) = self.file_copy(&path) {
                return result.map(|written| {
                    Some(Outcome { scope: Scope::File, rendered: 1, written, elapsed: started.elapsed() })
                });
            }
            if let Some(result) = self.page_edit(&path) {
                return result.map(|(scope, rendered, written)| {
                    Some(Outcome { scope, rendered, written, elapsed: started.elapsed() })
                });
            }
        }
        self.full().map(Some)
    }

    /// An edited file that the site copies as it is (a content asset, or the winning static
    /// file of the theme): copy it again. `None` when the file is not one of those.
    fn file_copy(&mut self, path: &Path) -> Option<Result<usize, Vec<Diagnostic>>> {
        let (_, model) = self.state.as_ref()?;
        let asset = model.library.assets.iter().find(|a| a.source == path).map(|a| a.out.clone());
        let origin = Origin::File(path.to_path_buf());
        let out = asset.or_else(|| {
            model.renderer.statics().iter().find(|(_, f)| f.origin == origin).map(|(name, _)| name.clone())
        })?;
        if !path.is_file() {
            return None;
        }
        Some(match std::fs::read(path) {
            Ok(bytes) => write_changed(&self.out, &[Output::from_source(&out, bytes, path.to_path_buf())]),
            Err(e) => Err(vec![Diagnostic::error(path, 0, 0, format!("cannot read: {e}"))]),
        })
    }

    /// True for a path in the content folder that no longer exists and was no page, asset or
    /// folder of the site.
    fn is_transient(&self, path: &Path) -> bool {
        let Some((config, model)) = &self.state else { return false };
        let library = &model.library;
        path.starts_with(&config.content_dir)
            && !path.exists()
            && !library.pages.iter().any(|p| p.file.starts_with(path))
            && !library.assets.iter().any(|a| a.source.starts_with(path))
    }

    /// The edit of one existing page that keeps its URL and draft state: re-render the outputs
    /// that show it, or every output when what lists show about it (title, date, weight, …)
    /// changed. `None` when the change needs a full rebuild.
    fn page_edit(&mut self, file: &Path) -> Option<Result<(Scope, usize, usize), Vec<Diagnostic>>> {
        let (config, model) = self.state.as_mut()?;
        let i = model.library.pages.iter().position(|p| p.file == file)?;
        if !file.is_file() {
            return None;
        }
        let old = &model.library.pages[i];
        let (source, warnings) = read_source(file, old.rel.clone());
        for w in &warnings {
            eprintln!("{w}");
        }
        let source = match source {
            Ok(s) => s,
            Err(e) => {
                self.broken = Some(file.strip_prefix(&self.root).unwrap_or(file).to_path_buf());
                return Some(Err(vec![e]));
            }
        };
        self.broken = None;
        let (a, b) = (&old.meta, &source.meta);
        if a.slug != b.slug || a.draft != b.draft || a.aliases != b.aliases || old.stem != source.stem {
            return None;
        }
        let is_index = model.library.is_section_index(i);
        let listed_same = a.title == b.title
            && a.weight == b.weight
            && a.template == b.template
            && a.date.map(|d| d.rfc3339()) == b.date.map(|d| d.rfc3339())
            && (!is_index || a.description == b.description)
            && old.title == source.title;
        let page = &mut model.library.pages[i];
        (page.meta, page.body, page.body_line, page.title) = (source.meta, source.body, source.body_line, source.title);
        let old_checklists = std::mem::take(&mut model.rendered[i].checklists);
        model.rendered[i] = pages::render_page_markdown(config, &model.library, i);
        let new_checklists = &model.rendered[i].checklists;
        if checklist_ids(&old_checklists) != checklist_ids(new_checklists) {
            // A checklist came or went: print pages appear or disappear, so rebuild everything.
            return None;
        }
        let checklists_same = old_checklists.iter().zip(new_checklists).all(|(a, b)| same_checklist(a, b));
        for w in &model.rendered[i].warnings {
            eprintln!("{w}");
        }
        let title_same = pages::page_title(&model.library.pages[i], &model.rendered[i]) == model.titles.pages[i];
        let (scope, jobs) = if listed_same && title_same {
            if !checklists_same {
                // `site.checklists` changed, and so did what the checklist pages show.
                model.renderer.set_globals(pages::globals(config, &model.library, &model.rendered, &model.titles));
            }
            (Scope::Page, jobs_showing(config, model, i))
        } else {
            // Order, titles and the site-wide navigation may all have moved.
            sort_children(&mut model.library);
            model.titles = pages::Titles::new(config, &model.library, &model.rendered);
            model.renderer.set_globals(pages::globals(config, &model.library, &model.rendered, &model.titles));
            let views = pages::Views::new(config, &model.library, &model.rendered, &model.titles);
            (Scope::Lists, pages::all_jobs(&views))
        };
        // A print sheet shows its own page's title and nothing of other pages.
        let print_only = checklist_ids(&model.rendered[i].checklists);
        let render = || -> Result<Vec<Output>, Vec<Diagnostic>> {
            let mut outputs =
                pages::render_jobs(&jobs, config, &model.library, &model.rendered, &model.titles, &model.renderer)?;
            if !checklists_same || scope == Scope::Lists {
                let views = pages::Views::new(config, &model.library, &model.rendered, &model.titles);
                outputs.extend(checklists::render(&views, &model.renderer, Some(&print_only))?);
            }
            Ok(outputs)
        };
        let result = render()
            .and_then(|outputs| write_changed(&self.out, &outputs).map(|written| (scope, outputs.len(), written)));
        self.extras_stale = result.is_ok();
        if result.is_err() {
            // The model now holds the broken edit: the next change rebuilds everything, so the
            // error stays visible until it is fixed, whichever file changes next.
            self.state = None;
        }
        Some(result)
    }
}

/// The ids of `checklists`, in order.
fn checklist_ids(checklists: &[Checklist]) -> Vec<String> {
    checklists.iter().map(|c| c.id.clone()).collect()
}

/// Same checklist as far as any output shows it (its source line aside).
fn same_checklist(a: &Checklist, b: &Checklist) -> bool {
    (&a.id, &a.title, &a.role, &a.items) == (&b.id, &b.title, &b.role, &b.items)
}

/// The outputs that show page `i`: itself (or its section, for a section's own text) and every
/// section from its own up to the home page.
fn jobs_showing(config: &Config, model: &Model, i: usize) -> Vec<Job> {
    let library = &model.library;
    let views = pages::Views::new(config, library, &model.rendered, &model.titles);
    let section = library.pages[i].section;
    let mut sections: BTreeSet<usize> = BTreeSet::from([0]);
    let mut cur = Some(section);
    while let Some(s) = cur {
        sections.insert(s);
        cur = library.sections[s].parent;
    }
    let page = (!library.is_section_index(i)).then_some(Job::Page(i));
    page.into_iter()
        .chain(sections.into_iter().flat_map(|s| pages::section_jobs(&views, s).collect::<Vec<_>>()))
        .collect()
}

/// Writes the outputs whose bytes differ from what is on disk; returns how many.
fn write_changed(out: &Path, outputs: &[Output]) -> Result<usize, Vec<Diagnostic>> {
    let mut written = 0;
    for o in outputs {
        let path = out.join(&o.path);
        if std::fs::read(&path).is_ok_and(|old| old == o.bytes) {
            continue;
        }
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent)
                .map_err(|e| vec![Diagnostic::error(parent, 0, 0, format!("cannot create folder: {e}"))])?;
        }
        std::fs::write(&path, &o.bytes)
            .map_err(|e| vec![Diagnostic::error(&path, 0, 0, format!("cannot write: {e}"))])?;
        written += 1;
    }
    Ok(written)
}
