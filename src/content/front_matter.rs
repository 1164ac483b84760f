//! Reading a content file: decoding, splitting off front matter, parsing YAML or TOML.
//!
//! Content comes from Hugo, Zola, Jekyll and hand-written notes, so this stage is tolerant of
//! the harmless: BOMs (even two), UTF-16, CRLF and lone-CR line ends, `...` as the closing YAML
//! line, empty front matter, and an opening `---` that is never closed and is followed by plain
//! markdown (a thematic break, with a warning). It is strict where tolerance would publish a
//! draft: a file whose first non-blank line is a delimiter (`---`, `----`, `+++`, indented or
//! after blank lines) followed by `key: value` lines of known keys is front matter that could
//! not be read, an error at that line, never a page. YAML or TOML that fails to parse is an
//! error at the file's own line.

use std::path::Path;

use serde_json::{Map, Value};

use crate::diagnostic::{Diagnostic, line_col, line_col_bytes};
use crate::yaml;

/// Every front matter key with a meaning (aliases included); any other key is kept for
/// templates as `extra`.
pub const KNOWN: &[&str] = &[
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
    "playbook",
    "paginate_by",
    "audience",
    "owner",
    "reviewed",
    "review_every",
    "extra",
];

/// Which syntax the front matter was written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// `---` … `---` (or `...`).
    Yaml,
    /// `+++` … `+++`.
    Toml,
    /// No front matter.
    None,
}

/// A decoded file split into front matter and body.
#[derive(Debug)]
pub struct Split<'a> {
    /// Front matter syntax.
    pub format: Format,
    /// The front matter text, without delimiters.
    pub front: &'a str,
    /// 1-based line of the file where `front` starts.
    pub front_line: usize,
    /// The markdown body.
    pub body: &'a str,
    /// 1-based line of the file where `body` starts.
    pub body_line: usize,
    /// Set when a first-line `---` was never closed and was read as a thematic break.
    pub unclosed: bool,
}

/// Decodes file bytes to text: strips leading BOMs, decodes UTF-16 with a BOM, turns CRLF and
/// lone CR into LF. Invalid text is `(line, col, message)`.
pub fn decode(bytes: &[u8]) -> Result<String, (usize, usize, String)> {
    let invalid_utf8 = |e: std::string::FromUtf8Error, skipped: usize| {
        let at = e.utf8_error().valid_up_to();
        let (line, col) = line_col_bytes(&bytes[skipped..], at);
        (line, col, "not valid UTF-8 (save the file as UTF-8)".to_string())
    };
    let text = if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        String::from_utf8(rest.to_vec()).map_err(|e| invalid_utf8(e, 3))?
    } else if let Some(rest) = bytes.strip_prefix(b"\xFF\xFE") {
        utf16(rest, u16::from_le_bytes).map_err(|m| (0, 0, m))?
    } else if let Some(rest) = bytes.strip_prefix(b"\xFE\xFF") {
        utf16(rest, u16::from_be_bytes).map_err(|m| (0, 0, m))?
    } else {
        String::from_utf8(bytes.to_vec()).map_err(|e| invalid_utf8(e, 0))?
    };
    let text = match text.strip_prefix('\u{feff}') {
        Some(rest) => rest.trim_start_matches('\u{feff}').to_string(),
        None => text,
    };
    Ok(if text.contains('\r') { text.replace("\r\n", "\n").replace('\r', "\n") } else { text })
}

fn utf16(bytes: &[u8], unit: fn([u8; 2]) -> u16) -> Result<String, String> {
    if !bytes.len().is_multiple_of(2) {
        return Err("UTF-16 text with an odd number of bytes".into());
    }
    let units = bytes.chunks_exact(2).map(|c| unit([c[0], c[1]]));
    char::decode_utf16(units).collect::<Result<String, _>>().map_err(|e| format!("invalid UTF-16: {e}"))
}

/// Splits `text` into front matter and body; `Err` is a diagnostic message with its 1-based
/// line, for a file that looks like it starts with front matter that cannot be read.
pub fn split(text: &str) -> Result<Split<'_>, (usize, String)> {
    let none = Split { format: Format::None, front: "", front_line: 1, body: text, body_line: 1, unclosed: false };
    let first_end = text.find('\n').unwrap_or(text.len());
    let first = text[..first_end].trim_end();
    let (format, closers): (Format, &[&str]) = match first {
        "---" => (Format::Yaml, &["---", "..."]),
        "+++" => (Format::Toml, &["+++"]),
        _ => return misplaced_front_matter(text).map_or(Ok(none), Err),
    };
    let front_start = (first_end + 1).min(text.len());
    let mut offset = front_start;
    for (line, l) in (2..).zip(text[front_start..].split_inclusive('\n')) {
        if closers.contains(&l.trim_end()) {
            let body_start = offset + l.len();
            return Ok(Split {
                format,
                front: &text[front_start..offset],
                front_line: 2,
                body: &text[body_start..],
                body_line: line + 1,
                unclosed: false,
            });
        }
        offset += l.len();
    }
    if known_keys_follow(&text[front_start..]) {
        let closer = closers[0];
        return Err((1, format!("front matter opened here is never closed; add a line `{closer}` after it")));
    }
    Ok(Split { unclosed: true, ..none })
}

/// When the first non-blank line is a delimiter-like line (`---`, `----`, `+++`, possibly
/// indented) that does not open front matter, followed by `key: value` lines of known keys:
/// where it is and what is wrong.
fn misplaced_front_matter(text: &str) -> Option<(usize, String)> {
    let (index, line) = text.lines().enumerate().find(|(_, l)| !l.trim().is_empty())?;
    let trimmed = line.trim();
    let dashes = trimmed.len() >= 3 && trimmed.chars().all(|c| c == '-');
    let pluses = trimmed.len() >= 3 && trimmed.chars().all(|c| c == '+');
    if !(dashes || pluses) {
        return None;
    }
    let after: String = text.lines().skip(index + 1).collect::<Vec<_>>().join("\n");
    if !known_keys_follow(&after) {
        return None;
    }
    let want = if dashes { "---" } else { "+++" };
    let why = if index > 0 {
        "front matter must start on the very first line".to_string()
    } else if line != trimmed {
        format!("front matter must start with `{want}` at the start of the line")
    } else {
        format!("front matter must start with exactly `{want}`, not `{trimmed}`")
    };
    Some((index + 1, format!("{why}; this block was not read, so it is neither front matter nor page text")))
}

/// True when the lines of `text` up to the first blank line or delimiter look like `key: value`
/// (or `key = value`) settings and at least one of their keys is a known front matter key.
fn known_keys_follow(text: &str) -> bool {
    for line in text.lines() {
        let trimmed = line.trim();
        if trimmed.is_empty() || trimmed.chars().all(|c| c == '-' || c == '+' || c == '.') {
            break;
        }
        if line.starts_with([' ', '\t']) || trimmed.starts_with('#') {
            continue;
        }
        let Some(key) = setting_key(trimmed) else { return false };
        if KNOWN.contains(&key) {
            return true;
        }
    }
    false
}

/// The key of a `key: value` or `key = value` line, if it is one.
fn setting_key(line: &str) -> Option<&str> {
    let end = line.find([':', '='])?;
    let key = line[..end].trim().trim_matches(['"', '\'']);
    let plain = !key.is_empty() && key.chars().all(|c| c.is_alphanumeric() || matches!(c, '_' | '-'));
    let after = &line[end + 1..];
    (plain && (after.is_empty() || after.starts_with([' ', '\t']) || line.as_bytes()[end] == b'=')).then_some(key)
}

/// Parsed front matter: its keys as JSON values, plus the text to locate keys in.
#[derive(Debug, Default)]
pub struct FrontMatter {
    /// Keys and values; null values are dropped.
    pub map: Map<String, Value>,
    /// The front matter text.
    pub text: String,
    /// 1-based line of the file where the text starts.
    pub first_line: usize,
}

impl FrontMatter {
    /// The file line (1-based) where `key` is set, or the first front matter line.
    pub fn line_of(&self, key: &str) -> usize {
        yaml::key_line(&self.text, key).map_or(self.first_line, |l| l + self.first_line - 1)
    }
}

/// Parses the front matter of `split`; `path` and `file_text` are for messages.
pub fn parse(path: &Path, file_text: &str, split: &Split<'_>) -> Result<FrontMatter, Diagnostic> {
    let value = match split.format {
        Format::None => Value::Null,
        Format::Yaml if split.front.trim().is_empty() => Value::Null,
        Format::Yaml => {
            let yaml: serde_yaml::Value = serde_yaml::from_str(split.front)
                .map_err(|e| yaml::error(path, file_text, &e, split.front_line - 1))?;
            yaml::to_json(yaml)
        }
        Format::Toml => {
            let table: toml::Table = toml::from_str(split.front).map_err(|e| {
                let (line, col) = e.span().map_or((1, 1), |s| line_col(split.front, s.start));
                let message = e.message().to_string();
                Diagnostic::error(path, line + split.front_line - 1, col, format!("invalid TOML: {message}"))
                    .with_snippet_from(file_text)
            })?;
            toml_to_json(toml::Value::Table(table))
        }
    };
    let map = match value {
        Value::Null => Map::new(),
        Value::Object(map) => map.into_iter().filter(|(_, v)| !v.is_null()).collect(),
        other => {
            let kind = match other {
                Value::Array(_) => "a list",
                _ => "a single value",
            };
            return Err(Diagnostic::error(
                path,
                split.front_line,
                1,
                format!("front matter must be `key: value` pairs, found {kind}"),
            )
            .with_snippet_from(file_text));
        }
    };
    Ok(FrontMatter { map, text: split.front.to_string(), first_line: split.front_line })
}

fn toml_to_json(value: toml::Value) -> Value {
    use toml::Value as T;
    match value {
        T::String(s) => Value::String(s),
        T::Integer(i) => Value::from(i),
        T::Float(f) => serde_json::Number::from_f64(f).map_or(Value::Null, Value::Number),
        T::Boolean(b) => Value::Bool(b),
        T::Datetime(d) => Value::String(d.to_string()),
        T::Array(a) => Value::Array(a.into_iter().map(toml_to_json).collect()),
        T::Table(t) => Value::Object(t.into_iter().map(|(k, v)| (k, toml_to_json(v))).collect()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_yaml_with_dots_closer() {
        let s = split("---\ntitle: A\n...\nbody\n").unwrap();
        assert_eq!((s.format, s.front, s.body, s.body_line), (Format::Yaml, "title: A\n", "body\n", 4));
    }

    #[test]
    fn unclosed_dashes_are_a_thematic_break() {
        let s = split("---\n- [a](b)\n").unwrap();
        assert!(s.unclosed);
        assert_eq!(s.format, Format::None);
        assert_eq!(s.body, "---\n- [a](b)\n");
    }

    #[test]
    fn trailing_space_after_dashes_is_fine() {
        let s = split("--- \ntitle: A\n---  \nx").unwrap();
        assert_eq!((s.format, s.body), (Format::Yaml, "x"));
    }

    #[test]
    fn decodes_bom_utf16_and_crlf() {
        assert_eq!(decode(b"\xEF\xBB\xBFa\r\nb").unwrap(), "a\nb");
        let utf16: Vec<u8> =
            [0xFF, 0xFE].into_iter().chain("hé\r\n".encode_utf16().flat_map(u16::to_le_bytes)).collect();
        assert_eq!(decode(&utf16).unwrap(), "hé\n");
        assert_eq!(decode(b"ok\nx\xC3\x28").unwrap_err().0, 2);
        assert_eq!(decode(b"ab\ncd\xff").unwrap_err().1, 3);
        assert_eq!(decode(b"\xEF\xBB\xBF\xEF\xBB\xBF---\nx").unwrap(), "---\nx", "two BOMs");
        assert_eq!(decode(b"a\rb\r\nc").unwrap(), "a\nb\nc", "lone CR");
    }

    #[test]
    fn front_matter_that_cannot_be_read_is_an_error_at_its_line() {
        for (text, line) in [
            ("\n---\ndraft: true\n---\nbody", 2),
            (" ---\ntitle: A\ndraft: true\n---\n", 1),
            ("----\ndraft: true\n----\n", 1),
            ("---\ntitle: A\ndraft: true\n", 1),
            ("+++\ndraft = true\n", 1),
            ("\n\n+++\ntitle = \"A\"\n+++\n", 3),
        ] {
            let (at, message) = split(text).unwrap_err();
            assert_eq!(at, line, "{text:?}: {message}");
        }
    }

    #[test]
    fn delimiters_without_known_keys_are_markdown() {
        for text in ["----\n\nText", "\n---\n- [a](b)\n", "---\nLinks: see below\nmore text", "***\ntitle: x\n"] {
            let s = split(text).unwrap();
            assert_eq!(s.format, Format::None, "{text:?}");
        }
    }

    #[test]
    fn yaml_error_line_counts_from_file_start() {
        let text = "---\ntitle: A\ntags: [a\n---\n";
        let s = split(text).unwrap();
        let err = parse(Path::new("x.md"), text, &s).unwrap_err();
        assert_eq!(err.line, 3, "{err}");
        let text = "---\nbad yaml: [\n---\nReal content\n";
        let err = parse(Path::new("x.md"), text, &split(text).unwrap()).unwrap_err();
        assert_eq!((err.line, err.col), (2, 11), "{err}");
        let text = "---\ntitle: A\ndate: [1\nx: 2\n---\n";
        let err = parse(Path::new("x.md"), text, &split(text).unwrap()).unwrap_err();
        assert!(err.line >= 3 && err.line <= 4, "{err}");
    }

    #[test]
    fn toml_front_matter_and_datetimes() {
        let text = "+++\ntitle = 2019\ndate = 2020-01-02T03:04:05Z\n[extra]\nx = 1\n+++\nbody";
        let s = split(text).unwrap();
        let fm = parse(Path::new("x.md"), text, &s).unwrap();
        assert_eq!(fm.map["title"], Value::from(2019));
        assert_eq!(fm.map["date"], Value::from("2020-01-02T03:04:05Z"));
        assert_eq!(fm.line_of("date"), 3);
    }
}
