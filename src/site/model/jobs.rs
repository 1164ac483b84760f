//! What a model renders: [`Job`]s, one per output or group of outputs, and the rules that hold
//! whichever set of them is rendered (a content page or a static file wins over a generated
//! output at the same path).

use std::collections::{HashMap, HashSet};
use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};

use rayon::prelude::*;

use super::{Failure, Model};
use crate::content::date::Date;
use crate::content::{PageId, SectionId};
use crate::diagnostic::Diagnostic;
use crate::site::output::{InMemory, Output, Stream};
use crate::site::outputs::{
    self, aliases, checklists, feeds, files, pages, print, review, special, taxonomies, toc, whats_new,
};
use crate::site::spill::Spill;

/// One output of the site, or one group of outputs made together.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Job {
    /// A page that is not a section's own text.
    Page(PageId),
    /// A section's list page (1-based).
    Section(SectionId, usize),
    /// Every taxonomy and term page.
    Taxonomies,
    /// The Atom feeds, the sitemap and `robots.txt`.
    Feeds,
    /// Alias redirects.
    Aliases,
    /// The whole-handbook print page and the redirects at the other print URLs.
    Print,
    /// The `/checklists/` pages and `checklists.json`.
    Checklists,
    /// `404.html`.
    NotFound,
    /// The sidebar's `toc.js` (every page and section title).
    Navigation,
    /// The search page.
    SearchPage,
    /// The search index.
    Search,
    /// The maintainers' review page.
    Review,
    /// `/whats-new/` and its feed.
    WhatsNew,
    /// Static files, assets and `syntax.css`.
    Files,
}

impl Job {
    /// Generated outputs yield to a content page or a static file at the same path.
    fn yields(self) -> bool {
        matches!(
            self,
            Job::Taxonomies
                | Job::Feeds
                | Job::Print
                | Job::NotFound
                | Job::Navigation
                | Job::SearchPage
                | Job::Search
                | Job::Review
                | Job::WhatsNew
        )
    }
}

/// What rendering some jobs gave.
#[derive(Debug, Default)]
pub struct Rendering {
    /// The outputs, not yet checked or sorted.
    pub outputs: Vec<Output>,
    /// Warnings.
    pub warnings: Vec<Diagnostic>,
}

impl Model {
    /// Every output of the site.
    pub fn jobs(&self) -> Vec<Job> {
        let mut jobs = self.page_jobs();
        jobs.extend([
            Job::Taxonomies,
            Job::Feeds,
            Job::Aliases,
            Job::Print,
            Job::Checklists,
            Job::NotFound,
            Job::Navigation,
            Job::Files,
        ]);
        if self.search_on() {
            jobs.extend([Job::SearchPage, Job::Search]);
        }
        if self.has_review_page() {
            jobs.push(Job::Review);
        }
        if self.config.governance.whats_new_days > 0 {
            jobs.push(Job::WhatsNew);
        }
        jobs
    }

    /// How many pages are past their review date today, when anything is under review.
    pub fn past_review(&self) -> Option<usize> {
        let views = self.views();
        views.has_reviews().then(|| views.overdue(&Date::today()).len())
    }

    /// True when this build has the maintainers' review page: it is for the review audience
    /// (or for every audience) and something in the site is under review.
    pub fn has_review_page(&self) -> bool {
        self.config.governance.review_page_in(self.selection.audience.as_deref()) && self.views().has_reviews()
    }

    /// Every page and every section list page.
    pub fn page_jobs(&self) -> Vec<Job> {
        let lib = &self.library;
        let views = self.views();
        lib.page_ids()
            .filter(|&i| !lib.is_section_text(i))
            .map(Job::Page)
            .chain(lib.section_ids().flat_map(|s| (1..=views.section_page_count(s)).map(move |n| Job::Section(s, n))))
            .collect()
    }

    /// The outputs that show page `i`: itself (or its section, for a section's own text) and
    /// every section from its own up to the home page (lists show titles and summaries).
    pub fn jobs_showing(&self, i: PageId) -> Vec<Job> {
        let lib = &self.library;
        let views = self.views();
        let mut sections = lib.section_chain(lib.page(i).section);
        sections.sort();
        let page = (!lib.is_section_text(i)).then_some(Job::Page(i));
        page.into_iter()
            .chain(
                sections.into_iter().flat_map(|s| (1..=views.section_page_count(s)).map(move |n| Job::Section(s, n))),
            )
            .collect()
    }

    /// True when this build makes a search index.
    pub fn search_on(&self) -> bool {
        self.config.search && cfg!(feature = "search")
    }

    /// Renders `jobs` (in parallel where it pays).
    pub fn render(&self, jobs: &[Job]) -> Result<Rendering, Failure> {
        let never = AtomicBool::new(false);
        self.render_until(jobs, &never).map(|r| r.unwrap_or_default())
    }

    /// [`Model::render`], giving up with `Ok(None)` once `cancel` is set.
    pub fn render_until(&self, jobs: &[Job], cancel: &AtomicBool) -> Result<Option<Rendering>, Failure> {
        self.render_with(jobs, cancel, None)
    }

    /// [`Model::render`], writing each output through `spill` as soon as it renders (a
    /// generated output a content page or a file of the author's own replaces aside): what
    /// comes back holds only their paths and origins, for the checks.
    pub fn render_spilling(&self, jobs: &[Job], spill: &Spill) -> Result<Rendering, Failure> {
        let never = AtomicBool::new(false);
        self.render_with(jobs, &never, Some(spill)).map(|r| r.unwrap_or_default())
    }

    fn render_with(
        &self,
        jobs: &[Job],
        cancel: &AtomicBool,
        spill: Option<&Spill>,
    ) -> Result<Option<Rendering>, Failure> {
        let claims = self.claims();
        let sink = Sink { spill, claims: &claims };
        let (search, rest): (Vec<Job>, Vec<Job>) = jobs.iter().partition(|j| **j == Job::Search);
        // The search index is built on one core while the rest renders on the other.
        let (indexed, rendered) = rayon::join(
            || {
                if search.is_empty() {
                    Ok(Some(Vec::new()))
                } else {
                    // Each shard's files go through the sink as soon as it is built.
                    self.search_index(cancel, &|o| sink.take(Job::Search, o))
                }
            },
            || self.render_rest(&rest, cancel, &sink),
        );
        let mut errors = Vec::new();
        let indexed = indexed.unwrap_or_else(|e| {
            errors.push(e);
            Some(Vec::new())
        });
        let (produced, warnings) = match rendered {
            Ok(r) => r,
            Err(mut e) => {
                errors.append(&mut e);
                (Vec::new(), Vec::new())
            }
        };
        if !errors.is_empty() {
            return Err(Failure { errors, warnings });
        }
        let (Some(indexed), false) = (indexed, cancel.load(Ordering::Relaxed)) else { return Ok(None) };
        let mut produced = produced;
        produced.push((Job::Search, indexed));
        Ok(Some(merge(&claims, produced, warnings)))
    }

    #[cfg(feature = "search")]
    fn search_index(
        &self,
        cancel: &AtomicBool,
        take: &(dyn Fn(Output) -> Output + Sync),
    ) -> Result<Option<Vec<Output>>, Diagnostic> {
        outputs::search::index(&self.views(), Some(cancel), self.cache.as_ref(), take)
    }

    #[cfg(not(feature = "search"))]
    fn search_index(
        &self,
        _cancel: &AtomicBool,
        _take: &(dyn Fn(Output) -> Output + Sync),
    ) -> Result<Option<Vec<Output>>, Diagnostic> {
        Ok(Some(Vec::new()))
    }

    /// Every job but the search index, each with its outputs.
    #[allow(clippy::type_complexity)]
    fn render_rest(
        &self,
        jobs: &[Job],
        cancel: &AtomicBool,
        sink: &Sink,
    ) -> Result<(Vec<(Job, Vec<Output>)>, Vec<Diagnostic>), Vec<Diagnostic>> {
        let views = self.views();
        let renderer = &self.renderer;
        let (page_jobs, others): (Vec<Job>, Vec<Job>) =
            jobs.iter().partition(|j| matches!(j, Job::Page(_) | Job::Section(..)));
        let page_outputs: Vec<Result<Output, Diagnostic>> = page_jobs
            .par_iter()
            .filter(|_| !cancel.load(Ordering::Relaxed))
            .map(|job| {
                let rendered = match *job {
                    Job::Page(i) => pages::page(&views, renderer, i),
                    Job::Section(s, n) => pages::section(&views, renderer, s, n),
                    _ => unreachable!("partitioned above"),
                };
                // Written now when the build spills, so that no page's bytes wait for the rest.
                rendered.map(|o| sink.take(*job, o))
            })
            .collect();
        let mut errors = Vec::new();
        let mut produced = Vec::new();
        match outputs::collect(page_outputs) {
            Ok(o) => produced.push((Job::Page(PageId(0)), o)),
            Err(e) => errors.extend(e),
        }
        let mut warnings = Vec::new();
        for job in others {
            if cancel.load(Ordering::Relaxed) {
                break;
            }
            let result: Result<Vec<Output>, Vec<Diagnostic>> = match job {
                Job::Taxonomies => taxonomies::render(&views, renderer),
                Job::Feeds => feeds::render(&views, renderer),
                Job::Aliases => aliases::render(&views, renderer).map(|(o, w)| {
                    warnings.extend(w);
                    o
                }),
                Job::Print => {
                    print::render(&views, renderer, self.cache.as_ref(), &|path, size| sink.stream(job, path, size))
                }
                Job::Checklists => checklists::render(&views, renderer),
                Job::NotFound => special::not_found(&views, renderer).map(|o| vec![o]).map_err(|e| vec![e]),
                Job::SearchPage => special::search_page(&views, renderer).map(|o| vec![o]).map_err(|e| vec![e]),
                Job::Navigation => Ok(vec![toc::render(&views)]),
                Job::Files => self.files(),
                Job::WhatsNew => {
                    whats_new::render(&views, renderer, &self.history, &Date::today()).map_err(|e| vec![e])
                }
                Job::Review => review::render(&views, renderer, &Date::today()).map(|o| vec![o]).map_err(|e| vec![e]),
                Job::Page(_) | Job::Section(..) | Job::Search => unreachable!("rendered elsewhere"),
            };
            match result {
                Ok(o) => produced.push((job, sink.take_all(job, o))),
                Err(e) => errors.extend(e),
            }
        }
        if errors.is_empty() { Ok((produced, warnings)) } else { Err(errors) }
    }

    /// Static files, assets and `syntax.css`.
    fn files(&self) -> Result<Vec<Output>, Vec<Diagnostic>> {
        let mut out = files::statics(&self.renderer);
        let mut errors = Vec::new();
        match files::syntax_css(&self.config) {
            Ok(css) => out.push(css),
            Err(e) => errors.push(e),
        }
        match files::assets(&self.library) {
            Ok(assets) => out.extend(assets),
            Err(e) => errors.extend(e),
        }
        if errors.is_empty() { Ok(out) } else { Err(errors) }
    }

    /// The paths a content page or a file of the author's own holds: a generated output at one
    /// of them yields (Hugo sites keep `content/categories/_index.md`; `static/404.html`,
    /// `static/robots.txt`, `content/robots.txt` replace the generated ones).
    fn claims(&self) -> Claims<'_> {
        let lib = &self.library;
        let content =
            lib.page_ids().map(|i| (format!("{}index.html", lib.page(i).url), lib.page(i).file.as_path())).collect();
        let statics = self
            .renderer
            .statics()
            .keys()
            .map(String::as_str)
            .chain(lib.assets.iter().map(|a| a.out.as_str()))
            .collect();
        Claims { content, statics }
    }
}

/// The output paths content pages and the author's own files hold.
struct Claims<'a> {
    content: HashMap<String, &'a Path>,
    statics: HashSet<&'a str>,
}

impl Claims<'_> {
    /// True when `job`'s output at `path` yields to a content page or an author's file.
    fn displaced(&self, job: Job, path: &str) -> bool {
        job.yields() && (self.content.contains_key(path) || self.statics.contains(path))
    }
}

/// Where outputs go as they render: through the spill when there is one, except those that
/// yield (they stay for [`merge`] to drop, with its warning).
struct Sink<'a> {
    spill: Option<&'a Spill>,
    claims: &'a Claims<'a>,
}

impl Sink<'_> {
    fn take(&self, job: Job, output: Output) -> Output {
        match self.spill {
            Some(spill) if !self.claims.displaced(job, &output.path) => spill.take(output),
            _ => output,
        }
    }

    /// Where an output made piece by piece goes: written as it is made when the build spills
    /// (and it does not yield), else into memory.
    fn stream(&self, job: Job, path: &str, size: usize) -> Box<dyn Stream + '_> {
        match self.spill {
            Some(spill) if !self.claims.displaced(job, path) => {
                spill.stream(path).unwrap_or_else(|| Box::new(InMemory::new(path, size)))
            }
            _ => Box::new(InMemory::new(path, size)),
        }
    }

    fn take_all(&self, job: Job, outputs: Vec<Output>) -> Vec<Output> {
        match self.spill {
            Some(_) => outputs.into_iter().map(|o| self.take(job, o)).collect(),
            None => outputs,
        }
    }
}

/// All outputs in one list, with a generated output dropped where a content page (with a
/// warning) or a file of the author's own has its path, whichever jobs were rendered.
fn merge(claims: &Claims, produced: Vec<(Job, Vec<Output>)>, mut warnings: Vec<Diagnostic>) -> Rendering {
    let mut outputs = Vec::new();
    for (job, files) in produced {
        for f in files {
            if job.yields() {
                if let Some(page) = claims.content.get(&f.path) {
                    warnings.push(Diagnostic::warning(
                        *page,
                        0,
                        0,
                        format!("replaces the generated page `{}`", f.path),
                    ));
                    continue;
                }
                if claims.statics.contains(f.path.as_str()) {
                    continue;
                }
            }
            outputs.push(f);
        }
    }
    Rendering { outputs, warnings }
}
