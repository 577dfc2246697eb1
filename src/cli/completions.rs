//! Shell completions and the manual page, generated from the clap definitions so that they
//! never drift from the options sonote really takes.

use std::io::Write;

use clap::CommandFactory;

use super::{Cli, Failure};

/// The completion script for `shell`, on standard output.
pub(super) fn print(shell: clap_complete::Shell) -> Result<(), Failure> {
    let mut command = Cli::command();
    let mut out = Vec::new();
    clap_complete::generate(shell, &mut command, "sonote", &mut out);
    write_out(&out)
}

/// The manual page (roff, section 1), on standard output.
pub(super) fn man() -> Result<(), Failure> {
    let mut out = Vec::new();
    clap_mangen::Man::new(Cli::command())
        .render(&mut out)
        .map_err(|err| Failure::new(format!("cannot write the manual page: {err}")))?;
    write_out(&out)
}

fn write_out(bytes: &[u8]) -> Result<(), Failure> {
    let mut stdout = std::io::stdout().lock();
    match stdout.write_all(bytes).and_then(|()| stdout.flush()) {
        Ok(()) => Ok(()),
        // `sonote man | head` closes the pipe early: not a failure.
        Err(err) if err.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        Err(err) => Err(Failure::new(format!(
            "cannot write to standard output: {err}"
        ))),
    }
}
