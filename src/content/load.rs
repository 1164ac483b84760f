//! Turning the walked files into a [`Library`]: which files are pages, sections and assets, and
//! where each goes in the output.
//!
//! A folder with markdown at or below it is a section. Its own text comes from `_index.md`, else
//! `index.md`, else `README.md` (as on a git host) or `_index.txt`/`index.txt`, else a sibling
//! `folder.md`. A folder whose `index.md` is its only markdown is a page bundle: one page, with
//! the folder's other files copied beside it. A draft that describes a folder makes the whole folder a draft, assets
//! included; [`Selection`] then decides which files the build keeps. Every file is parsed in
//! parallel and every error is collected, so one run reports them all.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use super::select::{Selection, Standing};
use super::source::{Source, read_source, read_text_source};
use super::url::slugify;
use super::walk::walk;
use super::{Asset, Excluded, Library, Page, PageId, Section, SectionId};
use crate::config::Config;
use crate::diagnostic::Diagnostic;

/// How to load.
#[derive(Clone, Default)]
pub struct LoadOptions<'a> {
    /// Which files the build keeps.
    pub selection: Selection,
    /// The output folder, which no content symlink may lead into.
    pub output: Option<&'a Path>,
    /// Called on every file the selection leaves out, before anything else sees it (`check`
    /// replaces its words with markers, to prove none of them reaches the output).
    pub disguise: Option<fn(&mut Source)>,
}

/// A loaded library, with everything found wrong on the way.
#[derive(Debug, Default)]
pub struct Loaded {
    /// The site's content: every file that could be read and that the selection keeps.
    pub library: Library,
    /// Non-fatal problems (unclosed front matter, near-miss keys, skipped files, …).
    pub warnings: Vec<Diagnostic>,
    /// Files that could not be read or placed; the build fails when there are any.
    pub errors: Vec<Diagnostic>,
}

/// Loads every file under the content folder, keeping what `opts.selection` includes.
pub fn load(config: &Config, opts: &LoadOptions<'_>) -> Loaded {
    let content = &config.content_dir;
    if !content.is_dir() {
        let message = "content folder not found (set `content_dir` in mentorbook.yaml or create it)";
        return Loaded { errors: vec![Diagnostic::error(content, 0, 0, message)], ..Loaded::default() };
    }
    let walked = walk(content, opts.output);
    let mut errors = walked.errors;
    let mut warnings = walked.warnings;
    let (mut dirs, mut others) = (walked.dirs, walked.others);
    let parsed: Vec<_> = walked.markdown.into_par_iter().map(|(path, rel)| read_source(&path, rel)).collect();
    let mut sources = Vec::new();
    for (result, w) in parsed {
        warnings.extend(w);
        match result {
            Ok(s) => sources.push(s),
            Err(e) => errors.extend(e),
        }
    }

    if config.plain_text {
        // Plain-text articles are pages, except inside a page bundle (attachments there) and
        // the well-known files servers and people look for.
        let bundles = Layout::new(&dirs, &sources).bundles;
        let (texts, rest): (Vec<_>, Vec<_>) = std::mem::take(&mut others)
            .into_iter()
            .partition(|(_, rel)| is_article(rel) && !ancestors(parent_dir(rel)).any(|d| bundles.contains(d)));
        others = rest;
        let parsed: Vec<_> = texts.into_par_iter().map(|(path, rel)| read_text_source(&path, rel)).collect();
        for (result, w) in parsed {
            warnings.extend(w);
            match result {
                Ok(s) => sources.push(s),
                Err(e) => errors.extend(e),
            }
        }
    }
    let mut library = Library::default();
    let full = Layout::new(&dirs, &sources);
    // A draft that describes a folder makes everything in it a draft.
    let draft_dirs: Vec<String> =
        full.index_of.iter().filter(|(_, i)| sources[**i].meta.draft).map(|(d, _)| d.clone()).collect();
    // A section's audience is everything's below it, unless narrowed.
    let audiences = Audiences::new(config, &full, &sources, &mut errors);
    let standing_of = |rel: &str, own_draft: bool, audience: Option<Vec<String>>| Standing {
        draft: own_draft || draft_dirs.iter().any(|d| is_inside(rel, d)),
        audience: audience.or_else(|| audiences.of_dir(parent_dir(rel)).cloned()),
    };
    let mut kept = Vec::with_capacity(sources.len());
    for (i, mut s) in sources.into_iter().enumerate() {
        let standing = standing_of(&s.rel, s.meta.draft, audiences.of_source(i).cloned());
        s.meta.draft = standing.draft;
        s.meta.audience = standing.audience.clone();
        match opts.selection.excludes(&standing) {
            None => kept.push(s),
            Some(why) => {
                if let Some(disguise) = opts.disguise {
                    disguise(&mut s);
                }
                let url = full.page_url(i, &s);
                let file = content.join(&s.rel);
                library.excluded.insert(s.rel.clone(), Excluded { file, url, why, is_page: true });
            }
        }
    }
    let left_out_dir = |d: &str| {
        opts.selection.excludes(&standing_of(&format!("{d}/"), false, audiences.of_dir(d).cloned())).is_some()
    };
    dirs.retain(|d| d.is_empty() || !left_out_dir(d));
    others.retain(|(source, rel)| match opts.selection.excludes(&standing_of(rel, false, None)) {
        None => true,
        Some(why) => {
            let url = format!("{}{}", full.url_of_dir(parent_dir(rel)), file_name(rel));
            library.excluded.insert(rel.clone(), Excluded { file: source.clone(), url, why, is_page: false });
            false
        }
    });
    let layout = Layout::new(&dirs, &kept);
    build_library(&mut library, config, &layout, kept, others, &mut errors);
    Loaded { library, warnings, errors }
}

/// Each folder's and each file's effective audience: its own `audience`, else the nearest one of
/// the folders above it. A file naming an audience outside its section's (widening it) or one
/// the config does not list is an error at its `audience` line.
struct Audiences {
    /// Folder → the audience set by the file that describes it.
    own_dir: HashMap<String, Vec<String>>,
    /// Source index → its effective audience, for sources that have one.
    source: HashMap<usize, Vec<String>>,
}

impl Audiences {
    fn new(config: &Config, layout: &Layout, sources: &[Source], errors: &mut Vec<Diagnostic>) -> Audiences {
        let mut own_dir = HashMap::new();
        let mut describes = HashMap::new();
        for (dir, &i) in &layout.index_of {
            describes.insert(i, dir.clone());
            if let Some(a) = &sources[i].meta.audience {
                own_dir.insert(dir.clone(), a.clone());
            }
        }
        let mut found = Audiences { own_dir, source: HashMap::new() };
        for (i, s) in sources.iter().enumerate() {
            let Some(own) = &s.meta.audience else {
                if let Some(a) = describes.get(&i).map_or_else(|| found.of_dir(&s.dir), |d| found.of_dir(d)) {
                    found.source.insert(i, a.clone());
                }
                continue;
            };
            let file = config.content_dir.join(&s.rel);
            let line = s.meta.line_of("audience");
            for name in own {
                if let Some(e) = config.governance.unknown(name) {
                    errors.push(Diagnostic::error(&file, line, 1, e));
                }
            }
            // The audience this file must stay within: the folder above the one it describes.
            let outer = match describes.get(&i) {
                Some(d) if d.is_empty() => None,
                Some(d) => found.of_dir(parent_dir(d)),
                None => found.of_dir(&s.dir),
            };
            if let Some(outer) = outer
                && !crate::governance::narrows(own, outer)
            {
                let wider: Vec<&str> = own.iter().filter(|a| !outer.contains(a)).map(String::as_str).collect();
                let message = format!(
                    "`audience` may narrow its section's audience ({}) but not widen it: `{}` is not in it",
                    outer.join(", "),
                    wider.join("`, `")
                );
                errors.push(Diagnostic::error(&file, line, 1, message));
            }
            found.source.insert(i, own.clone());
        }
        found
    }

    /// The audience of folder `dir`: the nearest one set at or above it.
    fn of_dir(&self, dir: &str) -> Option<&Vec<String>> {
        ancestors(dir).find_map(|d| self.own_dir.get(d))
    }

    /// The effective audience of source `i`.
    fn of_source(&self, i: usize) -> Option<&Vec<String>> {
        self.source.get(&i)
    }
}

/// Which folder each markdown file describes and where every folder lands in the output.
struct Layout {
    /// Folder → index of the source that describes it.
    index_of: HashMap<String, usize>,
    /// Folders that are page bundles (their `index.md` is a page, not a section).
    bundles: HashSet<String>,
    /// Folder → root-relative URL.
    dir_url: BTreeMap<String, String>,
    /// Sections: folders with markdown at or below them, not bundles or inside one, in walk order.
    section_dirs: Vec<String>,
    /// Two files claiming one folder.
    conflicts: Vec<(usize, usize)>,
}

impl Layout {
    fn new(dirs: &[String], sources: &[Source]) -> Self {
        let mut index_of: HashMap<String, usize> = HashMap::new();
        let mut rank_of: HashMap<String, u8> = HashMap::new();
        let mut conflicts = Vec::new();
        let dir_set: HashSet<&str> = dirs.iter().map(String::as_str).collect();
        for (i, s) in sources.iter().enumerate() {
            let (folder, rank) = match s.name.as_str() {
                "_index.md" | "_index.markdown" | "index.md" | "index.markdown" => (s.dir.clone(), 0),
                // A plain-text `_index.txt` or `index.txt` describes its folder too, after markdown.
                n if n.eq_ignore_ascii_case("readme.md") || n == "_index.txt" || n == "index.txt" => (s.dir.clone(), 1),
                _ => {
                    let sibling = join_rel(&s.dir, &s.stem);
                    if !dir_set.contains(sibling.as_str()) {
                        continue;
                    }
                    (sibling, 2)
                }
            };
            match rank_of.get(&folder) {
                Some(&r) if r == rank && rank == 0 => conflicts.push((index_of[&folder], i)),
                Some(&r) if r <= rank => {}
                _ => {
                    rank_of.insert(folder.clone(), rank);
                    index_of.insert(folder, i);
                }
            }
        }
        let mut md_count: HashMap<&str, usize> = HashMap::new();
        for s in sources {
            for ancestor in ancestors(&s.dir) {
                *md_count.entry(ancestor).or_default() += 1;
            }
        }
        let bundles: HashSet<String> = dirs
            .iter()
            .filter(|d| !d.is_empty())
            .filter(|d| {
                index_of.get(*d).is_some_and(|&i| sources[i].name.starts_with("index."))
                    && md_count.get(d.as_str()) == Some(&1)
            })
            .cloned()
            .collect();
        let section_dirs = dirs
            .iter()
            .filter(|d| d.is_empty() || md_count.contains_key(d.as_str()) || index_of.contains_key(*d))
            .filter(|d| !bundles.iter().any(|b| is_inside_dir(d, b)))
            .cloned()
            .collect();
        let mut dir_url = BTreeMap::new();
        for d in dirs {
            let url = match d.rsplit_once('/') {
                _ if d.is_empty() => String::new(),
                Some((parent, name)) => {
                    let parent_url = dir_url.get(parent).cloned().unwrap_or_default();
                    format!("{parent_url}{}/", folder_slug(name, d, &index_of, sources))
                }
                None => format!("{}/", folder_slug(d, d, &index_of, sources)),
            };
            dir_url.insert(d.clone(), url);
        }
        Layout { index_of, bundles, dir_url, section_dirs, conflicts }
    }

    fn url_of_dir(&self, dir: &str) -> String {
        self.dir_url.get(dir).cloned().unwrap_or_default()
    }

    /// The URL source `i` of this layout gets: its folder's, if it describes one, else its own.
    fn page_url(&self, i: usize, s: &Source) -> String {
        match self.index_of.iter().find(|(_, j)| **j == i) {
            Some((dir, _)) => self.url_of_dir(dir),
            None => format!("{}{}/", self.url_of_dir(&s.dir), slugify(s.meta.slug.as_deref().unwrap_or(&s.stem))),
        }
    }
}

/// The folder's URL segment: the `slug` of the file that describes it, else its name.
fn folder_slug(name: &str, dir: &str, index_of: &HashMap<String, usize>, sources: &[Source]) -> String {
    let slug = index_of.get(dir).and_then(|&i| sources[i].meta.slug.as_deref());
    // `.well-known/` keeps its name: servers and clients look for it exactly there.
    if dir == ".well-known" && slug.is_none() {
        return name.to_string();
    }
    slugify(slug.unwrap_or(name))
}

fn build_library(
    library: &mut Library,
    config: &Config,
    layout: &Layout,
    sources: Vec<Source>,
    others: Vec<(PathBuf, String)>,
    errors: &mut Vec<Diagnostic>,
) {
    let content = &config.content_dir;
    for (a, b) in &layout.conflicts {
        let (a, b) = (&sources[*a], &sources[*b]);
        let message = format!("`{}` and `{}` both describe the folder `{}/`; keep one", a.rel, b.rel, a.dir);
        errors.push(Diagnostic::error(content.join(&b.rel), 0, 0, message));
    }
    // Who claims each URL: a section's index file or the folder itself, then pages.
    let mut url_owner: HashMap<String, String> = HashMap::new();
    let mut claim = |url: &str, owner: String, file: PathBuf, errors: &mut Vec<Diagnostic>| {
        if let Some(other) = url_owner.insert(url.to_string(), owner.clone()) {
            let message = format!("{owner} and {other} both map to the URL `/{url}`; rename one or set a `slug`");
            errors.push(Diagnostic::error(file, 0, 0, message));
            return false;
        }
        true
    };
    for dir in &layout.section_dirs {
        let parent = if dir.is_empty() { None } else { library.by_dir.get(parent_dir(dir)).copied() };
        let url = layout.url_of_dir(dir);
        let owner = match layout.index_of.get(dir) {
            Some(&i) => format!("`{}`", sources[i].rel),
            None => format!("the folder `{dir}/`"),
        };
        if !claim(&url, owner, content.join(dir), errors) {
            continue;
        }
        let idx = SectionId(library.sections.len());
        let name = dir.rsplit('/').next().unwrap_or("").to_string();
        let section =
            Section { dir: dir.clone(), url, own_page: None, parent, pages: Vec::new(), subsections: Vec::new(), name };
        library.sections.push(section);
        library.by_dir.insert(dir.clone(), idx);
        if let Some(p) = parent {
            library.sections[p.0].subsections.push(idx);
        }
    }
    let described_by: HashMap<usize, &String> = layout.index_of.iter().map(|(d, i)| (*i, d)).collect();
    for (i, s) in sources.into_iter().enumerate() {
        let described = described_by.get(&i).copied();
        let own_section = described.and_then(|d| library.by_dir.get(d).copied());
        let bundle = described.filter(|d| layout.bundles.contains(*d));
        let file = content.join(&s.rel);
        let (url, section) = match (own_section, bundle) {
            (Some(sec), _) => (library.section(sec).url.clone(), sec),
            (None, Some(d)) => (layout.url_of_dir(d), nearest_section(library, d)),
            (None, None) => {
                let slug = slugify(s.meta.slug.as_deref().unwrap_or(&s.stem));
                let url = format!("{}{slug}/", layout.url_of_dir(&s.dir));
                if !claim(&url, format!("`{}`", s.rel), file.clone(), errors) {
                    continue;
                }
                (url, nearest_section(library, &s.dir))
            }
        };
        let idx = PageId(library.pages.len());
        library.by_path.insert(s.rel.clone(), idx);
        if let Some(d) = bundle {
            // `[notes](session-notes/)` links to the bundle's page.
            library.by_path.insert(d.clone(), idx);
        }
        match own_section {
            Some(sec) => library.sections[sec.0].own_page = Some(idx),
            None => library.sections[section.0].pages.push(idx),
        }
        let Source { rel, dir, meta, body, body_line, title, stem, .. } = s;
        library.pages.push(Page { file, rel, dir, meta, body, body_line, title, stem, url, section });
    }
    for (source, rel) in others {
        let out = format!("{}{}", layout.url_of_dir(parent_dir(&rel)), file_name(&rel));
        library.asset_by_path.insert(rel, out.clone());
        library.assets.push(Asset { source, out });
    }
    sort_children(library);
    library.index_urls();
}

/// Orders pages by weight, then newest date, then file name (a playbook's steps by weight, then
/// file name, as GUIDE §4 says); sections by weight, then name.
/// (`serve` calls it again after an edit changes a weight or a date.)
pub(crate) fn sort_children(library: &mut Library) {
    let playbooks: Vec<bool> = library.section_ids().map(|s| library.is_playbook(s)).collect();
    let pages = &library.pages;
    let page_key = |playbook: bool| {
        move |&i: &PageId| {
            let p = &pages[i.0];
            let date = if playbook { None } else { p.meta.date.map(|d| d.sort_key()) };
            (p.meta.weight.unwrap_or(i64::MAX), std::cmp::Reverse(date), p.rel.clone())
        }
    };
    let weights: Vec<i64> =
        library.sections.iter().map(|s| s.own_page.and_then(|i| pages[i.0].meta.weight).unwrap_or(i64::MAX)).collect();
    let names: Vec<String> = library.sections.iter().map(|s| s.name.clone()).collect();
    for (section, playbook) in library.sections.iter_mut().zip(playbooks) {
        section.pages.sort_by_cached_key(page_key(playbook));
        section.subsections.sort_by_key(|&s| (weights[s.0], names[s.0].clone()));
    }
}

fn nearest_section(library: &Library, dir: &str) -> SectionId {
    ancestors(dir).find_map(|d| library.by_dir.get(d).copied()).unwrap_or(SectionId::ROOT)
}

fn file_name(rel: &str) -> &str {
    rel.rsplit('/').next().unwrap_or(rel)
}

/// A `.txt` file that is an article, not one of the well-known files (`robots.txt`, a licence).
fn is_article(rel: &str) -> bool {
    let name = file_name(rel).to_ascii_lowercase();
    name.ends_with(".txt")
        && !["robots.txt", "humans.txt", "security.txt", "ads.txt", "app-ads.txt", "llms.txt"].contains(&name.as_str())
        && !name.starts_with("license")
        && !name.starts_with("licence")
        && !name.starts_with("copying")
}

fn parent_dir(rel: &str) -> &str {
    rel.rsplit_once('/').map_or("", |(d, _)| d)
}

fn join_rel(dir: &str, name: &str) -> String {
    if dir.is_empty() { name.to_string() } else { format!("{dir}/{name}") }
}

/// `dir` and every folder above it, up to and including `""`.
fn ancestors(dir: &str) -> impl Iterator<Item = &str> {
    let mut next = Some(dir);
    std::iter::from_fn(move || {
        let cur = next?;
        next = if cur.is_empty() { None } else { Some(parent_dir(cur)) };
        Some(cur)
    })
}

/// True when file `rel` lies in folder `dir` or below.
fn is_inside(rel: &str, dir: &str) -> bool {
    dir.is_empty() || rel.starts_with(&format!("{dir}/"))
}

/// True when folder `d` is `dir` or below it.
fn is_inside_dir(d: &str, dir: &str) -> bool {
    d == dir || d.starts_with(&format!("{dir}/"))
}
