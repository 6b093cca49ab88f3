//! Where reports go: standard output, or a file written atomically (a temporary file in the
//! same folder, synced, then renamed over the destination), so a failed run never leaves a
//! half-written report and never damages an earlier one.

use std::io::Write;
use std::path::{Path, PathBuf};

use tempfile::NamedTempFile;

use crate::diagnostic::{Diagnostic, codes};

/// A report file being written. Nothing appears at the destination until [`Pending::commit`];
/// dropping it removes the temporary file.
pub struct Pending {
    temp: NamedTempFile,
    dest: PathBuf,
}

impl Pending {
    /// Starts writing `dest`, refusing when it is one of `inputs` (compared after resolving links).
    pub fn create(dest: &Path, inputs: &[PathBuf]) -> Result<Pending, Diagnostic> {
        refuse_input(dest, inputs)?;
        let dir = match dest.parent() {
            Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
            _ => PathBuf::from("."),
        };
        let temp = tempfile::Builder::new()
            .prefix(".readiness-")
            .suffix(".tmp")
            .tempfile_in(&dir)
            .map_err(|e| write_failed(dest, &e))?;
        Ok(Pending {
            temp,
            dest: dest.to_path_buf(),
        })
    }

    pub fn write_all(&mut self, bytes: &[u8]) -> Result<(), Diagnostic> {
        self.temp
            .write_all(bytes)
            .map_err(|e| write_failed(&self.dest, &e))
    }

    /// Syncs and renames the file into place.
    pub fn commit(self) -> Result<(), Diagnostic> {
        let dest = self.dest;
        self.temp
            .as_file()
            .sync_all()
            .map_err(|e| write_failed(&dest, &e))?;
        self.temp
            .persist(&dest)
            .map_err(|e| write_failed(&dest, &e.error))?;
        Ok(())
    }
}

/// Writes `bytes` to `dest` atomically.
pub fn write_atomic(dest: &Path, bytes: &[u8], inputs: &[PathBuf]) -> Result<(), Diagnostic> {
    let mut p = Pending::create(dest, inputs)?;
    p.write_all(bytes)?;
    p.commit()
}

fn refuse_input(dest: &Path, inputs: &[PathBuf]) -> Result<(), Diagnostic> {
    let Ok(dest_real) = dest.canonicalize() else {
        return Ok(());
    };
    if inputs
        .iter()
        .any(|i| i.canonicalize().is_ok_and(|r| r == dest_real))
    {
        return Err(Diagnostic::error(
            codes::OUTPUT_IS_INPUT,
            format!(
                "refusing to write the report over {}, one of this run's input files",
                dest.display()
            ),
        )
        .help("choose another --output path"));
    }
    Ok(())
}

fn write_failed(dest: &Path, e: &std::io::Error) -> Diagnostic {
    Diagnostic::error(
        codes::WRITE_FAILED,
        format!("cannot write {}: {e}", dest.display()),
    )
    .help("check that the folder exists and is writable; any earlier report there is untouched")
}
