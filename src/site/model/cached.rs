//! Every page's markdown, rendered, or taken from the build cache when nothing it is made from
//! changed: after the search index, rendering markdown (code highlighting most of all) is the
//! largest part of a build that rewrites nothing.
//!
//! Pages are grouped in buckets (by a hash of their content path, so a page keeps its bucket as
//! others come and go), one cache entry each, so that a cold build writes tens of entries, not
//! thousands, and an edit renders again only its page's bucket. An entry's key holds everything
//! [`super::render_page`] reads: the whole resolved config (its `Debug` form, so that a new
//! setting is in the key without anyone remembering it), every template (the built-in markup is
//! made by templates), the answers links get from the library
//! ([`crate::content::Library::resolver_fingerprint`], which include what this build leaves
//! out), the files of Jekyll's `_includes/`, and each page's file, URL, folder, known title,
//! roles and body. A bucket with a page
//! that failed to render is never stored.
//!
//! Drawn Mermaid diagrams are kept apart (`diagrams`), keyed by their source alone, since a
//! large one takes a second to draw and a re-rendered bucket (a config edit, a page added) need
//! not draw them again. A page rendered before its diagrams were drawn ([`Later`]) is never
//! stored.

use std::collections::HashSet;
use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, Ordering};

use rayon::prelude::*;

use super::render_page;
use crate::config::Config;
use crate::content::{Library, PageId, url};
use crate::markdown::{DiagramStore, Rendered};
use crate::render::Renderer;
use crate::site::cache::{Cache, KeyBuilder, bucketed};

/// The kind of the cache's markdown entries.
const KIND: &str = "markdown";

/// Pages per bucket, roughly.
const BUCKET_PAGES: usize = 100;

/// Renders every page's markdown, in parallel, in library order; buckets of pages whose inputs
/// are unchanged come from `cache`, and those rendered are stored there. With `later`, diagrams
/// neither drawn yet nor in the cache are shown as their source and left to `later`, unless
/// there are only a few ([`DRAW_AT_ONCE`]).
pub fn render_markdown(
    config: &Config,
    library: &Library,
    renderer: &Renderer,
    cache: Option<&Cache>,
    later: Option<&Later>,
) -> Vec<Rendered> {
    let pages: Vec<PageId> = library.page_ids().collect();
    let deferring = later.map(|later| Deferring { cache, later });
    let store: Option<&dyn DiagramStore> = match &deferring {
        Some(d) => Some(d),
        None => cache.map(|c| c as &dyn DiagramStore),
    };
    let mut rendered = render_all(config, library, renderer, cache, store, &pages);
    // A few diagrams are drawn at once, and their pages rendered again: the wait is short, and
    // open pages then reload once, not again when the refresh has drawn them.
    if let Some(later) = later.filter(|l| l.count() <= DRAW_AT_ONCE) {
        later.draw(cache, &AtomicBool::new(false));
        for (r, &i) in rendered.iter_mut().zip(&pages).filter(|(r, _)| r.undrawn > 0) {
            *r = render_page(config, library, renderer, store, i);
        }
    }
    rendered
}

/// [`render_markdown`] without the diagrams drawn at once.
fn render_all(
    config: &Config,
    library: &Library,
    renderer: &Renderer,
    cache: Option<&Cache>,
    store: Option<&dyn DiagramStore>,
    pages: &[PageId],
) -> Vec<Rendered> {
    let Some(cache) = cache else {
        return pages.par_iter().map(|&i| render_page(config, library, renderer, store, i)).collect();
    };
    let mut global = KeyBuilder::new(KIND);
    global.add(format!("{config:?}").as_bytes());
    renderer.templates_fingerprint(&mut |bytes| {
        global.add(bytes);
    });
    library.resolver_fingerprint(&mut |text| {
        global.add(text.as_bytes());
    });
    // Jekyll's `{% include %}` reads `_includes/` while rendering, and Hugo's `include`
    // `assets/` (when a page calls it): their files are inputs too.
    let hugo_include = library.pages.iter().any(|p| p.body.contains("include"));
    let assets = super::hugo_assets(config).filter(|_| hugo_include);
    for dir in [config.content_dir.join("_includes"), config.content_dir.join("../_includes")].into_iter().chain(assets)
    {
        for entry in walkdir::WalkDir::new(&dir).sort_by_file_name().into_iter().flatten() {
            if entry.file_type().is_file() {
                global.add(entry.path().as_os_str().as_encoded_bytes());
                global.add(&std::fs::read(entry.path()).unwrap_or_default());
            }
        }
    }
    bucketed(
        cache,
        KIND,
        &global,
        pages,
        BUCKET_PAGES,
        |&i| url::fnv1a(library.page(i).rel.as_bytes()),
        |&i, key| {
            let p = library.page(i);
            key.add(p.file.as_os_str().as_encoded_bytes()).add(p.url.as_bytes()).add(p.dir.as_bytes());
            key.add(format!("{:?} {:?} {}", p.title, p.meta.roles, p.body_line).as_bytes()).add(p.body.as_bytes());
        },
        |&i| render_page(config, library, renderer, store, i),
        |r| r.errors.is_empty() && r.undrawn == 0,
    )
}

/// The kind of the cache's diagram entries.
const DIAGRAMS: &str = "diagrams";

fn diagram_key(source: &str) -> crate::site::cache::Key {
    KeyBuilder::new(DIAGRAMS).add(source.as_bytes()).finish()
}

impl DiagramStore for Cache {
    fn get(&self, source: &str) -> Option<String> {
        let files = Cache::get(self, DIAGRAMS, &diagram_key(source))?;
        files.into_iter().next().and_then(|(_, bytes)| String::from_utf8(bytes).ok())
    }

    fn put(&self, source: &str, svg: &str) {
        Cache::put(self, DIAGRAMS, &diagram_key(source), &[("svg", svg.as_bytes())]);
    }
}

/// Diagrams left for later up to which they are drawn at once instead (a flowchart takes about
/// 100 ms, so this is a wait of about a second at most on 2 cores, usually far less).
const DRAW_AT_ONCE: usize = 16;

/// The diagrams a build showed as their source, to draw once its first page is up (`serve`).
#[derive(Default)]
pub struct Later {
    sources: Mutex<HashSet<String>>,
}

impl Later {
    /// True when diagrams wait to be drawn.
    pub fn waiting(&self) -> bool {
        self.count() > 0
    }

    /// How many diagrams wait (each source once).
    pub fn count(&self) -> usize {
        self.sources.lock().unwrap_or_else(|e| e.into_inner()).len()
    }

    /// Draws the waiting diagrams in parallel (keeping them in `cache`), until `cancel` is set;
    /// true when none is left.
    pub fn draw(&self, cache: Option<&Cache>, cancel: &AtomicBool) -> bool {
        let sources: Vec<String> =
            std::mem::take(&mut *self.sources.lock().unwrap_or_else(|e| e.into_inner())).into_iter().collect();
        let store = cache.map(|c| c as &dyn DiagramStore);
        let left: Vec<String> = sources
            .into_par_iter()
            .filter(|source| {
                if cancel.load(Ordering::Relaxed) {
                    return true;
                }
                let _ = crate::markdown::draw_diagram(source, store);
                false
            })
            .collect();
        let done = left.is_empty();
        self.sources.lock().unwrap_or_else(|e| e.into_inner()).extend(left);
        done
    }
}

/// The store of a build that draws later: the cache's diagrams, and every other one left.
struct Deferring<'a> {
    cache: Option<&'a Cache>,
    later: &'a Later,
}

impl DiagramStore for Deferring<'_> {
    fn get(&self, source: &str) -> Option<String> {
        self.cache.and_then(|c| DiagramStore::get(c, source))
    }

    fn put(&self, source: &str, svg: &str) {
        if let Some(c) = self.cache {
            DiagramStore::put(c, source, svg);
        }
    }

    fn later(&self, source: &str) -> bool {
        self.later.sources.lock().unwrap_or_else(|e| e.into_inner()).insert(source.to_string());
        true
    }
}
