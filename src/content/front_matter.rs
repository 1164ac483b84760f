//! Reading a content file: decoding, splitting off front matter, parsing YAML or TOML.
//!
//! Content comes from Hugo, Zola, Jekyll and hand-written notes, so this stage is deliberately
//! tolerant: BOMs, UTF-16, CRLF, `...` as the closing YAML line, empty front matter and an
//! opening `---` that is never closed (a thematic break) are all accepted. What it is not
//! tolerant of is YAML or TOML that fails to parse: that is an error at the file's own line.

use std::path::Path;

use serde_json::{Map, Value};

use crate::config::yaml_diagnostic;
use crate::diagnostic::{Diagnostic, line_col};

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

/// Decodes file bytes to text: strips a UTF-8 BOM, decodes UTF-16 with a BOM, turns CRLF into LF.
/// Invalid UTF-8 is an error message (without location).
pub fn decode(bytes: &[u8]) -> Result<String, String> {
    let text = if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        String::from_utf8(rest.to_vec())
            .map_err(|e| format!("not valid UTF-8 (byte {})", e.utf8_error().valid_up_to() + 3))?
    } else if let Some(rest) = bytes.strip_prefix(b"\xFF\xFE") {
        utf16(rest, u16::from_le_bytes)?
    } else if let Some(rest) = bytes.strip_prefix(b"\xFE\xFF") {
        utf16(rest, u16::from_be_bytes)?
    } else {
        String::from_utf8(bytes.to_vec())
            .map_err(|e| format!("not valid UTF-8 (byte {})", e.utf8_error().valid_up_to()))?
    };
    Ok(if text.contains('\r') { text.replace("\r\n", "\n") } else { text })
}

fn utf16(bytes: &[u8], unit: fn([u8; 2]) -> u16) -> Result<String, String> {
    if !bytes.len().is_multiple_of(2) {
        return Err("UTF-16 text with an odd number of bytes".into());
    }
    let units = bytes.chunks_exact(2).map(|c| unit([c[0], c[1]]));
    char::decode_utf16(units).collect::<Result<String, _>>().map_err(|e| format!("invalid UTF-16: {e}"))
}

/// Splits `text` into front matter and body.
pub fn split(text: &str) -> Split<'_> {
    let none = Split { format: Format::None, front: "", front_line: 1, body: text, body_line: 1, unclosed: false };
    let first_end = text.find('\n').unwrap_or(text.len());
    let first = text[..first_end].trim_end();
    let (format, closers): (Format, &[&str]) = match first {
        "---" => (Format::Yaml, &["---", "..."]),
        "+++" => (Format::Toml, &["+++"]),
        _ => return none,
    };
    let front_start = (first_end + 1).min(text.len());
    let mut offset = front_start;
    for (line, l) in (2..).zip(text[front_start..].split_inclusive('\n')) {
        if closers.contains(&l.trim_end()) {
            let body_start = offset + l.len();
            return Split {
                format,
                front: &text[front_start..offset],
                front_line: 2,
                body: &text[body_start..],
                body_line: line + 1,
                unclosed: false,
            };
        }
        offset += l.len();
    }
    Split { unclosed: true, ..none }
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
        crate::config::key_line(&self.text, key).map_or(self.first_line, |l| l + self.first_line - 1)
    }
}

/// Parses the front matter of `split`; `path` and `file_text` are for messages.
pub fn parse(path: &Path, file_text: &str, split: &Split<'_>) -> Result<FrontMatter, Diagnostic> {
    let value = match split.format {
        Format::None => Value::Null,
        Format::Yaml if split.front.trim().is_empty() => Value::Null,
        Format::Yaml => {
            let yaml: serde_yaml::Value = serde_yaml::from_str(split.front)
                .map_err(|e| yaml_diagnostic(path, file_text, &e, split.front_line - 1))?;
            yaml_to_json(yaml)
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

/// Converts YAML to JSON values: non-string keys become strings, tags are dropped.
pub fn yaml_to_json(value: serde_yaml::Value) -> Value {
    use serde_yaml::Value as Y;
    match value {
        Y::Null => Value::Null,
        Y::Bool(b) => Value::Bool(b),
        Y::Number(n) => {
            if let Some(i) = n.as_i64() {
                Value::from(i)
            } else if let Some(u) = n.as_u64() {
                Value::from(u)
            } else {
                n.as_f64().and_then(serde_json::Number::from_f64).map_or(Value::Null, Value::Number)
            }
        }
        Y::String(s) => Value::String(s),
        Y::Sequence(seq) => Value::Array(seq.into_iter().map(yaml_to_json).collect()),
        Y::Mapping(map) => Value::Object(
            map.into_iter()
                .map(|(k, v)| {
                    let key = match yaml_to_json(k) {
                        Value::String(s) => s,
                        other => other.to_string(),
                    };
                    (key, yaml_to_json(v))
                })
                .collect(),
        ),
        Y::Tagged(tagged) => yaml_to_json(tagged.value),
    }
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
        let s = split("---\ntitle: A\n...\nbody\n");
        assert_eq!((s.format, s.front, s.body, s.body_line), (Format::Yaml, "title: A\n", "body\n", 4));
    }

    #[test]
    fn unclosed_dashes_are_a_thematic_break() {
        let s = split("---\n- [a](b)\n");
        assert!(s.unclosed);
        assert_eq!(s.format, Format::None);
        assert_eq!(s.body, "---\n- [a](b)\n");
    }

    #[test]
    fn trailing_space_after_dashes_is_fine() {
        let s = split("--- \ntitle: A\n---  \nx");
        assert_eq!((s.format, s.body), (Format::Yaml, "x"));
    }

    #[test]
    fn decodes_bom_utf16_and_crlf() {
        assert_eq!(decode(b"\xEF\xBB\xBFa\r\nb").unwrap(), "a\nb");
        let utf16: Vec<u8> =
            [0xFF, 0xFE].into_iter().chain("hé\r\n".encode_utf16().flat_map(u16::to_le_bytes)).collect();
        assert_eq!(decode(&utf16).unwrap(), "hé\n");
        assert!(decode(b"\xC3\x28").is_err());
    }

    #[test]
    fn yaml_error_line_counts_from_file_start() {
        let text = "---\ntitle: A\ntags: [a\n---\n";
        let s = split(text);
        let err = parse(Path::new("x.md"), text, &s).unwrap_err();
        assert_eq!(err.line, 3, "{err}");
        let text = "---\nbad yaml: [\n---\nReal content\n";
        let err = parse(Path::new("x.md"), text, &split(text)).unwrap_err();
        assert_eq!((err.line, err.col), (2, 11), "{err}");
        let text = "---\ntitle: A\ndate: [1\nx: 2\n---\n";
        let err = parse(Path::new("x.md"), text, &split(text)).unwrap_err();
        assert!(err.line >= 3 && err.line <= 4, "{err}");
    }

    #[test]
    fn toml_front_matter_and_datetimes() {
        let text = "+++\ntitle = 2019\ndate = 2020-01-02T03:04:05Z\n[extra]\nx = 1\n+++\nbody";
        let s = split(text);
        let fm = parse(Path::new("x.md"), text, &s).unwrap();
        assert_eq!(fm.map["title"], Value::from(2019));
        assert_eq!(fm.map["date"], Value::from("2020-01-02T03:04:05Z"));
        assert_eq!(fm.line_of("date"), 3);
    }
}
