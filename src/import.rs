//! `mentorbook import FILE…`: plain-text and HTML articles turned into markdown pages with
//! front matter, for authors to take further by hand.
//!
//! A `.txt` file is read by the same plain-text rules the build applies to `.txt` content
//! ([`crate::content::plain`]), so the imported page builds to the page the original would
//! have made. An `.html` file is read for its title (`<h1>`, else `<title>`), its description
//! and its body's headings, paragraphs, lists and code, and written by the same rules. Every
//! imported page is a draft; an existing file is never overwritten without `force`.

use std::fs;
use std::path::{Path, PathBuf};

use scraper::{ElementRef, Html, Node, Selector};
use serde::Serialize;

use crate::config::Config;
use crate::content::plain::{self, Article};
use crate::content::{front_matter, url};
use crate::diagnostic::Diagnostic;

/// Front matter of an imported page.
#[derive(Serialize)]
struct Front<'a> {
    title: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    description: Option<&'a str>,
    draft: bool,
}

/// Imports `file` into `content/<section>/<slug>.md`; returns the path written.
pub fn import(config: &Config, file: &Path, section: &Path, force: bool) -> Result<PathBuf, Diagnostic> {
    let bytes = fs::read(file).map_err(|e| Diagnostic::error(file, 0, 0, format!("cannot read: {e}")))?;
    let text = front_matter::decode(&bytes).map_err(|(l, c, m)| Diagnostic::error(file, l, c, m))?;
    let html = file.extension().is_some_and(|e| e.eq_ignore_ascii_case("html") || e.eq_ignore_ascii_case("htm"));
    let article = if html { from_html(&text) } else { plain::read(&text) };
    let stem = file.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
    let title = article.title.clone().unwrap_or_else(|| crate::words::humanize(&stem));
    let mut slug = url::slugify(&title);
    if slug.is_empty() {
        slug = url::slugify(&stem);
    }
    if !section.components().all(|c| matches!(c, std::path::Component::Normal(_))) {
        return Err(Diagnostic::error(section, 0, 0, "--section must be a folder inside the content folder"));
    }
    let target = config.content_dir.join(section).join(format!("{slug}.md"));
    if target.exists() && !force {
        return Err(Diagnostic::error(&target, 0, 0, "already exists; pass --force to overwrite it"));
    }
    let front = Front { title: &title, description: article.subtitle.as_deref(), draft: true };
    let yaml = serde_yaml::to_string(&front).map_err(|e| Diagnostic::error(file, 0, 0, e.to_string()))?;
    let page = format!("---\n{yaml}---\n{}", article.markdown);
    let parent = target.parent().unwrap_or(&config.content_dir);
    fs::create_dir_all(parent).map_err(|e| Diagnostic::error(parent, 0, 0, format!("cannot create folder: {e}")))?;
    fs::write(&target, page).map_err(|e| Diagnostic::error(&target, 0, 0, format!("cannot write: {e}")))?;
    Ok(target)
}

/// An HTML article as plain-text lines, then read by the plain-text rules: headings become
/// subheads, list items keep their markers, every block is one line.
fn from_html(text: &str) -> Article {
    let doc = Html::parse_document(text);
    let one = |css: &str| {
        Selector::parse(css).ok().and_then(|s| doc.select(&s).next()).map(|e| squash(&e.text().collect::<String>()))
    };
    let title = one("h1").or_else(|| one("title")).filter(|t| !t.is_empty());
    let description = Selector::parse("meta[name=description]")
        .ok()
        .and_then(|s| doc.select(&s).next().and_then(|m| m.value().attr("content").map(squash)))
        .filter(|d| !d.is_empty());
    let root = one_element(&doc, "article").or_else(|| one_element(&doc, "main")).or_else(|| one_element(&doc, "body"));
    let mut lines = Vec::new();
    if let Some(root) = root {
        blocks(root, &mut lines, title.as_deref());
    }
    let lines: Vec<&str> = lines.iter().map(String::as_str).collect();
    Article { title, subtitle: description, markdown: plain::to_markdown(&lines), head_lines: 0 }
}

fn one_element<'a>(doc: &'a Html, css: &str) -> Option<ElementRef<'a>> {
    Selector::parse(css).ok().and_then(|s| doc.select(&s).next())
}

/// Collects the blocks below `el` as lines separated by blank lines.
fn blocks(el: ElementRef, lines: &mut Vec<String>, title: Option<&str>) {
    for child in el.children() {
        let Some(e) = ElementRef::wrap(child) else {
            if let Node::Text(t) = child.value() {
                let t = squash(t);
                if !t.is_empty() {
                    lines.extend([t, String::new()]);
                }
            }
            continue;
        };
        let text = || squash(&e.text().collect::<String>());
        match e.value().name() {
            "script" | "style" | "nav" | "header" | "footer" | "aside" | "form" | "noscript" | "template" => {}
            "h1" if Some(text().as_str()) == title => {}
            "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => lines.extend([String::new(), text(), String::new()]),
            "p" | "blockquote" | "figcaption" | "dt" | "dd" => {
                let t = text();
                if !t.is_empty() {
                    lines.extend([t, String::new()]);
                }
            }
            "ul" | "ol" => {
                let ordered = e.value().name() == "ol";
                for (n, li) in
                    e.children().filter_map(ElementRef::wrap).filter(|c| c.value().name() == "li").enumerate()
                {
                    let t = squash(&li.text().collect::<String>());
                    lines.push(if ordered { format!("{}. {t}", n + 1) } else { format!("- {t}") });
                }
                lines.push(String::new());
            }
            _ => blocks(e, lines, title),
        }
    }
}

/// Whitespace runs as one space, trimmed.
fn squash(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn html_articles_keep_their_structure() {
        let a = from_html(
            "<html><head><title>Site · Post</title><meta name=description content='A short lead'></head><body><nav>Menu</nav><article><h1>Growing as a mentor</h1><p>First   paragraph.</p><h2>Listening</h2><p>Second.</p><ol><li>One</li><li>Two</li></ol></article></body></html>",
        );
        assert_eq!(a.title.as_deref(), Some("Growing as a mentor"));
        assert_eq!(a.subtitle.as_deref(), Some("A short lead"));
        assert!(a.markdown.contains("\n## Listening\n"), "{}", a.markdown);
        assert!(a.markdown.contains("1. One\n2. Two\n"), "{}", a.markdown);
        assert!(!a.markdown.contains("Menu"), "{}", a.markdown);
    }
}
