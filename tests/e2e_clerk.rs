//! The clerk's day end to end in a pseudo-terminal (issue 17): a session made from the desk
//! for tomorrow (the clock asks before starting it today), cancelled with a reason and then
//! deleted as a mistake; another paid before, extended, the extension withdrawn and granted
//! again, the balance collected, the receipt written, the report exported and marked sent
//! only once confirmed.

mod common;

use std::time::Duration;

use common::pty::Pty;
use common::*;
use sonote::model::payment::PaymentMethod;

const WAIT: Duration = Duration::from_secs(10);

#[test]
fn the_clerks_day_from_the_desk() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    // Paid before the consultation; this clinic charges an extension when it is granted,
    // so that the balance shows without waiting half an hour.
    let config = dir.path().join("config.toml");
    std::fs::write(
        &config,
        "[fee]\nbase = 5500\nextension = 5500\ncurrency = \"JPY\"\ntax_included = true\n\
         payment = \"before\"\nextension_charge = \"granted\"\n",
    )
    .unwrap();
    let config_arg = config.to_str().unwrap();
    let made = sonote(
        &data,
        &["--config", config_arg, "new", "--patient", "見本 花子"],
    );
    assert!(made.status.success(), "{made:?}");
    let id = String::from_utf8_lossy(&made.stdout).trim().to_string();
    let tomorrow = chrono::Local::now().date_naive() + chrono::TimeDelta::days(1);

    let env = [("SONOTE_CONFIG", config_arg)];
    let mut app = Pty::sonote_with_env(&data, &["desk"], &env, 100, 30);
    app.wait_for("見本 花子", WAIT);

    // A session for tomorrow, from the desk's n: the date field starts at today.
    app.send("n");
    app.wait_for("予定日", WAIT);
    app.send("見本 次郎");
    app.send("\t\t\t");
    app.send(&"\x7f".repeat(10));
    app.send(&tomorrow.to_string());
    app.send("\r");
    app.wait_for("見本 次郎 様", WAIT);
    app.wait_for(&tomorrow.to_string(), WAIT);
    // Space on another day's session asks first; n leaves the clock alone.
    app.send(" ");
    app.wait_for("このセッションの予定日は", WAIT);
    app.send("n");
    app.wait_gone("このセッションの予定日は", WAIT);
    app.wait_for("[開始前]", WAIT);

    // Cancelled with a reason, then deleted as a mistake.
    app.send("\x1b");
    app.wait_for("セッション一覧", WAIT);
    app.send("d");
    app.wait_for("受付・会計", WAIT);
    app.send("\x1b[C");
    app.wait_for(&format!("受付・会計 ─ {tomorrow}"), WAIT);
    app.wait_for("見本 次郎", WAIT);
    app.send("c");
    app.wait_for("中止の理由", WAIT);
    app.send("\r");
    app.wait_for("中止の理由を入力してください", WAIT);
    app.send("日程の変更");
    app.send("\r");
    app.wait_for("を中止にしました", WAIT);
    app.wait_for("中止 ", WAIT);
    app.send("D");
    app.wait_for("削除しますか", WAIT);
    app.send("y");
    app.wait_for("を削除しました", WAIT);
    app.wait_for("該当するセッションはありません", WAIT);
    let sessions = std::fs::read_dir(data.join("sessions")).unwrap();
    let left: Vec<String> = sessions
        .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|name| name.starts_with(&tomorrow.to_string()))
        .collect();
    assert!(
        left.is_empty(),
        "the mistaken session's files are gone: {left:?}"
    );

    // Today's session: paid before.
    app.send("t");
    app.wait_for("見本 花子", WAIT);
    app.send("p");
    app.wait_for("¥5,500 を受領", WAIT);
    app.send("1");
    app.wait_for("¥5,500 を現金で受領しました", WAIT);

    // The consultation: extended, withdrawn while unused, extended again, ended.
    app.send("\r");
    app.wait_for("[開始前]", WAIT);
    app.send(" ");
    app.wait_for("理由", WAIT);
    app.send("紹介状は当日持参");
    app.send("\r");
    app.wait_for("[進行中]", WAIT);
    app.send("x");
    app.wait_for("延長料金 ¥5,500 が加わります", WAIT);
    app.send("y");
    app.wait_for("料金 ¥11,000", WAIT);
    app.send("x");
    app.wait_for("取り消しますか", WAIT);
    app.send("y");
    app.wait_for("延長を取り消しました", WAIT);
    app.wait_for("料金 ¥5,500", WAIT);
    app.send("x");
    app.wait_for("延長料金 ¥5,500 が加わります", WAIT);
    app.send("y");
    app.wait_for("料金 ¥11,000", WAIT);
    app.send("e");
    app.wait_for("終了しますか", WAIT);
    app.send("y");
    app.wait_for("[終了]", WAIT);

    // Back at the desk: the balance is owed, collected, and the receipt written.
    app.send("\x1b");
    app.wait_for("セッション一覧", WAIT);
    app.send("d");
    app.wait_for("残額あり", WAIT);
    app.wait_for("未収 1件 ¥5,500", WAIT);
    app.send("p");
    app.wait_for("¥5,500 を受領", WAIT);
    app.send("2");
    app.wait_for("¥5,500 をカードで受領しました", WAIT);
    app.wait_for("未収 0件 ¥0", WAIT);
    app.send("R");
    app.wait_for("領収書を出力しました", WAIT);

    // Sent only once exported, and only once confirmed.
    app.send("s");
    app.wait_for("まだ出力されていません", WAIT);
    app.send("x");
    app.wait_for("報告書を出力しました", WAIT);
    app.send("s");
    app.wait_for("送付済みにしますか", WAIT);
    app.send("n");
    app.wait_gone("送付済みにしますか", WAIT);
    app.send("s");
    app.wait_for("送付済みにしますか", WAIT);
    app.send("y");
    app.wait_for("報告書を送付済みにしました", WAIT);
    app.send("q");
    assert!(app.wait_exit(WAIT).success());

    let path = data.join("sessions").join(format!("{id}.toml"));
    let session = sonote::store::load(&path).unwrap();
    let paid: Vec<(u64, PaymentMethod)> =
        session.payments().map(|p| (p.amount, p.method)).collect();
    assert_eq!(
        paid,
        [(5500, PaymentMethod::Cash), (5500, PaymentMethod::Card)]
    );
    assert_eq!(session.fee.total, 11000);
    assert!(session.report.sent_at.is_some());
    let receipt = data.join("exports").join(format!("{id}.receipt.docx"));
    assert!(receipt.is_file(), "{}", receipt.display());
}
