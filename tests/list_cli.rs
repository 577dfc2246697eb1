//! `sonote list` names each session's progress with the desk's own words: a sent report is
//! `report_sent`, as the home screen and the desk show 報告書送付済 (src/tui/tests/render.rs).

mod common;

use common::*;
use sonote::config::Config;

/// One set of state names: a sent report reads `report_sent` in `sonote list`.
#[test]
fn list_names_a_sent_report_report_sent() {
    let (_dir, store) = temp_store();
    let mut session = report_sent(&Config::embedded());
    create(&store, &mut session).unwrap();
    let listed = sonote(store.root(), &["list"]);
    let listed = String::from_utf8_lossy(&listed.stdout);
    assert!(listed.contains("\treport_sent\t"), "{listed}");
}
