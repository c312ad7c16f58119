//! The `diplograph` binary: parse, run, map the outcome to an exit code.

use clap::Parser;

fn main() {
    let cli = diplograph::cli::Cli::parse();
    let code = match diplograph::cli::run(cli) {
        Ok(code) => code,
        Err(e) if e.0.contains("Broken pipe") => 0,
        Err(e) => {
            eprintln!("diplograph: {}", e.0);
            2
        }
    };
    std::process::exit(code);
}
