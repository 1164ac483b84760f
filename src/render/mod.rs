//! The Tera environment: the resolved theme's templates, autoescaping, and error reporting.
//!
//! Templates are compiled once and rendered from many rayon workers (`Tera` is `Sync`). Site-wide
//! values (`strings` from the start, `site` and `config` once every page's markdown has
//! rendered) go into Tera's global context once instead of into every page's. The markdown
//! pass's markup is written by templates too ([`markup`]).

pub mod markup;
pub mod theme;
pub mod views;

use tera::{Context, Tera};

use crate::diagnostic::Diagnostic;
use crate::words::Strings;
pub use theme::Theme;

/// Compiled templates plus the theme they came from.
pub struct Renderer {
    tera: Tera,
    theme: Theme,
}

impl Renderer {
    /// Compiles every `.html`/`.xml`/`.txt` template of `theme`, with `strings` for every template
    /// to see; every broken template is reported.
    pub fn new(theme: Theme, strings: &Strings) -> Result<Renderer, Vec<Diagnostic>> {
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
            errors.push(tera_diagnostic(&theme, &e, ""));
        }
        if !errors.is_empty() {
            return Err(errors);
        }
        tera.global_context().insert("strings", strings.map());
        tera.global_context().insert("favicon", &favicon(&theme));
        Ok(Renderer { tera, theme })
    }

    /// Sets a value every template sees (`site`, `config`).
    pub fn set_global(&mut self, key: &'static str, value: &impl serde::Serialize) {
        self.tera.global_context().insert(key, value);
    }

    /// True when the theme has a template of that name.
    pub fn has_template(&self, name: &str) -> bool {
        self.tera.contains_template(name)
    }

    /// Renders `template` with `context`; a failure names the template and the page.
    pub fn render(&self, template: &str, context: &Context, for_file: &std::path::Path) -> Result<String, Diagnostic> {
        self.tera
            .render(template, context)
            .map_err(|e| tera_diagnostic(&self.theme, &e, &format!("while rendering {}: ", for_file.display())))
    }

    /// Replaces the bytes of the static file that came from `path` (an edit while serving);
    /// returns its output name, or `None` when no static file came from there.
    pub fn reload_static(&mut self, path: &std::path::Path, bytes: Vec<u8>) -> Option<String> {
        let origin = theme::Origin::File(path.to_path_buf());
        let (name, file) = self.theme.statics.iter_mut().find(|(_, f)| f.origin == origin)?;
        file.bytes = bytes;
        Some(name.clone())
    }

    /// Feeds `feed` the name and bytes of every template, for caches of what templates make.
    pub fn templates_fingerprint(&self, feed: &mut dyn FnMut(&[u8])) {
        for (name, file) in &self.theme.templates {
            feed(name.as_bytes());
            feed(&file.bytes);
        }
    }

    /// Static files of the resolved theme.
    pub fn statics(&self) -> &std::collections::BTreeMap<String, theme::ThemeFile> {
        &self.theme.statics
    }
}

/// The site's icon (`favicon.file`, `favicon.type`): a `favicon.svg` of the site's or theme's
/// own, else a `favicon.ico` it brings (as most sites moving from elsewhere do), else the
/// default theme's `favicon.svg`.
fn favicon(theme: &Theme) -> std::collections::BTreeMap<&'static str, &'static str> {
    let own = |name: &str| theme.statics.get(name).is_some_and(|f| matches!(f.origin, theme::Origin::File(_)));
    let (file, kind) = if !own("favicon.svg") && theme.statics.contains_key("favicon.ico") {
        ("favicon.ico", "image/x-icon")
    } else {
        ("favicon.svg", "image/svg+xml")
    };
    [("file", file), ("type", kind)].into_iter().collect()
}

/// A Tera error as a diagnostic at the template's own `path:line:col`, with Tera's whole cause
/// chain; `prefix` says which page was being rendered.
fn tera_diagnostic(theme: &Theme, e: &tera::Error, prefix: &str) -> Diagnostic {
    // (template name, 1-based line, 1-based column, message without Tera's own report)
    let located: Option<(String, usize, usize, String)> = match e.kind() {
        tera::ErrorKind::SyntaxError(r) | tera::ErrorKind::RenderingError(r) => {
            Some((r.filename().to_string(), r.span().start_line, r.span().start_col + 1, r.message().to_string()))
        }
        // Validation errors (unknown filter, missing include) arrive as a finished report.
        tera::ErrorKind::Msg(text) => parse_report(text),
        _ => None,
    };
    let name = match e.kind() {
        tera::ErrorKind::MissingParent { current, .. } => current.clone(),
        tera::ErrorKind::CircularExtend { tpl, .. } | tera::ErrorKind::CircularInclude { tpl, .. } => tpl.clone(),
        tera::ErrorKind::TemplateNotFound(name) => name.clone(),
        _ => located.as_ref().map(|l| l.0.clone()).unwrap_or_default(),
    };
    let (line, col, mut message) = match located {
        Some((_, line, col, text)) => (line, col, format!("{prefix}{text}")),
        None => (0, 0, format!("{prefix}{}", e.to_string().trim_start_matches("error: "))),
    };
    let mut source = std::error::Error::source(e);
    while let Some(cause) = source {
        message.push_str("\n  caused by: ");
        message.push_str(&cause.to_string());
        source = cause.source();
    }
    let path = if name.is_empty() { std::path::PathBuf::from("templates") } else { theme.template_path(&name) };
    let diagnostic = Diagnostic::error(path, line, col, message);
    match theme.templates.get(&name).map(|f| String::from_utf8_lossy(&f.bytes)) {
        Some(text) => diagnostic.with_snippet_from(&text),
        None => diagnostic,
    }
}

/// Reads `error: MESSAGE` and ` --> NAME:LINE:COL` out of a report Tera already formatted.
fn parse_report(text: &str) -> Option<(String, usize, usize, String)> {
    let message = text.lines().next()?.trim().trim_start_matches("error: ").to_string();
    let location = text.lines().find_map(|l| l.trim_start().strip_prefix("--> "))?;
    let mut parts = location.trim().rsplitn(3, ':');
    let col = parts.next()?.parse().ok()?;
    let line = parts.next()?.parse().ok()?;
    Some((parts.next()?.to_string(), line, col, message))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn validation_reports_are_located() {
        let report = "error: Unknown filter `nofilter`\n --> page.html:4:17\n  |\n4 | {{ x | nofilter }}\n";
        assert_eq!(parse_report(report), Some(("page.html".into(), 4, 17, "Unknown filter `nofilter`".into())));
        assert_eq!(parse_report("plain message"), None);
    }
}
