//! The Tera environment: the resolved theme's templates, autoescaping, and error reporting.
//!
//! Templates are compiled once and rendered from many rayon workers (`Tera` is `Sync`). Site-wide
//! values (`site`, `config`) go into Tera's global context once instead of into every page's.

pub mod theme;
pub mod views;

use tera::{Context, Tera};

use crate::diagnostic::Diagnostic;
pub use theme::Theme;

/// Compiled templates plus the theme they came from.
pub struct Renderer {
    tera: Tera,
    theme: Theme,
}

impl Renderer {
    /// Compiles every `.html`/`.xml`/`.txt` template of `theme`; every broken template is reported.
    pub fn new(theme: Theme) -> Result<Renderer, Vec<Diagnostic>> {
        let mut tera = Tera::new();
        tera.autoescape_on(vec![".html", ".xml"]);
        let mut sources = Vec::new();
        let mut errors = Vec::new();
        for (name, file) in &theme.templates {
            match std::str::from_utf8(&file.bytes) {
                Ok(text) => sources.push((name.clone(), text.to_string())),
                Err(_) => {
                    errors.push(Diagnostic::error(theme.template_path(name), 0, 0, "template is not valid UTF-8"))
                }
            }
        }
        if let Err(e) = tera.add_raw_templates(sources) {
            errors.push(Diagnostic::error(theme.template_path(&failed_template(&e)), 0, 0, error_chain(&e)));
        }
        if !errors.is_empty() {
            return Err(errors);
        }
        Ok(Renderer { tera, theme })
    }

    /// Replaces the values every template sees (`site`, `config`).
    pub fn set_globals(&mut self, globals: Context) {
        *self.tera.global_context() = globals;
    }

    /// True when the theme has a template of that name.
    pub fn has_template(&self, name: &str) -> bool {
        self.tera.contains_template(name)
    }

    /// Renders `template` with `context`; a failure names the template and the page.
    pub fn render(&self, template: &str, context: &Context, for_file: &std::path::Path) -> Result<String, Diagnostic> {
        self.tera.render(template, context).map_err(|e| {
            Diagnostic::error(
                self.theme.template_path(template),
                0,
                0,
                format!("while rendering {}: {}", for_file.display(), error_chain(&e)),
            )
        })
    }

    /// Static files of the resolved theme.
    pub fn statics(&self) -> &std::collections::BTreeMap<String, theme::ThemeFile> {
        &self.theme.statics
    }
}

/// Tera's message and every cause under it, so nothing of the report is lost.
pub fn error_chain(e: &tera::Error) -> String {
    let mut message = e.to_string();
    let mut source = std::error::Error::source(e);
    while let Some(cause) = source {
        message.push_str("\n  caused by: ");
        message.push_str(&cause.to_string());
        source = cause.source();
    }
    message
}

/// Best guess at which template an add-time error is about (Tera reports it in the message).
fn failed_template(e: &tera::Error) -> String {
    match e.kind() {
        tera::ErrorKind::SyntaxError(r) | tera::ErrorKind::RenderingError(r) => r.filename().to_string(),
        tera::ErrorKind::MissingParent { current, .. } => current.clone(),
        tera::ErrorKind::CircularExtend { tpl, .. } | tera::ErrorKind::CircularInclude { tpl, .. } => tpl.clone(),
        tera::ErrorKind::TemplateNotFound(name) => name.clone(),
        _ => String::from("templates"),
    }
}
