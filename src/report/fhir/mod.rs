//! The reply as a Japanese eReferral FHIR document (診療情報提供書, HL7 FHIR R4,
//! JP_Bundle_eReferral of the JP-CLINS guide): the report turned into a document Bundle.
//!
//! Pure: the report in, JSON out. A second opinion's reply has no document type of its own:
//! it is a 診療情報提供書 from this hospital (section 920, the sender) to the primary
//! physician (910, the addressee); the referral's question is the reason of the consultation
//! (950), the diagnosis a Condition (340), the referral's history the narrative of 360, the
//! questions and answers the clinical course (330) and the opinion a CarePlan (420).
//! Every uuid and time comes from the record (`ids.rs`), so the same session gives the
//! same bytes. What a profile requires and the record lacks is left out, and `rules.rs`
//! says which rules the document then breaks.

mod composition;
mod ids;
mod json;
mod narrative;
mod resources;
pub mod rules;

use serde_json::{Value, json};

use super::Report;
use resources::Institution;

pub use rules::{Finding, Scope};

// ---------------------------------------------------------------------------------------
// The guides' fixed URLs and codes

pub(crate) const BUNDLE_PROFILE: &str =
    "http://jpfhir.jp/fhir/clins/StructureDefinition/JP_Bundle_eReferral|1";
pub(crate) const COMPOSITION_PROFILE: &str =
    "http://jpfhir.jp/fhir/eReferral/StructureDefinition/JP_Composition_eReferral|1";
pub(crate) const BUNDLE_IDENTIFIER: &str = "http://jpfhir.jp/fhir/clins/bundle-identifier";
pub(crate) const SECTION_SYSTEM: &str = "http://jpfhir.jp/fhir/clins/CodeSystem/document-section";
pub(crate) const DOC_TYPE_SYSTEM: &str = "http://jpfhir.jp/fhir/Common/CodeSystem/doc-typecodes";
pub(crate) const DOC_SUBTYPE_SYSTEM: &str =
    "http://jpfhir.jp/fhir/Common/CodeSystem/doc-subtypecodes";
pub(crate) const VERSION_EXTENSION: &str =
    "http://hl7.org/fhir/StructureDefinition/composition-clinicaldocument-versionNumber";
pub(crate) const RESOURCE_INSTANCE_ID: &str =
    "http://jpfhir.jp/fhir/core/IdSystem/resourceInstance-identifier";
pub(crate) const INSTITUTION_NO: &str =
    "http://jpfhir.jp/fhir/core/IdSystem/insurance-medical-institution-no";
pub(crate) const INSURANCE_MEMBER_ID: &str =
    "http://jpfhir.jp/fhir/clins/Idsystem/JP_Insurance_memberID";
/// Followed by `1` and the 10-digit institution number (rule R1010).
pub(crate) const LOCAL_PATIENT_ID: &str = "urn:oid:1.2.392.100495.20.3.51.1";
pub(crate) const ECS: &str = "http://jpfhir.jp/fhir/eCS/StructureDefinition/";
pub(crate) const NAME_REPRESENTATION: &str =
    "http://hl7.org/fhir/StructureDefinition/iso21090-EN-representation";
pub(crate) const EXT_DEPARTMENT: &str =
    "http://jpfhir.jp/fhir/eCS/Extension/StructureDefinition/JP_eCS_Department";
const EXT_PREFECTURE: &str =
    "http://jpfhir.jp/fhir/core/Extension/StructureDefinition/JP_Organization_PrefectureNo";
const PREFECTURE_SYSTEM: &str = "http://jpfhir.jp/fhir/core/mhlw/CodeSystem/PrefectureNo-2digits";
const EXT_CATEGORY: &str = "http://jpfhir.jp/fhir/core/Extension/StructureDefinition/JP_Organization_InsuranceOrganizationCategory";
const CATEGORY_SYSTEM: &str = "http://jpfhir.jp/fhir/core/mhlw/CodeSystem/MedicationFeeScoreType";
const EXT_ORGANIZATION_NO: &str = "http://jpfhir.jp/fhir/core/Extension/StructureDefinition/JP_Organization_InsuranceOrganizationNo";
const ORGANIZATION_NO_SYSTEM: &str =
    "http://jpfhir.jp/fhir/core/mhlw/IdSystem/MedicalOrganizationID";
const ORGANIZATION_TYPE: &str = "http://terminology.hl7.org/CodeSystem/organization-type";
const ACT_CODE: &str = "http://terminology.hl7.org/CodeSystem/v3-ActCode";
const CONDITION_CLINICAL: &str = "http://terminology.hl7.org/CodeSystem/condition-clinical";
const CONDITION_VERIFICATION: &str = "http://terminology.hl7.org/CodeSystem/condition-ver-status";
const CONDITION_CATEGORY: &str = "http://terminology.hl7.org/CodeSystem/condition-category";
const CAREPLAN_CATEGORY: &str = "http://jpfhir.jp/fhir/CarePlan/CodeSystem/category";
const EMPTY_REASON: &str = "http://terminology.hl7.org/CodeSystem/list-empty-reason";

/// The fullUrls of the document's resources.
pub(super) struct Urns {
    composition: String,
    patient: String,
    /// The specialist who wrote the opinion.
    author: String,
    /// The primary physician, when the referral names one.
    referrer: Option<String>,
    /// This hospital.
    sender: String,
    /// The primary physician's institution.
    addressee: String,
    encounter: String,
    condition: String,
    care_plan: String,
}

/// The document as a JSON value.
pub fn bundle(report: &Report) -> Value {
    let facts = &report.facts;
    let id = ids::Ids::new(facts);
    let issued = ids::issued(facts);
    let urns = Urns {
        composition: id.urn("Composition"),
        patient: id.urn("Patient"),
        author: id.urn("Practitioner/specialist"),
        referrer: facts
            .referral
            .physician
            .as_ref()
            .map(|_| id.urn("Practitioner/referrer")),
        sender: id.urn("Organization/sender"),
        addressee: id.urn("Organization/addressee"),
        encounter: id.urn("Encounter"),
        condition: id.urn("Condition"),
        care_plan: id.urn("CarePlan"),
    };
    let condition = resources::condition(facts, &urns, &issued);
    let mut entries = vec![
        (
            &urns.composition,
            composition::composition(report, &urns, condition.is_some()),
        ),
        (&urns.patient, resources::patient(facts, &issued)),
        (
            &urns.author,
            resources::practitioner(facts.specialist.name.as_deref(), &issued),
        ),
    ];
    if let Some(referrer) = &urns.referrer {
        entries.push((
            referrer,
            resources::practitioner(facts.referral.physician.as_deref(), &issued),
        ));
    }
    let sender = Institution {
        name: Some(facts.institution.name.as_str()).filter(|n| !n.is_empty()),
        number: facts.institution.number.as_deref(),
        address: Some(facts.institution.address.as_str()).filter(|a| !a.is_empty()),
        department: facts.specialist.department.as_deref(),
    };
    let addressee = Institution {
        name: facts.referral.institution.as_deref(),
        number: facts.referral.institution_number.as_deref(),
        address: facts.referral.address.as_deref(),
        department: facts.referral.department.as_deref(),
    };
    entries.push((&urns.sender, resources::organization(&sender, &issued)));
    entries.push((
        &urns.addressee,
        resources::organization(&addressee, &issued),
    ));
    entries.push((&urns.encounter, resources::encounter(facts, &urns, &issued)));
    let has_condition = condition.is_some();
    if let Some(condition) = condition {
        entries.push((&urns.condition, condition));
    }
    entries.push((
        &urns.care_plan,
        resources::care_plan(report, &urns, has_condition, &issued),
    ));
    let entries: Vec<Value> = entries
        .into_iter()
        .map(|(urn, resource)| json!({ "fullUrl": urn, "resource": resource }))
        .collect();
    json!({
        "resourceType": "Bundle",
        "meta": { "lastUpdated": issued, "profile": [BUNDLE_PROFILE] },
        "language": composition::language(report),
        "identifier": { "system": BUNDLE_IDENTIFIER, "value": ids::bundle_identifier(facts) },
        "type": "document",
        "timestamp": issued,
        "entry": entries,
    })
}

/// The document's bytes: pretty-printed JSON, `resourceType` first in every resource,
/// ending with a newline.
pub fn render(report: &Report) -> Vec<u8> {
    json::pretty(&bundle(report)).into_bytes()
}

/// The rules of the guides this report's document does not meet.
pub fn check(report: &Report) -> Vec<Finding> {
    rules::check(&bundle(report))
}
