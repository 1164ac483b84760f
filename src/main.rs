//! The `mentorbook` binary: parse arguments, call the library, print diagnostics, pick the exit
//! code (0 ok, 1 content or build error, 2 usage error — clap exits with 2 by itself).

mod cli;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::Parser;
use mentorbook::site::{self, BuildOptions};

fn main() -> ExitCode {
    let cli = cli::Cli::parse();
    match cli.command {
        cli::Command::Build { root, output, drafts, base_url } => build(root, output, drafts, base_url),
        #[cfg(feature = "serve")]
        cli::Command::Serve { root, port, bind, no_drafts, open } => {
            let opts =
                mentorbook::serve::ServeOptions { root: relative_root(root), port, bind, drafts: !no_drafts, open };
            finish(mentorbook::serve::run(&opts))
        }
    }
}

/// `--root .` should print `content/a.md`, not `./content/a.md`.
fn relative_root(root: PathBuf) -> PathBuf {
    if root == std::path::Path::new(".") { PathBuf::new() } else { root }
}

/// Exit code for commands whose failures are not located in a file (a busy port, a full disk).
fn finish(result: anyhow::Result<()>) -> ExitCode {
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e:#}");
            ExitCode::from(1)
        }
    }
}

fn build(root: PathBuf, output: Option<PathBuf>, drafts: bool, base_url: Option<String>) -> ExitCode {
    let root = relative_root(root);
    let opts = BuildOptions { root, output, drafts, base_url };
    match site::build(&opts) {
        Ok(summary) => {
            for w in &summary.warnings {
                eprintln!("{w}");
            }
            let w = &summary.written;
            println!(
                "built {} pages, {} sections, {} drafts skipped, {} warnings in {} ms into {} ({} written, {} unchanged, {} removed)",
                summary.pages,
                summary.sections,
                summary.drafts_skipped,
                summary.warnings.len(),
                summary.elapsed.as_millis(),
                site::shown(&summary.output).display(),
                w.written,
                w.unchanged,
                w.removed,
            );
            ExitCode::SUCCESS
        }
        Err(failure) => {
            for w in &failure.warnings {
                eprintln!("{w}");
            }
            for e in &failure.errors {
                eprintln!("{e}");
            }
            eprintln!("build failed: {} errors; the output folder was not changed", failure.errors.len());
            ExitCode::from(1)
        }
    }
}
