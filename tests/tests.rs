//! Integration tests: the `diplograph` binary end to end, on the sample documents and on
//! inputs made in the test. One test binary (see `autotests = false` in Cargo.toml).

mod bench_smoke;
mod common;
mod core;
mod crash;
mod events;
mod export;
mod hostile;
mod jobs;
mod linking;
mod props;
mod queries;
mod roundtrip;
mod serve;
mod statements;
