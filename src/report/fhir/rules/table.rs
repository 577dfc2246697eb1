//! The rules themselves: first the document's fixed shape, which sonote's writer always
//! meets (the tests break a document to see each one fire), then what the record and the
//! configuration must supply.

use super::*;

/// Top-level sections, then those inside 300, in the order the guide lists them.
const TOP_ORDER: [&str; 7] = ["920", "910", "200", "300", "210", "220", "230"];
const INNER_ORDER: [&str; 20] = [
    "950", "340", "360", "370", "510", "550", "610", "520", "640", "530", "730", "740", "720",
    "430", "620", "330", "420", "810", "820", "830",
];

/// The fixed title of each section sonote writes.
const TITLES: [(&str, &str); 9] = [
    ("920", "紹介元情報"),
    ("910", "紹介先情報"),
    ("300", "構造情報"),
    ("950", "紹介目的"),
    ("340", "傷病名・主訴"),
    ("360", "現病歴"),
    ("330", "臨床経過"),
    ("420", "診療方針指示"),
    ("220", "備考・連絡情報"),
];

fn is_urn_uuid(url: &str) -> bool {
    url.strip_prefix("urn:uuid:")
        .is_some_and(|id| uuid::Uuid::try_parse(id).is_ok() && id == id.to_lowercase())
}

/// A dateTime to the second with a time zone (`2026-11-21T10:45:00+09:00`).
fn to_the_second(value: &Value) -> bool {
    value
        .as_str()
        .is_some_and(|s| chrono::DateTime::parse_from_rfc3339(s).is_ok())
}

fn count_of(doc: &Doc, kind: &str) -> usize {
    entries(doc.bundle)
        .filter(|e| e["resource"]["resourceType"] == kind)
        .count()
}

/// Every `reference` anywhere in the value.
fn references<'a>(value: &'a Value, out: &mut Vec<&'a str>) {
    match value {
        Value::Object(map) => {
            if let Some(Value::String(reference)) = map.get("reference") {
                out.push(reference);
            }
            map.values().for_each(|v| references(v, out));
        }
        Value::Array(items) => items.iter().for_each(|v| references(v, out)),
        _ => {}
    }
}

fn full_urls<'a>(doc: &Doc<'a>) -> Vec<&'a str> {
    entries(doc.bundle)
        .filter_map(|e| e["fullUrl"].as_str())
        .collect()
}

fn in_order(codes: &[&str], order: &[&str]) -> bool {
    let places: Option<Vec<usize>> = codes
        .iter()
        .map(|code| order.iter().position(|o| o == code))
        .collect();
    places.is_some_and(|p| p.windows(2).all(|w| w[0] < w[1]))
}

fn sections_in_order(doc: &Doc) -> bool {
    let codes = section_codes(doc.composition);
    let top: Vec<&str> = codes
        .iter()
        .filter(|c| !c.starts_with("300/"))
        .map(String::as_str)
        .collect();
    let inner: Vec<&str> = codes
        .iter()
        .filter_map(|c| c.strip_prefix("300/"))
        .collect();
    let once = |list: &[&str], code: &str| list.iter().filter(|c| **c == code).count() == 1;
    in_order(&top, &TOP_ORDER)
        && in_order(&inner, &INNER_ORDER)
        && ["920", "910", "300"].iter().all(|c| once(&top, c))
        && ["950", "340", "360"].iter().all(|c| once(&inner, c))
}

fn every_section(composition: &Value) -> Vec<&Value> {
    let top = composition["section"].as_array().into_iter().flatten();
    top.flat_map(|s| std::iter::once(s).chain(s["section"].as_array().into_iter().flatten()))
        .collect()
}

fn sections_well_formed(doc: &Doc) -> bool {
    every_section(doc.composition).iter().all(|s| {
        let coding = &s["code"]["coding"];
        let code = coding[0]["code"].as_str().unwrap_or("");
        let title_ok = TITLES
            .iter()
            .find(|(c, _)| *c == code)
            .is_some_and(|(_, title)| s["title"] == *title);
        let text_ok = s.get("text").is_none_or(|t| t["status"] == "additional");
        let content = s.get("text").is_some()
            || s.get("entry").is_some()
            || s.get("section").is_some()
            || s.get("emptyReason").is_some();
        coding.as_array().is_some_and(|c| c.len() == 1)
            && coding[0]["system"] == SECTION_SYSTEM
            && title_ok
            && text_ok
            && content
    })
}

/// Which resource types each section may hold, and how many.
fn section_entries(doc: &Doc) -> bool {
    let holds = |code: &str, kinds: &[&str], min: usize, max: usize| {
        let refs: Vec<&Value> = section(doc.composition, code)
            .and_then(|s| s["entry"].as_array())
            .map(|a| a.iter().collect())
            .unwrap_or_default();
        (min..=max).contains(&refs.len())
            && refs.iter().all(|r| kinds.iter().any(|k| r["type"] == *k))
    };
    holds("920", &["Organization", "Practitioner"], 1, 3)
        && holds("910", &["Organization", "Practitioner"], 1, 3)
        && holds("950", &["Encounter"], 0, 1)
        && holds("340", &["Condition"], 0, usize::MAX)
        && holds("360", &["Condition"], 0, usize::MAX)
        && holds("420", &["CarePlan"], 0, usize::MAX)
        && holds("330", &["DocumentReference"], 0, usize::MAX)
        && !doc.sender.is_null()
        && !doc.addressee.is_null()
}

pub(super) static RULES: &[Rule] = &[
    // -----------------------------------------------------------------------------------
    // The fixed shape
    Rule {
        id: "bundle",
        scope: Scope::EReferral,
        requirement: "Bundle: type document, meta.profile JP_Bundle_eReferral|1, \
                      meta.lastUpdated, timestamp with a time zone, identifier system \
                      bundle-identifier",
        fix: "written by sonote",
        holds: |doc| {
            let b = doc.bundle;
            b["resourceType"] == "Bundle"
                && b["type"] == "document"
                && b["meta"]["profile"]
                    .as_array()
                    .is_some_and(|p| p.iter().any(|p| p == BUNDLE_PROFILE))
                && to_the_second(&b["meta"]["lastUpdated"])
                && to_the_second(&b["timestamp"])
                && b["identifier"]["system"] == BUNDLE_IDENTIFIER
        },
    },
    Rule {
        id: "entries",
        scope: Scope::EReferral,
        requirement: "entries: the Composition first and only once, one Patient, one or more \
                      Practitioners, two to four Organizations; each with a urn:uuid fullUrl",
        fix: "written by sonote",
        holds: |doc| {
            let all: Vec<&Value> = entries(doc.bundle).collect();
            !all.is_empty()
                && all[0]["resource"]["resourceType"] == "Composition"
                && count_of(doc, "Composition") == 1
                && count_of(doc, "Patient") == 1
                && count_of(doc, "Practitioner") >= 1
                && (2..=4).contains(&count_of(doc, "Organization"))
                && all
                    .iter()
                    .all(|e| e["fullUrl"].as_str().is_some_and(is_urn_uuid))
        },
    },
    Rule {
        id: "uuids-unique",
        scope: Scope::EReferral,
        requirement: "no two entries share a fullUrl",
        fix: "written by sonote",
        holds: |doc| {
            let urls = full_urls(doc);
            urls.iter().collect::<HashSet<_>>().len() == urls.len()
        },
    },
    Rule {
        id: "references-resolve",
        scope: Scope::EReferral,
        requirement: "every reference names the fullUrl of an entry of the bundle",
        fix: "written by sonote",
        holds: |doc| {
            let urls: HashSet<&str> = full_urls(doc).into_iter().collect();
            let mut refs = Vec::new();
            references(doc.bundle, &mut refs);
            refs.iter().all(|r| urls.contains(r))
        },
    },
    Rule {
        id: "composition",
        scope: Scope::EReferral,
        requirement: "Composition: type 57133-1 診療情報提供書 (doc-typecodes), category \
                      OUTPATIENT (doc-subtypecodes), status final, title 診療情報提供書, \
                      version extension, identifier (resourceInstance-identifier), event \
                      診療情報提供書発行 with its start, author Practitioner and Organization, \
                      custodian Organization",
        fix: "written by sonote",
        holds: |doc| {
            let c = doc.composition;
            let coding = &c["type"]["coding"][0];
            let category = &c["category"][0]["coding"][0];
            let version = c["extension"]
                .as_array()
                .into_iter()
                .flatten()
                .any(|e| e["url"] == VERSION_EXTENSION && text(&e["valueString"]));
            let authors: Vec<&Value> = c["author"].as_array().into_iter().flatten().collect();
            coding["system"] == DOC_TYPE_SYSTEM
                && coding["code"] == "57133-1"
                && coding["display"] == "診療情報提供書"
                && category["system"] == DOC_SUBTYPE_SYSTEM
                && (category["code"] == "OUTPATIENT" || category["code"] == "DISCHARGE")
                && c["status"] == "final"
                && c["title"] == "診療情報提供書"
                && version
                && c["identifier"]["system"] == RESOURCE_INSTANCE_ID
                && text(&c["identifier"]["value"])
                && c["event"].as_array().is_some_and(|e| e.len() == 1)
                && c["event"][0]["code"][0]["text"] == "診療情報提供書発行"
                && text(&c["event"][0]["period"]["start"])
                && authors.iter().any(|a| a["type"] == "Practitioner")
                && authors
                    .iter()
                    .filter(|a| a["type"] == "Organization")
                    .count()
                    == 1
                && c["custodian"]["type"] == "Organization"
                && c["subject"]["type"] == "Patient"
        },
    },
    Rule {
        id: "section-order",
        scope: Scope::EReferral,
        requirement: "sections 920, 910 and 300 once each, 950, 340 and 360 once each inside \
                      300, all in the guide's order",
        fix: "written by sonote",
        holds: sections_in_order,
    },
    Rule {
        id: "section-codes",
        scope: Scope::EReferral,
        requirement: "each section: one coding of the document-section system, its fixed \
                      title, narrative status additional, and text, entries or an empty reason",
        fix: "written by sonote",
        holds: sections_well_formed,
    },
    Rule {
        id: "section-entries",
        scope: Scope::EReferral,
        requirement: "920 and 910 hold an Organization (and a Practitioner), 950 at most one \
                      Encounter, 340 Conditions, 420 CarePlans",
        fix: "written by sonote",
        holds: section_entries,
    },
    Rule {
        id: "careplan",
        scope: Scope::EReferral,
        requirement: "the opinion's CarePlan: status, intent plan, category followup-plan, \
                      subject the Patient",
        fix: "written by sonote",
        holds: |doc| {
            entries(doc.bundle)
                .map(|e| &e["resource"])
                .filter(|r| r["resourceType"] == "CarePlan")
                .all(|p| {
                    text(&p["status"])
                        && p["intent"] == "plan"
                        && p["category"][0]["coding"][0]["code"] == "followup-plan"
                        && p["subject"] == doc.composition["subject"]
                })
        },
    },
    // -----------------------------------------------------------------------------------
    // What the record and the configuration supply
    Rule {
        id: "composition-date",
        scope: Scope::EReferral,
        requirement: "Composition.date to the second with a time zone",
        fix: "end the consultation (or confirm the record): the document is dated by it",
        holds: |doc| to_the_second(&doc.composition["date"]),
    },
    Rule {
        id: "R1021",
        scope: Scope::EReferral,
        requirement: "this hospital (sender, author, custodian) identified by its 10-digit \
                      insurance medical institution number, which also begins the \
                      Composition's identifier",
        fix: "set institution.number in the configuration",
        holds: |doc| institution_number(doc.sender),
    },
    Rule {
        id: "R2152",
        scope: Scope::Clins,
        requirement: "Bundle.identifier.value is <institution number>^<year>^<serial>",
        fix: "set institution.number in the configuration",
        holds: |doc| {
            let value = doc.bundle["identifier"]["value"].as_str().unwrap_or("");
            let parts: Vec<&str> = value.split('^').collect();
            matches!(parts.as_slice(), [number, year, serial]
                if crate::config::is_institution_number(number)
                    && year.len() == 4 && year.starts_with("20")
                    && (1..=36).contains(&serial.len()))
        },
    },
    Rule {
        id: "sender-address",
        scope: Scope::EReferral,
        requirement: "this hospital's name and address (Organization.name, address.text)",
        fix: "set institution.name and institution.address in the configuration",
        holds: |doc| text(&doc.sender["name"]) && text(&doc.sender["address"][0]["text"]),
    },
    Rule {
        id: "author-name",
        scope: Scope::EReferral,
        requirement: "the author (the specialist) named",
        fix: "record the specialist's name",
        holds: |doc| text(&doc.author["name"][0]["text"]),
    },
    Rule {
        id: "addressee-number",
        scope: Scope::EReferral,
        requirement: "the primary physician's institution identified by its 10-digit \
                      insurance medical institution number",
        fix: "record referral.institution_number at intake",
        holds: |doc| institution_number(doc.addressee),
    },
    Rule {
        id: "addressee-name",
        scope: Scope::EReferral,
        requirement: "the primary physician's institution: name and address.text",
        fix: "record referral.institution and referral.address at intake",
        holds: |doc| text(&doc.addressee["name"]) && text(&doc.addressee["address"][0]["text"]),
    },
    Rule {
        id: "department",
        scope: Scope::Clins,
        requirement: "both institutions carry the department (JP_eCS_Department, text)",
        fix: "record the specialist's department and referral.department",
        holds: |doc| department(doc.sender) && department(doc.addressee),
    },
    Rule {
        id: "R1112",
        scope: Scope::EReferral,
        requirement: "the patient's name in kanji or in kana",
        fix: "record the patient's name",
        holds: |doc| name_of(doc.patient, "IDE").is_some() || name_of(doc.patient, "SYL").is_some(),
    },
    Rule {
        id: "patient-name",
        scope: Scope::EReferral,
        requirement: "the patient's name with family and given names (name.family, \
                      name.given), in kanji and in kana",
        fix: "record the name and its kana at intake with a space between family and given \
              name (見本 花子 / みほん はなこ)",
        holds: |doc| {
            ["IDE", "SYL"].iter().all(|r| {
                name_of(doc.patient, r).is_some_and(|n| text(&n["family"]) && text(&n["given"][0]))
            })
        },
    },
    Rule {
        id: "R1113",
        scope: Scope::EReferral,
        requirement: "no full-width space in the patient's name",
        fix: "written by sonote (it turns a full-width space into a half-width one)",
        holds: |doc| {
            doc.patient["name"]
                .as_array()
                .into_iter()
                .flatten()
                .all(|n| !n["text"].as_str().unwrap_or("").contains('\u{3000}'))
        },
    },
    Rule {
        id: "patient-gender-birth",
        scope: Scope::EReferral,
        requirement: "the patient's sex (gender) and date of birth (birthDate)",
        fix: "record the sex and date of birth at intake",
        holds: |doc| text(&doc.patient["gender"]) && text(&doc.patient["birthDate"]),
    },
    Rule {
        id: "patient-address",
        scope: Scope::EReferral,
        requirement: "the patient's address (address.text, exactly one)",
        fix: "record patient.address at intake",
        holds: |doc| {
            doc.patient["address"]
                .as_array()
                .is_some_and(|a| a.len() == 1)
                && text(&doc.patient["address"][0]["text"])
        },
    },
    Rule {
        id: "R1010",
        scope: Scope::EReferral,
        requirement: "a local patient ID, when written, is qualified by this hospital's \
                      number (urn:oid:1.2.392.100495.20.3.51.1<number>)",
        fix: "set institution.number in the configuration",
        holds: |doc| {
            let local: Vec<&Value> = doc.patient["identifier"]
                .as_array()
                .into_iter()
                .flatten()
                .filter(|id| {
                    id["system"]
                        .as_str()
                        .is_some_and(|s| s.starts_with("urn:oid:1.2.392.100495.20.3.51."))
                })
                .collect();
            local.is_empty()
                || (local.len() == 1
                    && local[0]["system"]
                        .as_str()
                        .and_then(|s| s.strip_prefix(LOCAL_PATIENT_ID))
                        .is_some_and(crate::config::is_institution_number))
        },
    },
    Rule {
        id: "R1012",
        scope: Scope::Clins,
        requirement: "exactly one insurance member ID (JP_Insurance_memberID)",
        fix: "record patient.insurance_id at intake",
        holds: |doc| insurance_ids(doc.patient).len() == 1,
    },
    Rule {
        id: "R1013",
        scope: Scope::Clins,
        requirement: "the insurance member ID as insurer(8 digits):symbol:number:branch(2 \
                      digits or empty)",
        fix: "record patient.insurance_id in that form (06123456:記号:番号:01)",
        holds: |doc| matches!(insurance_ids(doc.patient).as_slice(), [one] if is_insurance_id(one)),
    },
    Rule {
        id: "referral-purpose",
        scope: Scope::EReferral,
        requirement: "section 950: the purpose (Encounter.reasonCode.text)",
        fix: "record the referral's question at intake",
        holds: |doc| text(&doc.encounter["reasonCode"][0]["text"]),
    },
    Rule {
        id: "diagnosis",
        scope: Scope::EReferral,
        requirement: "section 340: the diagnosis as a Condition (code.text)",
        fix: "record the referral's diagnosis (intake or opinion)",
        holds: |doc| doc.condition.is_some_and(|c| text(&c["code"]["text"])),
    },
    Rule {
        id: "diagnosis-code",
        scope: Scope::Clins,
        requirement: "the Condition coded with a MEDIS disease code (code.coding)",
        fix: "none in sonote: it records diagnoses as text",
        holds: |doc| {
            doc.condition.is_none_or(|c| {
                c["code"]["coding"]
                    .as_array()
                    .is_some_and(|a| !a.is_empty())
            })
        },
    },
];
