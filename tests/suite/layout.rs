//! The source tree keeps the shape GUIDE §6–7 promises: data flows one way (no module imports a
//! module that imports it back, file by file, test modules aside), every file stays under 500
//! lines, and every module says why it exists in a `//!` paragraph.
//!
//! Imports are read the way `../shared/tools/import_cycles.py` reads them: `use crate::…`,
//! `use super::…`, `use self::…` and inline `crate::x`/`super::x` paths, with comments, strings
//! and everything from a file's `#[cfg(test)]` on left out, each path mapped to the file that
//! defines it (through `pub use` re-exports of a module's own children). A parent `mod.rs` and
//! its own children are not counted as a cycle.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::fs;
use std::path::{Path, PathBuf};

type ModPath = Vec<String>;

fn src() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src")
}

fn files() -> Vec<PathBuf> {
    let mut out: Vec<PathBuf> = walkdir::WalkDir::new(src())
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.path().extension().is_some_and(|x| x == "rs"))
        .map(|e| e.into_path())
        .collect();
    out.sort();
    out
}

fn mod_path(file: &Path) -> ModPath {
    let rel = file.strip_prefix(src()).unwrap().with_extension("");
    let mut parts: ModPath = rel.components().map(|c| c.as_os_str().to_string_lossy().into_owned()).collect();
    if matches!(parts.last().map(String::as_str), Some("mod" | "lib" | "main")) {
        parts.pop();
    }
    parts
}

/// The code of a file without comments, string and char literals, and test modules.
fn code(text: &str) -> String {
    let text = text.split("#[cfg(test)]").next().unwrap_or("");
    let mut out = String::with_capacity(text.len());
    let b = text.as_bytes();
    let mut i = 0;
    while i < b.len() {
        if text[i..].starts_with("//") {
            i = text[i..].find('\n').map_or(b.len(), |n| i + n);
        } else if text[i..].starts_with("/*") {
            i = text[i..].find("*/").map_or(b.len(), |n| i + n + 2);
        } else if text[i..].starts_with("r#\"") || text[i..].starts_with("r\"") {
            let hashes = text[i + 1..].bytes().take_while(|&c| c == b'#').count();
            let close = format!("\"{}", "#".repeat(hashes));
            let start = i + 2 + hashes;
            i = text[start..].find(&close).map_or(b.len(), |n| start + n + close.len());
            out.push_str("\"\"");
        } else if b[i] == b'"' {
            let mut j = i + 1;
            while j < b.len() && b[j] != b'"' {
                j += if b[j] == b'\\' { 2 } else { 1 };
            }
            i = j + 1;
            out.push_str("\"\"");
        } else if b[i] == b'\''
            && i + 2 < b.len()
            && (b[i + 2] == b'\'' || (b[i + 1] == b'\\' && i + 3 < b.len() && b[i + 3] == b'\''))
        {
            i += if b[i + 1] == b'\\' { 4 } else { 3 };
            out.push_str("' '");
        } else {
            let ch = text[i..].chars().next().unwrap();
            out.push(ch);
            i += ch.len_utf8();
        }
    }
    out
}

/// `a::{b, c::{d as e}}` → `[[a, b], [a, c, d]]` (`self` and `*` dropped).
fn split_use(body: &str) -> Vec<ModPath> {
    let body = body.trim();
    if let Some(open) = body.find('{').filter(|_| body.ends_with('}')) {
        let head: ModPath =
            body[..open].trim_end_matches("::").split("::").filter(|s| !s.is_empty()).map(String::from).collect();
        let inner = &body[open + 1..body.len() - 1];
        let (mut parts, mut depth, mut cur) = (Vec::new(), 0, String::new());
        for ch in inner.chars() {
            match ch {
                '{' => depth += 1,
                '}' => depth -= 1,
                ',' if depth == 0 => {
                    parts.push(std::mem::take(&mut cur));
                    continue;
                }
                _ => {}
            }
            cur.push(ch);
        }
        parts.push(cur);
        return parts
            .iter()
            .filter(|p| !p.trim().is_empty())
            .flat_map(|p| split_use(p).into_iter().map(|rest| head.iter().cloned().chain(rest).collect()))
            .collect();
    }
    let segs: ModPath = body
        .split("::")
        .map(|s| s.split(" as ").next().unwrap_or("").trim().to_string())
        .filter(|s| !s.is_empty() && s != "self" && s != "*")
        .collect();
    vec![segs]
}

fn base_of(file: &Path, root: &str) -> ModPath {
    let here = mod_path(file);
    match root {
        "crate" => Vec::new(),
        "self" => here,
        _ => here[..here.len().saturating_sub(1)].to_vec(),
    }
}

/// Every `use` statement's body (after its root), for `pub` ones only when `public`.
fn uses(code: &str, public: bool) -> Vec<(&str, &str)> {
    let mut out = Vec::new();
    for (at, _) in code.match_indices("use ") {
        let before = code[..at].trim_end();
        let is_pub = before.ends_with("pub") || before.ends_with(')');
        if at > 0 && code[..at].chars().last().is_some_and(|c| c.is_alphanumeric() || c == '_') {
            continue;
        }
        if public && !is_pub {
            continue;
        }
        let Some(end) = code[at..].find(';') else { continue };
        let stmt = code[at + 4..at + end].trim();
        match stmt.split_once("::") {
            Some((root @ ("crate" | "super" | "self"), rest)) => out.push((root, rest)),
            _ if public => out.push(("", stmt)),
            _ => {}
        }
    }
    out
}

#[test]
fn no_module_imports_a_module_that_imports_it_back() {
    let files = files();
    let by_mod: HashMap<ModPath, PathBuf> = files.iter().map(|f| (mod_path(f), f.clone())).collect();
    let codes: HashMap<PathBuf, String> =
        files.iter().map(|f| (f.clone(), code(&fs::read_to_string(f).unwrap()))).collect();
    let mut reexport: HashMap<(ModPath, String), ModPath> = HashMap::new();
    for f in &files {
        for (root, body) in uses(&codes[f], true) {
            let base = if root.is_empty() { mod_path(f) } else { base_of(f, root) };
            for segs in split_use(body) {
                if let Some((name, path)) = segs.split_last() {
                    reexport.insert(
                        (mod_path(f), name.clone()),
                        base.iter().cloned().chain(path.iter().cloned()).collect(),
                    );
                }
            }
        }
    }
    fn resolve(
        parts: &[String],
        by_mod: &HashMap<ModPath, PathBuf>,
        reexport: &HashMap<(ModPath, String), ModPath>,
        depth: usize,
    ) -> Option<PathBuf> {
        for n in (1..=parts.len()).rev() {
            let key = parts[..n].to_vec();
            if let Some(file) = by_mod.get(&key) {
                if n < parts.len()
                    && depth < 8
                    && let Some(target) = reexport.get(&(key.clone(), parts[n].clone()))
                {
                    let full: ModPath = target.iter().cloned().chain(std::iter::once(parts[n].clone())).collect();
                    if let Some(r) = resolve(&full, by_mod, reexport, depth + 1) {
                        return Some(r);
                    }
                }
                return Some(file.clone());
            }
        }
        None
    }
    let mut edges: BTreeMap<PathBuf, BTreeSet<PathBuf>> = files.iter().map(|f| (f.clone(), BTreeSet::new())).collect();
    for f in &files {
        let code = &codes[f];
        let mut paths: Vec<ModPath> = Vec::new();
        for (root, body) in uses(code, false) {
            let base = base_of(f, root);
            paths.extend(split_use(body).into_iter().map(|s| base.iter().cloned().chain(s).collect()));
        }
        for root in ["crate::", "super::"] {
            for (at, _) in code.match_indices(root) {
                if code[..at].chars().last().is_some_and(|c| c.is_alphanumeric() || c == '_' || c == ':') {
                    continue;
                }
                let rest: String = code[at + root.len()..]
                    .chars()
                    .take_while(|c| c.is_alphanumeric() || *c == '_' || *c == ':')
                    .collect();
                let segs: ModPath = rest.split("::").filter(|s| !s.is_empty()).map(String::from).collect();
                paths.push(base_of(f, root.trim_end_matches("::")).into_iter().chain(segs).collect());
            }
        }
        for p in paths {
            if let Some(target) = resolve(&p, &by_mod, &reexport, 0).filter(|t| t != f) {
                edges.get_mut(f).unwrap().insert(target);
            }
        }
    }
    // A module and its own children form no cycle.
    let is_parent = |a: &Path, b: &Path| {
        let (ma, mb) = (mod_path(a), mod_path(b));
        mb.len() == ma.len() + 1 && mb.starts_with(&ma) || ma.len() == mb.len() + 1 && ma.starts_with(&mb)
    };
    for (a, targets) in edges.iter_mut() {
        targets.retain(|b| !is_parent(a, b));
    }
    let mut cycles = Vec::new();
    for start in edges.keys() {
        let mut seen = BTreeSet::new();
        let mut stack: Vec<(PathBuf, Vec<PathBuf>)> =
            edges[start].iter().map(|n| (n.clone(), vec![n.clone()])).collect();
        while let Some((n, trail)) = stack.pop() {
            if &n == start {
                let names: Vec<String> = std::iter::once(start)
                    .chain(&trail)
                    .map(|p| p.strip_prefix(src()).unwrap().display().to_string())
                    .collect();
                cycles.push(names.join(" -> "));
                break;
            }
            if seen.insert(n.clone()) {
                stack.extend(edges[&n].iter().map(|m| (m.clone(), trail.iter().cloned().chain([m.clone()]).collect())));
            }
        }
    }
    assert!(cycles.is_empty(), "import cycles:\n{}", cycles.join("\n"));
}

#[test]
fn every_file_is_short_and_says_why_it_exists() {
    let mut problems = Vec::new();
    for f in files() {
        let text = fs::read_to_string(&f).unwrap();
        let rel = f.strip_prefix(src()).unwrap().display().to_string();
        let lines = text.lines().count();
        if lines > 500 {
            problems.push(format!("{rel}: {lines} lines (split it before 500)"));
        }
        if !text.trim_start().starts_with("//!") {
            problems.push(format!("{rel}: no `//!` paragraph saying why the module exists"));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn the_reader_of_imports_sees_what_it_should() {
    assert_eq!(split_use("a::{b, c::{d as e}}"), vec![vec!["a", "b"], vec!["a", "c", "d"]]);
    let code = code("use crate::x::Y; // use crate::z;\nlet s = \"crate::w\";\n#[cfg(test)]\nuse crate::t;");
    assert_eq!(uses(&code, false), [("crate", "x::Y")]);
}
