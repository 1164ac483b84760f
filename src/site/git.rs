//! "Last updated" dates from git history, for pages that set no `updated` front matter.
//!
//! One `git log` over the whole content folder gives every file's newest commit date: the log is
//! newest first, so the first time a path appears is its last change. Spawning git once per page
//! would cost more than rendering the page, so this is one process for the whole site, started
//! before markdown rendering and read after it, running on the side. A site outside a git
//! repository, or a machine without git, simply gets no dates.

use std::collections::HashMap;
use std::process::{Child, Command, Stdio};

use crate::config::Config;
use crate::content::Library;
use crate::content::date::Date;

/// A running `git log` over the content folder.
pub struct GitDates {
    child: Option<Child>,
}

/// Separates commits in the log output; cannot occur in a date or a path git prints.
const COMMIT_MARK: char = '\u{1e}';

impl GitDates {
    /// Starts `git log` in the content folder; never fails (no git, no repository: no dates).
    pub fn spawn(config: &Config) -> GitDates {
        let child = Command::new("git")
            .arg("-C")
            .arg(&config.content_dir)
            .args(["-c", "core.quotepath=off", "log", "--relative", "--name-only", "--no-renames"])
            .arg(format!("--format={COMMIT_MARK}%cI"))
            .args(["--", "."])
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .ok();
        GitDates { child }
    }

    /// Waits for git and gives each page without `updated` its file's last commit date.
    pub fn apply(self, library: &mut Library) {
        let Some(child) = self.child else { return };
        let Ok(out) = child.wait_with_output() else { return };
        if !out.status.success() {
            return;
        }
        let log = String::from_utf8_lossy(&out.stdout);
        let dates = parse_log(&log);
        for page in &mut library.pages {
            if page.meta.updated.is_none() {
                page.meta.updated = dates.get(page.rel.as_str()).copied();
            }
        }
    }
}

/// Content-relative path → date of the newest commit that touched it.
fn parse_log(log: &str) -> HashMap<&str, Date> {
    let mut dates = HashMap::new();
    for commit in log.split(COMMIT_MARK).filter(|c| !c.trim().is_empty()) {
        let mut lines = commit.lines();
        let Some(date) = lines.next().and_then(Date::parse) else { continue };
        for path in lines.map(str::trim).filter(|l| !l.is_empty()) {
            dates.entry(path).or_insert(date);
        }
    }
    dates
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn newest_commit_wins() {
        let log =
            "\u{1e}2024-06-02T10:00:00+02:00\n\nguides/a.md\n\u{1e}2024-01-01T09:00:00+00:00\n\nguides/a.md\nb.md\n";
        let dates = parse_log(log);
        assert_eq!(dates["guides/a.md"].ymd(), "2024-06-02");
        assert_eq!(dates["b.md"].ymd(), "2024-01-01");
        assert_eq!(dates.len(), 2);
    }
}
