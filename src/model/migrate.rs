//! Schema migrations: each step turns the JSON of one schema version into the
//! next, so a file from any earlier version is brought up to date before it is
//! read into the current types.
//!
//! To change the schema: bump `CURRENT_SCHEMA`, add a step that takes the
//! `model` object of version N and returns version N + 1, and add a fixture of
//! version N under `tests/fixtures/` that the tests load.

use serde_json::Value;

use super::error::LoadError;

/// The schema version this build writes.
pub const CURRENT_SCHEMA: u32 = 2;

/// The oldest version this build still reads.
pub const OLDEST_SCHEMA: u32 = 1;

type Step = fn(Value) -> Result<Value, LoadError>;

/// `STEPS[i]` migrates version `OLDEST_SCHEMA + i` to the next one.
const STEPS: &[Step] = &[v1_to_v2];

/// Version 2 lets a matrix cell hold A and R together (`"A/R"`). Every
/// version 1 model is a version 2 model as it is: the step only marks the
/// boundary, so that a file using A/R says version 2 and an older OpModel
/// refuses it as "made by a newer version" instead of as a broken file.
fn v1_to_v2(model: Value) -> Result<Value, LoadError> {
    Ok(model)
}

/// Brings a `model` value from `from` up to `CURRENT_SCHEMA`.
pub fn migrate(mut model: Value, from: u64) -> Result<Value, LoadError> {
    if from > u64::from(CURRENT_SCHEMA) {
        return Err(LoadError::NewerSchema {
            found: from,
            supported: CURRENT_SCHEMA,
        });
    }
    if from < u64::from(OLDEST_SCHEMA) {
        return Err(LoadError::UnsupportedSchema { found: from });
    }
    for step in &STEPS[(from - u64::from(OLDEST_SCHEMA)) as usize..] {
        model = step(model)?;
    }
    Ok(model)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chain_covers_every_supported_version() {
        assert_eq!(STEPS.len() as u32, CURRENT_SCHEMA - OLDEST_SCHEMA);
    }

    #[test]
    fn v1_to_v2_keeps_every_value() {
        let v1 = serde_json::json!({
            "id": "m", "name": "M",
            "elements": [{"id": "e", "name": "E", "kind": "process", "assignments": {"r": "A"}}]
        });
        assert_eq!(v1_to_v2(v1.clone()).unwrap(), v1);
        assert_eq!(migrate(v1.clone(), 1).unwrap(), v1);
    }

    #[test]
    fn current_version_passes_through_unchanged() {
        let v = serde_json::json!({"id": "x"});
        assert_eq!(migrate(v.clone(), CURRENT_SCHEMA as u64).unwrap(), v);
    }

    #[test]
    fn newer_and_older_versions_are_refused() {
        assert!(matches!(
            migrate(Value::Null, CURRENT_SCHEMA as u64 + 1),
            Err(LoadError::NewerSchema { .. })
        ));
        assert!(matches!(
            migrate(Value::Null, 0),
            Err(LoadError::UnsupportedSchema { found: 0 })
        ));
    }
}
