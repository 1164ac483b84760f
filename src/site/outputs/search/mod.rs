//! Full-text search: a Pagefind index built in process from the rendered pages, no outside binary
//! (only with the `search` cargo feature, on by default).
//!
//! Only pages and sections are indexed (not taxonomies, print pages or redirects, which would
//! repeat every page), from their title, description and rendered markdown, cut down to what a
//! reader reads ([`html::indexable`]: checklist items included). Drafts are not in a production
//! library, so they are never indexed.
//!
//! Pagefind indexes one page after another on one core, and compresses every file it writes at
//! its highest level, so a large site's index is split into shards (by a hash of each page's
//! URL, so a page stays in its shard as others come and go), built side by side, one thread
//! each, up to the number of cores. The first shard lands in `pagefind/` with Pagefind's UI
//! files; the others in `pagefind/shard-<n>/` with only their index, and the search page's UI
//! merges them at query time (Pagefind's `mergeIndex`; [`merged_dirs`] says which). How many
//! shards a site has depends only on its page count, never on the machine, so the same input
//! gives the same files everywhere. The search page loads the index with a base URL worked out
//! from its own location, so search works under any sub-path.
//!
//! Pagefind's API is async; each shard's thread drives it with a one-thread tokio runtime.

pub mod html;

use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, Ordering};

use pagefind::api::PagefindIndex;
use pagefind::options::PagefindServiceConfig;
use rayon::prelude::*;

use crate::content::url;
use crate::diagnostic::Diagnostic;
use crate::markdown::highlight::escape_html;
use crate::site::cache::{Cache, Key, KeyBuilder};
use crate::site::output::{Origin, Output};
use crate::site::views::Views;

/// The folder the index is written to.
pub const BUNDLE_DIR: &str = "pagefind";

/// Pages per shard, roughly: below twice this a site has one shard. Pagefind holds a shard's
/// whole index in memory until it writes it, so smaller shards lower the peak (1,000 pages:
/// 409 MiB in one shard, 280 MiB in three).
const SHARD_PAGES: usize = 500;

/// The most shards a site is split into. Each more costs the search page one more small index to
/// load on the first query; at 10,000 pages, 16 shards rather than 8 brought the build's peak
/// from about 1,020 to 700–760 MiB and no more CPU time.
const MAX_SHARDS: usize = 16;

/// The files of Pagefind's bundle that only the first shard needs (the UI and the WebAssembly
/// the UI loads once for every merged index).
fn primary_only(name: &str) -> bool {
    name.starts_with("pagefind-") && name != "pagefind-entry.json" || name == "pagefind.js" || name.starts_with("wasm.")
}

/// A shard's files, or `None` when cancelled.
type Built = Result<Option<Vec<Output>>, Diagnostic>;

/// One document to index: root-relative URL, title, description, body HTML.
struct Doc<'a> {
    url: &'a str,
    title: &'a str,
    description: &'a str,
    body: &'a str,
}

/// Every page and section of the library (drafts are not in a production library).
fn docs<'a>(views: &'a Views) -> Vec<Doc<'a>> {
    let lib = views.library;
    let pages = lib.page_ids().filter(|&i| !lib.is_section_text(i)).map(|i| Doc {
        url: &lib.page(i).url,
        title: views.titles.page(i),
        description: lib.page(i).meta.description.as_deref().unwrap_or(""),
        body: &views.rendered(i).html,
    });
    let sections = lib.section_ids().map(|s| {
        let sec = lib.section(s);
        Doc {
            url: &sec.url,
            title: views.titles.section(s),
            description: sec.own_page.and_then(|i| lib.page(i).meta.description.as_deref()).unwrap_or(""),
            body: sec.own_page.map_or("", |i| views.rendered(i).html.as_str()),
        }
    });
    pages.chain(sections).collect()
}

/// How many shards `docs` documents are split into.
fn shard_count(docs: usize) -> usize {
    if docs < 2 * SHARD_PAGES { 1 } else { docs.div_ceil(SHARD_PAGES).clamp(2, MAX_SHARDS) }
}

/// The shard of the document at root-relative `url`.
fn shard_of(url: &str, shards: usize) -> usize {
    (url::fnv1a(url.as_bytes()) % shards as u64) as usize
}

/// The folder (under the output) of shard `s`: [`BUNDLE_DIR`] for the `primary` one (the first
/// that holds documents), `pagefind/shard-<s>/` for the others.
fn shard_dir(s: usize, primary: bool) -> String {
    if primary { format!("{BUNDLE_DIR}/") } else { format!("{BUNDLE_DIR}/shard-{s}/") }
}

/// The shards that hold documents, in order (shard 0 when none does, so that an empty site
/// still has an index and the UI).
fn used_shards(urls: impl Iterator<Item = usize>, shards: usize) -> Vec<usize> {
    let mut used = vec![false; shards];
    for s in urls {
        used[s] = true;
    }
    let order: Vec<usize> = (0..shards).filter(|&s| used[s]).collect();
    if order.is_empty() { vec![0] } else { order }
}

/// The folders of the shards the search page merges into the first one (root-relative), in order.
pub fn merged_dirs(views: &Views) -> Vec<String> {
    let docs = docs(views);
    let shards = shard_count(docs.len());
    let used = used_shards(docs.iter().map(|d| shard_of(d.url, shards)), shards);
    used.iter().skip(1).map(|&s| shard_dir(s, false)).collect()
}

/// The HTML Pagefind reads for `doc`: its title, description and indexable body.
fn doc_html(lang: &str, doc: &Doc) -> String {
    let (title, description) = (escape_html(doc.title), escape_html(doc.description));
    let lead = if description.is_empty() { String::new() } else { format!("<p>{description}</p>") };
    format!(
        "<!doctype html><html lang=\"{lang}\"><head><title>{title}</title></head>\
         <body><main data-pagefind-body><h1>{title}</h1>{lead}{}</main></body></html>",
        html::indexable(doc.body)
    )
}

/// The cache key of a shard: everything Pagefind's files for it are made from (where they go,
/// whether they hold the UI, the language, the form of result links, and each document).
fn shard_key(views: &Views, dir: &str, primary: bool, docs: &[&Doc]) -> Key {
    let mut key = KeyBuilder::new("search shard");
    key.add(dir.as_bytes()).add(&[u8::from(primary), u8::from(views.config.link_to_index_html)]);
    key.add(views.config.language.as_bytes());
    for d in docs {
        key.add(d.url.as_bytes()).add(d.title.as_bytes()).add(d.description.as_bytes()).add(d.body.as_bytes());
    }
    key.finish()
}

/// Indexes every page and section and returns the index files under [`BUNDLE_DIR`], each passed
/// through `take` as soon as its shard is ready (a build writing as it goes keeps only their
/// paths); `Ok(None)` when `cancel` was set on the way. Shards whose documents are unchanged
/// come from `cache`, and those built are stored there.
pub fn index(
    views: &Views,
    cancel: Option<&AtomicBool>,
    cache: Option<&Cache>,
    take: &(dyn Fn(Output) -> Output + Sync),
) -> Result<Option<Vec<Output>>, Diagnostic> {
    let docs = docs(views);
    let shards = shard_count(docs.len());
    let mut by_shard: Vec<Vec<&Doc>> = (0..shards).map(|_| Vec::new()).collect();
    for d in &docs {
        by_shard[shard_of(d.url, shards)].push(d);
    }
    let order = used_shards(docs.iter().map(|d| shard_of(d.url, shards)), shards);
    let primary = order[0];
    // Each shard's key, and its files when the cache has them.
    let looked: Vec<(usize, Key, Option<Vec<Output>>)> = order
        .par_iter()
        .map(|&s| {
            let dir = shard_dir(s, s == primary);
            let key = shard_key(views, &dir, s == primary, &by_shard[s]);
            let hit = cache.and_then(|c| c.get("search", &key)).map(|files| {
                files
                    .into_iter()
                    .map(|(path, bytes)| take(Output::new(path, bytes, Origin::generated("search index"))))
                    .collect()
            });
            (s, key, hit)
        })
        .collect();
    let mut files: Vec<(usize, Vec<Output>)> = Vec::new();
    let mut misses = Vec::new();
    for (s, key, hit) in looked {
        match hit {
            Some(f) => files.push((s, f)),
            None => misses.push((s, key)),
        }
    }
    // Each document is made as Pagefind reads it only when its shard's thread comes to it, so
    // that no shard's documents are all held at once (at 10,000 pages, every shard's HTML at
    // once was a fifth of the peak; each shard's at once, 2% of it).
    let lang = escape_html(&views.config.language);
    let index_html = views.config.link_to_index_html;
    let shard_docs = |s: usize| {
        // Result links end in `index.html` only when the site's own links do.
        by_shard[s].iter().map(|d| (format!("/{}", url::link_form(d.url, index_html)), doc_html(&lang, d)))
    };
    let jobs = misses;
    let never = AtomicBool::new(false);
    let cancel = cancel.unwrap_or(&never);
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get()).min(jobs.len());
    let jobs = Mutex::new(jobs);
    let results: Mutex<Vec<(usize, Built)>> = Mutex::new(Vec::new());
    std::thread::scope(|scope| {
        for _ in 0..threads {
            scope.spawn(|| {
                loop {
                    let next = jobs.lock().unwrap_or_else(|e| e.into_inner()).pop();
                    let Some((s, key)) = next else { break };
                    let built = build_shard(views, shard_docs(s), &shard_dir(s, s == primary), s == primary, cancel);
                    if let (Some(cache), Ok(Some(files))) = (cache, &built) {
                        let entry: Vec<(&str, &[u8])> =
                            files.iter().map(|f| (f.path.as_str(), f.bytes.as_slice())).collect();
                        cache.put("search", &key, &entry);
                    }
                    let built = built.map(|files| files.map(|f| f.into_iter().map(take).collect()));
                    results.lock().unwrap_or_else(|e| e.into_inner()).push((s, built));
                }
            });
        }
    });
    for (s, built) in results.into_inner().unwrap_or_else(|e| e.into_inner()) {
        match built? {
            Some(f) => files.push((s, f)),
            None => return Ok(None),
        }
    }
    files.sort_by_key(|(s, _)| *s);
    Ok(Some(files.into_iter().flat_map(|(_, f)| f).collect()))
}

/// Indexes one shard's `docs` (URL, HTML, made as they are read) with Pagefind; its files go
/// under `dir`, the UI files only when it is the `primary` shard.
fn build_shard(
    views: &Views,
    docs: impl Iterator<Item = (String, String)>,
    dir: &str,
    primary: bool,
    cancel: &AtomicBool,
) -> Built {
    let fail = |what: &str, e: anyhow::Error| {
        Diagnostic::error(views.config.file(), 0, 0, format!("search index: {what}: {e:#}"))
    };
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|e| fail("cannot start", e.into()))?;
    let options = PagefindServiceConfig::builder().keep_index_url(true).build();
    let mut index = PagefindIndex::new(Some(options)).map_err(|e| fail("cannot start", e))?;
    runtime.block_on(async {
        for (url, html) in docs {
            if cancel.load(Ordering::Relaxed) {
                return Ok(None);
            }
            index.add_html_file(None, Some(url.clone()), html).await.map_err(|e| fail(&url, e))?;
        }
        let files = index.get_files().await.map_err(|e| fail("cannot build", e))?;
        Ok(Some(
            files
                .into_iter()
                .filter_map(|f| {
                    let name = f.filename.to_string_lossy().replace('\\', "/");
                    (primary || !primary_only(&name))
                        .then(|| Output::new(format!("{dir}{name}"), f.contents, Origin::generated("search index")))
                })
                .collect(),
        ))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shards_follow_the_page_count_alone_up_to_the_limit() {
        assert_eq!(shard_count(0), 1);
        assert_eq!(shard_count(2 * SHARD_PAGES - 1), 1);
        assert_eq!(shard_count(2 * SHARD_PAGES), 2);
        assert_eq!(shard_count(2 * SHARD_PAGES + 1), 3);
        assert_eq!(shard_count(5_000), 10);
        // The documented limit: 10,000 pages make 16 shards of 625, not 20 of 500.
        assert_eq!(shard_count(10_000), 16);
        assert_eq!(shard_count(1_000_000), MAX_SHARDS);
        // Every shard a large site has gets pages, so none is an empty index to load.
        let urls: Vec<String> = (0..10_000).map(|i| format!("s{}/p{i}/", i % 7)).collect();
        let used = used_shards(urls.iter().map(|u| shard_of(u, shard_count(urls.len()))), shard_count(urls.len()));
        assert_eq!(used.len(), shard_count(urls.len()));
    }
}
