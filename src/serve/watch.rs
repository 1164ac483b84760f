//! Watching the site for changes and rebuilding on its own thread.
//!
//! Editors save in bursts (a temp file, a rename, a backup), so events are debounced for a few
//! milliseconds and then filtered: hidden files, editor temp and backup files and the build's
//! own output never trigger a rebuild. The root itself is watched without recursion, for the
//! config file and for `templates/`, `themes/` or `static/` folders created while serving; a
//! config edit that moves the content folder moves the watch with it. Every change also sets a
//! flag that background work (the refresh of deferred outputs) checks, so it yields to a save.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::Ordering;
use std::sync::mpsc;
use std::time::Duration;

use anyhow::Context as _;
use notify::{Event, EventKind, RecursiveMode, Watcher, event::ModifyKind};

use super::session::{Session, Watched};
use super::{Shared, report_errors, report_success};
use crate::content::walk::is_editor_temp;
use crate::diagnostic::Diagnostic;
use crate::report;

/// How long the files must be quiet before a rebuild starts.
const DEBOUNCE: Duration = Duration::from_millis(10);

/// Quiet time after a partial rebuild before the deferred outputs (taxonomies, feeds, print
/// pages, the search index) are brought up to date: long enough that a burst of saves is not
/// slowed by them.
const IDLE: Duration = Duration::from_millis(300);

/// Starts watching the session's site and rebuilding it on a thread of its own.
pub(crate) fn start(mut session: Session, shared: Arc<Shared>) -> anyhow::Result<()> {
    let root = Path::new(".").join(session_root(&session)).canonicalize();
    let root = root.with_context(|| format!("cannot resolve {}", session_root(&session).display()))?;
    let (tx, rx) = mpsc::channel::<notify::Result<Event>>();
    let flag = shared.clone();
    let mut watcher = notify::recommended_watcher(move |event: notify::Result<Event>| {
        if event.as_ref().is_ok_and(|e| is_change(e.kind)) {
            // Background work yields to the change this event announces.
            flag.pending.store(true, Ordering::SeqCst);
        }
        let _ = tx.send(event);
    })
    .context("cannot start watching files")?;
    watcher.watch(&root, RecursiveMode::NonRecursive).context("cannot watch the site root")?;
    let mut watched = session.watched();
    let mut watching: Vec<PathBuf> = Vec::new();
    rewatch(&mut watcher, &root, &watched, &mut watching);
    std::thread::spawn(move || {
        loop {
            let first = if session.deferred() {
                match rx.recv_timeout(IDLE) {
                    Ok(event) => event,
                    Err(mpsc::RecvTimeoutError::Timeout) => {
                        refresh(&shared, &mut session);
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
            shared.pending.store(false, Ordering::SeqCst);
            let mut changed = Vec::new();
            collect(&root, &watched, first, &mut changed);
            // Debounce: gather the rest of the burst until the files are quiet.
            while let Ok(more) = rx.recv_timeout(DEBOUNCE) {
                collect(&root, &watched, more, &mut changed);
            }
            shared.pending.store(false, Ordering::SeqCst);
            changed.sort();
            changed.dedup();
            if changed.is_empty() {
                continue;
            }
            // A bug in rendering must not end live reload: report it and start afresh next time.
            let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| session.apply(&changed)));
            if result.is_err() {
                session.forget();
            }
            // A config edit may move the content folder; a new `templates/` may appear. Watch
            // the new places before the browsers hear of the reload, so an edit made after it
            // is never missed.
            let now = session.watched();
            if now != watched || changed.iter().any(|c| watched.dirs.contains(c)) {
                watched = now;
                rewatch(&mut watcher, &root, &watched, &mut watching);
            }
            match result {
                Ok(Ok(Some(outcome))) => report_success(&shared, &outcome),
                Ok(Ok(None)) => {}
                Ok(Err(errors)) => report_errors(&shared, errors),
                Err(panic) => report_errors(&shared, vec![internal_error(&changed, panic.as_ref())]),
            }
        }
    });
    Ok(())
}

fn session_root(session: &Session) -> PathBuf {
    let root = session.root();
    if root.as_os_str().is_empty() { PathBuf::from(".") } else { root.to_path_buf() }
}

/// Watches every folder of `watched` that exists (recursively), and no longer the others.
fn rewatch(watcher: &mut impl Watcher, root: &Path, watched: &Watched, watching: &mut Vec<PathBuf>) {
    let wanted: Vec<PathBuf> = watched.dirs.iter().map(|d| root.join(d)).filter(|d| d.is_dir()).collect();
    for old in watching.iter().filter(|d| !wanted.contains(d)) {
        let _ = watcher.unwatch(old);
    }
    for dir in wanted.iter().filter(|d| !watching.contains(d)) {
        if let Err(e) = watcher.watch(dir, RecursiveMode::Recursive) {
            report::err(&format!("warning: cannot watch {}: {e}", dir.display()));
        }
    }
    *watching = wanted;
}

/// Brings the deferred outputs up to date. The pages already reloaded; this only brings the
/// other outputs up to date, so it sends no reload.
fn refresh(shared: &Shared, session: &mut Session) {
    match std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| session.refresh())) {
        Ok(Some(Ok(outcome))) => report::out(&outcome.describe()),
        Ok(Some(Err(errors))) => report_errors(shared, errors),
        Ok(None) => {}
        Err(panic) => {
            session.forget();
            report_errors(shared, vec![internal_error(&[], panic.as_ref())]);
        }
    }
}

/// True for events that change a file (not reads, not metadata: a rebuild reads every file
/// and must not trigger itself).
fn is_change(kind: EventKind) -> bool {
    !matches!(kind, EventKind::Access(_) | EventKind::Modify(ModifyKind::Metadata(_)))
}

/// Adds the relevant paths of `event` to `changed`.
fn collect(root: &Path, watched: &Watched, event: notify::Result<Event>, changed: &mut Vec<PathBuf>) {
    let Ok(event) = event else { return };
    if !is_change(event.kind) {
        return;
    }
    changed.extend(event.paths.iter().filter_map(|p| relevant(root, watched, p)));
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
fn relevant(root: &Path, watched: &Watched, path: &Path) -> Option<PathBuf> {
    let rel = path.strip_prefix(root).ok()?.to_path_buf();
    let ignored = rel.components().any(|c| {
        let name = c.as_os_str().to_string_lossy();
        name.starts_with('.') || is_editor_temp(&name)
    });
    if rel.starts_with(&watched.output) || ignored {
        return None;
    }
    (rel == watched.config || watched.dirs.iter().any(|d| rel.starts_with(d))).then_some(rel)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn watched() -> Watched {
        Watched {
            dirs: vec!["content".into(), "templates".into(), "themes".into(), "static".into()],
            config: "mentorbook.yaml".into(),
            output: "public".into(),
        }
    }

    #[test]
    fn content_templates_and_config_matter() {
        let w = watched();
        assert_eq!(relevant(Path::new("/site"), &w, Path::new("/site/content/a.md")), Some("content/a.md".into()));
        assert_eq!(
            relevant(Path::new("/site"), &w, Path::new("/site/templates/page.html")),
            Some("templates/page.html".into())
        );
        assert_eq!(
            relevant(Path::new("/site"), &w, Path::new("/site/mentorbook.yaml")),
            Some("mentorbook.yaml".into())
        );
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
            assert_eq!(relevant(Path::new("/site"), &w, Path::new(p)), None, "{p}");
        }
    }
}
