//! `jifeline-mock` command: parses flags, binds, prints the listening line, serves.

use std::io::Write;

use jifeline_mock::{app, serve, Command, Config};

fn main() {
    let config = match Config::from_args(std::env::args().skip(1)) {
        Ok(Command::Run(c)) => c,
        Ok(Command::Help) => {
            print!("{}", jifeline_mock::config::USAGE);
            return;
        }
        Err(e) => {
            eprintln!("jifeline-mock: {e}");
            std::process::exit(2);
        }
    };
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
    {
        Ok(r) => r,
        Err(e) => {
            eprintln!("jifeline-mock: cannot start the runtime: {e}");
            std::process::exit(1);
        }
    };
    runtime.block_on(async move {
        let listener = match tokio::net::TcpListener::bind((config.host.as_str(), config.port)).await {
            Ok(l) => l,
            Err(e) => {
                eprintln!("jifeline-mock: cannot bind {}:{}: {e}", config.host, config.port);
                std::process::exit(1);
            }
        };
        let addr = match listener.local_addr() {
            Ok(a) => a,
            Err(e) => {
                eprintln!("jifeline-mock: {e}");
                std::process::exit(1);
            }
        };
        let router = app(config);
        let mut out = std::io::stdout().lock();
        let _ = writeln!(out, "jifeline-mock listening on http://{addr}");
        let _ = out.flush();
        drop(out);
        tokio::select! {
            _ = serve(listener, router) => {}
            _ = tokio::signal::ctrl_c() => {}
        }
    });
}
