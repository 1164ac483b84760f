//! The markdown pass's markup ([`Markup`]) written by the theme's built-in templates in
//! `templates/markup/`, which a site or theme overrides file by file.

use tera::Context;

use super::Renderer;
use crate::diagnostic::Diagnostic;
use crate::markdown::Call;
use crate::markdown::markup::{ChecklistForm, DiagramForm, Heading, Markup};

/// The templates, by what they write.
pub const HEADING: &str = "markup/heading.html";
/// See [`HEADING`].
pub const CHECKLIST: &str = "markup/checklist.html";
/// See [`HEADING`].
pub const ALERT: &str = "markup/alert.html";
/// See [`HEADING`].
pub const TABLE: &str = "markup/table.html";
/// See [`HEADING`].
pub const DIAGRAM: &str = "markup/diagram.html";

impl Renderer {
    fn markup(&self, template: &str, key: &'static str, value: &impl serde::Serialize) -> Result<String, Diagnostic> {
        let mut ctx = Context::new();
        ctx.insert(key, value);
        self.render(template, &ctx, std::path::Path::new(template))
    }
}

impl Markup for Renderer {
    fn heading(&self, heading: &Heading) -> Result<String, Diagnostic> {
        self.markup(HEADING, "heading", heading)
    }

    fn checklist(&self, checklist: &ChecklistForm) -> Result<String, Diagnostic> {
        self.markup(CHECKLIST, "checklist", checklist)
    }

    fn alert(&self, kind: &str, content: &str) -> Result<String, Diagnostic> {
        self.markup(ALERT, "alert", &serde_json::json!({ "kind": kind, "content": content }))
    }

    fn table(&self, table: &str) -> Result<String, Diagnostic> {
        self.markup(TABLE, "table", &table)
    }

    fn diagram(&self, diagram: &DiagramForm) -> Result<String, Diagnostic> {
        self.markup(DIAGRAM, "diagram", diagram)
    }

    fn has_shortcode(&self, name: &str) -> bool {
        self.has_template(&format!("shortcodes/{name}.html"))
    }

    fn shortcode(&self, call: &Call) -> Option<Result<String, Diagnostic>> {
        if !self.has_shortcode(call.name) {
            return None;
        }
        let name = format!("shortcodes/{}.html", call.name);
        let mut ctx = Context::new();
        ctx.insert("args", &call.args);
        ctx.insert("pos", &call.pos);
        ctx.insert("md", &call.md);
        ctx.insert("body", &call.body);
        ctx.insert("name", &call.name);
        Some(self.render(&name, &ctx, std::path::Path::new(&name)))
    }
}
