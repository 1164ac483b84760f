//! `mentorbook import FILE…`: plain-text and HTML articles turned into markdown pages with
//! front matter, for authors to take further by hand.
//!
//! A `.txt` file without front matter is read by the same plain-text rules the build applies to
//! `.txt` content ([`crate::content::plain`]), so the imported page builds to the page the
//! original would have made; one with front matter is already an authored page (the build reads
//! it as markdown), so it is kept as it is. An `.html` file is read as an article ([`html`]).
//! Every imported page is a draft; an existing file is never overwritten without `force`.

mod html;

use std::fs;
use std::path::{Component, Path, PathBuf};

use serde::Serialize;

use crate::config::Config;
use crate::content::front_matter::{self, Format};
use crate::content::{plain, url};
use crate::diagnostic::Diagnostic;

/// Front matter of an imported page.
#[derive(Serialize)]
struct Front<'a> {
    title: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    description: Option<&'a str>,
    draft: bool,
}

/// What kind of article a file is, by its extension.
enum Kind {
    Text,
    Html,
}

/// Imports `file` into `content/<section>/<slug>.md`; returns the path written. `written` holds
/// the pages this run has written already: `force` never lets one file of a run overwrite
/// another's.
pub fn import(
    config: &Config,
    file: &Path,
    section: &Path,
    force: bool,
    written: &mut std::collections::HashSet<PathBuf>,
) -> Result<PathBuf, Diagnostic> {
    let ext = file.extension().map(|e| e.to_string_lossy().to_ascii_lowercase()).unwrap_or_default();
    let kind = match ext.as_str() {
        "txt" | "text" => Kind::Text,
        "html" | "htm" | "xhtml" => Kind::Html,
        "md" | "markdown" => {
            return Err(Diagnostic::error(
                file,
                0,
                0,
                "is already markdown: copy it into the content folder instead (import reads .txt and .html articles)",
            ));
        }
        _ => return Err(Diagnostic::error(file, 0, 0, "import reads .txt and .html articles")),
    };
    if !section.components().all(|c| matches!(c, Component::Normal(_))) {
        return Err(Diagnostic::error(section, 0, 0, "--section must be a folder inside the content folder"));
    }
    let bytes = fs::read(file).map_err(|e| Diagnostic::error(file, 0, 0, format!("cannot read: {e}")))?;
    let text = front_matter::decode(&bytes).map_err(|(l, c, m)| Diagnostic::error(file, l, c, m))?;
    let stem = file.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
    let (title, page) = match kind {
        Kind::Text => match authored(file, &text)? {
            Some(authored) => authored,
            None => {
                let a = plain::read(&text);
                let title = a.title.unwrap_or_else(|| crate::words::humanize(&stem));
                let page = with_front(file, &title, a.subtitle.as_deref(), &a.markdown)?;
                (title, page)
            }
        },
        Kind::Html => {
            let a = html::read(&text);
            let title = a.title.unwrap_or_else(|| crate::words::humanize(&stem));
            let page = with_front(file, &title, a.description.as_deref(), &a.markdown)?;
            (title, page)
        }
    };
    let mut slug = url::slugify(&title);
    if slug.starts_with("p-") && !title.to_ascii_lowercase().starts_with("p-") {
        slug = url::slugify(&stem);
    }
    let target = config.content_dir.join(section).join(format!("{slug}.md"));
    if written.contains(&target) {
        let message =
            "was written from another file of this import (same title); import this one with another --section";
        return Err(Diagnostic::error(&target, 0, 0, message));
    }
    if target.exists() && !force {
        return Err(Diagnostic::error(&target, 0, 0, "already exists; pass --force to overwrite it"));
    }
    // A `.txt` inside the content folder is a page already: a `.md` of the same name beside it
    // would claim its URL.
    let same_page = target.with_extension("txt");
    if same_page.is_file()
        && fs::canonicalize(&same_page).ok().zip(fs::canonicalize(file).ok()).is_some_and(|(a, b)| a == b)
    {
        let message = "is already a page in the content folder; the imported .md would take its URL (move the .txt out of content/, or import with another --section)";
        return Err(Diagnostic::error(file, 0, 0, message));
    }
    let parent = target.parent().unwrap_or(&config.content_dir);
    fs::create_dir_all(parent).map_err(|e| Diagnostic::error(parent, 0, 0, format!("cannot create folder: {e}")))?;
    fs::write(&target, page).map_err(|e| Diagnostic::error(&target, 0, 0, format!("cannot write: {e}")))?;
    written.insert(target.clone());
    Ok(target)
}

/// The page for a body with front matter written for it.
fn with_front(file: &Path, title: &str, description: Option<&str>, body: &str) -> Result<String, Diagnostic> {
    let front = Front { title, description, draft: true };
    let yaml = serde_yaml::to_string(&front).map_err(|e| Diagnostic::error(file, 0, 0, e.to_string()))?;
    Ok(format!("---\n{yaml}---\n{body}"))
}

/// A text file that begins with front matter is an authored markdown page: it is kept as it is,
/// made a draft (unless its front matter already says), and titled by its `title`, else its
/// first `# ` heading, else its file name. Errors in the front matter name the file and line.
fn authored(file: &Path, text: &str) -> Result<Option<(String, String)>, Diagnostic> {
    let split = front_matter::split(text).map_err(|(line, m)| Diagnostic::error(file, line, 1, m))?;
    if split.format == Format::None || split.unclosed {
        return Ok(None);
    }
    let parsed = front_matter::parse(file, text, &split)?;
    let (meta, _) = crate::content::meta::read(file, text, parsed);
    let meta = meta.map_err(|mut e| e.remove(0))?;
    let heading = split.body.lines().find_map(|l| l.strip_prefix("# ")).map(|h| h.trim().to_string());
    let stem = file.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
    let title = meta.title.clone().or(heading).unwrap_or_else(|| crate::words::humanize(&stem));
    let has_draft = split.front.lines().any(|l| {
        let l = l.trim_start_matches('\u{feff}');
        l.starts_with("draft:") || l.starts_with("draft =") || l.starts_with("draft=")
    });
    if has_draft {
        return Ok(Some((title, text.to_string())));
    }
    // Insert the draft flag as the front matter's last key, keeping the rest byte for byte.
    let line = match split.format {
        Format::Toml => "draft = true\n",
        _ => "draft: true\n",
    };
    let front_end = text.lines().take(split.body_line - 2).map(|l| l.len() + 1).sum::<usize>();
    let front_end = front_end.min(text.len());
    let mut page = String::with_capacity(text.len() + line.len());
    page.push_str(&text[..front_end]);
    if !page.ends_with('\n') {
        page.push('\n');
    }
    page.push_str(line);
    page.push_str(&text[front_end..]);
    Ok(Some((title, page)))
}

#[cfg(test)]
mod tests;
