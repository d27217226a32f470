//! The accept loop: hyper HTTP/1.1 around the axum router, able to really drop a connection.

use std::net::SocketAddr;
use std::time::Duration;

use axum::Router;
use hyper::body::Incoming;
use hyper_util::rt::{TokioIo, TokioTimer};
use tokio::net::TcpListener;
use tokio::task::JoinHandle;
use tower::ServiceExt;

use crate::middleware::DropConnection;
use jifeline_mock_core::Config;

/// The error a connection's service returns to make hyper close the connection without a response.
#[derive(Debug)]
pub struct ConnectionDropped;

impl std::fmt::Display for ConnectionDropped {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("connection dropped by an injected fault")
    }
}

impl std::error::Error for ConnectionDropped {}

/// Serves `app` on `listener` forever. A response marked [`DropConnection`] is not sent: the
/// service fails instead, and hyper closes the TCP connection without writing anything.
pub async fn serve(listener: TcpListener, app: Router) {
    loop {
        let stream = match listener.accept().await {
            Ok((stream, _)) => stream,
            Err(_) => {
                // Out of file descriptors and the like: wait a little and go on.
                tokio::time::sleep(Duration::from_millis(50)).await;
                continue;
            }
        };
        let _ = stream.set_nodelay(true);
        let app = app.clone();
        tokio::spawn(async move {
            let service = hyper::service::service_fn(move |req: hyper::Request<Incoming>| {
                let app = app.clone();
                async move {
                    let res = app.oneshot(req).await.unwrap_or_else(|never| match never {});
                    if res.extensions().get::<DropConnection>().is_some() {
                        Err(ConnectionDropped)
                    } else {
                        Ok(res)
                    }
                }
            });
            let _ = hyper::server::conn::http1::Builder::new()
                .timer(TokioTimer::new())
                .serve_connection(TokioIo::new(stream), service)
                .await;
        });
    }
}

/// Binds `config.host:config.port`, builds the app and serves it on a task.
/// Returns the bound address (useful with port 0) and the serving task.
pub async fn start(config: Config) -> std::io::Result<(SocketAddr, JoinHandle<()>)> {
    let listener = TcpListener::bind((config.host.as_str(), config.port)).await?;
    let addr = listener.local_addr()?;
    let app = crate::app(config);
    Ok((addr, tokio::spawn(serve(listener, app))))
}
