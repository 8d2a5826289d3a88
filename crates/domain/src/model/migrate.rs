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
pub const CURRENT_SCHEMA: u32 = 5;

/// The oldest version this build still reads.
pub const OLDEST_SCHEMA: u32 = 1;

type Step = fn(Value) -> Result<Value, LoadError>;

/// `STEPS[i]` migrates version `OLDEST_SCHEMA + i` to the next one.
const STEPS: &[Step] = &[v1_to_v2, v2_to_v3, v3_to_v4, v4_to_v5];

/// Version 2 lets a matrix cell hold A and R together (`"A/R"`). Every
/// version 1 model is a version 2 model as it is: the step only marks the
/// boundary, so that a file using A/R says version 2 and an older OpModel
/// refuses it as "made by a newer version" instead of as a broken file.
fn v1_to_v2(model: Value) -> Result<Value, LoadError> {
    Ok(model)
}

/// Version 3 adds the operating map (data entities, flows, metrics) and
/// makes metrics objects: a review's `metrics` were names, and are now the
/// ids of the model's metrics. Every distinct name (spaces around it
/// ignored, blanks dropped) becomes one metric, `metric-1`, `metric-2`, ...
/// in the order it first appears, and each review lists the metrics it
/// named, once each. Nothing else changes. A metric made here has no owner
/// and no definition yet, which the map's checks then ask for.
fn v2_to_v3(mut model: Value) -> Result<Value, LoadError> {
    let Some(reviews) = model.get_mut("reviews").and_then(Value::as_array_mut) else {
        return Ok(model);
    };
    let mut names: Vec<String> = Vec::new();
    for review in reviews.iter_mut() {
        let Some(list) = review.get_mut("metrics") else {
            continue;
        };
        let Some(items) = list.as_array() else {
            // Not a list: left for the load's own check to refuse in words.
            continue;
        };
        let mut ids: Vec<Value> = Vec::new();
        for item in items {
            let Some(name) = item.as_str() else {
                // Not a name: kept as it is, so the load says where.
                ids.push(item.clone());
                continue;
            };
            let name = name.trim();
            if name.is_empty() {
                continue;
            }
            let n = match names.iter().position(|x| x == name) {
                Some(i) => i + 1,
                None => {
                    names.push(name.to_string());
                    names.len()
                }
            };
            let id = Value::String(format!("metric-{n}"));
            if !ids.contains(&id) {
                ids.push(id);
            }
        }
        *list = Value::Array(ids);
    }
    if !names.is_empty() {
        let metrics: Vec<Value> = names
            .into_iter()
            .enumerate()
            .map(|(i, name)| serde_json::json!({"id": format!("metric-{}", i + 1), "name": name}))
            .collect();
        if let Some(object) = model.as_object_mut() {
            object.insert("metrics".into(), Value::Array(metrics));
        }
    }
    Ok(model)
}

/// Version 4 adds the model's `lineage` (where it comes from: its family,
/// the version a file was exported as, the one it was based on). A version
/// 3 model has none and needs none: it is its own family, its lineage id
/// its model id (`Model::lineage_id`), which is what its own exports
/// carry, so they are still recognized when they come back. Like
/// [`v1_to_v2`], the step marks the boundary for older builds.
fn v3_to_v4(model: Value) -> Result<Value, LoadError> {
    Ok(model)
}

/// Version 5 lets a quiz result be a team check-up's (`Assessment::team`:
/// everyone's answers, with the team's scores). Every version 4 result is
/// one person's, as before: the step only marks the boundary, so an older
/// build refuses a file holding a check-up as "made by a newer version"
/// rather than as a broken file.
fn v4_to_v5(model: Value) -> Result<Value, LoadError> {
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
    fn v2_to_v3_makes_each_metric_name_an_object_once() {
        let v2 = serde_json::json!({
            "id": "m", "name": "M",
            "reviews": [
                {"id": "a", "name": "Weekly", "level": "tactical", "cadence": "weekly",
                 "metrics": [" Orders shipped ", "NPS", "", "Orders shipped"]},
                {"id": "b", "name": "Monthly", "level": "operational", "cadence": "monthly",
                 "metrics": ["NPS", "Margin"]},
                {"id": "c", "name": "Quarterly", "level": "strategic", "cadence": "quarterly"}
            ]
        });
        let v3 = v2_to_v3(v2).unwrap();
        assert_eq!(
            v3["metrics"],
            serde_json::json!([
                {"id": "metric-1", "name": "Orders shipped"},
                {"id": "metric-2", "name": "NPS"},
                {"id": "metric-3", "name": "Margin"}
            ])
        );
        assert_eq!(
            v3["reviews"][0]["metrics"],
            serde_json::json!(["metric-1", "metric-2"])
        );
        assert_eq!(
            v3["reviews"][1]["metrics"],
            serde_json::json!(["metric-2", "metric-3"])
        );
        assert!(v3["reviews"][2].get("metrics").is_none());
        assert_eq!(v3["reviews"][0]["name"], "Weekly", "nothing else changes");
    }

    #[test]
    fn v2_to_v3_leaves_a_model_without_metric_names_as_it_is() {
        let v2 = serde_json::json!({"id": "m", "reviews": [{"id": "a", "metrics": ["  "]}]});
        let v3 = v2_to_v3(v2).unwrap();
        assert!(v3.get("metrics").is_none());
        assert_eq!(v3["reviews"][0]["metrics"], serde_json::json!([]));
        let bare = serde_json::json!({"id": "m"});
        assert_eq!(v2_to_v3(bare.clone()).unwrap(), bare);
    }

    #[test]
    fn v2_to_v3_keeps_what_is_not_a_name_for_the_load_to_refuse() {
        let v2 = serde_json::json!({"id": "m", "reviews": [{"id": "a", "metrics": [7, "NPS"]}]});
        let v3 = v2_to_v3(v2).unwrap();
        assert_eq!(
            v3["reviews"][0]["metrics"],
            serde_json::json!([7, "metric-1"])
        );
    }

    #[test]
    fn v3_to_v4_keeps_the_model_whose_family_is_itself() {
        let v =
            serde_json::json!({"id": "m1", "name": "A", "roles": [{"id": "r1", "name": "Ops"}]});
        assert_eq!(v3_to_v4(v.clone()).unwrap(), v);
        let file = r#"{"format":"opmodel","schemaVersion":3,"model":{"id":"m1","name":"A","createdAt":"2026-11-01T00:00:00Z","updatedAt":"2026-11-01T00:00:00Z"}}"#;
        let m = crate::model::load(file.as_bytes()).unwrap();
        assert_eq!(m.lineage, None);
        assert_eq!(m.lineage_id(), "m1");
    }

    #[test]
    fn v4_to_v5_keeps_every_result_as_one_persons() {
        let v = serde_json::json!({"id": "m1", "name": "A", "assessments": [
            {"id": "a1", "kind": "quick", "takenAt": "2026-11-01T00:00:00Z", "answers": {"q1": 2}, "overall": 50.0}
        ]});
        assert_eq!(v4_to_v5(v.clone()).unwrap(), v);
        let file = r#"{"format":"opmodel","schemaVersion":4,"model":{"id":"m1","name":"A","createdAt":"2026-11-01T00:00:00Z","updatedAt":"2026-11-01T00:00:00Z","assessments":[{"id":"a1","kind":"quick","takenAt":"2026-11-01T00:00:00Z","answers":{"q1":2},"overall":50.0}]}}"#;
        let m = crate::model::load(file.as_bytes()).unwrap();
        assert_eq!(m.assessments[0].team, None);
        assert_eq!(m.assessments[0].answers.get("q1"), Some(&2));
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
