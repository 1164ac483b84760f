//! YAML values and where they stand in their file: shared by the config file and front matter.
//!
//! Both `mentorbook.yaml` and a page's front matter are YAML read into loose JSON values, and
//! both report problems at the line of the key that holds them. Keeping these helpers in a leaf
//! module lets `config` and `content` use them without importing each other.

use std::path::Path;

use serde_json::Value;

use crate::diagnostic::Diagnostic;

/// Converts YAML to JSON values: non-string keys become strings, tags are dropped.
pub fn to_json(value: serde_yaml::Value) -> Value {
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
        Y::Sequence(seq) => Value::Array(seq.into_iter().map(to_json).collect()),
        Y::Mapping(map) => Value::Object(
            map.into_iter()
                .map(|(k, v)| {
                    let key = match to_json(k) {
                        Value::String(s) => s,
                        other => other.to_string(),
                    };
                    (key, to_json(v))
                })
                .collect(),
        ),
        Y::Tagged(tagged) => to_json(tagged.value),
    }
}

/// The 1-based line where a top-level `key:` (YAML) or `key =` (TOML) starts, if found.
pub fn key_line(text: &str, key: &str) -> Option<usize> {
    text.lines()
        .position(|l| {
            let l = l.trim_start_matches('\u{feff}');
            let bare = l.strip_prefix(key).is_some_and(|rest| rest.trim_start().starts_with([':', '=']));
            let quoted = ['"', '\'']
                .iter()
                .any(|q| l.strip_prefix(*q).and_then(|r| r.strip_prefix(key)).is_some_and(|r| r.starts_with(*q)));
            bare || quoted
        })
        .map(|i| i + 1)
}

/// A serde_yaml error as a diagnostic, shifting its line by `line_offset` (lines before the YAML).
/// An error found only at the end of the YAML (an unclosed `[`) points at its last line.
pub fn error(path: &Path, file_text: &str, e: &serde_yaml::Error, line_offset: usize) -> Diagnostic {
    let (mut line, mut col) = e.location().map_or((line_offset + 1, 1), |l| (l.line() + line_offset, l.column()));
    let yaml_lines: Vec<&str> = file_text.lines().skip(line_offset).collect();
    let yaml_end = line_offset + yaml_lines.iter().take_while(|l| !matches!(l.trim_end(), "---" | "...")).count();
    if line > yaml_end && yaml_end > line_offset {
        let last = (line_offset + 1..=yaml_end)
            .rev()
            .find(|&l| file_text.lines().nth(l - 1).is_some_and(|t| !t.trim().is_empty()));
        if let Some(last) = last {
            line = last;
            col = file_text.lines().nth(last - 1).map_or(1, |t| t.trim_end().chars().count());
        }
    }
    let message = e.to_string();
    // serde_yaml appends " at line L column C"; our prefix already says where.
    let message = message.split(" at line ").next().unwrap_or(&message).to_string();
    Diagnostic::error(path, line, col, format!("invalid YAML: {message}")).with_snippet_from(file_text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_are_found_bare_and_quoted() {
        assert_eq!(key_line("a: 1\ntitle: x\n", "title"), Some(2));
        assert_eq!(key_line("\"title\": x\n", "title"), Some(1));
        assert_eq!(key_line("title = \"x\"\n", "title"), Some(1));
        assert_eq!(key_line("subtitle: x\n", "title"), None);
    }

    #[test]
    fn yaml_becomes_json() {
        let v: serde_yaml::Value = serde_yaml::from_str("a: 1\n2: [x, true]\n").unwrap();
        assert_eq!(to_json(v), serde_json::json!({"a": 1, "2": ["x", true]}));
    }
}
