//! Writes the benchmarks' large session (see `benches/support/large_session.rs`) into a data
//! directory: `cargo run --release --example large_session -- DATA_DIR [PAST]`, with PAST
//! past consultations beside it (none unless given). Prints one line, tab-separated: id,
//! file, questions, bytes of answers, bytes of notes and opinion, bytes of the file.

#[path = "../benches/support/large_session.rs"]
mod large_session;

fn main() {
    let Some(dir) = std::env::args_os().nth(1) else {
        eprintln!("usage: large_session DATA_DIR");
        std::process::exit(2);
    };
    let past: usize = match std::env::args().nth(2).map(|n| n.parse()) {
        None => 0,
        Some(Ok(n)) => n,
        Some(Err(_)) => {
            eprintln!("PAST is a number of sessions");
            std::process::exit(2);
        }
    };
    let (_store, path, session) = large_session::write(std::path::Path::new(&dir));
    large_session::write_past(std::path::Path::new(&dir), past);
    let (answers, notes) = large_session::typed_bytes(&session);
    let size = std::fs::metadata(&path).map(|m| m.len()).unwrap_or(0);
    println!(
        "{}\t{}\t{}\t{answers}\t{notes}\t{size}",
        session.id,
        path.display(),
        session.questions.len()
    );
}
