//! The syntax of the calls [`super::shortcodes`] expands: a call's name and arguments (Hugo's
//! `"a b"`, `` `raw` ``, `key="v"`; Zola's `name(key=value)`), and where a paired call or a
//! Liquid block tag closes. Pure functions over the page's text, kept apart from the expansion
//! that decides what each call becomes.

use std::collections::{BTreeMap, HashMap};
use std::ops::Range;

/// `name rest`.
pub(super) fn split_name(inner: &str) -> (&str, &str) {
    let inner = inner.trim();
    let end = inner.find(char::is_whitespace).unwrap_or(inner.len());
    (&inner[..end], &inner[end..])
}

/// Hugo arguments: `"a b"`, `` `raw` ``, `plain`, `key="v"`, `key=v`.
pub(super) fn parse_args(text: &str) -> (Vec<String>, BTreeMap<String, String>) {
    let (mut pos, mut named) = (Vec::new(), BTreeMap::new());
    let mut chars = text.trim().chars().peekable();
    while chars.peek().is_some() {
        while chars.peek().is_some_and(|c| c.is_whitespace()) {
            chars.next();
        }
        let mut key = String::new();
        let mut value = String::new();
        let mut quoted = false;
        while let Some(&c) = chars.peek() {
            if c.is_whitespace() {
                break;
            }
            chars.next();
            match c {
                '"' | '`' | '\'' | '\u{201c}' | '\u{201d}' => {
                    let close = if c == '\u{201c}' { '\u{201d}' } else { c };
                    quoted = true;
                    // Inside `"…"`, `\"` and `\\` stand for the character, as in Go (Hugo).
                    let mut escaped = false;
                    for d in chars.by_ref() {
                        if escaped {
                            if !matches!(d, '"' | '\\') {
                                value.push('\\');
                            }
                            value.push(d);
                            escaped = false;
                            continue;
                        }
                        if c == '"' && d == '\\' {
                            escaped = true;
                            continue;
                        }
                        if d == close || (c == '"' && d == '\u{201d}') {
                            break;
                        }
                        value.push(d);
                    }
                }
                '=' if key.is_empty() && !quoted => key = std::mem::take(&mut value),
                _ => value.push(c),
            }
        }
        if key.is_empty() {
            if !value.is_empty() || quoted {
                pos.push(value);
            }
        } else {
            named.insert(key, value);
        }
    }
    (pos, named)
}

/// Zola's `name(key=value, …)`.
pub(super) fn zola_call(inner: &str) -> Option<(&str, BTreeMap<String, String>)> {
    let open = inner.find('(')?;
    let name = inner[..open].trim();
    if name.is_empty() || !name.chars().all(|c| c.is_alphanumeric() || c == '_' || c == '-') || !inner.ends_with(')') {
        return None;
    }
    let (_, named) = parse_args(&inner[open + 1..inner.len() - 1].replace(',', " "));
    Some((name, named))
}

/// The body range and end of the Liquid (or Zola) tag `{% name %}` after `from`.
pub(super) fn find_tag(body: &str, from: usize, name: &str) -> Option<(Range<usize>, usize)> {
    let mut at = from;
    while let Some(i) = body[at..].find("{%").map(|i| i + at) {
        let close = body[i..].find("%}").map(|c| i + c + 2)?;
        if body[i + 2..close - 2].trim().trim_matches('-').trim() == name {
            return Some((from..i, close));
        }
        at = close;
    }
    None
}

/// The Hugo calls (`{{< … >}}`, `{{% … %}}`) from `from` on, as (start, end, inner text);
/// `{{ … }}` between them is stepped over whole.
pub(super) fn hugo_calls(body: &str, from: usize) -> impl Iterator<Item = (usize, usize, &str)> {
    let mut at = from;
    std::iter::from_fn(move || {
        loop {
            let i = body[at..].find("{{").map(|i| i + at)?;
            let rest = &body[i..];
            let hugo = rest.starts_with("{{<") || rest.starts_with("{{%");
            let close = if rest.starts_with("{{<") {
                ">}}"
            } else if rest.starts_with("{{%") {
                "%}}"
            } else {
                "}}"
            };
            let end = rest.find(close).map(|e| i + e + close.len())?;
            at = end;
            if hugo {
                return Some((i, end, body[i + 3..end - 3].trim()));
            }
        }
    })
}

/// Each name's last closing call (`{{< /name >}}`) in `body`, by its start.
pub(super) fn last_closers(body: &str) -> HashMap<String, usize> {
    hugo_calls(body, 0).filter_map(|(i, _, inner)| Some((inner.strip_prefix('/')?.trim().to_string(), i))).collect()
}

/// The body range and end of the call closing `name` after `from`, counting nested ones.
pub(super) fn find_close(body: &str, from: usize, name: &str) -> Option<(Range<usize>, usize)> {
    let mut depth = 0;
    for (i, end, inner) in hugo_calls(body, from) {
        if let Some(closing) = inner.strip_prefix('/') {
            if closing.trim() == name {
                if depth == 0 {
                    return Some((from..i, end));
                }
                depth -= 1;
            }
        } else if split_name(inner).0 == name && !inner.ends_with('/') {
            depth += 1;
        }
    }
    None
}
