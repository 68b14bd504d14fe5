//! Load + check, coverage and gaps at growing sizes, each beside the time to
//! merely parse the same files with `toml` into `toml::Table`s: the ratios are
//! what BENCHMARKS.md reports.
//!
//! ```sh
//! cargo bench --bench scale                      # 1 000, 10 000, 100 000 actions
//! CONTRAT_BENCH_MILLION=1 cargo bench --bench scale   # and 1 000 000
//! ```

use std::path::{Path, PathBuf};
use std::time::Duration;

use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};

use contrat::analysis::{self, Dimension, FilterSpec};
use contrat::check::{self, Options, Summary};
use contrat::load;

/// Generated once per size and kept in `target/bench-data/N`.
fn data(actions: u64) -> PathBuf {
    let folder = Path::new(env!("CARGO_MANIFEST_DIR")).join(format!("target/bench-data/{actions}"));
    if !folder.join("contrat.toml").exists() {
        contrat::synth::write(actions, &folder).expect("write synthetic contract");
    }
    folder
}

/// The yardstick: read each file and parse it into a `toml::Table`, keeping
/// them all.
fn bare_parse(folder: &Path) -> Vec<toml::Table> {
    let mut paths: Vec<PathBuf> = std::fs::read_dir(folder)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "toml"))
        .collect();
    paths.sort();
    paths
        .iter()
        .map(|p| toml::from_str(&std::fs::read_to_string(p).unwrap()).unwrap())
        .collect()
}

/// What `contrat check` does on a clean contract, but printing.
fn check(folder: &Path) -> load::Loaded {
    let mut loaded = load::load(folder).unwrap();
    check::run(&mut loaded, Options::default());
    assert!(!loaded.diagnostics.has_errors());
    std::hint::black_box(Summary::of(&loaded));
    loaded
}

fn sizes() -> Vec<u64> {
    let mut sizes = vec![1_000, 10_000, 100_000];
    if std::env::var_os("CONTRAT_BENCH_MILLION").is_some() {
        sizes.push(1_000_000);
    }
    sizes
}

fn scale(c: &mut Criterion) {
    for actions in sizes() {
        let folder = data(actions);
        let mut group = c.benchmark_group(format!("{actions}"));
        if actions >= 100_000 {
            group
                .sample_size(10)
                .measurement_time(Duration::from_secs(20));
        }
        group.bench_function(BenchmarkId::from_parameter("bare_parse"), |b| {
            b.iter(|| bare_parse(&folder))
        });
        group.bench_function(BenchmarkId::from_parameter("check"), |b| {
            b.iter(|| check(&folder))
        });
        group.bench_function(BenchmarkId::from_parameter("coverage"), |b| {
            b.iter(|| {
                let loaded = check(&folder);
                let filter = FilterSpec::default().resolve(&loaded.contract).unwrap();
                analysis::coverage(&loaded.contract, &filter, Dimension::Level(2), false)
            })
        });
        group.bench_function(BenchmarkId::from_parameter("gaps"), |b| {
            b.iter(|| {
                let loaded = check(&folder);
                let filter = FilterSpec::default().resolve(&loaded.contract).unwrap();
                analysis::gaps(&loaded.contract, &filter)
            })
        });
        group.finish();
    }
}

criterion_group!(benches, scale);
criterion_main!(benches);
