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
pub const CURRENT_SCHEMA: u32 = 1;

/// The oldest version this build still reads.
pub const OLDEST_SCHEMA: u32 = 1;

type Step = fn(Value) -> Result<Value, LoadError>;

/// `STEPS[i]` migrates version `OLDEST_SCHEMA + i` to the next one.
const STEPS: &[Step] = &[];

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
