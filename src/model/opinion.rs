//! The specialist's opinion as structure: one row per treatment option on a fixed scale,
//! the whole picture (diagnosis, performance status, wishes, agreement with the primary
//! physician's plan), and the list of what is still empty before the report goes out.

use serde::{Deserialize, Serialize};

/// A treatment option the opinion takes a position on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TreatmentKind {
    Surgery,
    DrugTherapy,
    Radiation,
    PalliativeCare,
    /// Shown only when the hospital switches it on (or the session already has it).
    ClinicalTrial,
    /// Shown only when the hospital switches it on (or the session already has it).
    WatchfulWaiting,
}

impl TreatmentKind {
    /// Every opinion takes a position on these.
    pub const CORE: [TreatmentKind; 4] = [
        TreatmentKind::Surgery,
        TreatmentKind::DrugTherapy,
        TreatmentKind::Radiation,
        TreatmentKind::PalliativeCare,
    ];

    /// In the order the options are shown and reported.
    pub const ALL: [TreatmentKind; 6] = [
        TreatmentKind::Surgery,
        TreatmentKind::DrugTherapy,
        TreatmentKind::Radiation,
        TreatmentKind::PalliativeCare,
        TreatmentKind::ClinicalTrial,
        TreatmentKind::WatchfulWaiting,
    ];

    pub(crate) fn is_optional(self) -> bool {
        !Self::CORE.contains(&self)
    }

    fn rank(self) -> usize {
        Self::ALL
            .iter()
            .position(|k| *k == self)
            .unwrap_or(usize::MAX)
    }
}

/// The rows a hospital may switch on in its configuration. A type of its own so that a
/// configuration naming anything else is refused with the list of what is allowed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum OptionalTreatment {
    ClinicalTrial,
    WatchfulWaiting,
}

impl From<OptionalTreatment> for TreatmentKind {
    fn from(optional: OptionalTreatment) -> TreatmentKind {
        match optional {
            OptionalTreatment::ClinicalTrial => TreatmentKind::ClinicalTrial,
            OptionalTreatment::WatchfulWaiting => TreatmentKind::WatchfulWaiting,
        }
    }
}

/// The fixed scale of a recommendation. The words shown for it come from the configuration.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum Recommendation {
    Recommended,
    /// An option to consider.
    Consider,
    NotRecommended,
    #[default]
    NotDiscussed,
}

impl Recommendation {
    /// In the order shown on screen; the digit keys 1 to 4 pick from it.
    pub(crate) const SCALE: [Recommendation; 4] = [
        Recommendation::Recommended,
        Recommendation::Consider,
        Recommendation::NotRecommended,
        Recommendation::NotDiscussed,
    ];

    /// 1-based position on the scale, as typed with the digit keys.
    pub(crate) fn from_digit(digit: u32) -> Option<Recommendation> {
        let index = usize::try_from(digit).ok()?.checked_sub(1)?;
        Self::SCALE.get(index).copied()
    }

    pub(crate) fn digit(self) -> u32 {
        self.index() as u32 + 1
    }

    fn index(self) -> usize {
        Self::SCALE.iter().position(|r| *r == self).unwrap_or(3)
    }

    /// The next step on the scale, wrapping round, so one key reaches every value.
    pub(crate) fn cycled(self, forward: bool) -> Recommendation {
        let n = Self::SCALE.len();
        let step = if forward { 1 } else { n - 1 };
        Self::SCALE[(self.index() + step) % n]
    }
}

/// Which kinds of drug therapy the opinion means; several may apply together.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DrugClass {
    Chemotherapy,
    TargetedTherapy,
    Immunotherapy,
    HormoneTherapy,
}

impl DrugClass {
    pub(crate) const ALL: [DrugClass; 4] = [
        DrugClass::Chemotherapy,
        DrugClass::TargetedTherapy,
        DrugClass::Immunotherapy,
        DrugClass::HormoneTherapy,
    ];
}

/// The text parts of a treatment row.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TreatmentText {
    Reasoning,
    Benefit,
    Risks,
    Note,
    Reference,
}

impl TreatmentText {
    pub const ALL: [TreatmentText; 5] = [
        TreatmentText::Reasoning,
        TreatmentText::Benefit,
        TreatmentText::Risks,
        TreatmentText::Note,
        TreatmentText::Reference,
    ];
}

/// The opinion on one treatment option.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TreatmentOpinion {
    pub kind: TreatmentKind,
    #[serde(default)]
    pub recommendation: Recommendation,
    /// Only meaningful for drug therapy; kept in `DrugClass::ALL` order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub drug_classes: Vec<DrugClass>,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub reasoning: String,
    /// The expected benefit.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub benefit: String,
    /// Risks and side effects.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub risks: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub note: String,
    /// A guideline or evidence reference.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub reference: String,
}

impl TreatmentOpinion {
    pub(crate) fn new(kind: TreatmentKind) -> Self {
        TreatmentOpinion {
            kind,
            recommendation: Recommendation::NotDiscussed,
            drug_classes: Vec::new(),
            reasoning: String::new(),
            benefit: String::new(),
            risks: String::new(),
            note: String::new(),
            reference: String::new(),
        }
    }

    /// Nothing recorded: still "not discussed", no class chosen, no text.
    pub(crate) fn is_empty(&self) -> bool {
        self.recommendation == Recommendation::NotDiscussed
            && self.drug_classes.is_empty()
            && TreatmentText::ALL
                .iter()
                .all(|part| self.text(*part).trim().is_empty())
    }

    pub fn text(&self, part: TreatmentText) -> &str {
        match part {
            TreatmentText::Reasoning => &self.reasoning,
            TreatmentText::Benefit => &self.benefit,
            TreatmentText::Risks => &self.risks,
            TreatmentText::Note => &self.note,
            TreatmentText::Reference => &self.reference,
        }
    }

    pub fn text_mut(&mut self, part: TreatmentText) -> &mut String {
        match part {
            TreatmentText::Reasoning => &mut self.reasoning,
            TreatmentText::Benefit => &mut self.benefit,
            TreatmentText::Risks => &mut self.risks,
            TreatmentText::Note => &mut self.note,
            TreatmentText::Reference => &mut self.reference,
        }
    }
}

/// Whether the specialist agrees with the diagnosis and stage given in the referral.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DiagnosisView {
    Agrees,
    Differs,
}

impl DiagnosisView {
    pub(crate) const ALL: [DiagnosisView; 2] = [DiagnosisView::Agrees, DiagnosisView::Differs];
}

/// The specialist's position on the primary physician's treatment plan.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PlanAgreement {
    Agrees,
    PartlyDiffers,
    Differs,
}

impl PlanAgreement {
    pub(crate) const ALL: [PlanAgreement; 3] = [
        PlanAgreement::Agrees,
        PlanAgreement::PartlyDiffers,
        PlanAgreement::Differs,
    ];
}

/// Performance status on the ECOG scale, 0 (fully active) to 4 (completely disabled).
/// Grade 5 (dead) has no place in a consultation about a living patient.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "u8", into = "u8")]
pub struct Ecog(u8);

impl Ecog {
    pub const MAX: u8 = 4;

    pub fn new(grade: u8) -> Option<Ecog> {
        (grade <= Self::MAX).then_some(Ecog(grade))
    }

    pub fn grade(self) -> u8 {
        self.0
    }
}

impl TryFrom<u8> for Ecog {
    type Error = String;

    fn try_from(grade: u8) -> Result<Ecog, String> {
        Ecog::new(grade).ok_or_else(|| format!("ECOG performance status is 0 to 4, not {grade}"))
    }
}

impl From<Ecog> for u8 {
    fn from(ecog: Ecog) -> u8 {
        ecog.0
    }
}

/// The specialist's structured opinion: what goes back to the primary physician.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(default)]
pub struct Opinion {
    /// The diagnosis as given in the referral letter.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub referral_diagnosis: String,
    /// The stage as given in the referral letter.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub referral_stage: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub diagnosis_view: Option<DiagnosisView>,
    /// The specialist's own view of the diagnosis and stage, when it differs.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub own_diagnosis: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub performance_status: Option<Ecog>,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub patient_wishes: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub plan_agreement: Option<PlanAgreement>,
    /// What differs from the primary physician's plan.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub plan_differences: String,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub summary: String,
    /// Suggestions for the primary physician, such as tests worth considering (none are
    /// done at a second-opinion visit).
    #[serde(skip_serializing_if = "String::is_empty")]
    pub suggestions: String,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub note: String,
    /// One row per option the specialist touched, in `TreatmentKind::ALL` order. A missing
    /// row means "not discussed".
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub treatments: Vec<TreatmentOpinion>,
}

/// Something still empty in the opinion. The check is gentle: it informs, never blocks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Gap {
    /// No position on the referral's diagnosis.
    DiagnosisView,
    /// The diagnosis differs, but the specialist's own view is empty.
    OwnDiagnosis,
    PerformanceStatus,
    PatientWishes,
    /// An option still at "not discussed".
    NotDiscussed(TreatmentKind),
    /// Drug therapy is recommended or an option, but no kind of drug is chosen.
    DrugClasses,
    /// No agreement with the primary physician's plan stated.
    PlanAgreement,
    /// The plan (partly) differs, but what differs is empty.
    PlanDifferences,
    Summary,
}

impl Opinion {
    /// Nothing recorded yet (the session file then leaves the opinion out). Rows that were
    /// touched and set back to nothing count as nothing.
    pub(crate) fn is_empty(&self) -> bool {
        let without_rows = Opinion {
            treatments: Vec::new(),
            ..self.clone()
        };
        without_rows == Opinion::default() && self.treatments.iter().all(TreatmentOpinion::is_empty)
    }

    pub fn treatment(&self, kind: TreatmentKind) -> Option<&TreatmentOpinion> {
        self.treatments.iter().find(|t| t.kind == kind)
    }

    /// The row of `kind`, added in its place when the file had none.
    pub fn treatment_mut(&mut self, kind: TreatmentKind) -> &mut TreatmentOpinion {
        let index = match self.treatments.iter().position(|t| t.kind == kind) {
            Some(index) => index,
            None => {
                let at = self
                    .treatments
                    .iter()
                    .position(|t| t.kind.rank() > kind.rank())
                    .unwrap_or(self.treatments.len());
                self.treatments.insert(at, TreatmentOpinion::new(kind));
                at
            }
        };
        &mut self.treatments[index]
    }

    pub fn recommendation(&self, kind: TreatmentKind) -> Recommendation {
        self.treatment(kind)
            .map(|t| t.recommendation)
            .unwrap_or_default()
    }

    /// Returns whether anything changed.
    pub fn set_recommendation(&mut self, kind: TreatmentKind, value: Recommendation) -> bool {
        if self.recommendation(kind) == value {
            return false;
        }
        self.treatment_mut(kind).recommendation = value;
        true
    }

    /// Choose or unchoose a kind of drug therapy.
    pub fn toggle_drug_class(&mut self, class: DrugClass) {
        let classes = &mut self.treatment_mut(TreatmentKind::DrugTherapy).drug_classes;
        if let Some(at) = classes.iter().position(|c| *c == class) {
            classes.remove(at);
        } else {
            classes.push(class);
            classes.sort();
        }
    }

    pub fn has_drug_class(&self, class: DrugClass) -> bool {
        self.treatment(TreatmentKind::DrugTherapy)
            .is_some_and(|t| t.drug_classes.contains(&class))
    }

    /// The options to show and check: the core four, the optional ones the hospital
    /// switched on, and any optional one this session already has something in (so that
    /// switching a row off in the configuration never hides what was written).
    pub fn kinds(&self, optional: &[TreatmentKind]) -> Vec<TreatmentKind> {
        TreatmentKind::ALL
            .into_iter()
            .filter(|kind| {
                !kind.is_optional()
                    || optional.contains(kind)
                    || self.treatment(*kind).is_some_and(|t| !t.is_empty())
            })
            .collect()
    }

    /// What is still empty, in the order of the screen and the report.
    pub fn gaps(&self, optional: &[TreatmentKind]) -> Vec<Gap> {
        let empty = |text: &str| text.trim().is_empty();
        let mut gaps = Vec::new();
        match self.diagnosis_view {
            None => gaps.push(Gap::DiagnosisView),
            Some(DiagnosisView::Differs) if empty(&self.own_diagnosis) => {
                gaps.push(Gap::OwnDiagnosis)
            }
            Some(_) => {}
        }
        if self.performance_status.is_none() {
            gaps.push(Gap::PerformanceStatus);
        }
        if empty(&self.patient_wishes) {
            gaps.push(Gap::PatientWishes);
        }
        for kind in self.kinds(optional) {
            if self.recommendation(kind) == Recommendation::NotDiscussed {
                gaps.push(Gap::NotDiscussed(kind));
            }
        }
        let drugs = self.recommendation(TreatmentKind::DrugTherapy);
        let drugs_meant = matches!(
            drugs,
            Recommendation::Recommended | Recommendation::Consider
        );
        if drugs_meant
            && self
                .treatment(TreatmentKind::DrugTherapy)
                .is_none_or(|t| t.drug_classes.is_empty())
        {
            gaps.push(Gap::DrugClasses);
        }
        match self.plan_agreement {
            None => gaps.push(Gap::PlanAgreement),
            Some(PlanAgreement::PartlyDiffers | PlanAgreement::Differs)
                if empty(&self.plan_differences) =>
            {
                gaps.push(Gap::PlanDifferences)
            }
            Some(_) => {}
        }
        if empty(&self.summary) {
            gaps.push(Gap::Summary);
        }
        gaps
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_are_added_in_the_order_of_the_options() {
        let mut opinion = Opinion::default();
        opinion.set_recommendation(TreatmentKind::PalliativeCare, Recommendation::Consider);
        opinion.set_recommendation(TreatmentKind::Surgery, Recommendation::Recommended);
        opinion.set_recommendation(TreatmentKind::Radiation, Recommendation::NotRecommended);
        let kinds: Vec<_> = opinion.treatments.iter().map(|t| t.kind).collect();
        assert_eq!(
            kinds,
            [
                TreatmentKind::Surgery,
                TreatmentKind::Radiation,
                TreatmentKind::PalliativeCare
            ]
        );
    }

    #[test]
    fn the_scale_cycles_both_ways_and_digits_pick_from_it() {
        assert_eq!(
            Recommendation::NotDiscussed.cycled(true),
            Recommendation::Recommended
        );
        assert_eq!(
            Recommendation::Recommended.cycled(false),
            Recommendation::NotDiscussed
        );
        assert_eq!(
            Recommendation::from_digit(3),
            Some(Recommendation::NotRecommended)
        );
        assert_eq!(Recommendation::from_digit(0), None);
        assert_eq!(Recommendation::from_digit(5), None);
        for r in Recommendation::SCALE {
            assert_eq!(Recommendation::from_digit(r.digit()), Some(r));
        }
    }

    #[test]
    fn drug_classes_toggle_and_stay_in_order() {
        let mut opinion = Opinion::default();
        opinion.toggle_drug_class(DrugClass::Immunotherapy);
        opinion.toggle_drug_class(DrugClass::Chemotherapy);
        assert_eq!(
            opinion
                .treatment(TreatmentKind::DrugTherapy)
                .unwrap()
                .drug_classes,
            [DrugClass::Chemotherapy, DrugClass::Immunotherapy]
        );
        opinion.toggle_drug_class(DrugClass::Chemotherapy);
        assert!(!opinion.has_drug_class(DrugClass::Chemotherapy));
        assert!(opinion.has_drug_class(DrugClass::Immunotherapy));
    }

    #[test]
    fn ecog_refuses_grades_above_four() {
        assert_eq!(Ecog::new(4).map(Ecog::grade), Some(4));
        assert_eq!(Ecog::new(5), None);
        assert!(Ecog::try_from(9).unwrap_err().contains("0 to 4"));
    }

    #[test]
    fn an_untouched_or_undone_opinion_is_empty() {
        let mut opinion = Opinion::default();
        assert!(opinion.is_empty());
        opinion.set_recommendation(TreatmentKind::Surgery, Recommendation::Recommended);
        assert!(!opinion.is_empty());
        opinion.set_recommendation(TreatmentKind::Surgery, Recommendation::NotDiscussed);
        assert!(opinion.is_empty());
        opinion.summary = "x".into();
        assert!(!opinion.is_empty());
    }
}
