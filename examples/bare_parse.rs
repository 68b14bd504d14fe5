//! The yardstick of the benchmarks: reads every `.toml` file of a folder and
//! parses it with `toml` into a `toml::Table`, keeping them all, as a program
//! that only parsed the contract would. Prints the time taken.
//!
//! ```sh
//! cargo run --release --example bare_parse -- OUT_DIR
//! ```

use std::process::ExitCode;
use std::time::Instant;

fn main() -> ExitCode {
    let Some(folder) = std::env::args().nth(1) else {
        eprintln!("usage: bare_parse FOLDER");
        return ExitCode::from(2);
    };
    let start = Instant::now();
    let mut paths: Vec<_> = match std::fs::read_dir(&folder) {
        Ok(entries) => entries.filter_map(Result::ok).map(|e| e.path()).collect(),
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::from(2);
        }
    };
    paths.retain(|p| p.extension().is_some_and(|e| e == "toml"));
    paths.sort();
    let mut tables = Vec::with_capacity(paths.len());
    for path in &paths {
        let text = std::fs::read_to_string(path).expect("readable UTF-8");
        let table: toml::Table = toml::from_str(&text).expect("valid TOML");
        tables.push(table);
    }
    eprintln!(
        "parsed {} files in {:.3} s",
        tables.len(),
        start.elapsed().as_secs_f64()
    );
    ExitCode::SUCCESS
}
