//! One markdown file read from disk: decoded, front matter parsed, title inferred where the
//! rules of GUIDE §3 allow it before rendering (a short first line of a file without front matter).

use std::path::Path;

use super::date::Date;
use super::front_matter::{self, Format};
use super::meta::{self, Meta};
use crate::diagnostic::Diagnostic;

/// A markdown file after reading and front matter parsing.
#[derive(Debug)]
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
    /// Title known before rendering.
    pub title: Option<String>,
}

/// Reads, decodes and splits one markdown file; infers a title from a short first line when the
/// file has neither front matter nor a `# ` heading.
pub fn read_source(path: &Path, rel: String) -> (Result<Source, Diagnostic>, Vec<Diagnostic>) {
    let mut warnings = Vec::new();
    let text = match std::fs::read(path) {
        Ok(bytes) => match front_matter::decode(&bytes) {
            Ok(t) => t,
            Err(msg) => return (Err(Diagnostic::error(path, 0, 0, msg)), warnings),
        },
        Err(e) => {
            return (Err(Diagnostic::error(path, 0, 0, format!("cannot read: {e}"))), warnings);
        }
    };
    let split = front_matter::split(&text);
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
        Err(e) => return (Err(e), warnings),
    };
    let (meta, w) = meta::read(path, &text, fm);
    warnings.extend(w);
    let meta = match meta {
        Ok(m) => m,
        Err(e) => return (Err(e), warnings),
    };
    let name = rel.rsplit('/').next().unwrap_or(&rel).to_string();
    let stem = name.rsplit_once('.').map_or(name.as_str(), |(s, _)| s).to_string();
    // A Jekyll post name `2024-05-01-slug` gives the slug, and the date unless front matter has one.
    let (meta, stem) = match Date::from_file_stem(&stem) {
        Some((date, slug)) => (Meta { date: meta.date.or(Some(date)), ..meta }, slug.to_string()),
        None => (meta, stem.clone()),
    };
    let mut body = split.body;
    let mut body_line = split.body_line;
    let mut title = meta.title.clone();
    if title.is_none()
        && split.format == Format::None
        && !split.unclosed
        && !has_h1(body)
        && let Some((line, rest, skipped)) = short_first_line(body)
    {
        title = Some(line.to_string());
        body = rest;
        body_line += skipped;
    }
    let dir = rel.rsplit_once('/').map_or("", |(d, _)| d).to_string();
    let source = Source { rel, dir, name, stem, meta, body: body.to_string(), body_line, title };
    (Ok(source), warnings)
}

/// A first line that reads as a title: short, plain text, followed by a blank line or the end.
fn short_first_line(body: &str) -> Option<(&str, &str, usize)> {
    let leading = body.len() - body.trim_start_matches('\n').len();
    let rest = &body[leading..];
    let (line, after) = rest.split_once('\n').unwrap_or((rest, ""));
    let line = line.trim();
    let plain = line.chars().next().is_some_and(char::is_alphanumeric)
        && line.chars().count() <= 60
        && !line.ends_with(['.', ':', ',', ';', '|', '\\'])
        && !line.contains(['<', '[', '`', '*', '|', '{'])
        && !line.starts_with(|c: char| c.is_ascii_digit());
    let followed_by_blank = after.is_empty() || after.starts_with('\n');
    (plain && followed_by_blank).then(|| (line, after, leading + 1))
}

/// True when some line of `body` is an ATX level-1 heading (`# Title`).
fn has_h1(body: &str) -> bool {
    body.lines().any(|l| {
        l.trim_start_matches(' ').strip_prefix('#').is_some_and(|r| r.is_empty() || r.starts_with([' ', '\t']))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_first_line_titles() {
        assert_eq!(short_first_line("Weekly sync\n\nBody"), Some(("Weekly sync", "\nBody", 1)));
        assert_eq!(short_first_line("This is a sentence.\n\nBody"), None);
        assert_eq!(short_first_line("# Heading\n\nBody"), None);
        assert_eq!(short_first_line("Line one\nline two"), None);
    }

    #[test]
    fn a_heading_beats_the_first_line() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("a.md");
        std::fs::write(&file, "Draft notes\n\n# Mentoring 101\n\nBody\n").unwrap();
        let source = read_source(&file, "a.md".into()).0.unwrap();
        assert_eq!(source.title, None, "left for the renderer to take the heading");
        std::fs::write(&file, "Draft notes\n\nBody\n").unwrap();
        let source = read_source(&file, "a.md".into()).0.unwrap();
        assert_eq!((source.title.as_deref(), source.body_line), (Some("Draft notes"), 2));
    }
}
