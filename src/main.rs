//! The `mentorbook` binary: parse arguments, run one command, map the outcome to the exit code
//! (0 ok, 1 content or build error, 2 usage error — clap exits with 2 by itself). Each command
//! is a thin module of [`commands`]; everything they print goes through `mentorbook::report`.

mod cli;
mod commands;

use std::path::PathBuf;

#[cfg(feature = "serve")]
use mentorbook::serve::ServeOptions;
use mentorbook::site::BuildOptions;
use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let cli = cli::Cli::parse();
    match cli.command {
        cli::Command::Build { root, output, drafts, base_url, audience } => {
            commands::build::run(BuildOptions { root: relative_root(root), output, drafts, base_url, audience })
        }
        cli::Command::Check { root, audience, stale } => {
            commands::check::run(BuildOptions { root: relative_root(root), audience, ..BuildOptions::default() }, stale)
        }
        cli::Command::Import { files, root, section, force } => {
            commands::import::run(relative_root(root), &files, &section.unwrap_or_default(), force)
        }
        cli::Command::Init { dir, force, theme } => commands::init::run(&dir, force, theme),
        cli::Command::New { kind, path, title, root } => {
            commands::new::run(relative_root(root), kind, &path, title.as_deref())
        }
        #[cfg(feature = "serve")]
        cli::Command::Serve { root, port, bind, no_drafts, open, audience } => commands::serve::run(ServeOptions {
            root: relative_root(root),
            port,
            bind,
            drafts: !no_drafts,
            open,
            audience,
        }),
    }
}

/// `--root .` should print `content/a.md`, not `./content/a.md`.
fn relative_root(root: PathBuf) -> PathBuf {
    if root == std::path::Path::new(".") { PathBuf::new() } else { root }
}
