//! Discovery files for machines: Atom feeds, `sitemap.xml` and `robots.txt`.
//!
//! Feeds and sitemaps need absolute URLs, so they are written only when `base_url` is set;
//! `robots.txt` is always written and names the sitemap when there is one. The XML is written
//! by hand (it is a few fixed elements) with every value escaped; the tests parse it back.
//! Drafts never reach this module in a production build: they are not in the library.

use super::output::Output;
use super::pages::Views;
use crate::markdown::highlight::escape_html;

/// How many of the newest dated pages a feed carries.
pub const FEED_ENTRIES: usize = 50;

/// The site-wide feed, one per section with dated pages, the sitemap and `robots.txt`.
/// `extra_urls` are root-relative URLs of generated pages (taxonomies) for the sitemap.
pub fn render(views: &Views, extra_urls: &[String]) -> Vec<Output> {
    let mut out = Vec::new();
    if !views.config.base_url.is_empty() {
        for s in 0..views.library.sections.len() {
            if !feed_url(views, s).is_empty() {
                let pages = dated_pages(views, s);
                let sec = &views.library.sections[s];
                let title = if s == 0 {
                    views.config.title.clone()
                } else {
                    format!("{} · {}", views.titles.sections[s], views.config.title)
                };
                out.push(Output::bytes(
                    &format!("{}atom.xml", sec.url),
                    atom(views, &title, &sec.url, &pages).into_bytes(),
                ));
            }
        }
        out.push(Output::bytes("sitemap.xml", sitemap(views, extra_urls).into_bytes()));
    }
    out.push(Output::bytes("robots.txt", robots(views).into_bytes()));
    out
}

/// Root-relative URL of section `s`'s Atom feed, or empty when it has none: the top always has
/// one, other sections when they or their subsections hold a dated page; none without `base_url`.
pub fn feed_url(views: &Views, s: usize) -> String {
    let lib = views.library;
    let mut stack = vec![s];
    let mut dated = s == 0;
    while let Some(cur) = stack.pop().filter(|_| !dated) {
        dated = lib.sections[cur].pages.iter().any(|&i| lib.pages[i].meta.date.is_some());
        stack.extend(lib.sections[cur].subsections.iter().copied());
    }
    if dated && !views.config.base_url.is_empty() { format!("{}atom.xml", lib.sections[s].url) } else { String::new() }
}

/// Dated pages in section `s` and below, newest first, at most [`FEED_ENTRIES`].
fn dated_pages(views: &Views, s: usize) -> Vec<usize> {
    let lib = views.library;
    let mut stack = vec![s];
    let mut pages = Vec::new();
    while let Some(cur) = stack.pop() {
        pages.extend(lib.sections[cur].pages.iter().copied().filter(|&i| lib.pages[i].meta.date.is_some()));
        stack.extend(lib.sections[cur].subsections.iter().copied());
    }
    pages.sort_by_key(|&i| (std::cmp::Reverse(lib.pages[i].meta.date.map(|d| d.sort_key())), lib.pages[i].rel.clone()));
    pages.truncate(FEED_ENTRIES);
    pages
}

/// An Atom 1.0 feed of `pages`, living at `{section_url}atom.xml`.
fn atom(views: &Views, title: &str, section_url: &str, pages: &[usize]) -> String {
    let lib = views.library;
    let self_url = views.permalink(&format!("{section_url}atom.xml"));
    let updated = pages
        .iter()
        .filter_map(|&i| lib.pages[i].meta.updated.max(lib.pages[i].meta.date))
        .max_by_key(|d| d.sort_key())
        .map_or_else(|| "1970-01-01T00:00:00Z".to_string(), |d| d.rfc3339());
    let mut xml = String::from("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n");
    xml.push_str(&format!(
        "<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"{}\">\n",
        escape_html(&views.config.language)
    ));
    xml.push_str(&format!("  <title>{}</title>\n", escape_html(title)));
    if !views.config.description.is_empty() {
        xml.push_str(&format!("  <subtitle>{}</subtitle>\n", escape_html(&views.config.description)));
    }
    xml.push_str(&format!(
        "  <link rel=\"self\" type=\"application/atom+xml\" href=\"{}\"/>\n",
        escape_html(&self_url)
    ));
    xml.push_str(&format!(
        "  <link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>\n",
        escape_html(&views.permalink(section_url))
    ));
    xml.push_str(&format!("  <id>{}</id>\n", escape_html(&self_url)));
    xml.push_str(&format!("  <updated>{updated}</updated>\n"));
    xml.push_str(&format!("  <generator>mentorbook {}</generator>\n", env!("CARGO_PKG_VERSION")));
    for &i in pages {
        let p = &lib.pages[i];
        let link = escape_html(&views.permalink(&p.url));
        let date = p.meta.date.map(|d| d.rfc3339()).unwrap_or_default();
        let updated = p.meta.updated.max(p.meta.date).map(|d| d.rfc3339()).unwrap_or_default();
        xml.push_str("  <entry>\n");
        xml.push_str(&format!("    <title>{}</title>\n", escape_html(&views.titles.pages[i])));
        xml.push_str(&format!(
            "    <link rel=\"alternate\" type=\"text/html\" href=\"{link}\"/>\n    <id>{link}</id>\n"
        ));
        xml.push_str(&format!("    <published>{date}</published>\n    <updated>{updated}</updated>\n"));
        let authors =
            if p.meta.authors.is_empty() { std::slice::from_ref(&views.config.title) } else { &p.meta.authors };
        for a in authors {
            xml.push_str(&format!("    <author><name>{}</name></author>\n", escape_html(a)));
        }
        // Links in page HTML are relative to the page; `xml:base` tells feed readers from where.
        let summary = views.summary(i);
        if !summary.is_empty() {
            xml.push_str(&format!(
                "    <summary type=\"html\" xml:base=\"{link}\">{}</summary>\n",
                escape_html(&summary)
            ));
        }
        let content = escape_html(&views.rendered[i].html);
        xml.push_str(&format!("    <content type=\"html\" xml:base=\"{link}\">{content}</content>\n"));
        xml.push_str("  </entry>\n");
    }
    xml.push_str("</feed>\n");
    xml
}

/// Every page and section (drafts are not in the library), then `extra_urls`.
fn sitemap(views: &Views, extra_urls: &[String]) -> String {
    let lib = views.library;
    let mut entries: Vec<(String, String)> = Vec::new();
    for (i, p) in lib.pages.iter().enumerate() {
        if !lib.is_section_index(i) {
            entries.push((p.url.clone(), p.meta.updated.max(p.meta.date).map(|d| d.ymd()).unwrap_or_default()));
        }
    }
    for s in &lib.sections {
        let lastmod = s.index.and_then(|i| lib.pages[i].meta.updated.max(lib.pages[i].meta.date));
        entries.push((s.url.clone(), lastmod.map(|d| d.ymd()).unwrap_or_default()));
    }
    entries.extend(extra_urls.iter().map(|u| (u.clone(), String::new())));
    entries.sort();
    let mut xml = String::from("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n");
    xml.push_str("<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n");
    for (u, lastmod) in entries {
        xml.push_str(&format!("  <url><loc>{}</loc>", escape_html(&views.permalink(&u))));
        if !lastmod.is_empty() {
            xml.push_str(&format!("<lastmod>{lastmod}</lastmod>"));
        }
        xml.push_str("</url>\n");
    }
    xml.push_str("</urlset>\n");
    xml
}

/// Allows everything and names the sitemap when there is one.
fn robots(views: &Views) -> String {
    let mut text = String::from("User-agent: *\nAllow: /\n");
    if !views.config.base_url.is_empty() {
        text.push_str(&format!("Sitemap: {}\n", views.permalink("sitemap.xml")));
    }
    text
}
