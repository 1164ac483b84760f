//! `mentorbook new guide|step|checklist PATH`: a new page from the theme's archetype.
//!
//! Archetypes are markdown files in the theme's `archetypes/` folder, found like templates:
//! the site's own `archetypes/`, then the named theme's, then the embedded default theme's. They
//! hold four placeholders: `{{ title }}` (the title as a quoted YAML string, so any title is safe
//! in front matter), `{{ heading }}` (the title as plain text), `{{ date }}` (today) and
//! `{{ weight }}` (one more than the highest `weight:` beside the new file, so a new playbook
//! step goes last). They are filled in one pass, so a title that itself reads `{{ date }}`
//! stays as written. A new page is always a draft, an existing file is never overwritten, and a
//! path that names a folder (a section) is refused rather than turned into a page beside it.

use std::fs;
use std::io::Write as _;
use std::path::{Component, Path, PathBuf};

use crate::config::Config;
use crate::content::date::Date;
use crate::diagnostic::Diagnostic;
use crate::render::theme::embedded_files;
use crate::words::humanize;

/// The kinds of page `new` makes, one archetype each.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Kind {
    /// A guide: a page with a summary, sections and a checklist.
    Guide,
    /// A playbook step, weighted to come last in its playbook.
    Step,
    /// A page that is one checklist.
    Checklist,
}

impl Kind {
    /// Every kind.
    pub const ALL: [Kind; 3] = [Kind::Guide, Kind::Step, Kind::Checklist];

    /// The archetype's name (`guide`).
    pub fn name(self) -> &'static str {
        match self {
            Kind::Guide => "guide",
            Kind::Step => "step",
            Kind::Checklist => "checklist",
        }
    }
}

/// Creates `content/PATH` (`.md` added when PATH has no extension) from the `kind` archetype;
/// returns the file written.
pub fn new_page(config: &Config, kind: Kind, path: &Path, title: Option<&str>) -> Result<PathBuf, Diagnostic> {
    let bad = |message: String| Diagnostic::error(path, 0, 0, message);
    if path.as_os_str().is_empty() || !path.components().all(|c| matches!(c, Component::Normal(_))) {
        return Err(bad("the path must be relative to the content folder and stay inside it".into()));
    }
    let named_folder = path.to_string_lossy().ends_with(['/', '\\']) || config.content_dir.join(path).is_dir();
    let mut rel = path.to_path_buf();
    if rel.extension().is_none() {
        rel.set_extension("md");
    }
    let sibling_folder = config.content_dir.join(rel.with_extension(""));
    if named_folder || sibling_folder.is_dir() {
        let folder = path.to_string_lossy().trim_end_matches(['/', '\\']).to_string();
        return Err(bad(format!(
            "`{folder}` is a folder (a section), and a page of that name beside it would become the section's text; name a page inside it, like `{folder}/new-page`"
        )));
    }
    let file = config.content_dir.join(&rel);
    if file.exists() {
        return Err(Diagnostic::error(&file, 0, 0, "already exists; `new` never overwrites a file"));
    }
    let full_stem = rel.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
    // A Jekyll-style `2024-05-01-kick-off` gives the page its date; the title is the rest.
    let (date, stem) = match Date::from_file_stem(&full_stem) {
        Some((date, rest)) => (date, rest.to_string()),
        None => (Date::today(), full_stem.clone()),
    };
    let title = title.map(str::to_string).unwrap_or_else(|| match kind {
        // The page already says "Step 4 of 4": `step-4-celebrate` is titled "Celebrate".
        Kind::Step => humanize(step_name(&stem)),
        _ => humanize(&stem),
    });
    let archetype = archetype(config, kind)?;
    let parent = file.parent().unwrap_or(&config.content_dir).to_path_buf();
    let values = [
        ("title", serde_json::to_string(&title).unwrap_or_default()),
        ("heading", title.clone()),
        ("date", date.ymd()),
        ("weight", (max_weight(&parent) + 1).to_string()),
    ];
    let text = fill(&archetype, &values);
    fs::create_dir_all(&parent).map_err(|e| Diagnostic::error(&parent, 0, 0, format!("cannot create folder: {e}")))?;
    // `create_new`: even a file that appeared since the check above is never overwritten.
    let cannot = |e: std::io::Error| Diagnostic::error(&file, 0, 0, format!("cannot write: {e}"));
    let mut out = fs::OpenOptions::new().write(true).create_new(true).open(&file).map_err(cannot)?;
    out.write_all(text.as_bytes()).map_err(cannot)?;
    Ok(file)
}

/// `text` with every `{{ name }}` of `values` replaced in one pass: what is put in is never
/// read again, so a value holding a placeholder stays as it is.
/// `step-4-celebrate` (or `04-celebrate`, `week-4-celebrate`) without its number: `celebrate`.
fn step_name(stem: &str) -> &str {
    let parts: Vec<&str> = stem.splitn(3, ['-', '_']).collect();
    let name = match parts.as_slice() {
        [word, n, rest]
            if !word.is_empty()
                && n.chars().all(|c| c.is_ascii_digit())
                && !word.chars().any(|c| c.is_ascii_digit()) =>
        {
            rest
        }
        [n, ..] if n.chars().all(|c| c.is_ascii_digit()) && stem.len() > n.len() + 1 => &stem[n.len() + 1..],
        _ => stem,
    };
    if name.is_empty() { stem } else { name }
}

fn fill(text: &str, values: &[(&str, String)]) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find("{{ ") {
        out.push_str(&rest[..at]);
        let after = &rest[at..];
        match values.iter().find(|(name, _)| after.starts_with(&format!("{{{{ {name} }}}}"))) {
            Some((name, value)) => {
                out.push_str(value);
                rest = &after[name.len() + 6..];
            }
            None => {
                out.push_str("{{ ");
                rest = &after[3..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// The archetype text: site, then named theme, then the embedded default theme.
fn archetype(config: &Config, kind: Kind) -> Result<String, Diagnostic> {
    let name = format!("archetypes/{}.md", kind.name());
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_step_is_named_without_its_number() {
        assert_eq!(step_name("step-4-celebrate"), "celebrate");
        assert_eq!(step_name("04-celebrate"), "celebrate");
        assert_eq!(step_name("week_12_wrap-up"), "wrap-up");
        assert_eq!(step_name("celebrate"), "celebrate");
        assert_eq!(step_name("step-4"), "step-4");
    }

    #[test]
    fn placeholders_are_filled_once() {
        let values = [("title", "\"It's {{ date }}\"".to_string()), ("date", "2026-01-02".to_string())];
        assert_eq!(
            fill("t: {{ title }} d: {{ date }} {{ other }}", &values),
            "t: \"It's {{ date }}\" d: 2026-01-02 {{ other }}"
        );
    }

    #[test]
    fn every_kind_has_an_embedded_archetype() {
        let config = Config::default_for(Path::new("/nonexistent-site"));
        for kind in Kind::ALL {
            assert!(archetype(&config, kind).unwrap().contains("draft: true"), "{kind:?}");
        }
    }

    #[test]
    fn a_folder_is_not_a_page_name() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("content/mentors")).unwrap();
        let config = Config::default_for(dir.path());
        for path in ["mentors/", "mentors", "mentors.md"] {
            let e = new_page(&config, Kind::Guide, Path::new(path), None).unwrap_err();
            assert!(e.message.contains("is a folder"), "{path}: {e}");
        }
        assert!(!dir.path().join("content/mentors.md").exists());
        assert!(new_page(&config, Kind::Guide, Path::new("mentors/feedback"), None).is_ok());
    }
}
