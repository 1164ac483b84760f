//! Command-line interface (clap derive). The doc comments here are the `--help` text.

use std::path::PathBuf;

use clap::{Parser, Subcommand};
use mentorbook::archetype::Kind;

/// mentorbook: build mentoring guides and playbooks into a fast, accessible static site.
#[derive(Debug, Parser)]
#[command(name = "mentorbook", version, about, long_about = None)]
pub struct Cli {
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// A `--base-url` value: empty, or an absolute http(s) URL (a usage error otherwise).
fn base_url(value: &str) -> Result<String, String> {
    mentorbook::config::check_base_url(value).map(|()| value.to_string())
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Build the site into the output folder (default `public/`).
    Build {
        /// Site root: the folder holding mentorbook.yaml and content/.
        #[arg(long, default_value = ".", value_name = "DIR")]
        root: PathBuf,
        /// Output folder (default: `output_dir` from the config, else ROOT/public).
        #[arg(long, short, value_name = "DIR")]
        output: Option<PathBuf>,
        /// Include draft pages (`draft: true` or `published: false`).
        #[arg(long)]
        drafts: bool,
        /// Absolute URL the site is served from, for canonical links (overrides `base_url`).
        #[arg(long, value_name = "URL", value_parser = base_url)]
        base_url: Option<String>,
        /// Build for one audience only (`public`): pages meant only for other audiences are left
        /// out. `all` builds every page (the default unless the config sets `audience`).
        #[arg(long, value_name = "NAME")]
        audience: Option<String>,
    },
    /// Check the site without writing anything: build errors, broken links and anchors, links to
    /// drafts, duplicate URLs, front matter warnings, and that no draft leaks into a production
    /// build.
    Check {
        /// Site root: the folder holding mentorbook.yaml and content/.
        #[arg(long, default_value = ".", value_name = "DIR")]
        root: PathBuf,
        /// Check the build for one audience (`public`), and prove that nothing meant only for
        /// other audiences reaches it.
        #[arg(long, value_name = "NAME")]
        audience: Option<String>,
        /// Pages past their review date are errors, not warnings (for CI).
        #[arg(long)]
        stale: bool,
    },
    /// Create a new site (a config, guides for mentors and mentees, a three-step playbook).
    Init {
        /// Folder to create the site in (created if missing; must be empty unless --force).
        #[arg(default_value = ".", value_name = "DIR")]
        dir: PathBuf,
        /// Write into a non-empty folder, overwriting the starter's own files.
        #[arg(long)]
        force: bool,
        /// Instead of a site, write the built-in default theme to DIR/themes/default for editing.
        #[arg(long)]
        theme: bool,
    },
    /// Create a new page from the theme's archetype, as a draft.
    New {
        /// What to create.
        kind: Kind,
        /// Path of the new file inside the content folder (`mentors/feedback` or `.md` path).
        #[arg(value_name = "PATH")]
        path: PathBuf,
        /// Title (default: from the file name).
        #[arg(long, short, value_name = "T")]
        title: Option<String>,
        /// Site root: the folder holding mentorbook.yaml and content/.
        #[arg(long, default_value = ".", value_name = "DIR")]
        root: PathBuf,
    },
    /// Turn plain-text (`.txt`) and HTML articles into draft markdown pages with front matter.
    Import {
        /// The articles to import.
        #[arg(required = true, value_name = "FILE")]
        files: Vec<PathBuf>,
        /// Site root: the folder holding mentorbook.yaml and content/.
        #[arg(long, default_value = ".", value_name = "DIR")]
        root: PathBuf,
        /// Folder inside the content folder to write the pages to (default: the top).
        #[arg(long, value_name = "PATH")]
        section: Option<PathBuf>,
        /// Overwrite a page that already exists.
        #[arg(long)]
        force: bool,
    },
    /// Preview the site with drafts: build into a temporary folder, serve it, reload on change.
    #[cfg(feature = "serve")]
    Serve {
        /// Site root: the folder holding mentorbook.yaml and content/.
        #[arg(long, default_value = ".", value_name = "DIR")]
        root: PathBuf,
        /// Port to listen on (0 picks a free one).
        #[arg(long, short, default_value_t = 1111, value_name = "N")]
        port: u16,
        /// Address to listen on. Anything but a loopback address exposes the drafts to the network.
        #[arg(long, default_value = "127.0.0.1", value_name = "ADDR")]
        bind: std::net::IpAddr,
        /// Leave drafts out, as a production build does.
        #[arg(long)]
        no_drafts: bool,
        /// Open the site in a browser (`$BROWSER`, else the desktop's default).
        #[arg(long)]
        open: bool,
        /// Build for one audience only (`public`): pages meant only for other audiences are left
        /// out. `all` builds every page (the default unless the config sets `audience`).
        #[arg(long, value_name = "NAME")]
        audience: Option<String>,
    },
}
