//! `mentorbook new guide|step|checklist PATH`: a new page from the theme's archetype.
//!
//! Archetypes are markdown files in the theme's `archetypes/` folder, found like templates:
//! the site's own `archetypes/`, then the named theme's, then the embedded default theme's. They
//! hold four placeholders: `{{ title }}` (the title as a quoted YAML string, so any title is safe
//! in front matter), `{{ heading }}` (the title as plain text), `{{ date }}` (today) and
//! `{{ weight }}` (one more than the highest `weight:` beside the new file, so a new playbook
//! step goes last). A new page is always a draft, and an existing file is never overwritten.

use std::fs;
use std::io::Write as _;
use std::path::{Component, Path, PathBuf};

use crate::config::Config;
use crate::diagnostic::Diagnostic;
use crate::render::theme::embedded_files;
use crate::site::pages::humanize;

/// The kinds of page `new` makes, one archetype each.
pub const KINDS: &[&str] = &["guide", "step", "checklist"];

/// Creates `content/PATH` (`.md` added when PATH has no extension) from the `kind` archetype;
/// returns the file written.
pub fn new_page(config: &Config, kind: &str, path: &Path, title: Option<&str>) -> Result<PathBuf, Diagnostic> {
    let bad = |message: String| Diagnostic::error(path, 0, 0, message);
    if !KINDS.contains(&kind) {
        return Err(bad(format!("unknown kind `{kind}`; expected one of: {}", KINDS.join(", "))));
    }
    if path.as_os_str().is_empty() || !path.components().all(|c| matches!(c, Component::Normal(_))) {
        return Err(bad("the path must be relative to the content folder and stay inside it".into()));
    }
    let mut rel = path.to_path_buf();
    if rel.extension().is_none() {
        rel.set_extension("md");
    }
    let file = config.content_dir.join(&rel);
    if file.exists() {
        return Err(Diagnostic::error(&file, 0, 0, "already exists; `new` never overwrites a file"));
    }
    let stem = rel.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
    let title = title.map(str::to_string).unwrap_or_else(|| humanize(&stem));
    let archetype = archetype(config, kind)?;
    let parent = file.parent().unwrap_or(&config.content_dir).to_path_buf();
    let text = archetype
        .replace("{{ title }}", &serde_json::to_string(&title).unwrap_or_default())
        .replace("{{ heading }}", &title)
        .replace("{{ date }}", &today())
        .replace("{{ weight }}", &(max_weight(&parent) + 1).to_string());
    fs::create_dir_all(&parent).map_err(|e| Diagnostic::error(&parent, 0, 0, format!("cannot create folder: {e}")))?;
    // `create_new`: even a file that appeared since the check above is never overwritten.
    let cannot = |e: std::io::Error| Diagnostic::error(&file, 0, 0, format!("cannot write: {e}"));
    let mut out = fs::OpenOptions::new().write(true).create_new(true).open(&file).map_err(cannot)?;
    out.write_all(text.as_bytes()).map_err(cannot)?;
    Ok(file)
}

/// The archetype text: site, then named theme, then the embedded default theme.
fn archetype(config: &Config, kind: &str) -> Result<String, Diagnostic> {
    let name = format!("archetypes/{kind}.md");
    let mut places = vec![config.root.join(&name)];
    if let Some(theme) = &config.theme {
        places.push(config.root.join("themes").join(theme).join(&name));
    }
    for place in places {
        if place.is_file() {
            return fs::read_to_string(&place)
                .map_err(|e| Diagnostic::error(&place, 0, 0, format!("cannot read: {e}")));
        }
    }
    embedded_files()
        .into_iter()
        .find(|(p, _)| *p == name)
        .map(|(_, bytes)| String::from_utf8_lossy(bytes).into_owned())
        .ok_or_else(|| Diagnostic::error(&name, 0, 0, "archetype missing from the embedded theme"))
}

/// The highest `weight:` in the front matter of the markdown files in `dir` (0 when none).
fn max_weight(dir: &Path) -> i64 {
    let Ok(entries) = fs::read_dir(dir) else { return 0 };
    entries
        .flatten()
        .filter(|e| e.path().extension().is_some_and(|x| x == "md" || x == "markdown"))
        .filter_map(|e| fs::read_to_string(e.path()).ok())
        .filter_map(|text| {
            let front = text.strip_prefix("---")?.split("\n---").next()?.to_string();
            front.lines().find_map(|l| l.strip_prefix("weight:")?.trim().parse::<i64>().ok())
        })
        .max()
        .unwrap_or(0)
}

/// Today's date (UTC) as `YYYY-MM-DD`.
fn today() -> String {
    let secs = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_secs());
    let (y, m, d) = civil_from_days((secs / 86_400) as i64);
    format!("{y:04}-{m:02}-{d:02}")
}

/// Days since 1970-01-01 → (year, month, day), proleptic Gregorian (H. Hinnant's algorithm).
fn civil_from_days(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    (yoe + era * 400 + i64::from(m <= 2), m, d)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn civil_dates() {
        assert_eq!(civil_from_days(0), (1970, 1, 1));
        assert_eq!(civil_from_days(19_782), (2024, 2, 29));
        assert_eq!(civil_from_days(-1), (1969, 12, 31));
    }

    #[test]
    fn every_kind_has_an_embedded_archetype() {
        let config = Config::default_for(Path::new("/nonexistent-site"));
        for kind in KINDS {
            assert!(archetype(&config, kind).unwrap().contains("draft: true"), "{kind}");
        }
    }
}
