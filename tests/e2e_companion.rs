//! Two terminals on one session, end to end: the real binary twice, in pseudo-terminals,
//! on one data directory. The companion writes an answer while the specialist rewords
//! another question at the same moment; afterwards both screens and both files hold both
//! edits. Also measures how long an edit takes to reach the other screen.

mod common;

use common::sonote;

use std::path::Path;
use std::time::{Duration, Instant};

use common::pty::{Pty, keys};
use sonote::model::Priority;
use sonote::store;

/// The longest any single wait may take.
const WAIT: Duration = Duration::from_secs(10);

fn open(dir: &Path, data: &Path, id: &str, role: &str) -> Pty {
    let home = dir.to_string_lossy();
    Pty::sonote_with_env(
        data,
        &["open", id, "--role", role],
        &[("HOME", &home), ("LANG", "C.UTF-8")],
        80,
        24,
    )
}

/// The middle of a few measurements.
fn median(mut times: Vec<Duration>) -> Duration {
    times.sort();
    times[times.len() / 2]
}

#[test]
fn both_terminals_keep_both_edits_typed_at_the_same_moment() -> Result<(), String> {
    let dir = tempfile::tempdir().map_err(|e| e.to_string())?;
    let data = dir.path().join("data");
    // With the referral letter received, so the clock starts without a reason asked.
    let intake = dir.path().join("intake.toml");
    let today = chrono::Local::now().date_naive();
    std::fs::write(
        &intake,
        format!("[patient]\nname = \"試験 太郎\"\n[referral]\nreceived = true\n[appointment]\ndate = {today}\n"),
    )
    .map_err(|e| e.to_string())?;
    let created = sonote(&data, &["new", "--intake", &intake.to_string_lossy()]);
    assert!(created.status.success(), "{created:?}");
    let id = String::from_utf8_lossy(&created.stdout).trim().to_string();
    let list = dir.path().join("questions.txt");
    std::fs::write(
        &list,
        "# 家族で書き出した質問\n手術以外の治療法はありますか。\n副作用で仕事を続けられなくなることはありますか。\n",
    )
    .map_err(|e| e.to_string())?;
    let imported = sonote(
        &data,
        &["questions", "import", &id, &list.to_string_lossy()],
    );
    assert!(imported.status.success(), "{imported:?}");

    let mut specialist = open(dir.path(), &data, &id, "specialist");
    let mut companion = open(dir.path(), &data, &id, "companion");
    specialist.wait_for("F2 質問", WAIT);
    companion.wait_for("同行者の端末", WAIT);
    specialist.send(keys::f(2));
    specialist.wait_for("未回答 2問", WAIT);
    companion.wait_for("未回答 2問", WAIT);

    // The clock is the specialist's: it starts there and shows on the companion's screen;
    // the companion's Space only says where the clock is run.
    specialist.send(" ");
    specialist.wait_for("[進行中]", WAIT);
    companion.wait_for("[進行中]", WAIT);
    companion.send(" ");
    companion.wait_for("時計は担当医の端末で操作します", WAIT);

    // The specialist rewords Q1 while the companion writes the answer to Q2.
    specialist.send("t");
    specialist.wait_for("質問の文面を直す", WAIT);
    companion.send(keys::DOWN);
    companion.wait_for("Q2 ·", WAIT);
    companion.send(keys::ENTER);
    companion.wait_for("記入中", WAIT);
    let answer = "通院しながら仕事を続けられます";
    let addition = "（薬物療法も含めて）";
    let mut answer_chars = answer.chars();
    let mut addition_chars = addition.chars();
    loop {
        let (a, b) = (answer_chars.next(), addition_chars.next());
        if a.is_none() && b.is_none() {
            break;
        }
        if let Some(c) = a {
            companion.send(&c.to_string());
        }
        if let Some(c) = b {
            specialist.send(&c.to_string());
        }
    }
    specialist.send(keys::ENTER);
    let reworded = format!("手術以外の治療法はありますか。{addition}");
    specialist.wait_for(&reworded, WAIT);
    companion.wait_for(answer, WAIT);

    // Each screen shows the other's edit as well as its own.
    companion.wait_for(&reworded, WAIT);
    specialist.send(keys::DOWN);
    specialist.wait_for("同行者の端末の記録", WAIT);
    specialist.wait_for(answer, WAIT);

    // How long an edit takes to reach the other screen, each way.
    let mut to_specialist = Vec::new();
    let mut to_companion = Vec::new();
    let mut typed = answer.to_string();
    for (round, mark) in ["、", "ただし", "。"].iter().enumerate() {
        typed.push_str(mark);
        let start = Instant::now();
        companion.send(mark);
        specialist.wait_for(&typed, WAIT);
        to_specialist.push(start.elapsed());
        // p steps the priority of the selected Q2: normal → high → low → normal.
        let shown = ["優先度 高", "優先度 低", "優先度 高"][round];
        let presses = if round == 2 { "pp" } else { "p" };
        let start = Instant::now();
        specialist.send(presses);
        companion.wait_for(shown, WAIT);
        to_companion.push(start.elapsed());
    }
    let (up, down) = (median(to_specialist.clone()), median(to_companion.clone()));
    eprintln!(
        "edit to the other screen: companion → specialist {:?} (median {} ms), \
         specialist → companion {:?} (median {} ms)",
        to_specialist,
        up.as_millis(),
        to_companion,
        down.as_millis()
    );
    assert!(
        up < Duration::from_secs(1),
        "companion → specialist took {up:?}"
    );
    assert!(
        down < Duration::from_secs(1),
        "specialist → companion took {down:?}"
    );

    // Both quit cleanly (the companion first stops writing).
    companion.send(keys::ESC);
    companion.wait_gone("記入中", WAIT);
    companion.send("q");
    specialist.send("q");
    assert!(companion.wait_exit(WAIT).success());
    assert!(specialist.wait_exit(WAIT).success());

    // On disk: the session file holds both edits; the part file holds only the
    // companion's; loading merges them.
    let path = data.join("sessions").join(format!("{id}.toml"));
    let main = store::load_main(&path).map_err(|e| e.to_string())?;
    let full_answer = format!("{answer}、ただし。");
    assert_eq!(main.questions[0].text, reworded);
    assert_eq!(main.questions[1].companion_answer, full_answer);
    assert_eq!(main.questions[1].priority, Priority::High);
    assert_eq!(main.state(), sonote::model::ClockState::Running);
    let part = store::load_part(&store::part_path(&path), &id)
        .map_err(|e| e.to_string())?
        .ok_or("no part file")?;
    assert_eq!(
        part.answer(&main.questions[1].id),
        Some(full_answer.as_str())
    );
    assert!(part.added.is_empty());
    let merged = store::load(&path).map_err(|e| e.to_string())?;
    assert_eq!(merged, main);
    Ok(())
}
