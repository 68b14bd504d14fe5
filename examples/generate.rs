//! Writes a valid synthetic contract of any size, for benchmarks and fuzzing.
//!
//! ```sh
//! cargo run --release --example generate -- --actions 100000 OUT_DIR
//! ```
//!
//! The contract's shape is described in `contrat::synth`.

use std::path::PathBuf;
use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (actions, out) = match args.as_slice() {
        [flag, n, out] if flag == "--actions" => match n.replace('_', "").parse::<u64>() {
            Ok(n) => (n, PathBuf::from(out)),
            Err(_) => return usage(),
        },
        _ => return usage(),
    };
    match contrat::synth::write(actions, &out) {
        Ok((paths, bytes)) => {
            eprintln!(
                "wrote {actions} actions in {} files ({:.1} MB) to {}",
                paths.len(),
                bytes as f64 / 1e6,
                out.display()
            );
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("error: cannot write to `{}`: {e}", out.display());
            ExitCode::from(2)
        }
    }
}

fn usage() -> ExitCode {
    eprintln!("usage: generate --actions N OUT_DIR");
    ExitCode::from(2)
}
