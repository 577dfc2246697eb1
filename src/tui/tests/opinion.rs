//! The structured opinion: the model and its file format, and the opinion tab driven by
//! keys with injected time, as a specialist would use it during a consultation.

use super::common;

use common::*;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use sonote::config::Config;
use sonote::model::opinion::{
    DiagnosisView, DrugClass, Ecog, Gap, Opinion, PlanAgreement, Recommendation, TreatmentKind,
    TreatmentText,
};
use sonote::model::{Session, Timestamp};
use sonote::store;
use sonote::tui::app::App;
use sonote::tui::screens::opinion::Field;
use sonote::tui::session_view::Tab;
use sonote::tui::theme::Theme;
use sonote::tui::view;

// ---------------------------------------------------------------- the model and the file

#[test]
fn a_session_file_from_before_the_opinion_still_loads() {
    let config = Config::embedded();
    let (dir, _store) = temp_store();
    let path = dir.path().join("old.toml");
    let session = new_session(&config);
    store::save_unjournaled(&path, &session).unwrap();
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(
        !text.contains("opinion"),
        "an empty opinion is left out:\n{text}"
    );
    let loaded = store::load(&path).unwrap();
    assert_eq!(loaded.opinion, Opinion::default());
}

fn filled_opinion() -> Opinion {
    let mut opinion = Opinion {
        referral_diagnosis: "右肺上葉腺癌".into(),
        referral_stage: "cStage IIIA".into(),
        diagnosis_view: Some(DiagnosisView::Differs),
        own_diagnosis: "縦隔リンパ節転移は画像上疑わしいが確定していない。".into(),
        performance_status: Ecog::new(2),
        patient_wishes: "仕事を続けたい。\n入院は短く。".into(),
        plan_agreement: Some(PlanAgreement::PartlyDiffers),
        plan_differences: "放射線の併用を検討してよい。".into(),
        summary: "標準治療に沿った方針で妥当。".into(),
        suggestions: "EBUS-TBNA による縦隔リンパ節の評価を勧める。".into(),
        note: "長女同席。".into(),
        treatments: Vec::new(),
    };
    opinion.set_recommendation(TreatmentKind::Surgery, Recommendation::NotRecommended);
    opinion.set_recommendation(TreatmentKind::DrugTherapy, Recommendation::Recommended);
    opinion.toggle_drug_class(DrugClass::TargetedTherapy);
    opinion.toggle_drug_class(DrugClass::Chemotherapy);
    let drugs = opinion.treatment_mut(TreatmentKind::DrugTherapy);
    drugs.reasoning = "EGFR 変異陽性。".into();
    drugs.reference = "肺癌診療ガイドライン 2024".into();
    opinion.set_recommendation(TreatmentKind::Radiation, Recommendation::Consider);
    opinion.set_recommendation(TreatmentKind::PalliativeCare, Recommendation::Recommended);
    opinion
}

#[test]
fn the_opinion_is_saved_with_stable_snake_case_names_and_read_back_whole() {
    let config = Config::embedded();
    let (dir, _store) = temp_store();
    let path = dir.path().join("s.toml");
    let mut session = new_session(&config);
    session.opinion = filled_opinion();
    store::save_unjournaled(&path, &session).unwrap();
    let text = std::fs::read_to_string(&path).unwrap();
    for expected in [
        "[opinion]",
        "diagnosis_view = \"differs\"",
        "performance_status = 2",
        "plan_agreement = \"partly_differs\"",
        "[[opinion.treatments]]",
        "kind = \"drug_therapy\"",
        "recommendation = \"not_recommended\"",
        "recommendation = \"consider\"",
        "kind = \"palliative_care\"",
        "drug_classes = [\"chemotherapy\", \"targeted_therapy\"]",
        "reference = \"肺癌診療ガイドライン 2024\"",
    ] {
        assert!(text.contains(expected), "{expected} missing from:\n{text}");
    }
    assert_eq!(store::load(&path).unwrap().opinion, session.opinion);
}

#[test]
fn the_example_in_the_documentation_is_a_valid_opinion() {
    #[derive(serde::Deserialize)]
    struct File {
        opinion: Opinion,
    }
    let doc = include_str!("../../../docs/opinion.md");
    let section = &doc[doc.find("## In the session file").unwrap()..];
    let start = section.find("```toml\n").unwrap() + "```toml\n".len();
    let example = &section[start..start + section[start..].find("```").unwrap()];
    let opinion = toml::from_str::<File>(example).unwrap().opinion;
    assert_eq!(opinion.performance_status, Ecog::new(1));
    assert_eq!(
        opinion.recommendation(TreatmentKind::DrugTherapy),
        Recommendation::Recommended
    );
    assert_eq!(
        opinion.recommendation(TreatmentKind::Radiation),
        Recommendation::NotDiscussed
    );
}

#[test]
fn a_performance_status_out_of_range_in_a_file_names_the_field_and_line() {
    let config = Config::embedded();
    let (dir, _store) = temp_store();
    let path = dir.path().join("s.toml");
    let mut session = new_session(&config);
    session.opinion.summary = "x".into();
    session.opinion.performance_status = Ecog::new(1);
    store::save_unjournaled(&path, &session).unwrap();
    let text = std::fs::read_to_string(&path)
        .unwrap()
        .replace("performance_status = 1", "performance_status = 5");
    std::fs::write(&path, &text).unwrap();
    let err = store::load(&path).unwrap_err();
    assert_eq!(err.field.as_deref(), Some("opinion.performance_status"));
    let line = text
        .lines()
        .position(|l| l.starts_with("performance_status"))
        .unwrap()
        + 1;
    assert_eq!(err.line, Some(line));
    assert!(err.message.contains("0 to 4"), "{err}");
}

#[test]
fn a_new_opinion_lists_everything_as_still_empty() {
    let gaps = Opinion::default().gaps(&[]);
    assert_eq!(
        gaps,
        [
            Gap::DiagnosisView,
            Gap::PerformanceStatus,
            Gap::PatientWishes,
            Gap::NotDiscussed(TreatmentKind::Surgery),
            Gap::NotDiscussed(TreatmentKind::DrugTherapy),
            Gap::NotDiscussed(TreatmentKind::Radiation),
            Gap::NotDiscussed(TreatmentKind::PalliativeCare),
            Gap::PlanAgreement,
            Gap::Summary,
        ]
    );
}

#[test]
fn a_complete_opinion_has_no_gaps_and_each_emptied_part_shows_up() {
    let full = filled_opinion();
    assert_eq!(full.gaps(&[]), []);

    let mut opinion = full.clone();
    opinion.own_diagnosis.clear();
    assert_eq!(opinion.gaps(&[]), [Gap::OwnDiagnosis], "differs, but how?");

    let mut opinion = full.clone();
    opinion.plan_differences = "  ".into();
    assert_eq!(opinion.gaps(&[]), [Gap::PlanDifferences]);
    opinion.plan_agreement = Some(PlanAgreement::Agrees);
    assert_eq!(opinion.gaps(&[]), [], "agreeing needs no explanation");

    let mut opinion = full.clone();
    opinion.toggle_drug_class(DrugClass::Chemotherapy);
    opinion.toggle_drug_class(DrugClass::TargetedTherapy);
    assert_eq!(opinion.gaps(&[]), [Gap::DrugClasses]);
    opinion.set_recommendation(TreatmentKind::DrugTherapy, Recommendation::NotRecommended);
    assert_eq!(
        opinion.gaps(&[]),
        [],
        "no drugs to name when none are meant"
    );

    let mut opinion = full;
    opinion.summary.clear();
    opinion.set_recommendation(TreatmentKind::Radiation, Recommendation::NotDiscussed);
    assert_eq!(
        opinion.gaps(&[]),
        [Gap::NotDiscussed(TreatmentKind::Radiation), Gap::Summary]
    );
}

#[test]
fn optional_rows_show_when_switched_on_or_already_written() {
    let mut opinion = filled_opinion();
    assert_eq!(opinion.kinds(&[]), TreatmentKind::CORE);
    let trial = [TreatmentKind::ClinicalTrial];
    assert_eq!(
        opinion.kinds(&trial),
        [
            TreatmentKind::Surgery,
            TreatmentKind::DrugTherapy,
            TreatmentKind::Radiation,
            TreatmentKind::PalliativeCare,
            TreatmentKind::ClinicalTrial,
        ]
    );
    assert_eq!(
        opinion.gaps(&trial),
        [Gap::NotDiscussed(TreatmentKind::ClinicalTrial)],
        "a row switched on is checked like the others"
    );
    // Written while watchful waiting was on, then switched off: still shown, not lost.
    opinion.treatment_mut(TreatmentKind::WatchfulWaiting).note = "3か月ごとのCT".into();
    assert_eq!(
        opinion.kinds(&[]).last(),
        Some(&TreatmentKind::WatchfulWaiting)
    );
}

// ---------------------------------------------------------------- the tab, driven by keys

fn key(code: KeyCode) -> KeyEvent {
    KeyEvent::new(code, KeyModifiers::NONE)
}

fn press(app: &mut App, code: KeyCode) {
    app.on_key(key(code), at(1, 0));
}

fn typ(app: &mut App, text: &str) {
    for c in text.chars() {
        press(app, KeyCode::Char(c));
    }
}

fn opinion_key() -> KeyCode {
    let index = Tab::ALL.iter().position(|t| *t == Tab::Opinion).unwrap();
    KeyCode::F(index as u8 + 1)
}

/// An app with a session open on the opinion tab.
fn opinion_app(config: Config) -> (tempfile::TempDir, App, std::path::PathBuf) {
    let (dir, store) = temp_store();
    let mut session = new_session(&config);
    let path = common::create(&store, &mut session).unwrap();
    let mut app = App::new(config, store, Theme { color: true }, today());
    app.open_session(&path, at(0, 0)).unwrap();
    press(&mut app, opinion_key());
    assert_eq!(app.session_view().unwrap().tab, Tab::Opinion);
    (dir, app, path)
}

fn session(app: &App) -> &Session {
    &app.session_view().unwrap().open.session
}

fn focus(app: &App) -> Field {
    app.session_view().unwrap().opinion.focus()
}

fn editing(app: &App) -> bool {
    app.session_view().unwrap().editing()
}

fn on_disk(path: &std::path::Path) -> Session {
    store::load(path).unwrap()
}

#[test]
fn tab_goes_from_card_to_card_and_digits_and_arrows_set_the_scale() {
    let (_dir, mut app, path) = opinion_app(Config::embedded());
    assert_eq!(focus(&app), Field::ReferralDiagnosis);
    press(&mut app, KeyCode::Tab);
    assert_eq!(focus(&app), Field::Card(TreatmentKind::Surgery));
    press(&mut app, KeyCode::Char('1'));
    press(&mut app, KeyCode::Tab);
    assert_eq!(focus(&app), Field::Card(TreatmentKind::DrugTherapy));
    // → goes round the scale from "not discussed" to "recommended", then on.
    press(&mut app, KeyCode::Right);
    press(&mut app, KeyCode::Right);
    // A digit works from any field of the card, not only its heading.
    press(&mut app, KeyCode::Tab);
    press(&mut app, KeyCode::Down);
    press(&mut app, KeyCode::Down);
    assert_eq!(
        focus(&app),
        Field::CardText(TreatmentKind::Radiation, TreatmentText::Benefit)
    );
    press(&mut app, KeyCode::Char('3'));
    press(&mut app, KeyCode::Char('9'));
    let opinion = &session(&app).opinion;
    assert_eq!(
        opinion.recommendation(TreatmentKind::Surgery),
        Recommendation::Recommended
    );
    assert_eq!(
        opinion.recommendation(TreatmentKind::DrugTherapy),
        Recommendation::Consider
    );
    assert_eq!(
        opinion.recommendation(TreatmentKind::Radiation),
        Recommendation::NotRecommended
    );
    assert_eq!(
        on_disk(&path).opinion,
        Opinion::default(),
        "saved by the tick"
    );
    app.on_tick(at(1, 1));
    assert_eq!(on_disk(&path).opinion, session(&app).opinion);
    // Backspace takes the position back; Shift+Tab returns to the card's heading.
    press(&mut app, KeyCode::Backspace);
    press(&mut app, KeyCode::BackTab);
    assert_eq!(focus(&app), Field::Card(TreatmentKind::Radiation));
    assert_eq!(
        session(&app)
            .opinion
            .recommendation(TreatmentKind::Radiation),
        Recommendation::NotDiscussed
    );
}

#[test]
fn drug_class_letters_toggle_on_the_drug_card_only() {
    let (_dir, mut app, _path) = opinion_app(Config::embedded());
    press(&mut app, KeyCode::Tab);
    typ(&mut app, "ct");
    assert_eq!(session(&app).opinion.treatments, []);
    press(&mut app, KeyCode::Tab);
    typ(&mut app, "cih");
    press(&mut app, KeyCode::Down);
    typ(&mut app, "h");
    let opinion = &session(&app).opinion;
    assert!(opinion.has_drug_class(DrugClass::Chemotherapy));
    assert!(opinion.has_drug_class(DrugClass::Immunotherapy));
    assert!(!opinion.has_drug_class(DrugClass::HormoneTherapy));
    assert!(!opinion.has_drug_class(DrugClass::TargetedTherapy));
}

#[test]
fn performance_status_takes_digits_arrows_and_backspace() {
    let (_dir, mut app, _path) = opinion_app(Config::embedded());
    for _ in 0..4 {
        press(&mut app, KeyCode::Char('j'));
    }
    assert_eq!(focus(&app), Field::PerformanceStatus);
    let ps = |app: &App| session(app).opinion.performance_status.map(Ecog::grade);
    press(&mut app, KeyCode::Right);
    assert_eq!(ps(&app), Some(0));
    press(&mut app, KeyCode::Char('3'));
    press(&mut app, KeyCode::Right);
    press(&mut app, KeyCode::Right);
    assert_eq!(ps(&app), Some(4), "stops at 4");
    press(&mut app, KeyCode::Char('5'));
    assert_eq!(ps(&app), Some(4), "5 is no grade here");
    press(&mut app, KeyCode::Left);
    assert_eq!(ps(&app), Some(3));
    press(&mut app, KeyCode::Backspace);
    assert_eq!(ps(&app), None);
}

#[test]
fn the_views_on_diagnosis_and_plan_take_digits_and_arrows() {
    let (_dir, mut app, _path) = opinion_app(Config::embedded());
    typ(&mut app, "jj");
    assert_eq!(focus(&app), Field::DiagnosisView);
    press(&mut app, KeyCode::Char('2'));
    assert_eq!(
        session(&app).opinion.diagnosis_view,
        Some(DiagnosisView::Differs)
    );
    press(&mut app, KeyCode::Right);
    assert_eq!(session(&app).opinion.diagnosis_view, None, "round to unset");
    press(&mut app, KeyCode::End);
    assert_eq!(focus(&app), Field::Note);
    typ(&mut app, "kkkk");
    assert_eq!(focus(&app), Field::PlanAgreement);
    press(&mut app, KeyCode::Left);
    assert_eq!(
        session(&app).opinion.plan_agreement,
        Some(PlanAgreement::Differs)
    );
    press(&mut app, KeyCode::Char('2'));
    assert_eq!(
        session(&app).opinion.plan_agreement,
        Some(PlanAgreement::PartlyDiffers)
    );
}

#[test]
fn editing_takes_every_key_esc_ends_it_and_the_tick_saves() {
    let (_dir, mut app, path) = opinion_app(Config::embedded());
    press(&mut app, KeyCode::End);
    typ(&mut app, "kk");
    assert_eq!(focus(&app), Field::Summary);
    press(&mut app, KeyCode::Enter);
    assert!(editing(&app));
    // While editing, the global keys are letters like any other.
    typ(&mut app, "標準治療 xeq 1 [j]");
    press(&mut app, KeyCode::Enter);
    typ(&mut app, "二行目");
    assert!(!app.should_quit);
    assert_eq!(focus(&app), Field::Summary);
    app.on_tick(at(1, 1));
    assert_eq!(on_disk(&path).opinion.summary, "標準治療 xeq 1 [j]\n二行目");
    press(&mut app, KeyCode::Esc);
    assert!(!editing(&app));
    assert!(
        app.session_view().is_some(),
        "Esc ends editing, not the session"
    );
    press(&mut app, KeyCode::Char('q'));
    assert!(app.should_quit);
}

#[test]
fn tab_while_editing_goes_on_writing_in_the_next_field() {
    let (_dir, mut app, _path) = opinion_app(Config::embedded());
    press(&mut app, KeyCode::Tab);
    press(&mut app, KeyCode::Enter);
    assert_eq!(
        focus(&app),
        Field::CardText(TreatmentKind::Surgery, TreatmentText::Reasoning),
        "Enter on a card's heading writes its reasoning"
    );
    typ(&mut app, "理由");
    press(&mut app, KeyCode::Tab);
    typ(&mut app, "効果");
    press(&mut app, KeyCode::Tab);
    typ(&mut app, "合併症");
    press(&mut app, KeyCode::BackTab);
    typ(&mut app, "あり");
    press(&mut app, KeyCode::Esc);
    let surgery = session(&app)
        .opinion
        .treatment(TreatmentKind::Surgery)
        .cloned()
        .unwrap();
    assert_eq!(
        (
            surgery.reasoning.as_str(),
            surgery.benefit.as_str(),
            surgery.risks.as_str()
        ),
        ("理由", "効果あり", "合併症")
    );
    assert_eq!(surgery.recommendation, Recommendation::NotDiscussed);
}

#[test]
fn enter_ends_a_one_line_field_and_paste_goes_into_the_field_being_edited() {
    let (_dir, mut app, _path) = opinion_app(Config::embedded());
    press(&mut app, KeyCode::Enter);
    typ(&mut app, "肺腺癌");
    app.handle(
        sonote::tui::action::Action::Paste("（EGFR\n陽性）".into()),
        at(1, 0),
    );
    press(&mut app, KeyCode::Enter);
    assert!(!editing(&app));
    assert_eq!(
        session(&app).opinion.referral_diagnosis,
        "肺腺癌（EGFR 陽性）"
    );
    // Pasting with no field open does nothing.
    app.handle(sonote::tui::action::Action::Paste("x".into()), at(1, 0));
    assert_eq!(
        session(&app).opinion.referral_diagnosis,
        "肺腺癌（EGFR 陽性）"
    );
}

#[test]
fn optional_rows_from_the_configuration_are_cards_between_the_core_and_the_conclusion() {
    let mut config = Config::embedded();
    config.opinion.optional_options = vec![
        sonote::model::opinion::OptionalTreatment::WatchfulWaiting,
        sonote::model::opinion::OptionalTreatment::ClinicalTrial,
    ];
    let (_dir, mut app, _path) = opinion_app(config);
    let view = app.session_view().unwrap();
    assert_eq!(
        view.opinion.kinds(),
        TreatmentKind::ALL,
        "in their fixed order"
    );
    for _ in 0..6 {
        press(&mut app, KeyCode::Tab);
    }
    assert_eq!(focus(&app), Field::Card(TreatmentKind::WatchfulWaiting));
    press(&mut app, KeyCode::Tab);
    assert_eq!(focus(&app), Field::PlanAgreement);
    press(&mut app, KeyCode::Tab);
    assert_eq!(focus(&app), Field::PlanAgreement, "the last section stays");
}

fn screen(app: &mut App, width: u16, height: u16, now: Timestamp) -> Vec<String> {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    terminal.draw(|frame| view::draw(frame, app, now)).unwrap();
    let buffer = terminal.backend().buffer();
    // A wide character covers the next cell too; skip that cell, as a terminal would.
    (0..height)
        .map(|y| {
            let mut line = String::new();
            let mut x = 0;
            while x < width {
                let symbol = buffer[(x, y)].symbol();
                line.push_str(symbol);
                x += unicode_width::UnicodeWidthStr::width(symbol).max(1) as u16;
            }
            line
        })
        .collect()
}

#[test]
fn the_focused_field_is_always_in_view_at_80x24_with_the_clock_bar() {
    let (_dir, mut app, _path) = opinion_app(Config::embedded());
    // Long text everywhere, so that the list is several screens tall.
    {
        let Some(view) = (match &mut app.screen {
            sonote::tui::app::Screen::Session(view) => Some(view),
            _ => None,
        }) else {
            unreachable!()
        };
        let long = "長い説明文です。".repeat(12);
        view.open.session.opinion.summary = long.clone();
        view.open.session.opinion.patient_wishes = long.clone();
        for kind in TreatmentKind::CORE {
            view.open.session.opinion.treatment_mut(kind).reasoning = long.clone();
        }
    }
    let words = sonote::config::Lang::Ja.opinion_texts();
    let count = 6 + 4 * 6 + 5;
    for step in 0..count {
        let field = focus(&app);
        let label = match field {
            Field::Card(kind) => words.treatment(kind),
            Field::CardText(_, TreatmentText::Reasoning) => words.reasoning,
            Field::CardText(_, TreatmentText::Benefit) => words.benefit,
            Field::CardText(_, TreatmentText::Risks) => words.risks,
            Field::CardText(_, TreatmentText::Note) => words.treatment_note,
            Field::CardText(_, TreatmentText::Reference) => words.reference,
            Field::ReferralDiagnosis => words.referral_diagnosis,
            Field::ReferralStage => words.referral_stage,
            Field::DiagnosisView => words.diagnosis_view,
            Field::OwnDiagnosis => words.own_diagnosis,
            Field::PerformanceStatus => words.performance_status,
            Field::PatientWishes => words.patient_wishes,
            Field::PlanAgreement => words.plan_agreement,
            Field::PlanDifferences => words.plan_differences,
            Field::Summary => words.summary,
            Field::Suggestions => words.suggestions,
            Field::Note => words.note,
        };
        let lines = screen(&mut app, 80, 24, at(5, 0));
        assert!(
            lines[2].contains("残り"),
            "the clock bar stays: {}",
            lines[2]
        );
        let marked = format!(">{label}");
        assert!(
            lines.iter().any(|l| l.starts_with(&marked)),
            "step {step}: {field:?} not in view:\n{}",
            lines.join("\n")
        );
        press(&mut app, KeyCode::Down);
    }
    assert_eq!(focus(&app), Field::Note, "the last field");
}

#[test]
fn the_help_and_the_hints_name_the_opinion_keys() {
    let (_dir, mut app, _path) = opinion_app(Config::embedded());
    let texts = app.texts();
    let view = app.session_view().unwrap();
    let help = view.help(texts);
    // One binding for the digits, whose help says what they choose on each field: a
    // card's recommendation (1-4) and the PS (0-4).
    assert!(
        help.iter()
            .any(|(k, what)| *k == "0-4" && what.contains("1-4") && what.contains("0-4"))
    );
    assert!(view.hints(texts).contains("Tab"));
    press(&mut app, KeyCode::Enter);
    let view = app.session_view().unwrap();
    assert!(view.help(texts).iter().any(|(k, _)| *k == "Esc"));
    assert!(view.hints(texts).contains("Esc"));
    let lines = screen(&mut app, 80, 24, at(1, 0));
    assert!(lines[23].contains("Esc"), "{}", lines[23]);
}

/// ↑↓ and Tab go the way the columns are drawn: at 120 columns the conclusion is drawn
/// under the overview, so ↓ from the patient's wishes goes there, not into the surgery
/// card of the next column (where text meant for the conclusion once went). On one column
/// the cards come first, as drawn.
#[test]
fn arrows_follow_the_columns_as_drawn_at_every_width() {
    for (width, after_wishes) in [
        (80, Field::Card(TreatmentKind::Surgery)),
        (120, Field::PlanAgreement),
        (200, Field::PlanAgreement),
    ] {
        let (_dir, mut app, _path) = opinion_app(Config::embedded());
        screen(&mut app, width, 40, at(1, 0));
        while focus(&app) != Field::PatientWishes {
            press(&mut app, KeyCode::Down);
        }
        press(&mut app, KeyCode::Down);
        assert_eq!(focus(&app), after_wishes, "at {width} columns");
        press(&mut app, KeyCode::Up);
        assert_eq!(focus(&app), Field::PatientWishes, "at {width} columns");
    }
    // ← and → on a field with nothing to step go to the column beside; on a card they
    // still step its recommendation.
    let (_dir, mut app, _path) = opinion_app(Config::embedded());
    screen(&mut app, 120, 40, at(1, 0));
    assert_eq!(focus(&app), Field::ReferralDiagnosis);
    press(&mut app, KeyCode::Right);
    assert_eq!(focus(&app), Field::Card(TreatmentKind::Surgery));
    press(&mut app, KeyCode::Right);
    assert_eq!(focus(&app), Field::Card(TreatmentKind::Surgery));
    assert_ne!(
        session(&app).opinion.recommendation(TreatmentKind::Surgery),
        Recommendation::NotDiscussed
    );
    let (_dir, mut app, _path) = opinion_app(Config::embedded());
    screen(&mut app, 80, 40, at(1, 0));
    press(&mut app, KeyCode::Right);
    assert_eq!(
        focus(&app),
        Field::ReferralDiagnosis,
        "one column: nowhere to go"
    );
}

/// Ctrl+L empties the field being written in one step, and Ctrl+Z brings it back whole.
#[test]
fn ctrl_l_empties_the_field_and_undo_brings_it_back() {
    let (_dir, mut app, path) = opinion_app(Config::embedded());
    press(&mut app, KeyCode::End);
    typ(&mut app, "kk");
    assert_eq!(focus(&app), Field::Summary);
    press(&mut app, KeyCode::Enter);
    typ(&mut app, "手術の理由として書いた文");
    press(&mut app, KeyCode::Enter);
    typ(&mut app, "二行目");
    let ctrl = |c| KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL);
    app.on_key(ctrl('l'), at(1, 0));
    assert_eq!(session(&app).opinion.summary, "");
    app.on_tick(at(1, 1));
    assert_eq!(on_disk(&path).opinion.summary, "");
    app.on_key(ctrl('z'), at(1, 2));
    assert_eq!(
        session(&app).opinion.summary,
        "手術の理由として書いた文\n二行目"
    );
    app.on_key(ctrl('y'), at(1, 3));
    assert_eq!(session(&app).opinion.summary, "");
    // An empty field has nothing to clear: no change, nothing to undo.
    app.on_key(ctrl('l'), at(1, 4));
    app.on_key(ctrl('z'), at(1, 5));
    assert_eq!(
        session(&app).opinion.summary,
        "手術の理由として書いた文\n二行目"
    );
}
