//! The HTTP side of `serve`: static files from the output folder, and the reload WebSocket.
//!
//! Only files under the output folder are ever answered. The raw request path is decoded once
//! (so `%2e%2e` and `%2f` become `..` and `/`), any `..`, `.` or backslash segment is refused,
//! and the resolved file is canonicalized (following symlinks) and must still lie under the
//! canonical output folder. A folder URL serves its `index.html` (redirecting `/a` to `/a/`
//! first, so that the site's relative links resolve); anything else gets the site's `404.html`,
//! or a small built-in page, with status 404.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use axum::Router;
use axum::body::Body;
use axum::extract::State;
use axum::extract::ws::{Message, WebSocket, WebSocketUpgrade};
use axum::http::{HeaderValue, Request, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use percent_encoding::percent_decode_str;
use tokio::sync::broadcast;

use super::Shared;
use super::inject::{WS_PATH, inject};

const BUILTIN_404: &str = "<!doctype html>\n<html lang=\"en\">\n<head><meta charset=\"utf-8\"><title>Not found</title></head>\n\
<body><main><h1>Page not found</h1><p>Nothing is published at this address.</p>\
<p><a href=\"/\">Go to the home page</a></p></main></body>\n</html>\n";

/// The router: the WebSocket, then every other path as a file.
pub(crate) fn router(shared: Arc<Shared>) -> Router {
    Router::new().route(WS_PATH, get(websocket)).fallback(file).with_state(shared)
}

async fn websocket(State(shared): State<Arc<Shared>>, ws: WebSocketUpgrade) -> Response {
    // Subscribe before the upgrade completes, so no rebuild between handshake and loop is missed.
    let events = shared.events.subscribe();
    ws.on_upgrade(move |socket| forward(socket, events))
}

async fn forward(mut socket: WebSocket, mut events: broadcast::Receiver<String>) {
    loop {
        tokio::select! {
            event = events.recv() => match event {
                Ok(text) => {
                    if socket.send(Message::Text(text.into())).await.is_err() {
                        return;
                    }
                }
                Err(broadcast::error::RecvError::Lagged(_)) => continue,
                Err(broadcast::error::RecvError::Closed) => return,
            },
            incoming = socket.recv() => match incoming {
                Some(Ok(_)) => continue,
                _ => return,
            },
        }
    }
}

/// Where a request path leads.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum Resolved {
    /// A file under the output folder.
    File(PathBuf),
    /// A folder asked for without its trailing slash.
    Redirect(String),
    /// Nothing there.
    NotFound,
    /// An attempt to leave the output folder.
    Forbidden,
}

/// Resolves the raw (still percent-encoded) request path against the canonical output folder.
pub(crate) fn resolve(out: &Path, raw_path: &str) -> Resolved {
    let Ok(decoded) = percent_decode_str(raw_path).decode_utf8() else {
        return Resolved::Forbidden;
    };
    let mut path = out.to_path_buf();
    for segment in decoded.split('/').filter(|s| !s.is_empty()) {
        if segment == ".." || segment == "." || segment.contains(['\\', '\0']) || Path::new(segment).has_root() {
            return Resolved::Forbidden;
        }
        path.push(segment);
    }
    let Ok(real) = path.canonicalize() else {
        return Resolved::NotFound;
    };
    if !real.starts_with(out) {
        return Resolved::Forbidden;
    }
    if real.is_dir() {
        if !raw_path.ends_with('/') {
            // One leading slash: `//mentors` must not become `//mentors/`, another host.
            return Resolved::Redirect(format!("/{}/", raw_path.trim_start_matches('/')));
        }
        return match real.join("index.html").canonicalize() {
            Ok(index) if index.starts_with(out) && index.is_file() => Resolved::File(index),
            Ok(_) => Resolved::Forbidden,
            Err(_) => Resolved::NotFound,
        };
    }
    Resolved::File(real)
}

async fn file(State(shared): State<Arc<Shared>>, request: Request<Body>) -> Response {
    let raw = request.uri().path().to_string();
    // During the first build: wait for it rather than answer from an empty folder.
    let _ = shared.ready.subscribe().wait_for(|ready| *ready).await;
    if let Some(answer) = from_staged(&shared, &raw) {
        return answer;
    }
    match resolve(&shared.out, &raw) {
        Resolved::File(path) => match tokio::fs::read(&path).await {
            Ok(bytes) => respond(&shared, StatusCode::OK, &path, bytes),
            Err(_) => not_found(&shared).await,
        },
        Resolved::Redirect(to) => {
            let mut response = StatusCode::MOVED_PERMANENTLY.into_response();
            if let Ok(value) = HeaderValue::from_str(&to) {
                response.headers_mut().insert(header::LOCATION, value);
            }
            response
        }
        Resolved::NotFound => not_found(&shared).await,
        Resolved::Forbidden => (StatusCode::FORBIDDEN, "refused: outside the served folder\n").into_response(),
    }
}

/// The answer from the first build's files while they are written: the file at `raw`, or its
/// folder's `index.html`, or the redirect to the folder's URL; `None` when nothing is staged
/// (or the path is none of its files: the folder answers, as ever).
fn from_staged(shared: &Shared, raw: &str) -> Option<Response> {
    let staged = shared.staged.lock().unwrap_or_else(|e| e.into_inner()).clone()?;
    let decoded = percent_decode_str(raw).decode_utf8().ok()?;
    let rel = decoded.trim_start_matches('/');
    let find = |path: &str| staged.binary_search_by(|f| f.path.as_str().cmp(path)).ok().map(|i| &staged[i]);
    if rel.is_empty() || rel.ends_with('/') {
        let index = find(&format!("{rel}index.html"))?;
        return Some(respond(shared, StatusCode::OK, Path::new(&index.path), index.bytes.clone()));
    }
    if let Some(file) = find(rel) {
        return Some(respond(shared, StatusCode::OK, Path::new(&file.path), file.bytes.clone()));
    }
    find(&format!("{rel}/index.html"))?;
    let mut response = StatusCode::MOVED_PERMANENTLY.into_response();
    let to = format!("/{}/", raw.trim_start_matches('/'));
    response.headers_mut().insert(header::LOCATION, HeaderValue::from_str(&to).ok()?);
    Some(response)
}

async fn not_found(shared: &Shared) -> Response {
    let page = shared.out.join("404.html");
    let staged = shared.staged.lock().unwrap_or_else(|e| e.into_inner()).clone();
    let staged = staged.and_then(|s| s.iter().find(|f| f.path == "404.html").map(|f| f.bytes.clone()));
    let bytes = match staged {
        Some(bytes) => Ok(bytes),
        None => tokio::fs::read(&page).await,
    };
    let bytes = match bytes {
        Ok(bytes) => at_server_root(bytes),
        Err(_) => BUILTIN_404.as_bytes().to_vec(),
    };
    respond(shared, StatusCode::NOT_FOUND, &page, bytes)
}

/// The built `404.html` links from the path of `base_url` (`/hb/`), which it names in its first
/// `data-root`; this server has the site at `/`, so those links are moved there.
fn at_server_root(bytes: Vec<u8>) -> Vec<u8> {
    let Ok(text) = String::from_utf8(bytes.clone()) else { return bytes };
    let root = text.split_once("data-root=\"").and_then(|(_, rest)| rest.split_once('"')).map(|(r, _)| r.to_string());
    match root {
        Some(root) if root.starts_with('/') && root != "/" => text.replace(&format!("=\"{root}"), "=\"/").into_bytes(),
        _ => bytes,
    }
}

fn respond(shared: &Shared, status: StatusCode, path: &Path, bytes: Vec<u8>) -> Response {
    let mime = mime_guess::from_path(path).first_or_octet_stream();
    let is_html = mime.essence_str() == "text/html";
    let content_type = match mime.type_() {
        mime_guess::mime::TEXT => format!("{}; charset=utf-8", mime.essence_str()),
        _ if mime.essence_str() == "application/javascript" => "text/javascript; charset=utf-8".to_string(),
        _ => mime.essence_str().to_string(),
    };
    let body = if is_html {
        let errors = shared.errors.lock().unwrap_or_else(|e| e.into_inner()).clone();
        inject(&bytes, &errors)
    } else {
        bytes
    };
    let mut response = (status, body).into_response();
    let headers = response.headers_mut();
    if let Ok(value) = HeaderValue::from_str(&content_type) {
        headers.insert(header::CONTENT_TYPE, value);
    }
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    fn site() -> (tempfile::TempDir, PathBuf) {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("out");
        std::fs::create_dir_all(out.join("guides")).unwrap();
        std::fs::write(out.join("index.html"), "home").unwrap();
        std::fs::write(out.join("guides/index.html"), "guides").unwrap();
        std::fs::write(dir.path().join("secret.txt"), "secret").unwrap();
        let out = out.canonicalize().unwrap();
        (dir, out)
    }

    #[test]
    fn folders_serve_their_index_and_redirect_without_a_slash() {
        let (_dir, out) = site();
        assert_eq!(resolve(&out, "/"), Resolved::File(out.join("index.html")));
        assert_eq!(resolve(&out, "/guides/"), Resolved::File(out.join("guides/index.html")));
        assert_eq!(resolve(&out, "/guides"), Resolved::Redirect("/guides/".into()));
        assert_eq!(resolve(&out, "//guides"), Resolved::Redirect("/guides/".into()));
        assert_eq!(resolve(&out, "///guides"), Resolved::Redirect("/guides/".into()));
        assert_eq!(resolve(&out, "/nothing/"), Resolved::NotFound);
    }

    #[test]
    fn escapes_are_refused() {
        let (_dir, out) = site();
        for raw in ["/../secret.txt", "/%2e%2e/secret.txt", "/guides/%2E%2E/%2e%2e/secret.txt", "/..%2fsecret.txt"] {
            assert_eq!(resolve(&out, raw), Resolved::Forbidden, "{raw}");
        }
        assert_eq!(resolve(&out, "/guides/..%5c..%5csecret.txt"), Resolved::Forbidden);
    }

    #[cfg(unix)]
    #[test]
    fn symlinks_out_of_the_folder_are_refused() {
        let (dir, out) = site();
        std::os::unix::fs::symlink(dir.path().join("secret.txt"), out.join("link.txt")).unwrap();
        std::os::unix::fs::symlink(dir.path(), out.join("up")).unwrap();
        assert_eq!(resolve(&out, "/link.txt"), Resolved::Forbidden);
        assert_eq!(resolve(&out, "/up/secret.txt"), Resolved::Forbidden);
    }
}
