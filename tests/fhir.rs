//! The FHIR export (`--format fhir`, issue 18): a JP eReferral document Bundle whose shape
//! meets each rule of the guides that sonote checks, whose bytes depend on the record only,
//! and which says which rules a record without the optional identifiers breaks. Each rule
//! of the fixed shape is also seen to fire on a document broken on purpose.

mod common;

use common::*;
use serde_json::{Value, json};
use sonote::config::{Config, Lang};
use sonote::model::Session;
use sonote::model::intake::Sex;
use sonote::report::fhir::rules;
use sonote::report::template::ReportTemplate;
use sonote::report::{self, Format};

/// The rules of the document's shape: sonote's writer meets them whatever the record.
const SHAPE: [&str; 11] = [
    "bundle",
    "entries",
    "uuids-unique",
    "references-resolve",
    "composition",
    "section-order",
    "section-codes",
    "section-entries",
    "careplan",
    "R1113",
    "R1010",
];

fn numbered() -> Config {
    let mut config = Config::embedded();
    config.institution.number = "1319999999".into();
    config
}

/// The identifiers a clinic sending to the national service records at intake.
fn identify(session: &mut Session) {
    session.patient.address = "東京都千代田区見本町1-2-3".into();
    session.patient.insurance_id = "06139999:見本:1234567:01".into();
    session.patient.sex = Some(Sex::Male);
    let referral = &mut session.intake.referral;
    referral.institution_number = "1312345678".into();
    referral.address = "〒100-0001 東京都千代田区見本町4-5-6".into();
}

fn bytes(session: &Session, config: &Config, lang: Lang) -> Vec<u8> {
    let report = report::build(session, config, &ReportTemplate::embedded(lang));
    report::render(&report, Format::Fhir).unwrap()
}

fn bundle(session: &Session, config: &Config) -> Value {
    serde_json::from_slice(&bytes(session, config, Lang::Ja)).unwrap()
}

fn unmet(bundle: &Value) -> Vec<&'static str> {
    rules::check(bundle).into_iter().map(|f| f.rule).collect()
}

fn resource<'a>(bundle: &'a Value, kind: &str) -> &'a Value {
    bundle["entry"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| &e["resource"])
        .find(|r| r["resourceType"] == kind)
        .unwrap_or_else(|| panic!("no {kind}"))
}

fn composition(bundle: &Value) -> &Value {
    &bundle["entry"][0]["resource"]
}

fn section<'a>(bundle: &'a Value, path: &[usize]) -> &'a Value {
    let mut at = composition(bundle);
    for i in path {
        at = &at["section"][*i];
    }
    at
}

// ---------------------------------------------------------------------------------------
// The shape

#[test]
fn every_sample_meets_every_rule_of_the_shape() {
    for config in [Config::embedded(), numbered()] {
        for (name, session, lang) in samples::all(&config) {
            let bundle: Value = serde_json::from_slice(&bytes(&session, &config, lang)).unwrap();
            let broken: Vec<_> = unmet(&bundle)
                .into_iter()
                .filter(|rule| SHAPE.contains(rule))
                .collect();
            assert!(broken.is_empty(), "{name}: {broken:?}");
        }
    }
}

#[test]
fn the_fixed_codes_are_the_guides() {
    let b = bundle(&full_session(&numbered()), &numbered());
    assert_eq!(b["type"], "document");
    assert_eq!(
        b["meta"]["profile"][0],
        "http://jpfhir.jp/fhir/clins/StructureDefinition/JP_Bundle_eReferral|1"
    );
    assert_eq!(
        b["identifier"]["system"],
        "http://jpfhir.jp/fhir/clins/bundle-identifier"
    );
    assert_eq!(b["identifier"]["value"], "1319999999^2026^2026-11-21-02");
    let c = composition(&b);
    assert_eq!(
        c["type"]["coding"][0],
        json!({
            "system": "http://jpfhir.jp/fhir/Common/CodeSystem/doc-typecodes",
            "code": "57133-1",
            "display": "診療情報提供書",
        })
    );
    assert_eq!(c["category"][0]["coding"][0]["code"], "OUTPATIENT");
    assert_eq!(
        (c["status"].as_str(), c["title"].as_str()),
        (Some("final"), Some("診療情報提供書"))
    );
    assert_eq!(c["identifier"]["value"], "1319999999-2026-2026-11-21-02");
    assert_eq!(c["event"][0]["code"][0]["text"], "診療情報提供書発行");
    // The consultation ended at 10:31 Tokyo time: the document is dated by it.
    assert_eq!(c["date"], "2026-11-21T10:31:00+09:00");
    assert_eq!(b["timestamp"], c["date"]);
    assert_eq!(
        c["extension"][0],
        json!({
            "url": "http://hl7.org/fhir/StructureDefinition/composition-clinicaldocument-versionNumber",
            "valueString": "1",
        })
    );
    let codes: Vec<&Value> = c["section"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| &s["code"]["coding"][0]["code"])
        .collect();
    assert_eq!(codes, ["920", "910", "300", "220"]);
    let inner: Vec<&Value> = section(&b, &[2])["section"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| &s["code"]["coding"][0]["code"])
        .collect();
    assert_eq!(inner, ["950", "340", "360", "330", "420"]);
}

#[test]
fn who_sends_to_whom_and_what_each_section_holds() {
    let mut session = full_session(&numbered());
    identify(&mut session);
    let b = bundle(&session, &numbered());
    let org = |reference: &Value| -> Value {
        let urn = reference["reference"].as_str().unwrap();
        b["entry"]
            .as_array()
            .unwrap()
            .iter()
            .find(|e| e["fullUrl"] == urn)
            .unwrap()["resource"]
            .clone()
    };
    // 920, the sender, is this hospital; 910, the addressee, the primary physician's.
    let sender = org(&section(&b, &[0])["entry"][0]);
    assert_eq!(sender["identifier"][0]["value"], "1319999999");
    assert_eq!(sender["name"], "サンプル総合病院 セカンドオピニオン外来");
    let addressee = org(&section(&b, &[1])["entry"][0]);
    assert_eq!(addressee["identifier"][0]["value"], "1312345678");
    assert_eq!(addressee["name"], "みほん市民病院");
    assert_eq!(
        org(&section(&b, &[1])["entry"][1])["name"][0]["text"],
        "紹介 一郎"
    );
    // 950: the referral's question; 340: the diagnosis the specialist agreed with.
    assert_eq!(
        resource(&b, "Encounter")["reasonCode"][0]["text"],
        "化学療法を先行する方針についてご意見をお願いします。"
    );
    let condition = resource(&b, "Condition");
    assert_eq!(
        condition["code"]["text"],
        "膵体部癌、cStage III（局所進行）"
    );
    assert_eq!(
        condition["verificationStatus"]["coding"][0]["code"],
        "confirmed"
    );
    // 420: the opinion as a plan, one activity per option discussed; surgery only to
    // consider, palliative care recommended.
    let plan = resource(&b, "CarePlan");
    assert_eq!(plan["intent"], "plan");
    assert!(
        plan["description"]
            .as_str()
            .unwrap()
            .starts_with("化学療法を先行する方針は")
    );
    let activities = plan["activity"].as_array().unwrap();
    assert_eq!(activities.len(), 3);
    assert_eq!(activities[0]["detail"]["code"]["text"], "手術");
    assert!(
        activities[0]["detail"]["description"]
            .as_str()
            .unwrap()
            .contains("腹腔動脈")
    );
    // 330: the questions and answers, in the report's words.
    let course = section(&b, &[2, 3])["text"]["div"].as_str().unwrap();
    assert!(
        course.contains("手術のほかに、化学放射線療法という選択肢があります。"),
        "{course}"
    );
    // The patient: kana in katakana, the local ID qualified by this hospital's number.
    let patient = resource(&b, "Patient");
    assert_eq!(patient["name"][1]["text"], "シケン タロウ");
    assert_eq!(
        patient["identifier"][0]["system"],
        "urn:oid:1.2.392.100495.20.3.51.11319999999"
    );
}

#[test]
fn the_narrative_is_in_the_reports_language() {
    let config = numbered();
    let session = full_session(&config);
    let en: Value = serde_json::from_slice(&bytes(&session, &config, Lang::En)).unwrap();
    assert_eq!(composition(&en)["language"], "en");
    let purpose = section(&en, &[2, 0])["text"]["div"].as_str().unwrap();
    assert!(purpose.contains("Consultation"), "{purpose}");
    // The section titles are the guide's, whatever the language.
    assert_eq!(section(&en, &[2, 0])["title"], "紹介目的");
}

#[test]
fn the_private_notes_stay_out_unless_the_template_prints_them() {
    let config = numbered();
    let mut session = full_session(&config);
    session.memo = "主治医には伝えない私的なメモ".into();
    let text = String::from_utf8(bytes(&session, &config, Lang::Ja)).unwrap();
    assert!(!text.contains("私的なメモ"));
}

// ---------------------------------------------------------------------------------------
// Each rule of the shape fires on a document broken for it

#[test]
fn each_rule_of_the_shape_fires_when_broken() {
    let good = bundle(&full_session(&numbered()), &numbered());
    assert!(unmet(&good).iter().all(|r| !SHAPE.contains(r)));
    type Break = fn(&mut Value);
    let breaks: [(&str, Break); 11] = [
        ("bundle", |b| b["type"] = json!("collection")),
        ("entries", |b| {
            b["entry"].as_array_mut().unwrap().swap(0, 1);
        }),
        ("uuids-unique", |b| {
            b["entry"][2]["fullUrl"] = b["entry"][3]["fullUrl"].clone()
        }),
        ("references-resolve", |b| {
            b["entry"][0]["resource"]["subject"]["reference"] =
                json!("urn:uuid:00000000-0000-0000-0000-000000000000")
        }),
        ("composition", |b| {
            b["entry"][0]["resource"]["type"]["coding"][0]["code"] = json!("11488-4")
        }),
        ("section-order", |b| {
            b["entry"][0]["resource"]["section"]
                .as_array_mut()
                .unwrap()
                .swap(0, 1);
        }),
        ("section-codes", |b| {
            b["entry"][0]["resource"]["section"][2]["section"][3]["title"] = json!("経過")
        }),
        ("section-entries", |b| {
            let patient = b["entry"][0]["resource"]["subject"].clone();
            b["entry"][0]["resource"]["section"][2]["section"][0]["entry"] = json!([patient]);
        }),
        ("careplan", |b| {
            let last = b["entry"].as_array().unwrap().len() - 1;
            b["entry"][last]["resource"]["intent"] = json!("order");
        }),
        ("R1113", |b| {
            b["entry"][1]["resource"]["name"][0]["text"] = json!("試験\u{3000}太郎")
        }),
        ("R1010", |b| {
            b["entry"][1]["resource"]["identifier"][0]["system"] =
                json!("urn:oid:1.2.392.100495.20.3.51.1999")
        }),
    ];
    for (rule, break_it) in breaks {
        let mut broken = good.clone();
        break_it(&mut broken);
        assert!(unmet(&broken).contains(&rule), "{rule} did not fire");
    }
}

#[test]
fn every_rule_checked_is_listed_once() {
    let ids: Vec<&str> = rules::all().iter().map(|r| r.id).collect();
    let mut unique = ids.clone();
    unique.sort_unstable();
    unique.dedup();
    assert_eq!(unique.len(), ids.len());
    for rule in SHAPE {
        assert!(ids.contains(&rule), "{rule}");
    }
}

// ---------------------------------------------------------------------------------------
// What the record lacks

#[test]
fn without_the_optional_identifiers_the_document_says_what_it_breaks() {
    let config = Config::embedded();
    let b = bundle(&full_session(&config), &config);
    assert_eq!(
        unmet(&b),
        [
            "R1021",
            "R2152",
            "addressee-number",
            "addressee-name",
            "patient-address",
            "R1012",
            "R1013",
            "diagnosis-code"
        ]
    );
}

#[test]
fn with_every_identifier_only_the_uncoded_diagnosis_remains() {
    let config = numbered();
    let mut session = full_session(&config);
    identify(&mut session);
    assert_eq!(unmet(&bundle(&session, &config)), ["diagnosis-code"]);
}

#[test]
fn a_bare_session_still_exports_and_names_each_gap() {
    let config = Config::embedded();
    let mut session = new_session(&config);
    session.patient.name = "見本花子".into();
    session.patient.name_kana.clear();
    session.specialist.name.clear();
    let b = bundle(&session, &config);
    let unmet = unmet(&b);
    for rule in [
        "composition-date",
        "author-name",
        "patient-name",
        "referral-purpose",
        "diagnosis",
    ] {
        assert!(unmet.contains(&rule), "{rule} not in {unmet:?}");
    }
    // A required section with nothing recorded says so.
    assert_eq!(
        section(&b, &[2, 2])["emptyReason"]["coding"][0]["code"],
        "unavailable"
    );
    assert_eq!(composition(&b)["date"], "2026-11-21");
}

#[test]
fn a_malformed_insurance_id_breaks_r1013_only() {
    let config = numbered();
    let mut session = full_session(&config);
    identify(&mut session);
    session.patient.insurance_id = "0613:見本:1234567:1".into();
    assert_eq!(
        unmet(&bundle(&session, &config)),
        ["R1013", "diagnosis-code"]
    );
}

// ---------------------------------------------------------------------------------------
// Deterministic bytes, versions

#[test]
fn the_same_session_gives_the_same_bytes() {
    let config = numbered();
    let session = full_session(&config);
    assert_eq!(
        bytes(&session, &config, Lang::Ja),
        bytes(&session, &config, Lang::Ja)
    );
    let saved = toml::to_string(&session).unwrap();
    let read: Session = toml::from_str(&saved).unwrap();
    assert_eq!(
        bytes(&read, &config, Lang::Ja),
        bytes(&session, &config, Lang::Ja)
    );
}

#[test]
fn uuids_differ_between_sessions_and_clinics() {
    let urls = |b: &Value| -> Vec<String> {
        b["entry"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| e["fullUrl"].as_str().unwrap().to_string())
            .collect()
    };
    let config = numbered();
    let one = full_session(&config);
    let mut two = one.clone();
    two.id = "2026-11-21-03".into();
    let (a, b) = (urls(&bundle(&one, &config)), urls(&bundle(&two, &config)));
    assert!(a.iter().all(|url| !b.contains(url)));
    let c = urls(&bundle(&one, &Config::embedded()));
    assert!(a.iter().all(|url| !c.contains(url)));
}

#[test]
fn a_corrected_reissue_carries_the_next_version_and_the_same_identifier() {
    let config = numbered();
    let mut session = full_session(&config);
    session
        .record
        .confirm(at(40, 0), "佐々木 健", "0".repeat(64), vec![])
        .unwrap();
    let first = bundle(&session, &config);
    assert_eq!(composition(&first)["extension"][0]["valueString"], "1");
    assert_eq!(composition(&first)["date"], "2026-11-21T10:40:00+09:00");
    session
        .record
        .correct(at(60, 0), "佐々木 健", "病期の誤記")
        .unwrap();
    session.opinion.referral_stage = "cStage IV".into();
    session
        .record
        .confirm(at(65, 0), "佐々木 健", "1".repeat(64), vec![])
        .unwrap();
    let second = bundle(&session, &config);
    assert_eq!(composition(&second)["extension"][0]["valueString"], "2");
    assert_eq!(composition(&second)["date"], "2026-11-21T11:05:00+09:00");
    assert_eq!(second["identifier"], first["identifier"]);
    assert_eq!(
        composition(&second)["identifier"],
        composition(&first)["identifier"]
    );
}

#[test]
fn the_full_consultation_as_json() {
    let config = numbered();
    let mut session = full_session(&config);
    identify(&mut session);
    let text = String::from_utf8(bytes(&session, &config, Lang::Ja)).unwrap();
    insta::assert_snapshot!(text);
}
