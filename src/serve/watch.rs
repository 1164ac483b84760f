//! Watching the site for changes and rebuilding on its own thread.
//!
//! Editors save in bursts (a temp file, a rename, a backup), so events are debounced for a few
//! milliseconds and then filtered: hidden files, editor temp and backup files and the build's
//! own output never trigger a rebuild. The root itself is watched without recursion, for the
//! config file and for `templates/`, `themes/` or `static/` folders created while serving.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::mpsc;
use std::time::Duration;

use anyhow::Context as _;
use notify::{Event, EventKind, RecursiveMode, Watcher, event::ModifyKind};

use super::rebuild::{Site, Watched};
use super::{Shared, report_errors, report_success};
use crate::diagnostic::Diagnostic;

/// How long the files must be quiet before a rebuild starts.
const DEBOUNCE: Duration = Duration::from_millis(10);

/// Quiet time after a partial rebuild before the reader outputs (taxonomies, feeds, print
/// pages) are refreshed: long enough that a burst of saves is not slowed by them.
const IDLE: Duration = Duration::from_millis(300);

/// Starts watching `watched` and rebuilding `site` on a thread of its own.
pub(crate) fn start(watched: &Watched, shared: Arc<Shared>, mut site: Site) -> anyhow::Result<()> {
    let root = Path::new(".").join(&watched.root).canonicalize();
    let root = root.with_context(|| format!("cannot resolve {}", watched.root.display()))?;
    let (tx, rx) = mpsc::channel::<notify::Result<Event>>();
    let mut watcher = notify::recommended_watcher(tx).context("cannot start watching files")?;
    watcher.watch(&root, RecursiveMode::NonRecursive).context("cannot watch the site root")?;
    for dir in &watched.dirs {
        let dir = root.join(dir);
        if dir.is_dir() {
            watcher.watch(&dir, RecursiveMode::Recursive).with_context(|| format!("cannot watch {}", dir.display()))?;
        }
    }
    let watched = Watched { root, ..watched.clone() };
    std::thread::spawn(move || {
        loop {
            let first = if site.extras_stale() {
                match rx.recv_timeout(IDLE) {
                    Ok(event) => event,
                    Err(mpsc::RecvTimeoutError::Timeout) => {
                        refresh_extras(&shared, &mut site);
                        continue;
                    }
                    Err(mpsc::RecvTimeoutError::Disconnected) => break,
                }
            } else {
                match rx.recv() {
                    Ok(event) => event,
                    Err(_) => break,
                }
            };
            let mut changed = Vec::new();
            collect(&watched, first, &mut changed);
            // Debounce: gather the rest of the burst until the files are quiet.
            while let Ok(more) = rx.recv_timeout(DEBOUNCE) {
                collect(&watched, more, &mut changed);
            }
            changed.sort();
            changed.dedup();
            if changed.is_empty() {
                continue;
            }
            for rel in &changed {
                let dir = watched.root.join(rel);
                if watched.dirs.iter().any(|d| d == rel) && dir.is_dir() {
                    let _ = watcher.watch(&dir, RecursiveMode::Recursive);
                }
            }
            // A bug in rendering must not end live reload: report it and start afresh next time.
            let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| site.apply(&changed)));
            match result {
                Ok(Ok(Some(outcome))) => report_success(&shared, &outcome),
                Ok(Ok(None)) => {}
                Ok(Err(errors)) => report_errors(&shared, errors),
                Err(panic) => {
                    site.forget();
                    report_errors(&shared, vec![internal_error(&changed, panic.as_ref())]);
                }
            }
        }
    });
    Ok(())
}

/// Adds the relevant paths of `event` to `changed`; reads and metadata changes are not changes
/// (a rebuild reads every file, and must not trigger itself).
/// Refreshes the reader outputs after a partial rebuild. The pages already reloaded; this only
/// brings the other outputs up to date, so it sends no reload.
fn refresh_extras(shared: &Shared, site: &mut Site) {
    match std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| site.refresh_extras())) {
        Ok(Ok(outcome)) => println!("{}", outcome.describe()),
        Ok(Err(errors)) => report_errors(shared, errors),
        Err(panic) => {
            site.forget();
            report_errors(shared, vec![internal_error(&[], panic.as_ref())]);
        }
    }
}

fn collect(watched: &Watched, event: notify::Result<Event>, changed: &mut Vec<PathBuf>) {
    let Ok(event) = event else { return };
    if matches!(event.kind, EventKind::Access(_) | EventKind::Modify(ModifyKind::Metadata(_))) {
        return;
    }
    changed.extend(event.paths.iter().filter_map(|p| relevant(watched, p)));
}

/// A diagnostic for a panic during a rebuild, pointing at the first changed file.
fn internal_error(changed: &[PathBuf], panic: &(dyn std::any::Any + Send)) -> Diagnostic {
    let what = panic
        .downcast_ref::<String>()
        .map(String::as_str)
        .or_else(|| panic.downcast_ref::<&str>().copied())
        .unwrap_or("unknown panic");
    let message = format!("internal error while rebuilding (please report it): {what}");
    Diagnostic::error(changed.first().cloned().unwrap_or_default(), 0, 0, message)
}

/// `path` relative to the root when a change there matters.
fn relevant(watched: &Watched, path: &Path) -> Option<PathBuf> {
    let rel = path.strip_prefix(&watched.root).ok()?.to_path_buf();
    if rel.starts_with(&watched.output) || rel.components().any(|c| is_ignored(&c.as_os_str().to_string_lossy())) {
        return None;
    }
    (rel == watched.config || watched.dirs.iter().any(|d| rel.starts_with(d))).then_some(rel)
}

/// Hidden files and the temp and backup files of common editors (vim, emacs, JetBrains, …).
fn is_ignored(name: &str) -> bool {
    name.starts_with('.')
        || name.starts_with('#')
        || name.ends_with('~')
        || name == "4913"
        || [".swp", ".swx", ".swo", ".tmp", ".bak", "___jb_tmp___", "___jb_old___"].iter().any(|s| name.ends_with(s))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn watched() -> Watched {
        Watched {
            root: "/site".into(),
            dirs: vec!["content".into(), "templates".into(), "themes".into(), "static".into()],
            config: "mentorbook.yaml".into(),
            output: "public".into(),
        }
    }

    #[test]
    fn content_templates_and_config_matter() {
        let w = watched();
        assert_eq!(relevant(&w, Path::new("/site/content/a.md")), Some("content/a.md".into()));
        assert_eq!(relevant(&w, Path::new("/site/templates/page.html")), Some("templates/page.html".into()));
        assert_eq!(relevant(&w, Path::new("/site/mentorbook.yaml")), Some("mentorbook.yaml".into()));
    }

    #[test]
    fn temp_files_output_and_strangers_do_not() {
        let w = watched();
        for p in [
            "/site/content/.a.md.swp",
            "/site/content/a.md~",
            "/site/content/#a.md#",
            "/site/content/4913",
            "/site/content/.git/x",
            "/site/public/index.html",
            "/site/README.md",
            "/elsewhere/content/a.md",
        ] {
            assert_eq!(relevant(&w, Path::new(p)), None, "{p}");
        }
    }
}
