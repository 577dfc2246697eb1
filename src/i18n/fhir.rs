//! The rules of the FHIR guides a document does not meet, worded for the clerk in the
//! configured language: in Japanese from the table below, in English from the rule itself.
//! The rules on the document's fixed shape, which sonote's writer always meets, keep their
//! English words in both.

use crate::config::Lang;
use crate::report::fhir::{Finding, Scope};

/// What each rule the record or the configuration must meet asks, and what to record for
/// it, in Japanese: (rule, requirement, fix).
const JA: &[(&str, &str, &str)] = &[
    (
        "composition-date",
        "Composition.date が秒まで、タイムゾーン付きで記録されていること",
        "相談を終了（または記録を確定）してください: 文書の日付になります",
    ),
    (
        "R1021",
        "当院（送信元・作成者・管理者）が10桁の保険医療機関番号で識別されていること",
        "設定の institution.number を記入してください",
    ),
    (
        "R2152",
        "Bundle.identifier.value が <医療機関番号>^<年>^<連番> であること",
        "設定の institution.number を記入してください",
    ),
    (
        "sender-address",
        "当院の名称と住所（Organization.name、address.text）",
        "設定の institution.name と institution.address を記入してください",
    ),
    (
        "author-name",
        "作成者（担当医）の氏名",
        "担当医の氏名を記録してください",
    ),
    (
        "addressee-number",
        "紹介元医療機関が10桁の保険医療機関番号で識別されていること",
        "受付で referral.institution_number を記録してください",
    ),
    (
        "addressee-name",
        "紹介元医療機関の名称と住所（address.text）",
        "受付で referral.institution と referral.address を記録してください",
    ),
    (
        "department",
        "両医療機関の診療科（JP_eCS_Department、text）",
        "担当医の診療科と referral.department を記録してください",
    ),
    (
        "R1112",
        "患者氏名（漢字またはカナ）",
        "患者の氏名を記録してください",
    ),
    (
        "patient-name",
        "患者氏名が姓と名に分かれていること（name.family、name.given）",
        "受付で氏名とカナを、姓と名の間に空白を入れて記録してください",
    ),
    (
        "R1113",
        "患者氏名に全角空白がないこと",
        "sonote が書きます（全角空白は半角に変えます）",
    ),
    (
        "patient-gender-birth",
        "患者の性別（gender）と生年月日（birthDate）",
        "受付で性別と生年月日を記録してください",
    ),
    (
        "patient-address",
        "患者の住所（address.text、ちょうど1つ）",
        "受付で patient.address を記録してください",
    ),
    (
        "R1010",
        "院内患者 ID を書くときは当院の番号で修飾されていること（urn:oid:1.2.392.100495.20.3.51.1<番号>）",
        "設定の institution.number を記入してください",
    ),
    (
        "R1012",
        "被保険者番号（JP_Insurance_memberID）がちょうど1つあること",
        "受付で patient.insurance_id を記録してください",
    ),
    (
        "R1013",
        "被保険者番号が 保険者番号(8桁):記号:番号:枝番(2桁) の形であること",
        "patient.insurance_id をその形で記録してください（06123456:記号:番号:01）",
    ),
    (
        "referral-purpose",
        "950 節: 紹介目的（Encounter.reasonCode.text）",
        "受付で紹介状の質問を記録してください",
    ),
    (
        "diagnosis",
        "340 節: 傷病名（Condition、code.text）",
        "紹介状の傷病名を記録してください（受付または所見）",
    ),
    (
        "diagnosis-code",
        "Condition が MEDIS の病名コードで符号化されていること（code.coding）",
        "sonote ではできません: 傷病名は文字で記録します",
    ),
];

/// One finding on one line: the rule, its guide, what it asks, what to record.
pub fn finding(lang: Lang, finding: &Finding) -> String {
    let scope = match finding.scope {
        Scope::EReferral => "eReferral",
        Scope::Clins => "JP-CLINS",
    };
    let words = JA.iter().find(|(rule, ..)| *rule == finding.rule);
    match (lang, words) {
        (Lang::Ja, Some((rule, requirement, fix))) => {
            format!("{rule} ({scope}): {requirement}。{fix}")
        }
        _ => finding.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every rule the record or the configuration must meet has its Japanese words; a
    /// rule renamed in the table would otherwise fall back to English unseen.
    #[test]
    fn every_rule_a_clerk_can_mend_has_japanese_words() {
        let rules = crate::report::fhir::rules::all();
        for (id, ..) in JA {
            assert!(rules.iter().any(|rule| rule.id == *id), "{id}");
        }
        let from = rules.iter().position(|r| r.id == "composition-date");
        let from = from.expect("the first rule of the record");
        for rule in &rules[from..] {
            assert!(JA.iter().any(|(id, ..)| *id == rule.id), "{}", rule.id);
        }
    }
}
