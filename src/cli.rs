//! Command-line interface (clap derive). The doc comments here are the `--help` text.

use std::path::PathBuf;

use clap::{Parser, Subcommand};

/// mentorbook: build mentoring guides and playbooks into a fast, accessible static site.
#[derive(Debug, Parser)]
#[command(name = "mentorbook", version, about, long_about = None)]
pub struct Cli {
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
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
        #[arg(long, value_name = "URL")]
        base_url: Option<String>,
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
    },
}
