//! The maintainers' page, `review/index.html`: every page with its owner and review dates,
//! overdue first. The model renders it only in a build for the review audience (or for every
//! audience), so a public build never lists internal owners or pages.

use tera::Context;

use super::render_at;
use crate::content::date::Date;
use crate::diagnostic::Diagnostic;
use crate::render::Renderer;
use crate::site::output::{Origin, Output};
use crate::site::views::Views;

/// `review/index.html`, as of `today`.
pub fn render(views: &Views, renderer: &Renderer, today: &Date) -> Result<Output, Diagnostic> {
    let rows = views.review_rows(today);
    let mut ctx = Context::new();
    ctx.insert("overdue", &rows.iter().filter(|r| r.review.as_ref().is_some_and(|v| v.overdue)).count());
    ctx.insert("rows", &rows);
    ctx.insert("today", &today.ymd());
    let origin = Origin::at(views.config.file(), views.config.line_of("review_every"), "review page");
    render_at(views, renderer, "review.html", "review/", ctx, origin)
}
