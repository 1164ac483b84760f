//! The known front matter keys, read into [`Meta`]: lenient where real content varies, strict
//! where a wrong guess would publish a draft or misorder a handbook.
//!
//! Real content mixes types for one key (`title: 2019`, `tags: coaching`, `coach:` as string,
//! list or null), so scalars are read as strings and a single string where a list is expected
//! becomes a one-item list. But a known key with a value of the wrong shape (`draft: maybe`,
//! `date: [2024]`, `weight: heavy`, `paginate_by: -1`) is an error at its line: silently
//! reading `draft: maybe` as "not a draft" publishes it. Unknown keys are kept for templates as
//! `extra`; a near miss of a known key (`titel`) is a warning.

use std::path::Path;

use serde_json::{Map, Value};

use super::date::Date;
use super::front_matter::{FrontMatter, KNOWN};
use crate::diagnostic::{Diagnostic, did_you_mean};

/// Front matter as the build understands it.
#[derive(Debug, Clone, Default, PartialEq)]
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
    /// `template`.
    pub template: Option<String>,
    /// `toc` (default true).
    pub toc: bool,
    /// `playbook: true` in a section's `_index.md`: its pages are ordered steps.
    pub playbook: bool,
    /// `paginate_by` in a section's `_index.md`: list pages of that many entries.
    pub paginate_by: Option<usize>,
    /// `audience`: who the page (or a section and everything below it) is for; `None` is
    /// everyone. After loading, the effective audience (inherited from the sections above).
    pub audience: Option<Vec<String>>,
    /// `owner`: the person or team who keeps the page true.
    pub owner: Option<String>,
    /// `reviewed`: when the page was last checked.
    pub reviewed: Option<Date>,
    /// `review_every` (`6 months`): how often; a section's applies to the pages below it.
    pub review_every: Option<String>,
    /// Every other key, plus the entries of an `extra` map.
    pub extra: Map<String, Value>,
    /// 1-based file line of each key that was set, for messages.
    pub lines: Vec<(String, usize)>,
}

impl Meta {
    /// The file line where `key` was set (0 when it was not).
    pub fn line_of(&self, key: &str) -> usize {
        self.lines.iter().find(|(k, _)| *k == key).map_or(0, |(_, l)| *l)
    }
}

/// Reads `fm` into [`Meta`]; every wrong value is an error, near-miss keys are warnings.
pub fn read(path: &Path, file_text: &str, fm: FrontMatter) -> (Result<Meta, Vec<Diagnostic>>, Vec<Diagnostic>) {
    let mut warnings = Vec::new();
    let mut errors = Vec::new();
    let mut meta = Meta { toc: true, ..Meta::default() };
    let mut extra = Map::new();
    for (key, value) in &fm.map {
        let line = fm.line_of(key);
        meta.lines.push((key.clone(), line));
        let Some(&known) = KNOWN.iter().find(|k| **k == key.as_str()) else {
            if let Some(near) = did_you_mean(key, KNOWN) {
                let message = format!("unknown front matter key `{key}`; did you mean `{near}`?");
                warnings.push(Diagnostic::warning(path, line, 1, message).with_snippet_from(file_text));
            }
            extra.entry(key.clone()).or_insert_with(|| value.clone());
            continue;
        };
        let mut wrong = |expected: &str| {
            let col = value_column(file_text, line, key);
            let shown = shown(value);
            let message = if expected == DATE {
                format!("`{key}` is not a date: {shown} (use YYYY-MM-DD, RFC 3339 or `YYYY-MM-DD HH:MM:SS +ZZZZ`)")
            } else {
                format!("`{key}` must be {expected}, not {shown}")
            };
            errors.push(Diagnostic::error(path, line, col, message).with_snippet_from(file_text));
        };
        match known {
            "title" => meta.title = text(value).or_else(|| none_or(value, &mut wrong, "text")),
            "description" => meta.description = text(value).or_else(|| none_or(value, &mut wrong, "text")),
            "summary" => meta.summary = text(value).or_else(|| none_or(value, &mut wrong, "text")),
            "slug" => {
                meta.slug = text(value).filter(|s| !s.trim().is_empty()).or_else(|| none_or(value, &mut wrong, "text"))
            }
            "template" => meta.template = text(value).or_else(|| none_or(value, &mut wrong, "a template name")),
            "date" => meta.date = date(value, &mut wrong),
            "updated" | "lastmod" | "last_modified_at" => meta.updated = meta.updated.max(date(value, &mut wrong)),
            "draft" => meta.draft |= boolean(value, &mut wrong).unwrap_or(false),
            "published" => meta.draft |= !boolean(value, &mut wrong).unwrap_or(true),
            "toc" => meta.toc = boolean(value, &mut wrong).unwrap_or(true),
            "playbook" => meta.playbook = boolean(value, &mut wrong).unwrap_or(false),
            "weight" => meta.weight = integer(value).or_else(|| none_or(value, &mut wrong, "a whole number")),
            "paginate_by" => {
                meta.paginate_by = integer(value)
                    .and_then(|n| usize::try_from(n).ok())
                    .or_else(|| none_or(value, &mut wrong, "a whole number of entries, 0 or more"))
            }
            "aliases" => meta.aliases = list(value, &mut wrong),
            "tags" => meta.tags = list(value, &mut wrong),
            "categories" => meta.categories = list(value, &mut wrong),
            "roles" => meta.roles = list(value, &mut wrong),
            "authors" | "author" => meta.authors.extend(list(value, &mut wrong)),
            "audience" => meta.audience = Some(list(value, &mut wrong)).filter(|a| !a.is_empty()),
            "owner" => {
                meta.owner =
                    text(value).filter(|s| !s.trim().is_empty()).or_else(|| none_or(value, &mut wrong, "a name"))
            }
            "reviewed" => meta.reviewed = date(value, &mut wrong),
            "review_every" => {
                meta.review_every = text(value).or_else(|| none_or(value, &mut wrong, "a period like `6 months`"));
                if let Some(every) = &meta.review_every
                    && let Err(e) = crate::governance::Every::parse(every)
                {
                    wrong_period(&mut errors, path, file_text, line, key, &e);
                }
            }
            "extra" => match value {
                Value::Object(map) => extra.extend(map.clone()),
                other => {
                    extra.insert(key.clone(), other.clone());
                }
            },
            _ => unreachable!("every known key is matched above"),
        }
    }
    meta.extra = extra;
    if errors.is_empty() { (Ok(meta), warnings) } else { (Err(errors), warnings) }
}

/// A `review_every` that is not a period: the message says which shapes are.
fn wrong_period(errors: &mut Vec<Diagnostic>, path: &Path, file_text: &str, line: usize, key: &str, why: &str) {
    let col = value_column(file_text, line, key);
    errors.push(Diagnostic::error(path, line, col, format!("`{key}` {why}")).with_snippet_from(file_text));
}

/// What a date key expects (its message has its own wording).
const DATE: &str = "a date";

/// A scalar as text (`2019` → "2019"); lists and maps are not text.
fn text(v: &Value) -> Option<String> {
    match v {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        _ => None,
    }
}

/// Reports `v` as the wrong shape unless it is null (an empty key: no value), and gives `None`.
fn none_or<T>(v: &Value, wrong: &mut impl FnMut(&str), expected: &str) -> Option<T> {
    if !v.is_null() {
        wrong(expected);
    }
    None
}

/// A boolean; anything else (`maybe`, `y`, `[true]`, `"yes"`) is reported.
fn boolean(v: &Value, wrong: &mut impl FnMut(&str)) -> Option<bool> {
    match v {
        Value::Bool(b) => Some(*b),
        _ => none_or(v, wrong, "`true` or `false`"),
    }
}

/// A whole number, written as a number or as digits in quotes (`weight: "3"`).
fn integer(v: &Value) -> Option<i64> {
    match v {
        Value::Number(n) => n.as_i64(),
        Value::String(s) => s.trim().parse().ok(),
        _ => None,
    }
}

/// A date in one of the accepted shapes.
fn date(v: &Value, wrong: &mut impl FnMut(&str)) -> Option<Date> {
    let parsed = match v {
        Value::String(s) => Date::parse(s),
        _ => None,
    };
    parsed.or_else(|| none_or(v, wrong, DATE))
}

/// A list of texts from a list, or from a single scalar (empty strings dropped); a map, or a
/// list holding lists or maps, is reported.
fn list(v: &Value, wrong: &mut impl FnMut(&str)) -> Vec<String> {
    let items: Vec<&Value> = match v {
        Value::Null => return Vec::new(),
        Value::Array(items) => items.iter().collect(),
        other => vec![other],
    };
    if items.iter().any(|i| i.is_array() || i.is_object()) {
        wrong("a name or a list of names");
        return Vec::new();
    }
    items.into_iter().filter_map(text).filter(|s| !s.trim().is_empty()).collect()
}

/// How a wrong value is shown in a message.
fn shown(v: &Value) -> String {
    match v {
        Value::Array(_) => "a list".into(),
        Value::Object(_) => "a map".into(),
        other => format!("`{}`", text(other).unwrap_or_default()),
    }
}

/// The 1-based column where the value of `key` starts on `line`, or 1.
fn value_column(file_text: &str, line: usize, key: &str) -> usize {
    let Some(l) = line.checked_sub(1).and_then(|i| file_text.lines().nth(i)) else { return 1 };
    let Some(at) = l.find(key) else { return 1 };
    let rest = &l[at + key.len()..];
    let sep = rest.find([':', '=']).map_or(0, |i| i + 1);
    let spaces = rest[sep..].len() - rest[sep..].trim_start().len();
    l[..at + key.len() + sep + spaces].chars().count() + 1
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::front_matter::{parse, split};

    fn meta(text: &str) -> (Result<Meta, Vec<Diagnostic>>, Vec<Diagnostic>) {
        let s = split(text).unwrap();
        let fm = parse(Path::new("p.md"), text, &s).unwrap();
        read(Path::new("p.md"), text, fm)
    }

    fn error(text: &str) -> Diagnostic {
        let errs = meta(text).0.unwrap_err();
        assert_eq!(errs.len(), 1, "{errs:?}");
        errs.into_iter().next().unwrap()
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
        assert_eq!(m.line_of("tags"), 3);
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
        let e = error("---\ntitle: A\ndate: 2023-01-29 18:30:22 2023 -0800\n---\n");
        assert_eq!((e.line, e.col), (3, 7));
        assert!(e.message.starts_with("`date` is not a date: `2023-01-29"), "{}", e.message);
        assert_eq!(error("---\ndate:   2024-99-01\n---\n").col, 9);
        assert_eq!(error("+++\ndate = \"2024-99-01\"\n+++\n").col, 8);
        assert_eq!(error("---\ndate: [2024]\n---\n").line, 2);
    }

    #[test]
    fn draft_and_published_must_be_booleans() {
        for bad in ["maybe", "y", "yes", "[true]", "1", "\"true\""] {
            let e = error(&format!("---\ntitle: A\ndraft: {bad}\n---\n"));
            assert_eq!(e.line, 3, "{bad}");
            assert!(e.message.contains("`true` or `false`"), "{bad}: {}", e.message);
            assert_eq!(error(&format!("---\npublished: {bad}\n---\n")).line, 2);
        }
        assert!(meta("---\ndraft: false\npublished: true\n---\n").0.is_ok());
        assert!(meta("---\ndraft:\n---\n").0.is_ok(), "an empty value is no value");
    }

    #[test]
    fn numbers_must_be_whole_and_lists_must_be_names() {
        assert!(error("---\nweight: heavy\n---\n").message.contains("whole number"));
        for bad in ["'x'", "-1", "1.5"] {
            assert_eq!(error(&format!("---\npaginate_by: {bad}\n---\n")).line, 2, "{bad}");
        }
        assert_eq!(meta("---\npaginate_by: 5\n---\n").0.unwrap().paginate_by, Some(5));
        assert!(error("---\ntags: {a: 1}\n---\n").message.contains("list of names"));
        assert!(error("---\ntitle: [a, b]\n---\n").message.contains("text"));
        let errs = meta("---\ndraft: maybe\nweight: x\n---\n").0.unwrap_err();
        assert_eq!(errs.len(), 2, "every wrong value is reported");
    }
}
