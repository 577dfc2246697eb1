//! The report: every section read back from the docx (Japanese and English), the same bytes
//! for the same session, markdown and json from the same report, and a LibreOffice render.

mod common;

use std::io::Read;
use std::path::Path;
use std::process::Command;

use common::*;
use docx_rs::{
    DocumentChild, FooterChild, HeaderChild, TableCellContent, TableChild, TableRowChild,
};
use sonote::config::{Config, Lang};
use sonote::model::Session;
use sonote::model::intake::{Companion, Material, MaterialKind, Medium};
use sonote::model::opinion::{DiagnosisView, PlanAgreement};
use sonote::report::template::ReportTemplate;
use sonote::report::{self, Format, Report};

/// An ended consultation: started 10:00, paused 10:12–10:15, extended at 10:25, ended
/// 10:48:30, so 45.5 minutes ran. The second question holds a line break, XML-special
/// characters and control characters a terminal paste can leave behind.
fn ended_session(config: &Config) -> Session {
    let mut session = new_session(config);
    session.id = "2026-11-21-01".into();
    session.questions[1].text =
        "副作用で仕事を続けられなくなることはありますか。\n（CT & MRI <造影> の後も）\u{1b}[0m\u{0}\u{7}"
            .into();
    session.toggle_clock(at(0, 0)).unwrap();
    session.toggle_clock(at(12, 0)).unwrap();
    session.toggle_clock(at(15, 0)).unwrap();
    session.extend(at(25, 0)).unwrap();
    session.end(at(48, 30)).unwrap();
    session
}

fn report_of(session: &Session, lang: Lang) -> Report {
    report_of_with(session, &Config::embedded(), lang)
}

fn report_of_with(session: &Session, config: &Config, lang: Lang) -> Report {
    report::build(session, config, &ReportTemplate::embedded(lang))
}

fn docx_of(report: &Report) -> Vec<u8> {
    report::render(report, Format::Docx).unwrap()
}

/// The document read back: body lines (a paragraph each; a table row as its cells joined
/// by " | "), the header's text and the footer's text.
struct ReadBack {
    body: Vec<String>,
    header: String,
    footer: String,
}

fn read_back(bytes: &[u8]) -> ReadBack {
    let docx = docx_rs::read_docx(bytes).expect("the docx reads back");
    let mut body = Vec::new();
    for child in &docx.document.children {
        match child {
            DocumentChild::Paragraph(p) => body.push(p.raw_text()),
            DocumentChild::Table(table) => {
                for TableChild::TableRow(row) in &table.rows {
                    let cells: Vec<String> = row
                        .cells
                        .iter()
                        .map(|TableRowChild::TableCell(cell)| {
                            cell.children
                                .iter()
                                .filter_map(|content| match content {
                                    TableCellContent::Paragraph(p) => Some(p.raw_text()),
                                    _ => None,
                                })
                                .collect::<Vec<_>>()
                                .join("\n")
                        })
                        .collect();
                    body.push(cells.join(" | "));
                }
            }
            _ => {}
        }
    }
    let section = &docx.document.section_property;
    let header = section
        .header
        .as_ref()
        .map(|(_, h)| {
            h.children
                .iter()
                .filter_map(|c| match c {
                    HeaderChild::Paragraph(p) => Some(p.raw_text()),
                    _ => None,
                })
                .collect::<String>()
        })
        .unwrap_or_default();
    let footer = section
        .footer
        .as_ref()
        .map(|(_, f)| {
            f.children
                .iter()
                .filter_map(|c| match c {
                    FooterChild::Paragraph(p) => Some(p.raw_text()),
                    _ => None,
                })
                .collect::<String>()
        })
        .unwrap_or_default();
    ReadBack {
        body,
        header,
        footer,
    }
}

/// Each expected line is found, in this order, each on a later line than the one before.
fn assert_in_order(lines: &[String], expected: &[&str]) {
    let mut from = 0;
    for want in expected {
        match lines[from..].iter().position(|line| line == want) {
            Some(offset) => from += offset + 1,
            None => panic!(
                "missing (in order) {want:?} after line {from}; the document:\n{}",
                lines.join("\n")
            ),
        }
    }
}

/// A part of the docx package, as text.
fn part(bytes: &[u8], name: &str) -> String {
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut text = String::new();
    archive
        .by_name(name)
        .unwrap()
        .read_to_string(&mut text)
        .unwrap();
    text
}

#[test]
fn every_section_reads_back_in_japanese() {
    let config = Config::embedded();
    let doc = read_back(&docx_of(&report_of(&ended_session(&config), Lang::Ja)));
    assert_eq!(doc.header, "サンプル総合病院 セカンドオピニオン外来");
    assert_in_order(
        &doc.body,
        &[
            "2026年11月21日",
            "親展",
            "みほん市民病院",
            "紹介 一郎 先生 御侍史",
            "サンプル総合病院 セカンドオピニオン外来",
            "〒100-0000 東京都千代田区サンプル1-2-3",
            "セカンドオピニオン外来 報告書",
            "拝啓　時下ますますご清祥のこととお慶び申し上げます。",
            "このたびは、下記の患者様をご紹介いただき、誠にありがとうございました。当院セカンドオピニオン外来にて面談いたしましたので、下記のとおりご報告申し上げます。",
            // The physician's reading order (issue 14): the patient, the conclusion, the
            // reasoning, the questions (those left open listed on their own), the record.
            "1. 患者",
            "氏名 | 試験 太郎（しけん たろう）",
            "生年月日 | 1958年3月2日（68歳）",
            "性別 | 男性",
            "当院患者ID | T-0001",
            "2. 結論",
            "記載なし",
            "3. 病状の評価とご本人のご希望",
            "記載なし",
            "4. 治療の選択肢ごとの意見",
            "記載なし",
            "5. 総合的な意見・ご提案",
            "記載なし",
            "6. ご質問と回答",
            "記載なし",
            "7. 主治医の先生にお引き継ぎするご質問",
            "・質問1　手術以外の治療法はありますか。（本人）　今回の面談では取り上げませんでした。",
            "・質問2　副作用で仕事を続けられなくなることはありますか。\n（CT & MRI <造影> の後も）[0m（妻 試験 花子）　今回の面談では取り上げませんでした。",
            "8. 相談の概要",
            "相談日 | 2026年11月21日",
            "担当医 | 佐々木 健",
            "診療科 | 腫瘍内科",
            "相談形式 | 対面",
            // The record in one block: who came, the times on one line, the materials.
            "相談者・同席者 | 試験 太郎（ご本人）",
            "相談時間 | 10:00〜10:48（46分）\u{3000}延長：16分（1回）\u{3000}中断：1回（計3分、相談時間に含まず）",
            "ご提供いただいた資料 | 記載なし",
            "なお、本相談はセカンドオピニオンとして意見を申し述べたものであり、当院では新たな検査および治療は行っておりません。今後の診療につきましては、引き続き貴院にてご高配を賜りますようお願い申し上げます。",
            "今後ともどうぞよろしくお願い申し上げます。",
            "敬具",
            "担当医",
            "腫瘍内科",
            "佐々木 健",
            "署名",
        ],
    );
    // The memo is the specialist's own notes: not in the report unless the template asks.
    assert!(!doc.body.iter().any(|line| line.contains("担当医メモ")));
    assert_eq!(
        doc.footer, "1 / 1",
        "fields read back with their placeholder"
    );
}

#[test]
fn every_section_reads_back_in_english() {
    let config = Config::embedded();
    let doc = read_back(&docx_of(&report_of(&ended_session(&config), Lang::En)));
    assert_eq!(doc.header, "サンプル総合病院 セカンドオピニオン外来");
    assert_in_order(
        &doc.body,
        &[
            "November 21, 2026",
            "Confidential",
            "みほん市民病院",
            "Dr. 紹介 一郎",
            "サンプル総合病院 セカンドオピニオン外来",
            "Second Opinion Consultation Report",
            "Dear Dr. 紹介 一郎,",
            "Thank you for referring the patient below to our second opinion clinic. We met for a consultation and report on it as follows.",
            "1. Patient",
            "Name | 試験 太郎 (しけん たろう)",
            "Date of birth | March 2, 1958 (age 68)",
            "Sex | Male",
            "Patient ID (this hospital) | T-0001",
            "2. Conclusion",
            "Not recorded",
            "3. Assessment and the patient's wishes",
            "Not recorded",
            "4. Opinion by treatment option",
            "Not recorded",
            "5. Overall opinion and suggestions",
            "Not recorded",
            "6. Questions and answers",
            "Not recorded",
            "7. Questions left for you",
            "•\u{a0}Q1: 手術以外の治療法はありますか。 (asked by 本人) — Not taken up in this consultation.",
            "•\u{a0}Q2: 副作用で仕事を続けられなくなることはありますか。\n（CT & MRI <造影> の後も）[0m (asked by 妻 試験 花子) — Not taken up in this consultation.",
            "8. Consultation",
            "Date | November 21, 2026",
            "Specialist | 佐々木 健",
            "Department | 腫瘍内科",
            "Mode | In person",
            "Attendees | 試験 太郎 (patient)",
            "Time | 10:00–10:48 (46 min); extension: 16 min (1×); pauses: 1× (3 min in all, not counted)",
            "Materials reviewed | Not recorded",
            "This consultation gave a second opinion only: no tests were performed and no treatment was given here. We would be grateful if the patient's care continued with you.",
            "Thank you again for the referral.",
            "Yours sincerely,",
            "Consulting specialist",
            "腫瘍内科",
            "佐々木 健",
            "Signature",
        ],
    );
    assert_eq!(doc.footer, "Page 1 of 1");
}

#[test]
fn the_intake_and_the_opinion_are_printed() {
    let config = Config::embedded();
    let mut session = full_session(&config);
    let intake = &mut session.intake;
    intake.patient_attends = false;
    intake.consent_form = true;
    intake.companions.push(Companion {
        name: "試験 美咲".into(),
        relationship: "長女".into(),
    });
    intake.materials = vec![
        Material {
            kind: MaterialKind::Ct,
            medium: Medium::CdR,
            description: "2026年10月30日撮影".into(),
            received_on: None,
        },
        Material {
            kind: MaterialKind::Pathology,
            medium: Medium::Paper,
            description: String::new(),
            received_on: None,
        },
    ];
    let report = report_of(&session, Lang::Ja);
    let bytes = docx_of(&report);
    let doc = read_back(&bytes);
    assert_in_order(
        &doc.body,
        &[
            "みほん市民病院",
            "消化器内科",
            "紹介 一郎 先生 御侍史",
            "1. 患者",
            "性別 | 男性",
            // Page 1 (issue 14): what the referral asked, the position on the plan, the
            // summary opinion, and one line per option with its recommendation.
            "2. 結論",
            "ご依頼の内容 | 化学療法を先行する方針についてご意見をお願いします。",
            "主治医の先生の治療方針に同意いたします。",
            "化学療法を先行する方針は標準治療に沿った妥当なものと考えます。",
            "効果判定の際に切除の可能性を再評価されることをお勧めします。",
            "手術 | 選択肢",
            "薬物療法 | 推奨（化学療法）",
            "緩和ケア・支持療法 | 推奨",
            "3. 病状の評価とご本人のご希望",
            "紹介時の診断 | 膵体部癌、cStage III（局所進行）",
            "紹介時の病期 | cStage III",
            "診断・病期について | 紹介時の診断・病期に同意いたします。",
            "PS（ECOG） | 1：肉体的に激しい活動は制限されるが、歩行可能で、軽作業や座っての作業は\
             行うことができる。例：軽い家事、事務作業",
            "ご本人のご希望 | できるだけ自宅で過ごし、仕事も続けたい。",
            // Each option heads its details, written across the page.
            "4. 治療の選択肢ごとの意見",
            "手術\u{3000}選択肢",
            "判断の理由：腹腔動脈への浸潤があり現時点では切除不能。化学療法で縮小すれば切除を再検討する。",
            "リスク・副作用：腹腔動脈合併切除は合併症が多い。",
            "薬物療法\u{3000}推奨",
            "薬剤の種類：化学療法",
            "判断の理由：局所進行膵癌の標準治療。",
            "期待される効果：腫瘍の縮小と生存期間の延長。",
            "リスク・副作用：骨髄抑制、末梢神経障害、倦怠感。",
            "根拠（ガイドライン等）：膵癌診療ガイドライン 2022年版",
            // Not discussed: the scale's word, and nothing invented beside it.
            "放射線治療\u{3000}言及なし",
            "緩和ケア・支持療法\u{3000}推奨",
            "備考：診断時から治療と並行して。",
            // The plan and the summary are in the conclusion, not printed twice.
            "5. 総合的な意見・ご提案",
            "主治医の先生へのご提案",
            "効果判定時に外科と切除可能性をご検討ください。",
            "その他",
            "ご家族は緩和ケアに関心をお持ちです。",
            // The letter speaks for the specialist: the companion's notes are left out
            // unless the specialist includes them.
            "6. ご質問と回答",
            "質問1\t手術以外の治療法はありますか。（本人）",
            "回答\t手術のほかに、化学放射線療法という選択肢があります。",
            "質問2\t副作用で仕事を続けられなくなることはありますか。（妻 試験 花子）",
            "回答\t回答いたしました（内容の記録なし）。",
            // A question left open is listed once, for the primary physician, with what
            // the specialist wrote about it.
            "7. 主治医の先生にお引き継ぎするご質問",
            "・質問3\u{3000}治療方針はいつまでに決める必要がありますか。（ご本人）\u{3000}主治医の先生とご相談いただくことといたしました。",
            "・質問4\u{3000}仕事はどの程度続けられますか。（同行者）\u{3000}今回の面談では見送りました。\n時間の都合で、次回の外来でご相談ください。",
            "・質問5\u{3000}治験に参加することはできますか。（担当医）\u{3000}今回の面談では取り上げませんでした。",
            "8. 相談の概要",
            "相談形式 | 対面",
            // Started without the referral letter: what was missing and why, neutrally.
            "受付要件 | 相談開始の時点で紹介状（診療情報提供書）がそろっておりませんでしたが、\
             担当医の判断により相談を行いました。\
             理由：紹介状は郵送中で、主治医から電話で病状の説明を受けたため。",
            "相談者・同席者 | 試験 花子（妻）、試験 美咲（長女）\n患者様ご本人は同席されていません",
            "相談時間 | 10:00〜10:31（31分）\u{3000}延長：なし\u{3000}中断：なし",
            "ご提供いただいた資料 | CT（CD-R）：2026年10月30日撮影\n病理検査（紙）",
            "敬具",
        ],
    );
    // The referral's diagnosis is printed once, with the specialist's view of it.
    let diagnosis = doc
        .body
        .iter()
        .filter(|l| l.contains("膵体部癌、cStage III（局所"));
    assert_eq!(diagnosis.count(), 1);
    // Each option heads its block, kept with its first detail; no row is kept from
    // breaking across pages (a kept row left pages half empty).
    let document = part(&bytes, "word/document.xml");
    assert!(!document.contains("<w:cantSplit/>"), "rows may split");
    let head = document.find(">薬物療法<").unwrap();
    let paragraph = document[..head].rfind("<w:p ").unwrap();
    assert!(document[paragraph..head].contains("<w:keepNext/>"));

    let markdown = String::from_utf8(report::render(&report, Format::Markdown).unwrap()).unwrap();
    for want in [
        "紹介 一郎 先生 御侍史",
        "- 相談者・同席者：試験 花子（妻）、試験 美咲（長女）  \n  患者様ご本人は同席されていません",
        "- 受付要件：相談開始の時点で紹介状（診療情報提供書）がそろっておりませんでしたが",
        // The specialist's answer alone: the companion's notes are not included.
        "回答：手術のほかに、化学放射線療法という選択肢があります。\n\n",
        "- 質問4　仕事はどの程度続けられますか。（同行者）　今回の面談では見送りました。 時間の都合で、次回の外来でご相談ください。",
        "- PS（ECOG）：1：肉体的に激しい活動は制限されるが",
        "- **薬物療法**：推奨\n  - 薬剤の種類：化学療法\n  - 判断の理由：局所進行膵癌の標準治療。",
        "- **放射線治療**：言及なし\n- **緩和ケア・支持療法**：推奨\n",
        "## 2. 結論\n\n- ご依頼の内容：化学療法を先行する方針についてご意見をお願いします。\n\n\
         主治医の先生の治療方針に同意いたします。\n\n\
         化学療法を先行する方針は標準治療に沿った妥当なものと考えます。\n\n",
        "- 手術：選択肢\n- 薬物療法：推奨（化学療法）\n- 緩和ケア・支持療法：推奨\n",
    ] {
        assert!(
            markdown.contains(want),
            "markdown lacks {want:?}:\n{markdown}"
        );
    }
}

#[test]
fn the_opinion_and_the_answers_read_back_in_english() {
    let config = Config::embedded();
    let doc = read_back(&docx_of(&report_of(&full_session(&config), Lang::En)));
    assert_in_order(
        &doc.body,
        &[
            "2. Conclusion",
            "We agree with your treatment plan.",
            "Surgery | To consider",
            "Drug therapy | Recommended (chemotherapy)",
            "Palliative and supportive care | Recommended",
            "3. Assessment and the patient's wishes",
            "Diagnosis and stage | We agree with the diagnosis and stage in the referral.",
            "Performance status (ECOG) | 1: Restricted in physically strenuous activity but \
             ambulatory and able to carry out work of a light or sedentary nature, e.g. light \
             house work, office work.",
            "4. Opinion by treatment option",
            "Surgery\u{a0}\u{a0}To consider",
            "Reasoning: 腹腔動脈への浸潤があり現時点では切除不能。化学療法で縮小すれば切除を再検討する。",
            "Risks and side effects: 腹腔動脈合併切除は合併症が多い。",
            "Drug therapy\u{a0}\u{a0}Recommended",
            "Drug classes: chemotherapy",
            "Reasoning: 局所進行膵癌の標準治療。",
            "Expected benefit: 腫瘍の縮小と生存期間の延長。",
            "Risks and side effects: 骨髄抑制、末梢神経障害、倦怠感。",
            "Reference: 膵癌診療ガイドライン 2022年版",
            "Radiation therapy\u{a0}\u{a0}Not discussed",
            "Palliative and supportive care\u{a0}\u{a0}Recommended",
            "Note: 診断時から治療と並行して。",
            "5. Overall opinion and suggestions",
            "Suggestions",
            "Other remarks",
            "ご家族は緩和ケアに関心をお持ちです。",
            "6. Questions and answers",
            // Who asked, from the asker when the intake named nobody; what became of
            // each question that was not answered, said plainly.
            "7. Questions left for you",
            "•\u{a0}Q3: 治療方針はいつまでに決める必要がありますか。 (asked by the patient) — \
             Left for the patient to discuss with you.",
            "•\u{a0}Q4: 仕事はどの程度続けられますか。 (asked by a companion) — \
             Left aside in this consultation.\n時間の都合で、次回の外来でご相談ください。",
            "•\u{a0}Q5: 治験に参加することはできますか。 (asked by the specialist) — \
             Not taken up in this consultation.",
            "8. Consultation",
            "Requirements | When the consultation began, the following was missing: the referral \
             letter. The specialist decided to hold the consultation, for this reason: \
             紹介状は郵送中で、主治医から電話で病状の説明を受けたため。",
        ],
    );
}

#[test]
fn the_opinion_follows_the_configuration() {
    let mut config = Config::embedded();
    // A hospital's own words for the scale, and an optional row switched on.
    config.opinion.scale.ja.consider = "検討の余地あり".into();
    config.opinion.optional_options =
        vec![sonote::model::opinion::OptionalTreatment::ClinicalTrial];
    let mut session = full_session(&config);
    session.opinion.diagnosis_view = Some(DiagnosisView::Differs);
    session.opinion.own_diagnosis = "膵体部癌、cStage IV（肝転移疑い）".into();
    session.opinion.plan_agreement = Some(PlanAgreement::PartlyDiffers);
    session.opinion.plan_differences = "肝病変の精査を先に行う。".into();
    let doc = read_back(&docx_of(&report_of_with(&session, &config, Lang::Ja)));
    assert_in_order(
        &doc.body,
        &[
            // The conclusion in the hospital's words, the optional row only in detail when
            // it was not discussed.
            "主治医の先生の治療方針に概ね同意いたしますが、一部異なる点がございます。",
            "異なる点：肝病変の精査を先に行う。",
            "手術 | 検討の余地あり",
            "診断・病期について | 紹介時の診断・病期とは異なる見解です。",
            "当院の見立て | 膵体部癌、cStage IV（肝転移疑い）",
            "手術\u{3000}検討の余地あり",
            "判断の理由：腹腔動脈への浸潤があり現時点では切除不能。化学療法で縮小すれば切除を再検討する。",
            "リスク・副作用：腹腔動脈合併切除は合併症が多い。",
            "緩和ケア・支持療法\u{3000}推奨",
            "備考：診断時から治療と並行して。",
            "臨床試験\u{3000}言及なし",
        ],
    );
}

#[test]
fn the_page_is_a4_with_japanese_margins_fonts_and_page_fields() {
    let config = Config::embedded();
    let bytes = docx_of(&report_of(&ended_session(&config), Lang::Ja));
    let document = part(&bytes, "word/document.xml");
    assert!(
        document.contains("<w:pgSz w:w=\"11906\" w:h=\"16838\""),
        "A4"
    );
    assert!(document.contains("w:top=\"1985\""), "35 mm top margin");
    assert!(document.contains("w:left=\"1701\""), "30 mm side margin");
    assert!(
        document.contains("w:eastAsia=\"ＭＳ ゴシック\""),
        "Gothic headings"
    );
    let styles = part(&bytes, "word/styles.xml");
    assert!(styles.contains("w:eastAsia=\"ＭＳ 明朝\""), "Mincho body");
    assert!(styles.contains("<w:sz w:val=\"21\""), "10.5 pt body");
    let footer = part(&bytes, "word/footer1.xml");
    assert!(footer.contains(">PAGE<"), "{footer}");
    assert!(footer.contains(">NUMPAGES<"), "{footer}");
    // Line breaks are breaks, not a newline inside the text.
    assert!(document.contains("<w:br w:type=\"textWrapping\""));
    assert!(!document.contains("&#xA;"));
    // The metadata carries the end of the consultation, not the time of the export.
    let core = part(&bytes, "docProps/core.xml");
    assert_eq!(
        core.matches(">2026-11-21T01:48:30Z</dcterms:").count(),
        2,
        "{core}"
    );
}

#[test]
fn the_same_session_gives_the_same_bytes() {
    let config = Config::embedded();
    let session = ended_session(&config);
    let first = docx_of(&report_of(&session, Lang::Ja));
    // Reading a docx makes paragraphs, which moves docx-rs's own id counter on this thread.
    let _ = docx_rs::read_docx(&first).unwrap();
    let second = docx_of(&report_of(&session, Lang::Ja));
    let elsewhere = std::thread::spawn(move || docx_of(&report_of(&session, Lang::Ja)))
        .join()
        .unwrap();
    assert!(first == second, "same thread");
    assert!(first == elsewhere, "another thread");
    // No entry of the zip carries the time it was written.
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(&first)).unwrap();
    for index in 0..archive.len() {
        let entry = archive.by_index(index).unwrap();
        let time = entry.last_modified().unwrap_or_default();
        assert_eq!(
            (time.year(), time.month(), time.day()),
            (1980, 1, 1),
            "{}",
            entry.name()
        );
    }
}

#[test]
fn markdown_and_json_say_what_the_docx_says() {
    let config = Config::embedded();
    let report = report_of(&ended_session(&config), Lang::Ja);
    let markdown = String::from_utf8(report::render(&report, Format::Markdown).unwrap()).unwrap();
    let json: serde_json::Value =
        serde_json::from_slice(&report::render(&report, Format::Json).unwrap()).unwrap();
    schema::assert_valid(&json);
    let doc = read_back(&docx_of(&report));

    let sections = json["document"]["sections"].as_array().unwrap();
    assert_eq!(sections.len(), 8);
    for section in sections {
        let heading = section["heading"].as_str().unwrap();
        assert!(doc.body.iter().any(|line| line == heading), "{heading}");
        assert!(markdown.contains(&format!("\n## {heading}\n")), "{heading}");
    }
    assert_eq!(json["format"], "sonote-report");
    assert_eq!(json["format_version"], 3);
    assert_eq!(json["language"], "ja");
    let session = &json["session"];
    assert_eq!(session["session_id"], "2026-11-21-01");
    assert_eq!(session["report_date"], "2026-11-21");
    assert_eq!(session["patient"]["name"], "試験 太郎");
    assert_eq!(session["patient"]["date_of_birth"], "1958-03-02");
    assert_eq!(session["patient"]["age"], 68);
    assert_eq!(session["mode"], "in_person");
    assert_eq!(session["time"]["state"], "ended");
    assert_eq!(session["time"]["started_at"], "2026-11-21T10:00:00+09:00");
    assert_eq!(session["time"]["duration_seconds"], 45 * 60 + 30);
    assert_eq!(session["time"]["extensions"], 1);
    assert_eq!(session["time"]["paused_seconds"], 180);
    assert_eq!(session["questions"][1]["asked_by"], "妻 試験 花子");
    assert_eq!(session["questions"][1]["asker"], "companion");
    assert_eq!(session["questions"][1]["state"], "not_yet");
    assert_eq!(session["questions"][1]["answer"], serde_json::Value::Null);
    assert_eq!(session["questions"][1]["seconds_spent"], 0);
    assert_eq!(session["fee"]["total"], 11000);
    assert_eq!(session["clock_events"][4]["kind"], "end");
    assert_eq!(
        session["attendees"],
        serde_json::json!([{"name": "試験 太郎", "relationship": null, "is_patient": true}])
    );
    assert_eq!(session["referral"]["physician"], "紹介 一郎");
    assert_eq!(session["referral"]["diagnosis"], serde_json::Value::Null);
    assert_eq!(session["materials"], serde_json::json!([]));
    // Questions not taken up are listed once, as open, not repeated with the answers.
    assert_eq!(sections[5]["body"]["kind"], "not_recorded");
    let open = &sections[6]["body"];
    assert_eq!(open["kind"], "list");
    assert_eq!(
        open["content"][0],
        "質問1　手術以外の治療法はありますか。（本人）　今回の面談では取り上げませんでした。"
    );
    assert_eq!(session["eligibility_override"], serde_json::Value::Null);

    // The same words in all three, control characters gone from all three.
    for text in ["試験 太郎（しけん たろう）", "46分", "記載なし", "敬具"] {
        assert!(markdown.contains(text), "markdown lacks {text}");
        assert!(json.to_string().contains(text), "json lacks {text}");
    }
    assert!(!markdown.contains('\u{1b}') && !json.to_string().contains("\\u001b"));
    // `<` before a letter that starts no HTML tag is text, and stays as typed.
    assert!(
        markdown.contains("（CT & MRI <造影> の後も）"),
        "{markdown}"
    );
}

/// The structured opinion, the questions' fate and the eligibility decision as json data,
/// and the same words in the json document as in the docx and the markdown.
#[test]
fn json_carries_the_opinion_and_the_answers() {
    let config = Config::embedded();
    let report = report_of(&full_session(&config), Lang::Ja);
    let json: serde_json::Value =
        serde_json::from_slice(&report::render(&report, Format::Json).unwrap()).unwrap();
    schema::assert_valid(&json);
    let markdown = String::from_utf8(report::render(&report, Format::Markdown).unwrap()).unwrap();
    let doc = read_back(&docx_of(&report));
    let session = &json["session"];
    let q = &session["questions"];
    assert_eq!(q[0]["state"], "answered");
    assert_eq!(
        q[0]["specialist_answer"],
        "手術のほかに、化学放射線療法という選択肢があります。"
    );
    assert_eq!(
        q[0]["companion_answer"],
        "放射線と薬を組み合わせる方法もあると説明を受けた。"
    );
    assert_eq!(q[0]["answered_at"], "2026-11-21T10:06:00+09:00");
    // Q1 was current from 10:01 to 10:06, Q2 from 10:06 until it was answered at 10:10.
    assert_eq!(q[0]["seconds_spent"], 300);
    assert_eq!(q[1]["seconds_spent"], 240);
    assert_eq!(q[2]["state"], "for_primary_physician");
    assert_eq!(q[2]["asker"], "patient");
    assert_eq!(q[2]["asked_by"], serde_json::Value::Null);
    assert_eq!(q[3]["state"], "skipped");
    assert_eq!(q[4]["state"], "not_yet");
    let o = &session["opinion"];
    // The session was given its diagnosis after it was made, so the opinion has none of its
    // own and the report prints the intake's (see the docx tests).
    assert_eq!(o["referral_diagnosis"], serde_json::Value::Null);
    assert_eq!(
        session["referral"]["diagnosis"],
        "膵体部癌、cStage III（局所進行）"
    );
    assert_eq!(o["diagnosis_view"], "agrees");
    assert_eq!(o["performance_status"], 1);
    assert_eq!(o["plan_agreement"], "agrees");
    assert_eq!(o["own_diagnosis"], serde_json::Value::Null);
    let kinds: Vec<&str> = o["treatments"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["kind"].as_str().unwrap())
        .collect();
    assert_eq!(
        kinds,
        ["surgery", "drug_therapy", "radiation", "palliative_care"]
    );
    assert_eq!(o["treatments"][1]["recommendation"], "recommended");
    assert_eq!(
        o["treatments"][1]["drug_classes"],
        serde_json::json!(["chemotherapy"])
    );
    assert_eq!(o["treatments"][2]["recommendation"], "not_discussed");
    assert_eq!(o["treatments"][2]["reasoning"], serde_json::Value::Null);
    let eligibility = &session["eligibility_override"];
    assert_eq!(
        eligibility["missing"],
        serde_json::json!([{"kind": "referral_letter"}])
    );
    assert_eq!(eligibility["at"], "2026-11-21T10:00:00+09:00");

    let sections = json["document"]["sections"].as_array().unwrap();
    let kinds: Vec<&str> = sections
        .iter()
        .map(|s| s["body"]["kind"].as_str().unwrap())
        .collect();
    assert_eq!(
        kinds,
        [
            "fields",
            "conclusion",
            "fields",
            "options",
            "parts",
            "questions",
            "list",
            "fields"
        ]
    );
    let conclusion = &sections[1]["body"]["content"];
    assert_eq!(
        conclusion["paragraphs"][1],
        "化学療法を先行する方針は標準治療に沿った妥当なものと考えます。"
    );
    assert_eq!(conclusion["options"][1]["value"], "推奨（化学療法）");
    let options = &sections[3]["body"]["content"];
    assert_eq!(options["rows"][1]["recommendation"], "推奨");
    assert_eq!(options["rows"][1]["details"][0]["label"], "薬剤の種類");
    assert_eq!(options["rows"][2]["details"], serde_json::json!([]));
    assert_eq!(
        sections[4]["body"]["content"][0]["label"],
        "主治医の先生へのご提案"
    );
    // A question left aside is listed once, with what the specialist wrote about it.
    assert_eq!(
        sections[6]["body"]["content"][1],
        "質問4\u{3000}仕事はどの程度続けられますか。（同行者）\u{3000}今回の面談では見送りました。\n\
         時間の都合で、次回の外来でご相談ください。"
    );
    // Every word of the table and of the overall opinion is in all three formats.
    let text = json.to_string();
    for want in [
        "選択肢",
        "言及なし",
        "根拠（ガイドライン等）",
        "膵癌診療ガイドライン 2022年版",
        "主治医の先生の治療方針に同意いたします。",
        "ご家族は緩和ケアに関心をお持ちです。",
        "主治医の先生とご相談いただくことといたしました。",
    ] {
        assert!(text.contains(want), "json lacks {want}");
        assert!(markdown.contains(want), "markdown lacks {want}");
        assert!(
            doc.body.iter().any(|line| line.contains(want)),
            "docx lacks {want}"
        );
    }
}

#[test]
fn a_session_not_yet_held_is_reported_without_inventing_times() {
    let config = Config::embedded();
    let session = new_session(&config);
    let report = report_of(&session, Lang::Ja);
    let doc = read_back(&docx_of(&report));
    // Nothing is said to have been left out of a consultation still to come.
    assert_in_order(
        &doc.body,
        &[
            "2026年11月21日",
            // Not open yet: a question not reached is in the answers, not left open.
            "質問1\t手術以外の治療法はありますか。（本人）",
            "回答\t記録なし",
            "8. 相談の概要",
            "相談時間 | 記載なし",
        ],
    );
    let facts = &report.facts;
    assert_eq!(facts.time.duration_seconds, None);
    assert_eq!(facts.report_date, today());
}

#[test]
fn a_template_can_leave_out_and_reorder_sections() {
    let text = sonote::report::template::REPORT_JA
        .replace(
            "sections = [\"patient\", \"conclusion\", \"findings\", \"opinion\", \"summary\", \"questions\", \"open_questions\", \"overview\"]",
            "sections = [\"questions\", \"patient\", \"memo\", \"opinion\"]",
        )
        .replace("number_headings = true", "number_headings = false")
        .replace("omit_empty_sections = false", "omit_empty_sections = true")
        .replace("confidential = \"親展\"", "confidential = \"\"");
    let template = ReportTemplate::from_text(Path::new("ours.toml"), &text).unwrap();
    let config = Config::embedded();
    let mut session = ended_session(&config);
    session.memo = "PS 1。\r\n家族は緩和ケアに関心。".into();
    let report = report::build(&session, &config, &template);
    let headings: Vec<&str> = report.sections.iter().map(|s| s.heading.as_str()).collect();
    // The opinion is empty and left out; the memo is in, each of its lines a paragraph
    // (so that each keeps the indent).
    assert_eq!(headings, ["ご質問と回答", "患者", "担当医メモ"]);
    let doc = read_back(&docx_of(&report));
    let memo = doc.body.iter().position(|l| l == "PS 1。");
    assert_eq!(
        memo.map(|at| doc.body[at + 1].as_str()),
        Some("家族は緩和ケアに関心。")
    );
    assert!(!doc.body.iter().any(|l| l == "親展"));
}

/// Convert the docx with LibreOffice and read the PDF's text: the document opens in a real
/// word processor, the fonts exist, and the page fields are filled in.
#[test]
fn libreoffice_renders_the_report() {
    // Present when it can be started at all; pdftotext has no --version and exits 1.
    if !tools_present(
        &["soffice", "pdftotext"],
        &["-v"],
        "CI installs libreoffice-writer-nogui and poppler-utils, see .ci/run",
    ) {
        return;
    }
    let config = Config::embedded();
    let dir = tempfile::tempdir().unwrap();
    let cases = [
        (Lang::Ja, false),
        (Lang::En, false),
        (Lang::Ja, true),
        (Lang::En, true),
    ];
    for (lang, full) in cases {
        let name = format!("report-{lang:?}-{full}");
        let session = match full {
            true => full_session(&config),
            false => ended_session(&config),
        };
        let docx = docx_of(&report_of(&session, lang));
        let pdf = common::pdf::to_pdf(&docx, dir.path(), &name);
        let text = Command::new("pdftotext")
            .args(["-layout", "-enc", "UTF-8"])
            .arg(&pdf)
            .arg("-")
            .output()
            .unwrap();
        let text = String::from_utf8(text.stdout).unwrap();
        let pages = text.matches('\u{c}').count();
        assert!((1..=4).contains(&pages), "{pages} pages");
        // pdftotext spaces out some CJK runs; compare without spaces.
        let squeezed: String = text.chars().filter(|c| !c.is_whitespace()).collect();
        let expected: &[&str] = match (lang, full) {
            (Lang::Ja, false) => &[
                "セカンドオピニオン外来報告書",
                "試験太郎（しけんたろう）",
                "1958年3月2日（68歳）",
                "46分",
                "質問2",
                "（CT&MRI<造影>の後も）",
                "新たな検査および治療は行っておりません",
                "佐々木健",
            ],
            (Lang::En, false) => &[
                "SecondOpinionConsultationReport",
                "March2,1958(age68)",
                "46min",
                "Q2",
                "notestswereperformed",
                "Yourssincerely,",
            ],
            // The opinion table at A4 width: the columns and the row words come out whole
            // (a column too narrow would break them).
            (Lang::Ja, true) => &[
                // The conclusion, then each option heading its details.
                "2.結論",
                "緩和ケア・支持療法推奨",
                "放射線治療言及なし",
                "膵癌診療ガイドライン",
                "主治医の先生へのご提案",
                "担当医の判断により相談を行いました",
            ],
            (Lang::En, true) => &[
                "2.Conclusion",
                "SurgeryToconsider",
                "RadiationtherapyNotdiscussed",
                "Weagreewithyourtreatmentplan.",
            ],
        };
        for want in expected {
            assert!(squeezed.contains(want), "{lang:?}: {want} not in\n{text}");
        }
        // The footer fields were computed: "1 / N" on the first page, "N / N" on the last.
        let last = match lang {
            Lang::Ja => format!("{pages}/{pages}"),
            Lang::En => format!("Page{pages}of{pages}"),
        };
        assert!(squeezed.contains(&last), "{lang:?}: no {last} in\n{text}");
    }
}
