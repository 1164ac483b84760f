//! `mentorbook init`.

use std::path::Path;
use std::process::ExitCode;

use mentorbook::report;
use mentorbook::scaffold::{self, Kind};

/// Writes the starter site, or the default theme with `--theme`.
pub fn run(dir: &Path, force: bool, theme: bool) -> ExitCode {
    let kind = if theme { Kind::Theme } else { Kind::Site };
    match scaffold::init(dir, kind, force) {
        Ok(files) if theme => {
            report::out(&format!(
                "wrote the default theme ({} files) to {}",
                files.len(),
                dir.join("themes/default").display()
            ));
            report::out("add `theme: default` to mentorbook.yaml to build with it");
            ExitCode::SUCCESS
        }
        Ok(files) => {
            report::out(&format!("created a mentorbook site ({} files) in {}", files.len(), dir.display()));
            report::out(&format!("next: mentorbook serve --root {}", dir.display()));
            ExitCode::SUCCESS
        }
        Err(e) => {
            report::diagnostics(&[e]);
            ExitCode::from(1)
        }
    }
}
