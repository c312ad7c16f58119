//! The network commands' command line: `serve`, `push`, and `query --endpoint`'s flags.
//!
//! Kept apart from [`crate::cli`] so that the commands that open sockets read as one piece;
//! like `cli`, it only resolves flags into plain values and calls the library
//! ([`crate::net::serve`], [`crate::net::remote`]). It must not hold server or HTTP logic itself.

use crate::cli::Fatal;
use crate::net::remote::{self, PushOptions, Remote};
use crate::net::serve::{self, Source};
use crate::store::DiploStore;
use clap::Args;
use std::io::Write;
use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::Duration;

#[derive(Args, Debug)]
pub struct ServeArgs {
    /// Address to listen on (port 0 picks a free port; the address is printed)
    #[arg(long, default_value = "127.0.0.1:7878", value_name = "ADDR")]
    pub bind: String,
    /// Accept SPARQL updates at /update (the server becomes the store's one writer); needs a
    /// secret that clients send as `Authorization: Bearer SECRET`
    #[arg(long)]
    pub allow_updates: bool,
    /// A file holding the update secret (or set DIPLOGRAPH_UPDATE_TOKEN); at least 16
    /// characters
    #[arg(long, value_name = "FILE")]
    pub update_token_file: Option<std::path::PathBuf>,
    /// Stop each query after this many seconds (answered with 503)
    #[arg(long, default_value_t = 30.0, value_name = "SECS")]
    pub timeout: f64,
    /// Refuse results with more rows (or triples) than this (answered with 413)
    #[arg(long, default_value_t = 100_000, value_name = "N")]
    pub max_results: usize,
    /// Requests answered at once
    #[arg(long, default_value_t = 8, value_name = "N")]
    pub workers: usize,
    /// The viewer (`GET /`) draws at most this many nodes without a focus; a bigger store
    /// gets a page that asks for one (as `export --max-nodes`)
    #[arg(long, default_value_t = 400, value_name = "N")]
    pub max_nodes: usize,
    /// Refuse (503), before it runs, a query whose parts that share no variable multiply
    /// past this many rows: such cross products are built in memory and the time limit
    /// cannot stop them
    #[arg(long, default_value_t = 10_000_000, value_name = "ROWS")]
    pub max_work: u64,
    /// Memory one query (or viewer page) may allocate beyond what the server holds, in MiB;
    /// past it the query is stopped and answered 503 (Linux, stores held in memory)
    #[arg(long, default_value_t = 1024, value_name = "MIB")]
    pub max_memory: u64,
}

#[derive(Args, Debug)]
pub struct PushArgs {
    /// SPARQL endpoint of the remote store (queries and updates)
    #[arg(long, value_name = "URL")]
    pub endpoint: String,
    /// Graph Store Protocol URL of the remote store (graphs are PUT to URL?graph=IRI)
    #[arg(long, value_name = "URL")]
    pub graph_store: Option<String>,
    #[command(flatten)]
    pub auth: AuthArgs,
    /// Triples per INSERT DATA request when pushing through SPARQL update
    #[arg(long, default_value_t = 5000, value_name = "N")]
    pub batch: usize,
    /// Push every graph, even those the state file says are there unchanged
    #[arg(long)]
    pub force: bool,
    /// Stop after pushing this many graphs (for testing resumption)
    #[arg(long, hide = true, value_name = "N")]
    pub max_graphs: Option<usize>,
}

#[derive(Args, Debug, Default)]
pub struct AuthArgs {
    /// User name for HTTP basic authentication
    #[arg(long, value_name = "U")]
    pub user: Option<String>,
    /// Password for HTTP basic authentication (or set DIPLOGRAPH_PASSWORD, which keeps it
    /// out of the process list)
    #[arg(long, value_name = "P")]
    pub password: Option<String>,
}

/// `query --endpoint`: run the query on a remote SPARQL endpoint instead of the store.
#[derive(Args, Debug, Default)]
pub struct EndpointArgs {
    /// Run the query on this remote SPARQL endpoint instead of the local store
    #[arg(long, value_name = "URL")]
    pub endpoint: Option<String>,
    #[command(flatten)]
    pub auth: AuthArgs,
}

pub fn serve(dir: &Path, memory: bool, args: ServeArgs) -> Result<i32, Fatal> {
    if !(args.timeout.is_finite() && args.timeout > 0.0) {
        return Err(Fatal::msg(format!(
            "--timeout {} must be a positive number of seconds",
            args.timeout
        )));
    }
    let update_token = match &args.update_token_file {
        Some(f) => Some(
            std::fs::read_to_string(f)
                .map_err(|e| Fatal::msg(format!("--update-token-file {}: {e}", f.display())))?
                .trim()
                .to_string(),
        ),
        None => std::env::var("DIPLOGRAPH_UPDATE_TOKEN").ok(),
    };
    let opts = serve::Options {
        bind: args.bind,
        allow_updates: args.allow_updates,
        update_token: update_token.filter(|_| args.allow_updates),
        timeout: Duration::from_secs_f64(args.timeout),
        max_results: args.max_results,
        workers: args.workers.clamp(1, 256),
        max_nodes: args.max_nodes,
        max_work: args.max_work,
        max_memory: args.max_memory.max(16).saturating_mul(1 << 20),
        ..serve::Options::default()
    };
    let stop = Arc::new(AtomicBool::new(false));
    {
        let stop = stop.clone();
        // ctrlc (with its `termination` feature) turns SIGINT and SIGTERM into a flag that
        // the workers poll; they finish the request in hand and the process exits 0.
        ctrlc::set_handler(move || stop.store(true, Ordering::SeqCst))
            .map_err(|e| Fatal::msg(format!("cannot install the signal handler: {e}")))?;
    }
    let source = if memory {
        Source::Memory
    } else {
        Source::Dir(dir.to_path_buf())
    };
    let mode = if opts.allow_updates {
        "updates allowed"
    } else {
        "read-only"
    };
    let (timeout, max) = (opts.timeout.as_secs_f64(), opts.max_results);
    serve::run(source, opts, stop, |addr| {
        let mut out = std::io::stdout();
        let _ = writeln!(out, "listening on http://{addr}/");
        let _ = out.flush();
        eprintln!(
            "diplograph serve: {} ({mode}, {timeout} s per query, at most {max} results); SPARQL at http://{addr}/query; Ctrl-C stops",
            if memory { "memory store".to_string() } else { dir.display().to_string() }
        );
    })?;
    eprintln!("diplograph serve: stopped");
    Ok(0)
}

fn auth(a: &AuthArgs) -> (Option<String>, Option<String>) {
    let password = a
        .password
        .clone()
        .or_else(|| std::env::var("DIPLOGRAPH_PASSWORD").ok());
    (a.user.clone(), password.filter(|_| a.user.is_some()))
}

pub fn push(store: &DiploStore, args: PushArgs) -> Result<i32, Fatal> {
    let (user, password) = auth(&args.auth);
    let remote = Remote {
        endpoint: args.endpoint,
        graph_store: args.graph_store,
        user,
        password,
        timeout: None,
    };
    let opts = PushOptions {
        batch: args.batch,
        max_graphs: args.max_graphs,
        force: args.force,
    };
    let mut err = std::io::stderr();
    let r = remote::push(&store.store, store.dir(), &remote, &opts, &mut err)?;
    let rate = if r.seconds > 0.0 {
        r.triples as f64 / r.seconds
    } else {
        0.0
    };
    let mut out = std::io::stdout();
    writeln!(
        out,
        "pushed {} graphs ({} triples) by {} in {:.2} s ({:.0} triples/s); {} unchanged, {} dropped{}",
        r.pushed,
        r.triples,
        r.method,
        r.seconds,
        rate,
        r.unchanged,
        r.dropped,
        if r.stopped_early {
            "; stopped early (--max-graphs): run again to finish"
        } else {
            ""
        }
    )?;
    Ok(if r.stopped_early { 3 } else { 0 })
}

/// The remote for `query --endpoint`, if one was given.
pub fn endpoint(args: &EndpointArgs, timeout: f64) -> Option<Remote> {
    let (user, password) = auth(&args.auth);
    args.endpoint.as_ref().map(|e| Remote {
        endpoint: e.clone(),
        graph_store: None,
        user,
        password,
        timeout: Some(Duration::from_secs_f64(timeout.max(1.0))),
    })
}
