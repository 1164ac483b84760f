//! `mentorbook serve`: build with drafts into a temporary folder, serve it, rebuild on change and
//! tell every open page to reload.
//!
//! Authors keep this running all day, so it must never die on bad input: a failed rebuild keeps
//! the last good site on disk and shows the error in the page instead ([`inject`]). The server
//! ([`http`]) answers only files under its own output folder, never `public/`. Watching
//! ([`watch`]) runs on its own thread and hands batches of changed paths to [`rebuild`], which
//! re-renders only what a content edit touches and everything for a template or config edit.

mod http;
mod inject;
mod rebuild;
mod watch;

use std::net::{IpAddr, SocketAddr};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use anyhow::Context as _;
use tokio::sync::broadcast;

use crate::diagnostic::Diagnostic;
pub use rebuild::{Outcome, Scope, Site};

/// What `serve` was asked to do.
#[derive(Debug, Clone)]
pub struct ServeOptions {
    /// Site root (holds `mentorbook.yaml`).
    pub root: PathBuf,
    /// Port; 0 picks a free one.
    pub port: u16,
    /// Address to listen on (127.0.0.1 unless asked otherwise).
    pub bind: IpAddr,
    /// Show drafts (the default for `serve`).
    pub drafts: bool,
    /// Open the site in a browser once it is listening.
    pub open: bool,
}

/// State shared by the HTTP handlers and the rebuild thread.
pub(crate) struct Shared {
    /// The output folder, canonical, so that every served path can be checked against it.
    pub out: PathBuf,
    /// Errors of the last rebuild, shown as an overlay until the next good build.
    pub errors: Mutex<Vec<Diagnostic>>,
    /// Messages to every open page (`{"reload":true}` or `{"errors":[...]}`).
    pub events: broadcast::Sender<String>,
}

/// Runs the dev server until Ctrl-C; the temporary output folder is removed on the way out.
pub fn run(opts: &ServeOptions) -> anyhow::Result<()> {
    let out = std::env::temp_dir().join(format!("mentorbook-serve-{}", std::process::id()));
    let result = serve_into(opts, &out);
    let _ = std::fs::remove_dir_all(&out);
    result
}

fn serve_into(opts: &ServeOptions, out: &Path) -> anyhow::Result<()> {
    std::fs::create_dir_all(out).with_context(|| format!("cannot create {}", out.display()))?;
    let canonical = out.canonicalize().with_context(|| format!("cannot resolve {}", out.display()))?;
    let mut site = Site::new(opts.root.clone(), opts.drafts, canonical.clone());
    let (events, _) = broadcast::channel(64);
    let shared = Arc::new(Shared { out: canonical, errors: Mutex::new(Vec::new()), events });
    match site.full() {
        Ok(outcome) => println!("{}", outcome.describe()),
        Err(errors) => report_errors(&shared, errors),
    }
    let runtime = tokio::runtime::Builder::new_multi_thread().enable_all().build().context("cannot start tokio")?;
    runtime.block_on(async {
        let addr = SocketAddr::new(opts.bind, opts.port);
        let listener = tokio::net::TcpListener::bind(addr).await.with_context(|| format!("cannot listen on {addr}"))?;
        let local = listener.local_addr()?;
        let url = format!("http://{}/", local);
        if !opts.bind.is_loopback() {
            eprintln!(
                "warning: listening on {} — anyone who can reach this machine can read the site, drafts included",
                opts.bind
            );
        }
        // Signals and watches first: once the URL is printed, a stop or an edit is never missed.
        let stop = stop_signal();
        watch::start(&site.watched(), shared.clone(), site)?;
        println!("serving {} at {url} (drafts {}; Ctrl-C to stop)", shown_root(&opts.root), on_off(opts.drafts));
        if opts.open {
            open_browser(&url);
        }
        axum::serve(listener, http::router(shared.clone())).with_graceful_shutdown(stop).await.context("server failed")
    })
}

/// Ctrl-C, and on Unix also `kill` (SIGTERM) and a closed terminal (SIGHUP): every way a
/// server is usually stopped ends it cleanly, so the temporary folder is removed. The handlers
/// are registered when this is called (before the URL is printed), not when first awaited.
fn stop_signal() -> impl std::future::Future<Output = ()> {
    #[cfg(unix)]
    {
        use tokio::signal::unix::{SignalKind, signal};
        let signals = (signal(SignalKind::interrupt()), signal(SignalKind::terminate()), signal(SignalKind::hangup()));
        async move {
            match signals {
                (Ok(mut int), Ok(mut term), Ok(mut hup)) => {
                    tokio::select! {
                        _ = int.recv() => {}
                        _ = term.recv() => {}
                        _ = hup.recv() => {}
                    }
                }
                _ => {
                    let _ = tokio::signal::ctrl_c().await;
                }
            }
        }
    }
    #[cfg(not(unix))]
    async {
        let _ = tokio::signal::ctrl_c().await;
    }
}

fn on_off(b: bool) -> &'static str {
    if b { "shown" } else { "hidden" }
}

fn shown_root(root: &Path) -> String {
    if root.as_os_str().is_empty() { ".".to_string() } else { root.display().to_string() }
}

/// Prints a failed build's errors and keeps them for the overlay.
pub(crate) fn report_errors(shared: &Shared, errors: Vec<Diagnostic>) {
    for e in &errors {
        eprintln!("{e}");
    }
    eprintln!("rebuild failed: {} errors; still serving the last good site", errors.len());
    let message = inject::errors_message(&errors);
    *shared.errors.lock().unwrap_or_else(|e| e.into_inner()) = errors;
    let _ = shared.events.send(message);
}

/// Clears the overlay and tells every page to reload.
pub(crate) fn report_success(shared: &Shared, outcome: &Outcome) {
    println!("{}", outcome.describe());
    shared.errors.lock().unwrap_or_else(|e| e.into_inner()).clear();
    let _ = shared.events.send(inject::RELOAD.to_string());
}

/// `--open`: `$BROWSER` when set (as `git` and `xdg-open` honour it), else the desktop's opener.
fn open_browser(url: &str) {
    let program = std::env::var("BROWSER")
        .ok()
        .filter(|b| !b.trim().is_empty())
        .unwrap_or_else(|| if cfg!(target_os = "macos") { "open".to_string() } else { "xdg-open".to_string() });
    if let Err(e) = std::process::Command::new(&program).arg(url).spawn() {
        eprintln!("warning: cannot open a browser with `{program}`: {e}; open {url} yourself");
    }
}
