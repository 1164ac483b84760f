//! The live-reload script and the error overlay, added to HTML responses at serve time.
//!
//! Injecting when a file is served (not when it is built) keeps the built files identical to a
//! production build's and lets any custom theme reload with no change to its templates. The
//! current build errors travel with the page, so a page opened while the build is broken shows
//! the overlay at once; later changes arrive over the WebSocket as the JSON messages below.

use serde_json::json;

use crate::diagnostic::Diagnostic;

/// The message that makes every open page reload once.
pub const RELOAD: &str = r#"{"reload":true}"#;

/// Path of the WebSocket the script connects to.
pub const WS_PATH: &str = "/__mentorbook/ws";

const SCRIPT: &str = include_str!("reload.js");

/// The message that shows `errors` in the overlay of every open page.
pub fn errors_message(errors: &[Diagnostic]) -> String {
    json!({ "errors": errors_json(errors) }).to_string()
}

fn errors_json(errors: &[Diagnostic]) -> serde_json::Value {
    errors
        .iter()
        .map(|e| json!({"path": e.path.display().to_string(), "line": e.line, "col": e.col, "message": e.message}))
        .collect()
}

/// `html` with the reload script (and the current errors) inserted before its last `</body>`,
/// or appended when it has none.
pub fn inject(html: &[u8], errors: &[Diagnostic]) -> Vec<u8> {
    // `<` escaped so that no error text can close the script element.
    let data = errors_json(errors).to_string().replace('<', "\\u003c");
    let tag = format!("<script>window.__mentorbookErrors={data};</script>\n<script>{SCRIPT}</script>\n");
    let at = rfind_ascii_ci(html, b"</body>").unwrap_or(html.len());
    let mut out = Vec::with_capacity(html.len() + tag.len());
    out.extend_from_slice(&html[..at]);
    out.extend_from_slice(tag.as_bytes());
    out.extend_from_slice(&html[at..]);
    out
}

fn rfind_ascii_ci(hay: &[u8], needle: &[u8]) -> Option<usize> {
    (0..=hay.len().checked_sub(needle.len())?).rev().find(|&i| hay[i..i + needle.len()].eq_ignore_ascii_case(needle))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn script_goes_before_the_last_body_end() {
        let out = String::from_utf8(inject(b"<html><body><p>x</p></BODY></html>", &[])).unwrap();
        let script = out.find("__mentorbookErrors=[]").unwrap();
        assert!(script > out.find("<p>x</p>").unwrap());
        assert!(script < out.find("</BODY>").unwrap());
    }

    #[test]
    fn page_without_body_gets_the_script_appended() {
        let out = String::from_utf8(inject(b"<p>fragment</p>", &[])).unwrap();
        assert!(out.starts_with("<p>fragment</p><script>"));
    }

    #[test]
    fn error_text_cannot_close_the_script() {
        let e = Diagnostic::error("content/a.md", 3, 1, "bad </script><b>x</b>");
        let out = String::from_utf8(inject(b"<body></body>", &[e])).unwrap();
        assert!(out.contains(r"\u003c/script>\u003cb>"));
        assert_eq!(out.matches("</script>").count(), 2);
    }
}
