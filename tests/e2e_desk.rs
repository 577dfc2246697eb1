//! End to end at the clerk's desk, the real binary in a pseudo-terminal: an intake file
//! becomes a session, shows on the desk, gets paid.

mod common;

use std::time::Duration;

use common::pty::Pty;
use sonote::model::payment::PaymentMethod;

#[test]
fn from_an_intake_file_to_the_desk_to_paid() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let intake = dir.path().join("intake.toml");
    let today = chrono::Local::now().date_naive();
    let text = include_str!("../templates/intake.example.toml")
        .replace("date = 2026-11-21", &format!("date = {today}"));
    std::fs::write(&intake, text).unwrap();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_sonote"))
        .arg("--data-dir")
        .arg(&data)
        .arg("new")
        .arg("--intake")
        .arg(&intake)
        .env_remove("SONOTE_CONFIG")
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let id = String::from_utf8_lossy(&out.stdout).trim().to_string();

    let wait = Duration::from_secs(10);
    let mut app = Pty::sonote(&data, &["desk"], 100, 24);
    app.wait_for("見本 花子", wait);
    app.wait_for("予約", wait);
    // The consultation happens.
    app.send("\r");
    app.wait_for("開始前", wait);
    app.send(" ");
    app.wait_for("進行中", wait);
    app.send("e");
    app.wait_for("終了しますか", wait);
    app.send("y");
    app.wait_for("[終了]", wait);
    app.send("\x1b");
    app.wait_for("セッション一覧", wait);
    app.send("d");
    app.wait_for("未収", wait);
    app.send("p");
    app.wait_for("1 現金", wait);
    app.send("1");
    app.wait_for("現金で受領しました", wait);
    app.send("q");
    assert!(app.wait_exit(wait).success());

    let session = sonote::store::load(&data.join("sessions").join(format!("{id}.toml"))).unwrap();
    let payment = session.payment.expect("paid");
    assert_eq!(payment.method, PaymentMethod::Cash);
    assert_eq!(payment.amount, 5500);
}
