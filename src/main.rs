//! The `sonote` binary: parse the command line and hand over to the library.

use clap::Parser;

fn main() -> std::process::ExitCode {
    sonote::cli::run(sonote::cli::Cli::parse())
}
