//! One markdown file read from disk: decoded, front matter parsed, and a first-line title taken
//! off the body where the title rules allow it (see [`super::title`]).

use std::path::Path;

use super::date::Date;
use super::front_matter::{self, Format};
use super::meta::{self, Meta};
use super::plain;
use super::title;
use crate::diagnostic::Diagnostic;

/// A markdown file after reading and front matter parsing.
#[derive(Debug, Clone)]
pub struct Source {
    /// Content-relative path.
    pub rel: String,
    /// Content-relative folder.
    pub dir: String,
    /// File name.
    pub name: String,
    /// File name without extension (and without a Jekyll date prefix).
    pub stem: String,
    /// Front matter.
    pub meta: Meta,
    /// Markdown body.
    pub body: String,
    /// 1-based file line where the body starts.
    pub body_line: usize,
    /// Title known before rendering (front matter, or a first line).
    pub title: Option<String>,
}

/// What reading one file gave: the source or its errors, and warnings either way.
pub type Read = (Result<Source, Vec<Diagnostic>>, Vec<Diagnostic>);

/// Reads, decodes and splits one markdown file.
pub fn read_source(path: &Path, rel: String) -> Read {
    match std::fs::read(path) {
        Ok(bytes) => parse_source(path, rel, &bytes),
        Err(e) => (Err(vec![Diagnostic::error(path, 0, 0, format!("cannot read: {e}"))]), Vec::new()),
    }
}

/// Reads a `.txt` article: one that begins with front matter is an authored page, read as
/// markdown; any other is read by the plain-text rules ([`plain`]).
pub fn read_text_source(path: &Path, rel: String) -> Read {
    match std::fs::read(path) {
        Ok(bytes) => parse_text_source(path, rel, &bytes),
        Err(e) => (Err(vec![Diagnostic::error(path, 0, 0, format!("cannot read: {e}"))]), Vec::new()),
    }
}

/// [`read_text_source`] on bytes already read.
pub fn parse_text_source(path: &Path, rel: String, bytes: &[u8]) -> Read {
    let text = match front_matter::decode(bytes) {
        Ok(t) => t,
        Err((line, col, msg)) => return (Err(vec![Diagnostic::error(path, line, col, msg)]), Vec::new()),
    };
    let plain_text = front_matter::split(&text).is_ok_and(|s| s.format == Format::None && !s.unclosed);
    if !plain_text {
        return parse_source(path, rel, bytes);
    }
    let article = plain::read(&text);
    let (name, stem, date) = names(&rel);
    let meta = Meta { toc: true, description: article.subtitle, date, ..Meta::default() };
    let dir = rel.rsplit_once('/').map_or("", |(d, _)| d).to_string();
    let source = Source {
        rel,
        dir,
        name,
        stem,
        meta,
        body: article.markdown,
        body_line: article.head_lines + 1,
        title: article.title,
    };
    (Ok(source), Vec::new())
}

/// The file name, its stem (without a Jekyll date prefix) and that date, of `rel`.
fn names(rel: &str) -> (String, String, Option<Date>) {
    let name = rel.rsplit('/').next().unwrap_or(rel).to_string();
    let stem = name.rsplit_once('.').map_or(name.as_str(), |(s, _)| s).to_string();
    match Date::from_file_stem(&stem) {
        Some((date, slug)) => (name.clone(), slug.to_string(), Some(date)),
        None => (name, stem, None),
    }
}

/// [`read_source`] on bytes already read; `path` is for messages.
pub fn parse_source(path: &Path, rel: String, bytes: &[u8]) -> Read {
    let mut warnings = Vec::new();
    let text = match front_matter::decode(bytes) {
        Ok(t) => t,
        Err((line, col, msg)) => return (Err(vec![Diagnostic::error(path, line, col, msg)]), warnings),
    };
    let split = match front_matter::split(&text) {
        Ok(split) => split,
        Err((line, message)) => {
            return (Err(vec![Diagnostic::error(path, line, 1, message).with_snippet_from(&text)]), warnings);
        }
    };
    if split.unclosed {
        warnings.push(Diagnostic::warning(
            path,
            1,
            1,
            "`---` on the first line is never closed; read as a thematic break, not front matter",
        ));
    }
    let fm = match front_matter::parse(path, &text, &split) {
        Ok(fm) => fm,
        Err(e) => return (Err(vec![e]), warnings),
    };
    let (meta, w) = meta::read(path, &text, fm);
    warnings.extend(w);
    let meta = match meta {
        Ok(m) => m,
        Err(e) => return (Err(e), warnings),
    };
    // A Jekyll post name `2024-05-01-slug` gives the slug, and the date unless front matter has one.
    let (name, stem, date) = names(&rel);
    let meta = Meta { date: meta.date.or(date), ..meta };
    let mut body = split.body;
    let mut body_line = split.body_line;
    let mut known_title = meta.title.clone();
    if known_title.is_none()
        && split.format == Format::None
        && !split.unclosed
        && !title::has_heading(body)
        && let Some((line, rest, skipped)) = title::first_line(body)
    {
        known_title = Some(line.to_string());
        body = rest;
        body_line += skipped;
    }
    let dir = rel.rsplit_once('/').map_or("", |(d, _)| d).to_string();
    let source = Source { rel, dir, name, stem, meta, body: body.to_string(), body_line, title: known_title };
    (Ok(source), warnings)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_heading_beats_the_first_line() {
        let source = parse_source(Path::new("a.md"), "a.md".into(), b"Draft notes\n\n# Mentoring 101\n\nBody\n");
        assert_eq!(source.0.unwrap().title, None, "left for the renderer to take the heading");
        let source = parse_source(Path::new("a.md"), "a.md".into(), b"Draft notes\n\nBody\n").0.unwrap();
        assert_eq!((source.title.as_deref(), source.body_line), (Some("Draft notes"), 2));
    }

    #[test]
    fn unreadable_front_matter_is_never_a_page() {
        let (result, _) = parse_source(Path::new("a.md"), "a.md".into(), b"\n---\ntitle: Secret\ndraft: true\n---\nx");
        let errors = result.unwrap_err();
        assert_eq!((errors[0].line, errors[0].col), (2, 1), "{}", errors[0]);
        let (result, _) = parse_source(Path::new("a.md"), "a.md".into(), b"ok\n\xff");
        assert_eq!(result.unwrap_err()[0].line, 2);
    }
}
