//! The HTTP server: one listener on 127.0.0.1 for every Twilio host, with its own accept loop
//! so an injected "dropped connection" can really close the TCP connection without a response.

use std::convert::Infallible;
use std::io;
use std::net::SocketAddr;
use std::sync::Arc;

use axum::Router;
use axum::extract::{Request, State};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use hyper::body::Incoming;
use hyper_util::rt::TokioIo;
use tokio::net::TcpListener;
use tokio::sync::{Notify, watch};
use tower::ServiceExt;

use crate::faults::{Decision, Faults};
use crate::state::Shared;
use crate::{ADMIN_PREFIX, SandboxConfig};

/// Closes the connection a request arrived on.
#[derive(Clone)]
struct ConnectionKill(Arc<Notify>);

/// A running sandbox. Dropping it stops the server too; [`Sandbox::shutdown`] waits for it.
pub struct Sandbox {
    shared: Arc<Shared>,
    addr: SocketAddr,
    stop: watch::Sender<bool>,
    runner: Option<Runner>,
}

enum Runner {
    Task(tokio::task::JoinHandle<()>),
    Thread(std::thread::JoinHandle<()>),
}

impl Sandbox {
    /// Binds `127.0.0.1:config.port` (0 = any free port) and starts serving on the current
    /// tokio runtime.
    pub async fn start(config: SandboxConfig) -> io::Result<Sandbox> {
        let (shared, addr, stop, task) = launch(config).await?;
        Ok(Sandbox {
            shared,
            addr,
            stop,
            runner: Some(Runner::Task(task)),
        })
    }

    /// Starts the sandbox on a background thread with its own tokio runtime, for callers that
    /// have no runtime (the desktop app). Stop it with [`Sandbox::shutdown_blocking`] (or drop).
    pub fn start_blocking(config: SandboxConfig) -> io::Result<Sandbox> {
        let (tx, rx) = std::sync::mpsc::channel();
        let thread = std::thread::Builder::new()
            .name("switchboard-sandbox".into())
            .spawn(move || {
                let rt = match tokio::runtime::Builder::new_multi_thread()
                    .worker_threads(2)
                    .enable_all()
                    .build()
                {
                    Ok(rt) => rt,
                    Err(e) => {
                        let _ = tx.send(Err(e));
                        return;
                    }
                };
                rt.block_on(async move {
                    match launch(config).await {
                        Ok((shared, addr, stop, task)) => {
                            let _ = tx.send(Ok((shared, addr, stop)));
                            let _ = task.await;
                        }
                        Err(e) => {
                            let _ = tx.send(Err(e));
                        }
                    }
                });
            })?;
        let (shared, addr, stop) = rx
            .recv()
            .map_err(|_| io::Error::other("the sandbox thread exited before starting"))??;
        Ok(Sandbox {
            shared,
            addr,
            stop,
            runner: Some(Runner::Thread(thread)),
        })
    }

    /// `http://127.0.0.1:PORT`.
    pub fn base_url(&self) -> String {
        self.shared.base_url.clone()
    }

    /// The address the server listens on.
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    pub fn account_sid(&self) -> &str {
        &self.shared.account_sid
    }

    /// The auth token the sandbox accepts.
    pub fn auth_token(&self) -> &str {
        self.shared.auth_token()
    }

    /// Replaces the active faults (rates are clamped to 0..=1; rule counters restart).
    pub fn set_faults(&self, f: Faults) {
        self.shared.faults.set(f);
    }

    /// The active faults.
    pub fn faults(&self) -> Faults {
        self.shared.faults.get()
    }

    /// Back to the seeded (or empty) account.
    pub fn reset(&self) {
        self.shared.reset();
    }

    /// The whole account as JSON (no secrets in it), for tests.
    pub fn state_json(&self) -> serde_json::Value {
        self.shared.state_json()
    }

    /// Adds free local numbers to the account (all or nothing); returns their SIDs.
    pub fn add_numbers(&self, numbers: &[String]) -> Result<Vec<String>, crate::error::ApiError> {
        crate::routes::admin::add_numbers(&self.shared, numbers)
            .map(|added| added.into_iter().map(|(sid, _)| sid).collect())
    }

    /// Sets the account's `status` (`active`, `suspended` or `closed`).
    pub fn set_account_status(&self, status: &str) -> Result<(), crate::error::ApiError> {
        crate::routes::admin::set_status(&self.shared, status)
    }

    /// Stops accepting, lets requests in progress finish, and waits for the server to end.
    pub async fn shutdown(mut self) {
        let _ = self.stop.send(true);
        match self.runner.take() {
            Some(Runner::Task(t)) => {
                let _ = t.await;
            }
            Some(Runner::Thread(t)) => {
                let _ = tokio::task::spawn_blocking(move || t.join()).await;
            }
            None => {}
        }
    }

    /// [`Sandbox::shutdown`] for callers without a runtime.
    pub fn shutdown_blocking(mut self) {
        let _ = self.stop.send(true);
        if let Some(Runner::Thread(t)) = self.runner.take() {
            let _ = t.join();
        }
    }
}

impl Drop for Sandbox {
    fn drop(&mut self) {
        let _ = self.stop.send(true);
    }
}

type Launched = (
    Arc<Shared>,
    SocketAddr,
    watch::Sender<bool>,
    tokio::task::JoinHandle<()>,
);

async fn launch(config: SandboxConfig) -> io::Result<Launched> {
    let listener = TcpListener::bind(("127.0.0.1", config.port)).await?;
    let addr = listener.local_addr()?;
    let shared = Arc::new(Shared::new(&config, format!("http://{addr}"))?);
    let (stop, stop_rx) = watch::channel(false);
    let task = tokio::spawn(accept_loop(listener, shared.clone(), stop_rx));
    Ok((shared, addr, stop, task))
}

async fn accept_loop(listener: TcpListener, shared: Arc<Shared>, mut stop: watch::Receiver<bool>) {
    let app: Router = crate::routes::router(shared.clone());
    let mut connections = tokio::task::JoinSet::new();
    loop {
        tokio::select! {
            _ = stop.changed() => break,
            accepted = listener.accept() => {
                let Ok((stream, _)) = accepted else { continue };
                connections.spawn(serve_connection(stream, app.clone(), stop.clone()));
            }
            Some(_) = connections.join_next(), if !connections.is_empty() => {}
        }
    }
    drop(listener);
    let _ = tokio::time::timeout(std::time::Duration::from_secs(5), async {
        while connections.join_next().await.is_some() {}
    })
    .await;
    connections.abort_all();
}

async fn serve_connection(
    stream: tokio::net::TcpStream,
    app: Router,
    mut stop: watch::Receiver<bool>,
) {
    let kill = Arc::new(Notify::new());
    let marker = ConnectionKill(kill.clone());
    let service = hyper::service::service_fn(move |req: Request<Incoming>| {
        let mut req = req.map(axum::body::Body::new);
        req.extensions_mut().insert(marker.clone());
        let app = app.clone();
        async move { Ok::<_, Infallible>(app.oneshot(req).await.unwrap_or_else(|e| match e {})) }
    });
    let conn =
        hyper::server::conn::http1::Builder::new().serve_connection(TokioIo::new(stream), service);
    tokio::pin!(conn);
    tokio::select! {
        _ = conn.as_mut() => {}
        _ = kill.notified() => {}
        _ = stop.changed() => {
            conn.as_mut().graceful_shutdown();
            let _ = conn.await;
        }
    }
}

/// Middleware: applies the active faults to every API request (admin routes are exempt).
pub async fn apply_faults(State(shared): State<Arc<Shared>>, req: Request, next: Next) -> Response {
    if req.uri().path().starts_with(ADMIN_PREFIX) {
        return next.run(req).await;
    }
    let (_in_flight, latency, decision) =
        shared.faults.admit(req.method().as_str(), req.uri().path());
    if !latency.is_zero() {
        tokio::time::sleep(latency).await;
    }
    match decision {
        Decision::Pass => next.run(req).await,
        Decision::Fail(e) => e.into_response(),
        Decision::Drop => {
            if let Some(kill) = req.extensions().get::<ConnectionKill>() {
                kill.0.notify_one();
            }
            std::future::pending::<Response>().await
        }
    }
}
