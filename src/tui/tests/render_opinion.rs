//! What the opinion tab looks like, drawn into ratatui's TestBackend and kept as insta
//! snapshots.

use super::common;

use common::*;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use sonote::config::{Config, Lang};
use sonote::model::opinion::{
    DiagnosisView, DrugClass, Ecog, Opinion, PlanAgreement, Recommendation, TreatmentKind,
};
use sonote::model::{Session, Timestamp};
use sonote::tui::app::App;
use sonote::tui::session_view::Tab;
use sonote::tui::theme::Theme;
use sonote::tui::view;

fn draw(app: &mut App, width: u16, height: u16, now: Timestamp) -> Terminal<TestBackend> {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    terminal.draw(|frame| view::draw(frame, app, now)).unwrap();
    terminal
}

fn press(app: &mut App, code: KeyCode) {
    app.on_key(KeyEvent::new(code, KeyModifiers::NONE), at(1, 0));
}

/// An opinion as a specialist might leave it mid-consultation: most of it written, the
/// radiation card and the summary not yet.
fn japanese_opinion() -> Opinion {
    let mut opinion = Opinion {
        referral_diagnosis: "右肺上葉腺癌（EGFR遺伝子変異陽性）".into(),
        referral_stage: "cStage IIIA（cT2aN2M0）".into(),
        diagnosis_view: Some(DiagnosisView::Agrees),
        performance_status: Ecog::new(1),
        patient_wishes: "できるだけ仕事を続けたい。手術には不安がある。".into(),
        plan_agreement: Some(PlanAgreement::PartlyDiffers),
        plan_differences: "化学放射線療法の後にデュルバルマブ維持療法を検討する余地がある。".into(),
        suggestions: "脳MRIによる転移の確認を検討されたい。".into(),
        ..Opinion::default()
    };
    opinion.set_recommendation(TreatmentKind::Surgery, Recommendation::Consider);
    let surgery = opinion.treatment_mut(TreatmentKind::Surgery);
    surgery.reasoning = "N2のため導入療法後の切除は選択肢になるが、根治性は限られる。".into();
    surgery.risks = "術後の呼吸機能低下。".into();
    opinion.set_recommendation(TreatmentKind::DrugTherapy, Recommendation::Recommended);
    opinion.toggle_drug_class(DrugClass::Chemotherapy);
    opinion.toggle_drug_class(DrugClass::TargetedTherapy);
    let drugs = opinion.treatment_mut(TreatmentKind::DrugTherapy);
    drugs.reasoning = "EGFR変異陽性であり、分子標的薬を含む治療が標準。".into();
    drugs.benefit = "奏効率が高く、仕事との両立もしやすい。".into();
    drugs.risks = "皮疹、下痢、間質性肺炎（まれに重篤）。".into();
    drugs.reference = "肺癌診療ガイドライン 2024年版".into();
    opinion.set_recommendation(TreatmentKind::PalliativeCare, Recommendation::Recommended);
    opinion.treatment_mut(TreatmentKind::PalliativeCare).note = "治療と並行して早期から。".into();
    opinion
}

fn opinion_app(lang: Lang, opinion: Opinion) -> (tempfile::TempDir, App) {
    let mut config = Config::embedded();
    config.ui.language = lang;
    let (dir, store) = temp_store();
    let mut session: Session = new_session(&config);
    session.toggle_clock(at(0, 0)).unwrap();
    session.opinion = opinion;
    let path = common::create(&store, &mut session).unwrap();
    let mut app = App::new(config, store, Theme { color: true }, today());
    app.open_session(&path, at(0, 0)).unwrap();
    let index = Tab::ALL.iter().position(|t| *t == Tab::Opinion).unwrap();
    press(&mut app, KeyCode::F(index as u8 + 1));
    (dir, app)
}

#[test]
fn opinion_screen_80x24_japanese_on_the_drug_card() {
    let (_dir, mut app) = opinion_app(Lang::Ja, japanese_opinion());
    press(&mut app, KeyCode::Tab);
    press(&mut app, KeyCode::Tab);
    let terminal = draw(&mut app, 80, 24, at(12, 34));
    insta::assert_snapshot!(terminal.backend());
}

#[test]
fn opinion_screen_80x24_japanese_performance_status_lists_every_grade() {
    let (_dir, mut app) = opinion_app(Lang::Ja, japanese_opinion());
    for _ in 0..4 {
        press(&mut app, KeyCode::Down);
    }
    let terminal = draw(&mut app, 80, 24, at(12, 34));
    insta::assert_snapshot!(terminal.backend());
}

#[test]
fn opinion_screen_200x50_japanese() {
    let (_dir, mut app) = opinion_app(Lang::Ja, japanese_opinion());
    press(&mut app, KeyCode::Tab);
    press(&mut app, KeyCode::Tab);
    press(&mut app, KeyCode::Down);
    let terminal = draw(&mut app, 200, 50, at(21, 5));
    insta::assert_snapshot!(terminal.backend());
}

#[test]
fn opinion_screen_80x24_english_empty() {
    let (_dir, mut app) = opinion_app(Lang::En, Opinion::default());
    let terminal = draw(&mut app, 80, 24, at(3, 0));
    insta::assert_snapshot!(terminal.backend());
}

#[test]
fn editing_the_summary_puts_the_cursor_at_the_caret() {
    let (_dir, mut app) = opinion_app(Lang::Ja, japanese_opinion());
    press(&mut app, KeyCode::End);
    press(&mut app, KeyCode::Up);
    press(&mut app, KeyCode::Up);
    press(&mut app, KeyCode::Enter);
    for c in "標準治療に沿う。".chars() {
        press(&mut app, KeyCode::Char(c));
    }
    let mut terminal = draw(&mut app, 80, 24, at(20, 0));
    // The value column starts at 1 (marker) + 14 (widest label) + 1 = 16; eight wide
    // characters later the caret is at column 32.
    let position = terminal.get_cursor_position().unwrap();
    assert_eq!(position.x, 32);
    let row: String = (0..80)
        .map(|x| {
            terminal.backend().buffer()[(x, position.y)]
                .symbol()
                .to_string()
        })
        .collect();
    assert!(
        row.starts_with(">総"),
        "the caret is on the summary row: {row}"
    );
    insta::assert_snapshot!(terminal.backend());
}

#[test]
fn help_on_the_opinion_tab_lists_its_keys_and_fits_80x24() {
    let (_dir, mut app) = opinion_app(Lang::Ja, japanese_opinion());
    press(&mut app, KeyCode::Char('?'));
    let terminal = draw(&mut app, 80, 24, at(1, 0));
    insta::assert_snapshot!(terminal.backend());
}

#[test]
fn the_opinion_tab_draws_at_every_size_also_while_editing() {
    let (_dir, mut app) = opinion_app(Lang::Ja, japanese_opinion());
    let sizes = [
        (1, 1),
        (20, 5),
        (40, 10),
        (80, 24),
        (119, 30),
        (120, 30),
        (179, 40),
        (180, 40),
        (300, 100),
    ];
    for (width, height) in sizes {
        draw(&mut app, width, height, at(3, 0));
        press(&mut app, KeyCode::Tab);
        press(&mut app, KeyCode::Enter);
        press(&mut app, KeyCode::Char('字'));
        draw(&mut app, width, height, at(3, 0));
        press(&mut app, KeyCode::Esc);
        press(&mut app, KeyCode::Down);
        draw(&mut app, width, height, at(3, 0));
    }
}
