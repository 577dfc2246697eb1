//! The JSON export checked against its published schema, `docs/report.schema.json`.

/// Panics with every way `json` departs from the schema.
pub fn assert_valid(json: &serde_json::Value) {
    let schema: serde_json::Value =
        serde_json::from_str(include_str!("../../docs/report.schema.json"))
            .expect("the schema is JSON");
    let validator = jsonschema::options()
        .should_validate_formats(true)
        .build(&schema)
        .expect("the schema is a valid JSON Schema");
    let errors: Vec<String> = validator
        .iter_errors(json)
        .map(|error| format!("{}: {error}", error.instance_path()))
        .collect();
    assert!(
        errors.is_empty(),
        "the json export departs from docs/report.schema.json:\n{}",
        errors.join("\n")
    );
}
