//! Files copied rather than rendered: the theme's static files, the content's assets, and the
//! generated highlighting stylesheet `syntax.css`.

use rayon::prelude::*;

use super::scheme;
use crate::config::Config;
use crate::content::Library;
use crate::diagnostic::Diagnostic;
use crate::markdown::highlight;
use crate::render::Renderer;
use crate::render::theme::Origin as ThemeOrigin;
use crate::site::output::{Origin, Output};

/// `syntax.css` (empty when highlighting is off), following the reader's light/dark choice.
pub fn syntax_css(config: &Config) -> Result<Output, Diagnostic> {
    let css = if config.highlight_code {
        let css = highlight::stylesheet(&config.highlight_theme, &config.highlight_theme_dark)
            .map_err(|(key, message)| config.error_at(key, message))?;
        scheme::follow_choice(&css)
    } else {
        String::new()
    };
    Ok(Output::new("syntax.css", css.into_bytes(), Origin::generated("highlighting stylesheet")))
}

/// Every static file of the resolved theme (site, named theme, embedded default).
pub fn statics(renderer: &Renderer) -> Vec<Output> {
    renderer
        .statics()
        .iter()
        .map(|(name, file)| {
            let origin = match &file.origin {
                ThemeOrigin::File(path) => Origin::at(path, 0, "static file"),
                ThemeOrigin::Embedded => Origin::generated("default theme file"),
            };
            Output::new(name.clone(), file.bytes.clone(), origin)
        })
        .collect()
}

/// Every asset of the content folder, read in parallel; every unreadable one is an error.
pub fn assets(library: &Library) -> Result<Vec<Output>, Vec<Diagnostic>> {
    let read: Vec<Result<Output, Diagnostic>> = library
        .assets
        .par_iter()
        .map(|a| match std::fs::read(&a.source) {
            Ok(bytes) => Ok(Output::new(a.out.clone(), bytes, Origin::at(&a.source, 0, "asset"))),
            Err(e) => Err(Diagnostic::error(&a.source, 0, 0, format!("cannot read: {e}"))),
        })
        .collect();
    let (ok, errors): (Vec<_>, Vec<_>) = read.into_iter().partition(Result::is_ok);
    if errors.is_empty() {
        Ok(ok.into_iter().filter_map(Result::ok).collect())
    } else {
        Err(errors.into_iter().filter_map(Result::err).collect())
    }
}
