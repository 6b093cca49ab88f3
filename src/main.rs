//! The `readiness` binary: parse arguments, run, exit with the status the run chose.

use std::io::IsTerminal;
use std::process::ExitCode;

use clap::Parser;
use readiness::app::{self, Io};
use readiness::cli::Cli;
use readiness::render::Style;

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let _ = e.print();
            return ExitCode::from(if e.use_stderr() {
                app::FAILURE
            } else {
                app::SUCCESS
            });
        }
    };
    let stdout = std::io::stdout();
    let stderr = std::io::stderr();
    let stdout_style = Style {
        color: anstream::AutoStream::choice(&stdout) != anstream::ColorChoice::Never,
        width: if stdout.is_terminal() {
            comfy_width()
        } else {
            None
        },
    };
    let stderr_color = anstream::AutoStream::choice(&stderr) != anstream::ColorChoice::Never;
    let progress = stderr.is_terminal();
    let mut out = stdout.lock();
    let mut err = stderr.lock();
    let mut io = Io {
        stdout: &mut out,
        stderr: &mut err,
        stdout_style,
        stderr_color,
        progress,
    };
    ExitCode::from(app::run(cli, &mut io))
}

/// The terminal's width, for tables that wrap to fit.
fn comfy_width() -> Option<u16> {
    let t = comfy_table::Table::new();
    t.width()
}
