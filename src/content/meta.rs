//! The known front matter keys, read leniently into [`Meta`].
//!
//! Real content mixes types for one key (`title: 2019`, `tags: coaching`, `coach:` as string,
//! list or null), so scalars are read as strings and a single string where a list is expected
//! becomes a one-item list. Unknown keys are kept for templates as `extra`; a near miss of a
//! known key (`titel`) is a warning, never an error.

use std::path::Path;

use serde_json::{Map, Value};

use super::date::Date;
use super::front_matter::FrontMatter;
use crate::config::did_you_mean;
use crate::diagnostic::Diagnostic;

/// Every front matter key with a meaning (aliases included).
const KNOWN: &[&str] = &[
    "title",
    "description",
    "summary",
    "date",
    "updated",
    "lastmod",
    "last_modified_at",
    "draft",
    "published",
    "slug",
    "aliases",
    "weight",
    "tags",
    "categories",
    "roles",
    "authors",
    "author",
    "template",
    "toc",
    "extra",
];

/// Front matter as the build understands it.
#[derive(Debug, Clone, Default)]
pub struct Meta {
    /// `title`, coerced to a string.
    pub title: Option<String>,
    /// `description`.
    pub description: Option<String>,
    /// `summary` (plain text).
    pub summary: Option<String>,
    /// `date`.
    pub date: Option<Date>,
    /// `updated` / `lastmod` / `last_modified_at`.
    pub updated: Option<Date>,
    /// `draft: true` or `published: false`.
    pub draft: bool,
    /// `slug`.
    pub slug: Option<String>,
    /// `aliases`.
    pub aliases: Vec<String>,
    /// `weight`.
    pub weight: Option<i64>,
    /// `tags`.
    pub tags: Vec<String>,
    /// `categories`.
    pub categories: Vec<String>,
    /// `roles`.
    pub roles: Vec<String>,
    /// `authors` (or a single `author`).
    pub authors: Vec<String>,
    /// `template`, and the line it was set on.
    pub template: Option<(String, usize)>,
    /// `toc` (default true).
    pub toc: bool,
    /// Every other key, plus the entries of an `extra` map.
    pub extra: Map<String, Value>,
}

/// Reads `fm` into [`Meta`]. Bad dates are errors; near-miss keys are warnings.
pub fn read(path: &Path, file_text: &str, fm: FrontMatter) -> (Result<Meta, Diagnostic>, Vec<Diagnostic>) {
    let mut warnings = Vec::new();
    let mut meta = Meta { toc: true, ..Meta::default() };
    let date_of = |key: &str, v: &Value| -> Result<Option<Date>, Diagnostic> {
        let Some(text) = scalar(v) else {
            return Ok(None);
        };
        Date::parse(&text).map(Some).ok_or_else(|| {
            let line = fm.line_of(key);
            // Point at the value itself: the first place the text stands after the key.
            let col = file_text
                .lines()
                .nth(line - 1)
                .and_then(|l| l.get(key.len()..).and_then(|rest| rest.find(text.as_str())).map(|c| c + key.len()))
                .map_or(1, |c| c + 1);
            Diagnostic::error(
                path,
                line,
                col,
                format!("`{key}` is not a date: `{text}` (use YYYY-MM-DD, RFC 3339 or `YYYY-MM-DD HH:MM:SS +ZZZZ`)"),
            )
            .with_snippet_from(file_text)
        })
    };
    let mut extra = Map::new();
    for (key, value) in &fm.map {
        match key.as_str() {
            "title" => meta.title = scalar(value),
            "description" => meta.description = scalar(value),
            "summary" => meta.summary = scalar(value),
            "date" => match date_of(key, value) {
                Ok(d) => meta.date = d,
                Err(e) => return (Err(e), warnings),
            },
            "updated" | "lastmod" | "last_modified_at" => match date_of(key, value) {
                Ok(d) => meta.updated = meta.updated.max(d),
                Err(e) => return (Err(e), warnings),
            },
            "draft" => meta.draft |= truthy(value),
            "published" => meta.draft |= !truthy(value),
            "slug" => meta.slug = scalar(value).filter(|s| !s.trim().is_empty()),
            "aliases" => meta.aliases = list(value),
            "weight" => meta.weight = value.as_i64().or_else(|| scalar(value).and_then(|s| s.trim().parse().ok())),
            "tags" => meta.tags = list(value),
            "categories" => meta.categories = list(value),
            "roles" => meta.roles = list(value),
            "authors" | "author" => meta.authors.extend(list(value)),
            "template" => meta.template = scalar(value).map(|t| (t, fm.line_of(key))),
            "toc" => meta.toc = truthy(value),
            "extra" => match value {
                Value::Object(map) => extra.extend(map.clone()),
                other => {
                    extra.insert(key.clone(), other.clone());
                }
            },
            _ => {
                if let Some(known) = did_you_mean(key, KNOWN) {
                    let line = fm.line_of(key);
                    warnings.push(
                        Diagnostic::warning(
                            path,
                            line,
                            1,
                            format!("unknown front matter key `{key}`; did you mean `{known}`?"),
                        )
                        .with_snippet_from(file_text),
                    );
                }
                extra.entry(key.clone()).or_insert_with(|| value.clone());
            }
        }
    }
    meta.extra = extra;
    (Ok(meta), warnings)
}

/// A scalar as a string (`2019` → "2019"); lists and maps are not scalars.
fn scalar(v: &Value) -> Option<String> {
    match v {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        _ => None,
    }
}

/// A list of strings from a list, or from a single scalar (empty strings dropped).
fn list(v: &Value) -> Vec<String> {
    match v {
        Value::Array(items) => items.iter().filter_map(scalar).filter(|s| !s.trim().is_empty()).collect(),
        other => scalar(other).filter(|s| !s.trim().is_empty()).into_iter().collect(),
    }
}

/// `true`, `"yes"`, `"on"`, a non-zero number: what authors write for yes.
pub(crate) fn truthy(v: &Value) -> bool {
    match v {
        Value::Bool(b) => *b,
        Value::String(s) => matches!(s.trim().to_ascii_lowercase().as_str(), "true" | "yes" | "on"),
        Value::Number(n) => n.as_f64().is_some_and(|f| f != 0.0),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::front_matter::{parse, split};

    fn meta(text: &str) -> (Result<Meta, Diagnostic>, Vec<Diagnostic>) {
        let s = split(text);
        let fm = parse(Path::new("p.md"), text, &s).unwrap();
        read(Path::new("p.md"), text, fm)
    }

    #[test]
    fn coerces_scalars_and_lists() {
        let (m, w) = meta("---\ntitle: 2019\ntags: coaching\nauthor: Ann\nweight: \"3\"\npublished: false\n---\n");
        let m = m.unwrap();
        assert_eq!(m.title.as_deref(), Some("2019"));
        assert_eq!(m.tags, ["coaching"]);
        assert_eq!(m.authors, ["Ann"]);
        assert_eq!(m.weight, Some(3));
        assert!(m.draft);
        assert!(w.is_empty());
    }

    #[test]
    fn unknown_keys_go_to_extra_and_near_misses_warn() {
        let (m, w) = meta("---\ntitel: A\ncoach: [a, b]\nextra:\n  level: 2\n---\n");
        let m = m.unwrap();
        assert_eq!(m.extra["coach"], serde_json::json!(["a", "b"]));
        assert_eq!(m.extra["level"], serde_json::json!(2));
        assert_eq!(w.len(), 1);
        assert_eq!(w[0].line, 2);
        assert!(w[0].message.contains("did you mean `title`"));
    }

    #[test]
    fn bad_date_is_an_error_at_its_line() {
        let (m, _) = meta("---\ntitle: A\ndate: 2023-01-29 18:30:22 2023 -0800\n---\n");
        let e = m.unwrap_err();
        assert_eq!((e.line, e.col), (3, 7));
        let (m, _) = meta("---\ndate:   2024-99-01\n---\n");
        assert_eq!(m.unwrap_err().col, 9);
        let (m, _) = meta("+++\ndate = \"2024-99-01\"\n+++\n");
        assert_eq!(m.unwrap_err().col, 9);
    }
}
