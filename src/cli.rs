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
}
