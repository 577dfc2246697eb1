//! Order statistics of timings, printed the same way by every benchmark, and the results
//! file the bench script summarises (`SONOTE_BENCH_OUT`: one JSON object a line).
#![allow(dead_code)]

use std::io::Write;
use std::time::Duration;

/// Median, tail and extremes of a set of samples, in milliseconds.
#[derive(Debug, Clone, Copy)]
pub struct Summary {
    pub n: usize,
    pub min: f64,
    pub median: f64,
    pub p90: f64,
    pub p99: f64,
    pub max: f64,
    pub mean: f64,
}

/// The sample at quantile `q` (nearest rank) of sorted `values`.
fn quantile(sorted: &[f64], q: f64) -> f64 {
    let rank = (q * sorted.len() as f64).ceil() as usize;
    sorted[rank.clamp(1, sorted.len()) - 1]
}

pub fn summarize(samples: &[Duration]) -> Summary {
    let ms: Vec<f64> = samples.iter().map(|d| d.as_secs_f64() * 1e3).collect();
    summarize_ms(&ms)
}

pub fn summarize_ms(ms: &[f64]) -> Summary {
    assert!(!ms.is_empty(), "no samples");
    let mut sorted = ms.to_vec();
    sorted.sort_by(f64::total_cmp);
    Summary {
        n: sorted.len(),
        min: sorted[0],
        median: quantile(&sorted, 0.5),
        p90: quantile(&sorted, 0.9),
        p99: quantile(&sorted, 0.99),
        max: sorted[sorted.len() - 1],
        mean: sorted.iter().sum::<f64>() / sorted.len() as f64,
    }
}

/// The median of plain numbers (used for medians of per-round ratios).
pub fn median(values: &[f64]) -> f64 {
    summarize_ms(values).median
}

pub const HEADER: &str =
    "                                        n      min   median      p90      p99      max  (ms)";

pub fn line(name: &str, s: &Summary) -> String {
    format!(
        "{name:<36} {:>5} {:>8.3} {:>8.3} {:>8.3} {:>8.3} {:>8.3}",
        s.n, s.min, s.median, s.p90, s.p99, s.max
    )
}

/// Append one result to the file named by `SONOTE_BENCH_OUT`, if set: `group`, `name`, the
/// summary in ms, and any extra fields (already JSON).
pub fn record(group: &str, name: &str, s: &Summary, extra: &[(&str, String)]) {
    let mut fields = format!(
        "\"group\":\"{group}\",\"name\":\"{name}\",\"n\":{},\"min\":{:.4},\"median\":{:.4},\
         \"p90\":{:.4},\"p99\":{:.4},\"max\":{:.4},\"mean\":{:.4}",
        s.n, s.min, s.median, s.p90, s.p99, s.max, s.mean
    );
    for (key, value) in extra {
        fields.push_str(&format!(",\"{key}\":{value}"));
    }
    record_raw(&format!("{{{fields}}}"));
}

/// Append a single value (`unit` says what it is) to the results file.
pub fn record_value(group: &str, name: &str, value: f64, unit: &str) {
    record_raw(&format!(
        "{{\"group\":\"{group}\",\"name\":\"{name}\",\"value\":{value:.4},\"unit\":\"{unit}\"}}"
    ));
}

fn record_raw(json: &str) {
    let Some(path) = std::env::var_os("SONOTE_BENCH_OUT") else {
        return;
    };
    let file = std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(&path);
    match file {
        Ok(mut file) => {
            let _ = writeln!(file, "{json}");
        }
        Err(err) => eprintln!("cannot write {}: {err}", path.to_string_lossy()),
    }
}

/// Whether `--quick` was given (fewer rounds, for a smoke run).
pub fn quick() -> bool {
    std::env::args().any(|a| a == "--quick") || std::env::var_os("SONOTE_BENCH_QUICK").is_some()
}
