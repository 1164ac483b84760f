//! Turning file paths into URL segments, and URLs into links relative to the page that holds them.
//!
//! Every internal link is written relative (`../../mentees/goals/`) so that one build works under
//! any sub-path and from a file share. Slugs are the only way a path enters the output, and a
//! slug can never be `..`, contain a separator, or be empty, so no page can escape the output.

use percent_encoding::{AsciiSet, CONTROLS, percent_decode_str, utf8_percent_encode};

/// Makes a URL-safe path segment: lowercase, letters and digits of any script kept, everything
/// else collapsed to single `-`. Never empty, never `.`/`..`.
pub fn slugify(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if c.is_alphanumeric() {
            out.extend(c.to_lowercase());
        } else if (c == '_' || c == '.') && !out.is_empty() && !out.ends_with(['-', '.', '_']) {
            out.push(c);
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    let trimmed = out.trim_end_matches(['-', '.', '_']);
    if trimmed.is_empty() {
        // Names made only of punctuation (`%# +.md`) still need a stable, distinct segment.
        format!("p-{:08x}", fnv1a(text.as_bytes()) as u32)
    } else {
        trimmed.to_string()
    }
}

/// A small stable hash (FNV-1a, 64-bit): same input, same value on every machine.
pub fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |h, b| (h ^ u64::from(*b)).wrapping_mul(0x100_0000_01b3))
}

/// The relative prefix from a root-relative `url` back to the site root: `""` → `"./"`,
/// `"a/b/"` → `"../../"`, `"a/b/index.html"` → `"../../"`.
pub fn root_prefix(url: &str) -> String {
    let depth = url.matches('/').count();
    if depth == 0 { "./".to_string() } else { "../".repeat(depth) }
}

/// A root-relative page URL as written in links: `a/b/` or, for `file://` browsing, `a/b/index.html`.
pub fn link_form(url: &str, index_html: bool) -> String {
    if index_html && (url.is_empty() || url.ends_with('/')) { format!("{url}index.html") } else { url.to_string() }
}

/// Characters that may not stand in an `href` path: controls, space, `"#%<>?[\]^`{|}`.
const PATH_UNSAFE: &AsciiSet = &CONTROLS
    .add(b' ')
    .add(b'"')
    .add(b'#')
    .add(b'%')
    .add(b'<')
    .add(b'>')
    .add(b'?')
    .add(b'[')
    .add(b'\\')
    .add(b']')
    .add(b'^')
    .add(b'`')
    .add(b'{')
    .add(b'|')
    .add(b'}');

/// Percent-encodes what may not stand in an `href` path (non-ASCII as UTF-8 bytes).
pub fn encode_path(path: &str) -> String {
    utf8_percent_encode(path, PATH_UNSAFE).to_string()
}

/// Decodes `%20` and friends in a link written by an author (`field%20marketing.md`).
pub fn decode_path(path: &str) -> String {
    percent_decode_str(path).decode_utf8_lossy().into_owned()
}

/// Resolves `href` (relative, `/`-separated, may hold `..`) against folder `dir`; `None` when it
/// climbs above the root.
pub fn join(dir: &str, href: &str) -> Option<String> {
    let mut parts: Vec<&str> = dir.split('/').filter(|s| !s.is_empty()).collect();
    for seg in href.split('/') {
        match seg {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            s => parts.push(s),
        }
    }
    Some(parts.join("/"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_are_safe_and_stable() {
        assert_eq!(slugify("First Meeting"), "first-meeting");
        assert_eq!(slugify("For Mentors"), "for-mentors");
        assert_eq!(slugify("trailing-dots.."), "trailing-dots");
        assert_eq!(slugify("Führung"), "führung");
        assert_eq!(slugify("领导力"), "领导力");
        assert_eq!(slugify(".."), slugify(".."));
        assert!(slugify("..").starts_with("p-"));
        assert!(slugify("%# +").starts_with("p-"));
        assert_eq!(slugify("../../etc/passwd"), "etc-passwd");
        assert_eq!(slugify("index.zh-hans"), "index.zh-hans");
    }

    #[test]
    fn root_prefixes() {
        assert_eq!(root_prefix(""), "./");
        assert_eq!(root_prefix("a/"), "../");
        assert_eq!(root_prefix("a/b/"), "../../");
        assert_eq!(root_prefix("a/b/index.html"), "../../");
    }

    #[test]
    fn joins_relative_paths() {
        assert_eq!(join("guides", "../mentee/goals.md").as_deref(), Some("mentee/goals.md"));
        assert_eq!(join("", "./a/b.png").as_deref(), Some("a/b.png"));
        assert_eq!(join("", "../x"), None);
    }

    #[test]
    fn encodes_unsafe_characters() {
        assert_eq!(encode_path("a b#c.png"), "a%20b%23c.png");
        assert_eq!(encode_path("führung/"), "f%C3%BChrung/");
    }
}
