//! `sonote open` in a pseudo-terminal checks the permissions of its own session's files,
//! not of every session in the data directory.

mod common;

use std::time::Duration;

use common::pty::Pty;
use common::*;
use sonote::config::Config;

/// `sonote open ID` warns when the session's own file can be read by others, and says
/// nothing of another session's file (which `sonote list` reads, and warns about).
#[cfg(unix)]
#[test]
fn open_warns_about_its_own_file_only() {
    use std::os::unix::fs::PermissionsExt;
    const WAIT: Duration = Duration::from_secs(10);
    const WARNING: &str = "他の人も読めます";
    let config = Config::embedded();
    let (_dir, store) = temp_store();
    let mut mine = new_session(&config);
    mine.patient.name = "開封 一郎".into();
    let mine_path = common::create(&store, &mut mine).unwrap();
    let mut other = new_session(&config);
    let other_path = common::create(&store, &mut other).unwrap();
    let loose = std::fs::Permissions::from_mode(0o644);
    std::fs::set_permissions(&other_path, loose.clone()).unwrap();

    let listed = sonote(store.root(), &["list"]);
    let stderr = String::from_utf8_lossy(&listed.stderr);
    assert!(
        stderr.contains(&other.id) && stderr.contains(WARNING),
        "{stderr}"
    );

    let open = |dir: &std::path::Path| {
        let mut app = Pty::sonote(dir, &["open", &mine.id], 100, 30);
        // The bottom row (the warning, else the keys) is drawn last: the whole first frame.
        let screen = app.wait_until("the first frame", WAIT, |screen| {
            // The consult tab's key hints end with the help key.
            screen.contains("開封 一郎") && (screen.contains(WARNING) || screen.contains("? キー"))
        });
        app.send("q");
        assert!(app.wait_exit(WAIT).success());
        screen
    };
    let screen = open(store.root());
    assert!(!screen.contains(WARNING), "{screen}");

    std::fs::set_permissions(&mine_path, loose).unwrap();
    let screen = open(store.root());
    assert!(
        screen.contains(&format!("データフォルダの 1 件を{WARNING}")),
        "{screen}"
    );
}
