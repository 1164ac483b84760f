//! `toc.js`: the handbook's tree for the sidebar, written once for the whole site.
//!
//! Writing the tree into every page would make the output grow with the square of the page
//! count (10,000 pages, each with 10,000 links). Like mdBook's `toc.js`, the tree is one
//! script instead (a script, not JSON, because a page opened from `file://` can load a script
//! but not fetch a file), which the theme's `nav.js` turns into the sidebar. Pages carry only
//! the top-level sections, so a reader without JavaScript still reaches every page through
//! the section pages.

use crate::site::output::{Origin, Output};
use crate::site::views::Views;

/// The file's path in the output.
pub const PATH: &str = "toc.js";

/// `toc.js`: `window.mentorbookToc = [...]` (see [`Views::toc_tree`] for its shape).
pub fn render(views: &Views) -> Output {
    let tree = serde_json::to_string(&views.toc_tree()).unwrap_or_else(|_| "[]".to_string());
    let js =
        format!("// mentorbook: the handbook's contents, for the sidebar (nav.js).\nwindow.mentorbookToc={tree};\n");
    Output::new(PATH, js.into_bytes(), Origin::generated("sidebar contents"))
}
