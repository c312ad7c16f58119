//! The `diplograph` binary: everything, from parsing the arguments to the exit code, is
//! [`diplograph::cli::main`].

fn main() {
    std::process::exit(diplograph::cli::main());
}
