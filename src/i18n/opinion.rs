//! The words of the opinion tab (and of the opinion in a report), in Japanese and English.
//! The recommendation scale itself is worded in the configuration (`[opinion.scale.*]`).

use crate::config::{Lang, ScaleWords};
use crate::model::opinion::{DiagnosisView, DrugClass, Ecog, Gap, PlanAgreement, TreatmentKind};

pub struct OpinionTexts {
    pub overview: &'static str,
    pub conclusion: &'static str,
    pub surgery: &'static str,
    pub drug_therapy: &'static str,
    pub radiation: &'static str,
    pub palliative_care: &'static str,
    pub clinical_trial: &'static str,
    pub watchful_waiting: &'static str,
    pub chemotherapy: &'static str,
    pub targeted_therapy: &'static str,
    pub immunotherapy: &'static str,
    pub hormone_therapy: &'static str,
    pub referral_diagnosis: &'static str,
    pub referral_stage: &'static str,
    pub diagnosis_view: &'static str,
    pub own_diagnosis: &'static str,
    pub performance_status: &'static str,
    pub patient_wishes: &'static str,
    pub drug_classes: &'static str,
    pub reasoning: &'static str,
    pub benefit: &'static str,
    pub risks: &'static str,
    pub treatment_note: &'static str,
    pub reference: &'static str,
    pub plan_agreement: &'static str,
    pub plan_differences: &'static str,
    pub summary: &'static str,
    pub suggestions: &'static str,
    pub note: &'static str,
    pub diagnosis_agrees: &'static str,
    pub diagnosis_differs: &'static str,
    pub plan_agrees: &'static str,
    pub plan_partly_differs: &'static str,
    pub plan_differs: &'static str,
    /// Shown for a choice nobody made yet.
    pub not_set: &'static str,
    /// Shown in an empty text field that has the focus.
    pub enter_to_write: &'static str,
    /// ECOG 0 to 4, as the JCOG translation words them.
    pub ecog: [&'static str; 5],
    pub gaps_title: &'static str,
    pub no_gaps: &'static str,
    pub gap_diagnosis_view: &'static str,
    pub gap_own_diagnosis: &'static str,
    pub gap_performance_status: &'static str,
    pub gap_patient_wishes: &'static str,
    pub gap_drug_classes: &'static str,
    pub gap_plan_agreement: &'static str,
    pub gap_plan_differences: &'static str,
    pub gap_summary: &'static str,
    /// Between items of a list ("、" or ", ").
    pub list_separator: &'static str,
    /// Between the options left at "not discussed" ("・" or ", ").
    pub name_separator: &'static str,
    /// `{word}` is the scale's "not discussed", `{names}` the options.
    pub gap_not_discussed: &'static str,
    pub hints_editing: &'static str,
}

pub static JA: OpinionTexts = OpinionTexts {
    overview: "全体像",
    conclusion: "まとめ",
    surgery: "手術",
    drug_therapy: "薬物療法",
    radiation: "放射線治療",
    palliative_care: "緩和ケア・支持療法",
    clinical_trial: "臨床試験",
    watchful_waiting: "経過観察",
    chemotherapy: "化学療法",
    targeted_therapy: "分子標的薬",
    immunotherapy: "免疫療法",
    hormone_therapy: "ホルモン療法",
    referral_diagnosis: "紹介時の診断",
    referral_stage: "紹介時の病期",
    diagnosis_view: "診断への見解",
    own_diagnosis: "当院の見立て",
    performance_status: "PS (ECOG)",
    patient_wishes: "患者さんの希望",
    drug_classes: "薬剤の種類",
    reasoning: "判断の理由",
    benefit: "期待される効果",
    risks: "リスク・副作用",
    treatment_note: "備考",
    reference: "ガイドライン等",
    plan_agreement: "主治医の方針",
    plan_differences: "異なる点",
    summary: "総合所見",
    suggestions: "主治医への提案",
    note: "自由記載",
    diagnosis_agrees: "同意",
    diagnosis_differs: "異なる",
    plan_agrees: "同意",
    plan_partly_differs: "一部異なる",
    plan_differs: "異なる",
    not_set: "（未記入）",
    enter_to_write: "Enter で入力",
    ecog: [
        "全く問題なく活動できる。発病前と同じ日常生活が制限なく行える。",
        "肉体的に激しい活動は制限されるが、歩行可能で、軽作業や座っての作業は行うことができる。例：軽い家事、事務作業",
        "歩行可能で、自分の身の回りのことはすべて可能だが、作業はできない。日中の50%以上はベッド外で過ごす。",
        "限られた自分の身の回りのことしかできない。日中の50%以上をベッドか椅子で過ごす。",
        "全く動けない。自分の身の回りのことは全くできない。完全にベッドか椅子で過ごす。",
    ],
    gaps_title: "未記入",
    no_gaps: "所見はすべて記入されています。",
    gap_diagnosis_view: "診断への見解",
    gap_own_diagnosis: "当院の見立て",
    gap_performance_status: "PS",
    gap_patient_wishes: "患者さんの希望",
    gap_drug_classes: "薬剤の種類",
    gap_plan_agreement: "主治医方針への同意",
    gap_plan_differences: "方針の異なる点",
    gap_summary: "総合所見",
    list_separator: "、",
    name_separator: "・",
    gap_not_discussed: "{word}（{names}）",
    hints_editing: "入力中 — Esc で終了  Tab 次の欄 (入力は自動保存)",
};

pub static EN: OpinionTexts = OpinionTexts {
    overview: "Overview",
    conclusion: "Conclusion",
    surgery: "Surgery",
    drug_therapy: "Drug therapy",
    radiation: "Radiation therapy",
    palliative_care: "Palliative and supportive care",
    clinical_trial: "Clinical trial",
    watchful_waiting: "Watchful waiting",
    chemotherapy: "chemotherapy",
    targeted_therapy: "targeted",
    immunotherapy: "immunotherapy",
    hormone_therapy: "hormone",
    referral_diagnosis: "Referral diagnosis",
    referral_stage: "Referral stage",
    diagnosis_view: "Diagnosis",
    own_diagnosis: "Own view",
    performance_status: "PS (ECOG)",
    patient_wishes: "Patient's wishes",
    drug_classes: "Drug classes",
    reasoning: "Reasoning",
    benefit: "Expected benefit",
    risks: "Risks, side eff.",
    treatment_note: "Note",
    reference: "Guideline, ref.",
    plan_agreement: "Primary's plan",
    plan_differences: "What differs",
    summary: "Summary",
    suggestions: "For the primary",
    note: "Free note",
    diagnosis_agrees: "agrees",
    diagnosis_differs: "differs",
    plan_agrees: "agrees",
    plan_partly_differs: "partly differs",
    plan_differs: "differs",
    not_set: "(not set)",
    enter_to_write: "Enter to write",
    ecog: [
        "Fully active, able to carry on all pre-disease performance without restriction.",
        "Restricted in physically strenuous activity but ambulatory and able to carry out work of a light or sedentary nature, e.g. light house work, office work.",
        "Ambulatory and capable of all self-care but unable to carry out any work activities; up and about more than 50% of waking hours.",
        "Capable of only limited self-care; confined to bed or chair more than 50% of waking hours.",
        "Completely disabled; cannot carry on any self-care; totally confined to bed or chair.",
    ],
    gaps_title: "Still empty",
    no_gaps: "The opinion is complete.",
    gap_diagnosis_view: "view on the diagnosis",
    gap_own_diagnosis: "own view of the diagnosis",
    gap_performance_status: "PS",
    gap_patient_wishes: "patient's wishes",
    gap_drug_classes: "drug classes",
    gap_plan_agreement: "agreement with the plan",
    gap_plan_differences: "what differs from the plan",
    gap_summary: "summary",
    list_separator: ", ",
    name_separator: ", ",
    gap_not_discussed: "{word} ({names})",
    hints_editing: "Editing — Esc to stop  Tab next field (saved as you type)",
};

impl Lang {
    pub fn opinion_texts(self) -> &'static OpinionTexts {
        match self {
            Lang::Ja => &JA,
            Lang::En => &EN,
        }
    }
}

impl OpinionTexts {
    pub fn treatment(&self, kind: TreatmentKind) -> &'static str {
        match kind {
            TreatmentKind::Surgery => self.surgery,
            TreatmentKind::DrugTherapy => self.drug_therapy,
            TreatmentKind::Radiation => self.radiation,
            TreatmentKind::PalliativeCare => self.palliative_care,
            TreatmentKind::ClinicalTrial => self.clinical_trial,
            TreatmentKind::WatchfulWaiting => self.watchful_waiting,
        }
    }

    pub fn drug_class(&self, class: DrugClass) -> &'static str {
        match class {
            DrugClass::Chemotherapy => self.chemotherapy,
            DrugClass::TargetedTherapy => self.targeted_therapy,
            DrugClass::Immunotherapy => self.immunotherapy,
            DrugClass::HormoneTherapy => self.hormone_therapy,
        }
    }

    pub fn diagnosis_view_word(&self, view: DiagnosisView) -> &'static str {
        match view {
            DiagnosisView::Agrees => self.diagnosis_agrees,
            DiagnosisView::Differs => self.diagnosis_differs,
        }
    }

    pub fn plan_agreement_word(&self, agreement: PlanAgreement) -> &'static str {
        match agreement {
            PlanAgreement::Agrees => self.plan_agrees,
            PlanAgreement::PartlyDiffers => self.plan_partly_differs,
            PlanAgreement::Differs => self.plan_differs,
        }
    }

    pub fn ecog_description(&self, ecog: Ecog) -> &'static str {
        self.ecog[usize::from(ecog.grade()).min(4)]
    }

    /// The gaps as short phrases; the options left at "not discussed" are one phrase.
    pub fn gap_phrases(&self, gaps: &[Gap], scale: &ScaleWords) -> Vec<String> {
        let mut phrases = Vec::new();
        let mut not_discussed: Vec<&str> = Vec::new();
        for gap in gaps {
            let phrase = match gap {
                Gap::NotDiscussed(kind) => {
                    if not_discussed.is_empty() {
                        // Holds the place of the whole group, filled in below.
                        phrases.push(String::new());
                    }
                    not_discussed.push(self.treatment(*kind));
                    continue;
                }
                Gap::DiagnosisView => self.gap_diagnosis_view,
                Gap::OwnDiagnosis => self.gap_own_diagnosis,
                Gap::PerformanceStatus => self.gap_performance_status,
                Gap::PatientWishes => self.gap_patient_wishes,
                Gap::DrugClasses => self.gap_drug_classes,
                Gap::PlanAgreement => self.gap_plan_agreement,
                Gap::PlanDifferences => self.gap_plan_differences,
                Gap::Summary => self.gap_summary,
            };
            phrases.push(phrase.to_string());
        }
        if let Some(slot) = phrases.iter_mut().find(|p| p.is_empty()) {
            *slot = super::fill(
                self.gap_not_discussed,
                &[
                    (
                        "word",
                        scale.word(crate::model::Recommendation::NotDiscussed),
                    ),
                    ("names", &not_discussed.join(self.name_separator)),
                ],
            );
        }
        phrases
    }

    /// One line for a footer or a confirmation: "未記入: …", or None when nothing is missing.
    pub fn gap_line(&self, gaps: &[Gap], scale: &ScaleWords) -> Option<String> {
        if gaps.is_empty() {
            return None;
        }
        let phrases = self.gap_phrases(gaps, scale);
        Some(format!(
            "{}: {}",
            self.gaps_title,
            phrases.join(self.list_separator)
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Config;
    use crate::model::Opinion;
    #[test]
    fn the_options_not_discussed_make_one_phrase_in_screen_order() {
        let config = Config::embedded();
        let mut opinion = Opinion {
            performance_status: Ecog::new(1),
            patient_wishes: "在宅で".into(),
            ..Opinion::default()
        };
        opinion.set_recommendation(
            TreatmentKind::DrugTherapy,
            crate::model::Recommendation::Recommended,
        );
        opinion.toggle_drug_class(DrugClass::Chemotherapy);
        let gaps = opinion.gaps(&[]);
        assert_eq!(
            JA.gap_line(&gaps, config.opinion.scale(Lang::Ja)).unwrap(),
            "未記入: 診断への見解、言及なし（手術・放射線治療・緩和ケア・支持療法）、主治医方針への同意、総合所見"
        );
        assert_eq!(
            EN.gap_line(&gaps, config.opinion.scale(Lang::En)).unwrap(),
            "Still empty: view on the diagnosis, Not discussed (Surgery, Radiation therapy, \
             Palliative and supportive care), agreement with the plan, summary"
        );
        assert_eq!(JA.gap_line(&[], config.opinion.scale(Lang::Ja)), None);
    }
}
