//! "Last updated" dates from git history, for pages that set no `updated` front matter, and the
//! commits `/whats-new/` lists.
//!
//! One `git log` over the whole content folder gives every commit (date, subject, files) and so
//! every file's newest commit date: the log is newest first, so the first time a path appears is
//! its last change. Spawning git once per page
//! would cost more than rendering the page, so this is one process for the whole site, started
//! before markdown rendering and read after it, running on the side. A site outside a git
//! repository, or a machine without git, gets no dates, and a [`History`] that says why; so does
//! a shallow clone, whose history is cut off.

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
            .arg(format!("--format={COMMIT_MARK}%cI %s"))
            .args(["--", "."])
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .ok();
        GitDates { child }
    }

    /// Waits for git, gives each page without `updated` its file's last commit date, and
    /// returns the history.
    pub fn apply(self, config: &Config, library: &mut Library) -> History {
        let Some(child) = self.child else { return History::Unavailable(Gap::NoGit) };
        let Ok(out) = child.wait_with_output() else { return History::Unavailable(Gap::NoGit) };
        if !out.status.success() {
            return History::Unavailable(Gap::NoRepository);
        }
        let log = String::from_utf8_lossy(&out.stdout);
        let commits = parse_log(&log);
        let mut dates: HashMap<&str, Date> = HashMap::new();
        for c in &commits {
            for f in &c.files {
                dates.entry(f.as_str()).or_insert(c.date);
            }
        }
        for page in &mut library.pages {
            if page.meta.updated.is_none() {
                page.meta.updated = dates.get(page.rel.as_str()).copied();
            }
        }
        if is_shallow(config) {
            return History::Unavailable(Gap::Shallow);
        }
        History::Commits(commits)
    }
}

/// Why there is no trustworthy history.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Gap {
    /// git is not installed.
    NoGit,
    /// The content folder is not in a git repository.
    NoRepository,
    /// The clone is shallow (CI checkouts often are): its history is cut off.
    Shallow,
}

impl Gap {
    /// The reason, as the page and the warning say it.
    pub fn why(self) -> &'static str {
        match self {
            Gap::NoGit => "git is not installed here",
            Gap::NoRepository => "the content folder is not in a git repository",
            Gap::Shallow => {
                "the repository is a shallow clone, whose history is cut off (fetch the full history, e.g. `fetch-depth: 0`)"
            }
        }
    }
}

/// The content folder's commits, newest first, or why they cannot be known.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum History {
    /// Every commit that touched the content folder.
    Commits(Vec<Commit>),
    /// No trustworthy history, and why.
    Unavailable(Gap),
}

/// One commit, as `git log` over the content folder tells it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Commit {
    /// Committer date.
    pub date: Date,
    /// Subject line.
    pub subject: String,
    /// Content-relative paths it touched.
    pub files: Vec<String>,
}

/// True when the content folder's repository is a shallow clone.
fn is_shallow(config: &Config) -> bool {
    Command::new("git")
        .arg("-C")
        .arg(&config.content_dir)
        .args(["rev-parse", "--is-shallow-repository"])
        .stdin(Stdio::null())
        .stderr(Stdio::null())
        .output()
        .is_ok_and(|o| String::from_utf8_lossy(&o.stdout).trim() == "true")
}

/// The commits of a log written with `COMMIT_MARK%cI %s` and `--name-only`.
fn parse_log(log: &str) -> Vec<Commit> {
    let mut commits = Vec::new();
    for commit in log.split(COMMIT_MARK).filter(|c| !c.trim().is_empty()) {
        let mut lines = commit.lines();
        let Some(head) = lines.next() else { continue };
        let (date, subject) = head.split_once(' ').unwrap_or((head, ""));
        let Some(date) = Date::parse(date) else { continue };
        let files = lines.map(str::trim).filter(|l| !l.is_empty()).map(String::from).collect();
        commits.push(Commit { date, subject: subject.trim().to_string(), files });
    }
    commits
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn newest_commit_wins() {
        let log = "\u{1e}2024-06-02T10:00:00+02:00 Reword the first meeting\n\nguides/a.md\n\u{1e}2024-01-01T09:00:00+00:00 Start\n\nguides/a.md\nb.md\n";
        let commits = parse_log(log);
        assert_eq!(commits.len(), 2);
        assert_eq!(commits[0].date.ymd(), "2024-06-02");
        assert_eq!(commits[0].subject, "Reword the first meeting");
        assert_eq!(commits[0].files, ["guides/a.md"]);
        assert_eq!(commits[1].files, ["guides/a.md", "b.md"]);
    }
}
