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
        cli::Command::Check { root } => check(relative_root(root)),
        cli::Command::Init { dir, force, theme } => init(&dir, force, theme),
        cli::Command::New { kind, path, title, root } => new(relative_root(root), &kind, &path, title.as_deref()),
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

fn check(root: PathBuf) -> ExitCode {
    let report = site::check::check(&BuildOptions { root, ..BuildOptions::default() });
    for d in report.warnings.iter().chain(&report.errors) {
        eprintln!("{d}");
    }
    println!(
        "check: {} errors, {} warnings; {} output files rendered in memory, {} drafts proven absent; nothing written",
        report.errors.len(),
        report.warnings.len(),
        report.files,
        report.drafts
    );
    if report.errors.is_empty() { ExitCode::SUCCESS } else { ExitCode::from(1) }
}

fn init(dir: &std::path::Path, force: bool, theme: bool) -> ExitCode {
    let kind = if theme { mentorbook::init::Kind::Theme } else { mentorbook::init::Kind::Site };
    match mentorbook::init::init(dir, kind, force) {
        Ok(files) if theme => {
            println!("wrote the default theme ({} files) to {}", files.len(), dir.join("themes/default").display());
            println!("add `theme: default` to mentorbook.yaml to build with it");
            ExitCode::SUCCESS
        }
        Ok(files) => {
            println!("created a mentorbook site ({} files) in {}", files.len(), dir.display());
            println!("next: mentorbook serve --root {}", dir.display());
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("{e}");
            ExitCode::from(1)
        }
    }
}

fn new(root: PathBuf, kind: &str, path: &std::path::Path, title: Option<&str>) -> ExitCode {
    let config = match site::load_config(&BuildOptions { root, ..BuildOptions::default() }) {
        Ok(c) => c,
        Err(failure) => {
            failure.errors.iter().for_each(|e| eprintln!("{e}"));
            return ExitCode::from(1);
        }
    };
    match mentorbook::new::new_page(&config, kind, path, title) {
        Ok(file) => {
            println!("created {} (a draft: remove `draft: true` to publish it)", file.display());
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("{e}");
            ExitCode::from(1)
        }
    }
}

/// Exit code for commands whose failures are not located in a file (a busy port, a full disk).
#[cfg(feature = "serve")]
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
                "built {} pages, {} sections, {} checklists, {} drafts skipped, {} warnings in {} ms into {} ({} written, {} unchanged, {} removed)",
                summary.pages,
                summary.sections,
                summary.checklists,
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
