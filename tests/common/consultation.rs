//! A realistic consultation, as issue 14 tried it: twelve prepared questions (several answered
//! on both terminals, one skipped, one left for the primary physician, one not reached) and a
//! full opinion on the four options, in Japanese or in English. The letter's length and
//! reading order are measured on it.

use chrono::NaiveDate;
use sonote::config::{Config, Lang};
use sonote::model::intake::{Companion, Material, MaterialKind, Medium, Referral, Sex};
use sonote::model::opinion::{
    DiagnosisView, DrugClass, Ecog, PlanAgreement, Recommendation, TreatmentKind,
};
use sonote::model::{Asker, Intake, Mode, NewSession, Patient, Question, QuestionState, Session};
use sonote::model::{Specialist, Timestamp};

use super::{at, today};

/// What became of a question, and who wrote what about it.
struct Asked {
    text: [&'static str; 2],
    asker: Asker,
    state: QuestionState,
    specialist: [&'static str; 2],
    companion: [&'static str; 2],
}

const fn q(
    text: [&'static str; 2],
    asker: Asker,
    state: QuestionState,
    specialist: [&'static str; 2],
    companion: [&'static str; 2],
) -> Asked {
    Asked {
        text,
        asker,
        state,
        specialist,
        companion,
    }
}

const NONE: [&str; 2] = ["", ""];

const QUESTIONS: [Asked; 12] = [
    q(
        [
            "今の病状（病期）は、紹介状の診断と同じ見立てでしょうか。",
            "Is my disease (its stage) what the referral letter says?",
        ],
        Asker::Patient,
        QuestionState::Answered,
        [
            "ご提供いただいた造影CTと病理報告書を拝見し、膵体部癌、局所進行（cStage III）という紹介時の診断に同意いたします。遠隔転移を疑う所見は認めません。",
            "Having reviewed the contrast CT and the pathology report you lent us, I agree with the referral's diagnosis: cancer of the body of the pancreas, locally advanced (cStage III). I see nothing suggesting distant metastasis.",
        ],
        [
            "先生も同じ診断。転移はなさそう、とのこと。",
            "Same diagnosis. No spread, he thinks.",
        ],
    ),
    q(
        [
            "主治医から勧められた抗がん剤治療のほかに、手術や放射線治療という選択肢はありますか。",
            "Besides the chemotherapy my doctor recommends, are surgery or radiation options?",
        ],
        Asker::Patient,
        QuestionState::Answered,
        [
            "腹腔動脈に腫瘍が接しているため、現時点では切除は難しいと考えます。化学療法で腫瘍が縮小した場合には、切除の可能性を改めて検討する価値があります。放射線治療は化学療法の効果を見てから併用を検討する位置づけです。",
            "Because the tumour touches the coeliac artery, surgery is not possible now. If chemotherapy shrinks it, resection is worth reconsidering. Radiation would be considered with chemotherapy once its effect is known.",
        ],
        [
            "今すぐ手術は無理。薬が効いたらもう一度手術を考える。放射線は後で。",
            "No surgery now. If the drugs work, think about surgery again. Radiation later.",
        ],
    ),
    q(
        [
            "治療の副作用で、仕事や家事はどの程度続けられますか。",
            "How far can I keep working and doing housework during treatment?",
        ],
        Asker::Companion,
        QuestionState::Answered,
        [
            "投与後数日は倦怠感が強くなることが多いですが、体調の良い週には事務作業程度のお仕事を続けておられる方も多くいらっしゃいます。職場と相談し、勤務時間を調整されることをお勧めします。",
            "Tiredness is usually worst for a few days after each dose, but many patients keep an office job in the good weeks. I suggest talking with the employer about adjusting the hours.",
        ],
        [
            "投与後2〜3日はだるい。事務仕事なら続けられる人が多い。職場と時間の相談を。",
            "Tired for 2-3 days after each dose. Office work usually OK. Talk to work about hours.",
        ],
    ),
    q(
        [
            "緩和ケアは今の段階から受けてもよいのでしょうか。",
            "May I receive palliative care already at this stage?",
        ],
        Asker::Companion,
        QuestionState::Answered,
        [
            "はい。緩和ケアは終末期に限ったものではなく、診断の時点から治療と並行して受けることが勧められています。痛みや食欲不振、気持ちのつらさにも対応できますので、主治医の先生にご相談ください。",
            "Yes. Palliative care is not only for the end of life: it is recommended from diagnosis, alongside treatment. It helps with pain, loss of appetite and distress; please ask your primary physician.",
        ],
        [
            "緩和ケアは今からでよい。痛みや食欲、気持ちの面も。主治医に相談。",
            "Palliative care: yes, from now. Pain, appetite, feelings too. Ask the primary doctor.",
        ],
    ),
    q(
        [
            "治療方針はいつまでに決める必要がありますか。",
            "By when must I decide on the treatment?",
        ],
        Asker::Patient,
        QuestionState::Answered,
        [
            "病状は比較的落ち着いていますが、局所進行膵癌では治療開始の遅れが不利になり得ます。2週間程度を目安に主治医の先生とご相談のうえ決められるとよいと思います。",
            "The disease is fairly stable, but delay can count against locally advanced pancreatic cancer. I would decide with your primary physician within about two weeks.",
        ],
        NONE,
    ),
    q(
        [
            "抗がん剤の種類はどのように選ぶのですか。",
            "How is the chemotherapy regimen chosen?",
        ],
        Asker::Patient,
        QuestionState::Answered,
        [
            "体力（PS）、年齢、腎機能や神経障害の有無などから選びます。現在のPSと検査値からは、ゲムシタビン＋ナブパクリタキセル療法、またはmFOLFIRINOX療法のいずれも選択可能と考えます。",
            "From performance status, age, kidney function and any nerve damage. From your current status and tests, either gemcitabine with nab-paclitaxel or mFOLFIRINOX is possible.",
        ],
        [
            "体力や腎臓などで薬を選ぶ。2種類どちらも使える。",
            "Drugs chosen by strength, kidneys etc. Both of two regimens possible.",
        ],
    ),
    q(
        [
            "遺伝子検査（がんゲノム検査）は受けたほうがよいですか。",
            "Should I have genomic testing of the cancer?",
        ],
        Asker::Companion,
        QuestionState::Answered,
        [
            "標準治療の見通しが立った段階で、がん遺伝子パネル検査を検討する価値があります。BRCA遺伝子の検査は、治療薬の選択に関わるため早めの実施をお勧めします。",
            "Once the standard treatment is planned, a cancer gene panel is worth considering. BRCA testing bears on the choice of drugs and is best done early.",
        ],
        [
            "BRCA検査は早めに。パネル検査は後で。",
            "BRCA test early. Panel test later.",
        ],
    ),
    q(
        [
            "食事で気をつけることはありますか。",
            "Should I be careful about what I eat?",
        ],
        Asker::Patient,
        QuestionState::Answered,
        [
            "特別な食事制限はありません。膵臓の機能が落ちると消化が悪くなることがあり、脂っこい食事で下痢をする場合は消化酵素薬が役立ちます。体重を保つことが大切です。",
            "No special diet. If pancreatic function falls, digestion may suffer; if fatty food causes diarrhoea, enzyme tablets help. Keeping weight up matters.",
        ],
        [
            "制限なし。体重を落とさない。下痢なら消化酵素の薬。",
            "No limits. Keep weight. Diarrhoea: enzyme pills.",
        ],
    ),
    q(
        [
            "民間療法やサプリメントを併用してもよいですか。",
            "May I take supplements or alternative remedies alongside?",
        ],
        Asker::Companion,
        QuestionState::Answered,
        [
            "効果が確かめられていない自費診療やサプリメントには慎重であってください。抗がん剤との相互作用で副作用が強くなることがあります。使用する場合は必ず主治医の先生にお伝えください。",
            "Please be careful with unproven self-pay treatments and supplements: some strengthen the side effects of chemotherapy. Tell your primary physician about anything you take.",
        ],
        NONE,
    ),
    q(
        [
            "治験に参加することはできますか。",
            "Could I join a clinical trial?",
        ],
        Asker::Specialist,
        QuestionState::ForPrimaryPhysician,
        NONE,
        ["治験は主治医と相談。", "Trials: ask the primary doctor."],
    ),
    q(
        [
            "セカンドオピニオンの結果を主治医にどう伝えればよいですか。",
            "How do I tell my doctor about this second opinion?",
        ],
        Asker::Patient,
        QuestionState::Skipped,
        [
            "時間の都合で取り上げませんでしたが、本報告書を主治医の先生にお渡しいただければ十分です。",
            "Not taken up for lack of time; handing this letter to your primary physician is enough.",
        ],
        NONE,
    ),
    q(
        [
            "家族として、どのように支えればよいでしょうか。",
            "How can we support him as a family?",
        ],
        Asker::Companion,
        QuestionState::NotYet,
        NONE,
        NONE,
    ),
];

/// The consultation, ended after 42 minutes with one extension.
pub fn consultation(config: &Config, lang: Lang) -> Session {
    let i = match lang {
        Lang::Ja => 0,
        Lang::En => 1,
    };
    let pick = |both: [&'static str; 2]| both[i].to_string();
    let draft = NewSession {
        id: String::new(),
        scheduled_date: today(),
        scheduled_time: chrono::NaiveTime::from_hms_opt(10, 0, 0),
        mode: Mode::InPerson,
        patient: Patient {
            name: pick(["見本 太郎", "Taro Mihon"]),
            name_kana: pick(["みほん たろう", ""]),
            date_of_birth: NaiveDate::from_ymd_opt(1959, 6, 14),
            hospital_id: "SO-2026-0412".into(),
            sex: Some(Sex::Male),
            ..Patient::default()
        },
        specialist: Specialist {
            name: pick(["佐々木 健", "Ken Sasaki"]),
            department: pick(["腫瘍内科", "Medical Oncology"]),
        },
        questions: Vec::new(),
        intake: Intake {
            patient_attends: true,
            companions: vec![Companion {
                name: pick(["見本 美咲", "Misaki Mihon"]),
                relationship: pick(["長女", "daughter"]),
            }],
            referral: Referral {
                received: true,
                date: NaiveDate::from_ymd_opt(2026, 11, 10),
                physician: pick(["紹介 一郎", "Ichiro Shokai"]),
                institution: pick(["みほん市民病院", "Mihon City Hospital"]),
                department: pick(["消化器内科", "Gastroenterology"]),
                address: pick([
                    "〒100-0001 東京都千代田区見本町4-5-6",
                    "4-5-6 Mihon-cho, Chiyoda-ku, Tokyo 100-0001",
                ]),
                diagnosis: pick([
                    "膵がん（膵体部）、cStage III（局所進行）",
                    "Pancreatic cancer (body), cStage III (locally advanced)",
                ]),
                question: pick([
                    "化学療法を先行する方針について、手術や放射線治療を含めたご意見をお願いします。",
                    "Your opinion on starting with chemotherapy, including surgery and radiation.",
                ]),
                ..Referral::default()
            },
            materials: vec![
                material(
                    MaterialKind::Ct,
                    Medium::CdR,
                    [
                        "造影CT（胸腹部） 2026-10-28",
                        "Contrast CT (chest, abdomen) 2026-10-28",
                    ],
                    i,
                ),
                material(
                    MaterialKind::Pathology,
                    Medium::Paper,
                    ["EUS-FNA 病理診断報告書", "EUS-FNA pathology report"],
                    i,
                ),
                material(
                    MaterialKind::BloodTest,
                    Medium::Paper,
                    [
                        "血液検査（CA19-9 含む） 2026-11-05",
                        "Blood tests (with CA19-9) 2026-11-05",
                    ],
                    i,
                ),
            ],
            ..Intake::default()
        },
        demo: false,
    };
    let mut session = Session::new(draft, config.clock_rules(), config.fee.clone(), at(-5, 0));
    session.id = "2026-11-21-05".into();
    session.memo = pick([
        "PS1。娘さんが熱心。費用の質問あり。",
        "PS 1. Daughter keen. Asked about cost.",
    ]);
    for asked in &QUESTIONS {
        let who = match asked.asker {
            Asker::Companion => pick(["長女 見本 美咲", "daughter Misaki Mihon"]),
            _ => String::new(),
        };
        session
            .questions
            .push(Question::new(pick(asked.text), asked.asker, who));
    }
    session.ensure_question_ids();
    session.toggle_clock(at(0, 0)).expect("the clock starts");
    let ids: Vec<String> = session.questions.iter().map(|q| q.id.clone()).collect();
    let mut minute = 1;
    for (index, asked) in QUESTIONS.iter().enumerate() {
        let now: Timestamp = at(minute, 0);
        if asked.state != QuestionState::NotYet {
            session.set_current(Some(&ids[index]), now);
        }
        session.questions[index].answer = pick(asked.specialist);
        session.questions[index].companion_answer = pick(asked.companion);
        session.set_question_state(&ids[index], asked.state, at(minute + 3, 0));
        minute += 3;
    }
    session.extend(at(29, 0)).expect("one extension");
    let o = &mut session.opinion;
    o.referral_diagnosis = pick([
        "膵がん（膵体部）、cStage III（局所進行）",
        "Pancreatic cancer (body), cStage III (locally advanced)",
    ]);
    o.referral_stage = "cStage III".into();
    o.diagnosis_view = Some(DiagnosisView::Agrees);
    o.performance_status = Ecog::new(1);
    o.patient_wishes = pick([
        "できるだけ自宅で過ごし、体調の許す範囲で仕事を続けたい。治療の効果があれば手術も受けたい。",
        "To stay at home as much as possible and keep working as health allows; to have surgery if treatment makes it possible.",
    ]);
    o.set_recommendation(TreatmentKind::Surgery, Recommendation::Consider);
    let t = o.treatment_mut(TreatmentKind::Surgery);
    t.reasoning = pick([
        "腫瘍が腹腔動脈に180度を超えて接しており、現時点では切除不能（UR-LA）と判断します。",
        "The tumour abuts the coeliac artery over more than 180 degrees: unresectable now (UR-LA).",
    ]);
    t.benefit = pick([
        "化学療法後に切除できれば、長期生存が期待できます。",
        "Resection after chemotherapy offers a chance of long survival.",
    ]);
    t.risks = pick([
        "腹腔動脈合併切除を伴う場合、合併症の頻度が高くなります。",
        "Resection with the coeliac artery carries more complications.",
    ]);
    t.reference = pick([
        "膵癌診療ガイドライン 2022年版（CQ: コンバージョン手術）",
        "Japanese pancreatic cancer guidelines 2022 (conversion surgery)",
    ]);
    t.note = pick([
        "4〜6か月の化学療法後の効果判定時に、外科と切除可能性の再評価を。",
        "Reassess resectability with surgeons after 4-6 months of chemotherapy.",
    ]);
    o.set_recommendation(TreatmentKind::DrugTherapy, Recommendation::Recommended);
    o.toggle_drug_class(DrugClass::Chemotherapy);
    let t = o.treatment_mut(TreatmentKind::DrugTherapy);
    t.reasoning = pick([
        "局所進行切除不能膵癌の標準治療であり、主治医の先生の方針に同意いたします。",
        "The standard treatment of unresectable locally advanced pancreatic cancer; I agree with the primary physician's plan.",
    ]);
    t.benefit = pick([
        "腫瘍の縮小と生存期間の延長。切除可能となる場合があります。",
        "Shrinking the tumour and longer survival; sometimes resection becomes possible.",
    ]);
    t.risks = pick([
        "骨髄抑制、末梢神経障害、倦怠感、脱毛。",
        "Bone-marrow suppression, neuropathy, fatigue, hair loss.",
    ]);
    t.reference = pick([
        "膵癌診療ガイドライン 2022年版",
        "Japanese pancreatic cancer guidelines 2022",
    ]);
    t.note = pick([
        "ゲムシタビン＋ナブパクリタキセル療法またはmFOLFIRINOX療法。BRCA検査の結果によりプラチナ製剤を考慮。",
        "Gemcitabine with nab-paclitaxel, or mFOLFIRINOX; platinum if BRCA is mutated.",
    ]);
    o.set_recommendation(TreatmentKind::Radiation, Recommendation::Consider);
    let t = o.treatment_mut(TreatmentKind::Radiation);
    t.reasoning = pick([
        "化学療法で遠隔転移が出現しないことを確認したうえで、化学放射線療法を検討する余地があります。",
        "Once chemotherapy shows no distant spread, chemoradiation may be considered.",
    ]);
    t.benefit = pick(["局所制御の改善。", "Better local control."]);
    t.risks = pick(["消化管障害、倦怠感。", "Gastrointestinal injury, fatigue."]);
    o.set_recommendation(TreatmentKind::PalliativeCare, Recommendation::Recommended);
    let t = o.treatment_mut(TreatmentKind::PalliativeCare);
    t.reasoning = pick([
        "診断時から治療と並行した緩和ケアの導入が推奨されています。",
        "Palliative care alongside treatment from diagnosis is recommended.",
    ]);
    t.benefit = pick([
        "痛み、食欲不振、気持ちのつらさの軽減。治療の継続を支えます。",
        "Relief of pain, poor appetite and distress; it helps treatment continue.",
    ]);
    t.note = pick([
        "ご家族も緩和ケアに関心をお持ちです。",
        "The family is interested in palliative care.",
    ]);
    o.plan_agreement = Some(PlanAgreement::Agrees);
    o.summary = pick([
        "化学療法を先行する主治医の先生の方針は、標準治療に沿った妥当なものと考えます。\n効果判定の際に、切除および化学放射線療法の可能性を改めて評価されることをお勧めします。",
        "Starting with chemotherapy, as the primary physician plans, follows standard care.\nAt each assessment, resection and chemoradiation are worth reconsidering.",
    ]);
    o.suggestions = pick([
        "BRCA遺伝子検査を早めにご検討ください。\n緩和ケアチームへの紹介を治療開始と同時にご検討ください。",
        "Please consider early BRCA testing.\nPlease consider referral to the palliative care team as treatment starts.",
    ]);
    o.note = pick([
        "ご本人は就労の継続を強く希望されています。",
        "The patient strongly wishes to keep working.",
    ]);
    session.end(at(42, 0)).expect("the clock ends");
    session
}

fn material(kind: MaterialKind, medium: Medium, description: [&str; 2], i: usize) -> Material {
    Material {
        kind,
        medium,
        description: description[i].to_string(),
        received_on: NaiveDate::from_ymd_opt(2026, 11, 18),
    }
}
