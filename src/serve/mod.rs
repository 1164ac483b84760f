//! `mentorbook serve`: build with drafts into a private temporary folder, serve it, rebuild on
//! change and tell every open page to reload.
//!
//! Authors keep this running all day, so it must never die on bad input: a failed rebuild keeps
//! the last good site on disk and shows the error in the page instead ([`inject`]). The server
//! ([`http`]) answers only files under its own output folder, never `public/`. Watching
//! ([`watch`]) runs on its own thread and hands batches of changed paths to the [`session`],
//! which holds the site's [`Model`](crate::site::Model) and decides what to re-render; all
//! writing goes through the build's one write path.
//!
//! The folder is made fresh, private (0700) and at an unguessable path, and it is removed on
//! every way out: Ctrl-C, `kill`, a closed terminal, an error, even a signal during the first
//! build. The root and the port are checked before anything is built.

mod http;
mod inject;
mod session;
mod watch;

use std::net::{IpAddr, SocketAddr};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};

use anyhow::Context as _;
use tokio::sync::broadcast;

use crate::diagnostic::Diagnostic;
use crate::report;
pub use session::{Outcome, Scope, Session};

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
    /// `--audience`: preview the build for one audience (`all`, or none, for every one).
    pub audience: Option<String>,
}

/// State shared by the HTTP handlers, the rebuild thread and the signal handler.
pub(crate) struct Shared {
    /// The output folder, canonical, so that every served path can be checked against it.
    pub out: PathBuf,
    /// Errors of the last rebuild, shown as an overlay until the next good build.
    pub errors: Mutex<Vec<Diagnostic>>,
    /// Messages to every open page (`{"reload":true}` or `{"errors":[...]}`).
    pub events: broadcast::Sender<String>,
    /// Set when the server is stopping: rendering and writing give up at once.
    pub stopping: AtomicBool,
    /// Set when a change arrived that is not taken in yet: background work yields to it.
    pub pending: AtomicBool,
    /// Held while files are written, so that the folder is never removed under a writer.
    pub writing: Mutex<()>,
    /// The first build's files, sorted by path, answered from memory while they are written
    /// (into the empty folder, in place: a request must not read half a file).
    pub staged: Mutex<Option<Arc<Vec<crate::site::Output>>>>,
    /// True once requests can be answered: the first build is rendered (and [`Shared::staged`]
    /// or the folder holds it) or it failed. Until then a request waits instead of finding an
    /// empty folder.
    pub ready: tokio::sync::watch::Sender<bool>,
}

/// Runs the dev server until it is stopped; the temporary output folder is removed on the way
/// out, however it ends.
pub fn run(opts: &ServeOptions) -> anyhow::Result<()> {
    let root = if opts.root.as_os_str().is_empty() { Path::new(".") } else { opts.root.as_path() };
    if !root.is_dir() {
        anyhow::bail!(
            "site root not found: {} (pass the folder that holds mentorbook.yaml with --root)",
            root.display()
        );
    }
    let addr = SocketAddr::new(opts.bind, opts.port);
    let listener = std::net::TcpListener::bind(addr).with_context(|| format!("cannot listen on {addr}"))?;
    listener.set_nonblocking(true).context("cannot set up the listening socket")?;
    let runtime = tokio::runtime::Builder::new_multi_thread().enable_all().build().context("cannot start tokio")?;
    runtime.block_on(async {
        let mut builder = tempfile::Builder::new();
        builder.prefix("mentorbook-serve-");
        #[cfg(unix)]
        builder.permissions(std::os::unix::fs::PermissionsExt::from_mode(0o700));
        let folder = builder.tempdir().context("cannot create a temporary folder")?;
        let out = folder.path().canonicalize().context("cannot resolve the temporary folder")?;
        let (events, _) = broadcast::channel(64);
        let shared = Arc::new(Shared {
            out,
            errors: Mutex::new(Vec::new()),
            events,
            stopping: AtomicBool::new(false),
            pending: AtomicBool::new(false),
            writing: Mutex::new(()),
            staged: Mutex::new(None),
            ready: tokio::sync::watch::Sender::new(false),
        });
        // Signals at once: from here on, any stop removes the folder, even during the first build.
        let stop_signal = stop_signal(shared.clone());
        let result = serve(opts, listener, shared.clone(), stop_signal).await;
        stop(&shared);
        drop(folder);
        result
    })
}

async fn serve(
    opts: &ServeOptions,
    listener: std::net::TcpListener,
    shared: Arc<Shared>,
    stop_signal: impl std::future::Future<Output = ()>,
) -> anyhow::Result<()> {
    let listener = tokio::net::TcpListener::from_std(listener).context("cannot listen")?;
    let url = format!("http://{}/", listener.local_addr()?);
    let server = axum::serve(listener, http::router(shared.clone()));
    let server = tokio::spawn(async move { server.await });
    report::out(&format!("preview files in {}", shared.out.display()));
    let first = {
        let shared = shared.clone();
        let root = opts.root.clone();
        let (drafts, audience) = (opts.drafts, opts.audience.clone());
        tokio::task::spawn_blocking(move || {
            let mut session = Session::new(root, drafts, audience, shared.clone());
            match session.full() {
                Ok(outcome) => report::out(&outcome.describe()),
                Err(errors) => report_errors(&shared, errors),
            }
            // Served from the folder from now on, even if the build failed (the error page).
            shared.ready.send_replace(true);
            session
        })
        .await
        .context("the first build stopped")?
    };
    if !opts.bind.is_loopback() {
        report::err(&format!(
            "warning: listening on {} — anyone who can reach this machine can read the site, drafts included",
            opts.bind
        ));
    }
    watch::start(first, shared.clone())?;
    report::out(&format!(
        "serving {} at {url} (drafts {}; Ctrl-C to stop)",
        shown_root(&opts.root),
        on_off(opts.drafts)
    ));
    if opts.open {
        open_browser(&url);
    }
    tokio::select! {
        _ = stop_signal => Ok(()),
        result = server => match result {
            Ok(Ok(())) => Ok(()),
            Ok(Err(e)) => Err(anyhow::Error::from(e).context("server failed")),
            Err(e) => Err(anyhow::Error::from(e).context("server failed")),
        },
    }
}

/// Stops rendering and writing, and waits for a write in progress to give up.
fn stop(shared: &Shared) {
    shared.stopping.store(true, Ordering::SeqCst);
    shared.pending.store(true, Ordering::SeqCst);
    let _writing = shared.writing.lock().unwrap_or_else(|e| e.into_inner());
}

/// Ctrl-C, and on Unix also `kill` (SIGTERM) and a closed terminal (SIGHUP): every way a server
/// is usually stopped ends it cleanly. The handlers are registered when this is called, so a
/// signal during the first build is caught too: it removes the folder and ends the process.
fn stop_signal(shared: Arc<Shared>) -> impl std::future::Future<Output = ()> + use<> {
    #[cfg(unix)]
    let signalled = {
        use tokio::signal::unix::{SignalKind, signal};
        // Registered now, not when first polled.
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
    };
    #[cfg(not(unix))]
    let signalled = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    tokio::spawn(async move {
        signalled.await;
        // A build may be running on another thread: stop it, wait for a write in progress,
        // remove the folder and end here, whatever the other threads were doing.
        stop(&shared);
        let _ = std::fs::remove_dir_all(&shared.out);
        report::out("stopped; the preview folder is removed");
        std::process::exit(0);
    });
    std::future::pending::<()>()
}

fn on_off(b: bool) -> &'static str {
    if b { "shown" } else { "hidden" }
}

fn shown_root(root: &Path) -> String {
    if root.as_os_str().is_empty() { ".".to_string() } else { root.display().to_string() }
}

/// Prints a failed build's errors and keeps them for the overlay.
pub(crate) fn report_errors(shared: &Shared, errors: Vec<Diagnostic>) {
    report::diagnostics(&errors);
    report::err(&format!(
        "rebuild failed: {} error{}; still serving the last good site",
        errors.len(),
        if errors.len() == 1 { "" } else { "s" }
    ));
    let message = inject::errors_message(&errors);
    *shared.errors.lock().unwrap_or_else(|e| e.into_inner()) = errors;
    let _ = shared.events.send(message);
}

/// Clears the overlay and tells every page to reload.
pub(crate) fn report_success(shared: &Shared, outcome: &Outcome) {
    report::out(&outcome.describe());
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
        report::err(&format!("warning: cannot open a browser with `{program}`: {e}; open {url} yourself"));
    }
}
