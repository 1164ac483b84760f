//! The reader's light/dark choice in the generated highlighting stylesheet.
//!
//! The highlighter writes `syntax.css` with one block of rules per colour scheme, each under a
//! `prefers-color-scheme` media query, so on its own it follows only the system. The header's
//! toggle records the reader's choice as `data-theme="light|dark"` on `<html>` (head.js), and a
//! media query cannot be overridden by an attribute. So each scheme's rules are written twice:
//! once for the choice (`:where(:root[data-theme="dark"]) .hl-…`) and once under the media query
//! for a reader who chose nothing (`:where(:root:not([data-theme="light"])) .hl-…`). `:where()`
//! adds no specificity, so the rules weigh what the highlighter made them weigh. Everything
//! else in the stylesheet passes through unchanged.

/// `css` with every rule under `@media (prefers-color-scheme: dark)` or
/// `@media not (prefers-color-scheme: dark)` (or `… light`) made to follow `data-theme` too.
pub fn follow_choice(css: &str) -> String {
    let mut out = String::with_capacity(css.len() * 2);
    let mut rest = css;
    while let Some(at) = rest.find("@media") {
        out.push_str(&rest[..at]);
        let Some(open) = rest[at..].find('{').map(|o| at + o) else { break };
        let query = rest[at + "@media".len()..open].trim();
        let Some(close) = matching_brace(rest, open) else { break };
        let inner = &rest[open + 1..close];
        match (scheme_of(query), rules(inner)) {
            (Some(scheme), Some(rules)) => {
                let other = if scheme == "dark" { "light" } else { "dark" };
                out.push_str(&format!("/* The {scheme} scheme, chosen with the toggle. */\n"));
                for (selector, body) in &rules {
                    out.push_str(&format!(
                        "{} {{{body}}}\n",
                        scoped(selector, &format!(":root[data-theme=\"{scheme}\"]"))
                    ));
                }
                out.push_str(&format!("/* The {scheme} scheme of the system, unless the reader chose {other}. */\n"));
                out.push_str(&format!("@media {query} {{\n"));
                for (selector, body) in &rules {
                    let scope = format!(":root:not([data-theme=\"{other}\"])");
                    out.push_str(&format!("{} {{{body}}}\n", scoped(selector, &scope)));
                }
                out.push_str("}\n");
            }
            _ => out.push_str(&rest[at..=close]),
        }
        rest = &rest[close + 1..];
    }
    out.push_str(rest);
    out
}

/// `dark` or `light` for a media query that asks only for that scheme, else `None`.
fn scheme_of(query: &str) -> Option<&'static str> {
    let query: String = query.split_whitespace().collect::<Vec<_>>().join(" ");
    match query.as_str() {
        "(prefers-color-scheme: dark)" | "not (prefers-color-scheme: light)" => Some("dark"),
        "(prefers-color-scheme: light)" | "not (prefers-color-scheme: dark)" => Some("light"),
        _ => None,
    }
}

/// The index of the `}` that closes the `{` at `open`, skipping comments.
fn matching_brace(css: &str, open: usize) -> Option<usize> {
    let bytes = css.as_bytes();
    let mut depth = 0usize;
    let mut i = open;
    while i < bytes.len() {
        match bytes[i] {
            b'/' if bytes.get(i + 1) == Some(&b'*') => {
                i += css[i + 2..].find("*/").map_or(bytes.len(), |e| e + 4);
                continue;
            }
            b'{' => depth += 1,
            b'}' => {
                depth -= 1;
                if depth == 0 {
                    return Some(i);
                }
            }
            _ => {}
        }
        i += 1;
    }
    None
}

/// The `(selector, declarations)` of a block of plain rules (comments dropped), or `None` when
/// it holds anything else (a nested block), which is then left as it is.
fn rules(block: &str) -> Option<Vec<(&str, &str)>> {
    let mut found = Vec::new();
    let mut rest = block;
    loop {
        rest = rest.trim_start();
        if let Some(after) = rest.strip_prefix("/*") {
            rest = &after[after.find("*/")? + 2..];
            continue;
        }
        if rest.is_empty() {
            return Some(found);
        }
        let open = rest.find('{')?;
        let close = rest.find('}')?;
        if close < open || rest[open + 1..close].contains('{') {
            return None;
        }
        found.push((rest[..open].trim(), &rest[open + 1..close]));
        rest = &rest[close + 1..];
    }
}

/// Each selector of the list `selector`, under `:where(scope)`.
fn scoped(selector: &str, scope: &str) -> String {
    selector.split(',').map(|s| format!(":where({scope}) {}", s.trim())).collect::<Vec<_>>().join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_scheme_follows_the_choice_and_else_the_system() {
        let css = "/* head */\n@media not (prefers-color-scheme: dark) {\n/* theme */\n.hl-a .hl-b, .hl-c {\n color: #111;\n}\n}\n@media (prefers-color-scheme: dark) {\n.hl-a {\n color: #eee;\n}\n}\n";
        let out = follow_choice(css);
        assert!(out.starts_with("/* head */\n"), "{out}");
        assert!(
            out.contains(":where(:root[data-theme=\"light\"]) .hl-a .hl-b, :where(:root[data-theme=\"light\"]) .hl-c {\n color: #111;\n}"),
            "{out}"
        );
        assert!(out.contains(":where(:root[data-theme=\"dark\"]) .hl-a {\n color: #eee;\n}"), "{out}");
        assert!(
            out.contains("@media (prefers-color-scheme: dark) {\n:where(:root:not([data-theme=\"light\"])) .hl-a {"),
            "{out}"
        );
        assert!(out.contains(
            "@media not (prefers-color-scheme: dark) {\n:where(:root:not([data-theme=\"dark\"])) .hl-a .hl-b"
        ));
        assert_eq!(out.matches('{').count(), out.matches('}').count());
    }

    #[test]
    fn other_media_and_nested_blocks_pass_through() {
        let css = "@media print {\n.a { color: red; }\n}\n@media (prefers-color-scheme: dark) {\n@supports (x: y) { .b { color: blue; } }\n}\n.c { color: green; }\n";
        assert_eq!(follow_choice(css), css);
        assert_eq!(follow_choice(""), "");
    }

    #[test]
    fn the_highlighting_stylesheet_follows_the_choice() {
        let css = crate::markdown::highlight::stylesheet("InspiredGitHub", "base16-ocean.dark").expect("stylesheet");
        let out = follow_choice(&css);
        let rules_in = |scope: &str| out.matches(&format!(":where({scope}) ")).count();
        let dark = rules_in(":root[data-theme=\"dark\"]");
        assert!(dark > 10, "{out}");
        assert_eq!(dark, rules_in(":root:not([data-theme=\"light\"])"));
        let light = rules_in(":root[data-theme=\"light\"]");
        assert!(light > 10);
        assert_eq!(light, rules_in(":root:not([data-theme=\"dark\"])"));
    }
}
