//! The file format: a model wrapped in an envelope that says what it is and
//! which schema version it uses. Every way a model enters the app (an imported
//! file, local storage, later a share link) goes through [`load`].

use chrono::{DateTime, SecondsFormat, Utc};
use serde::Serialize;
use serde_json::Value;

use super::error::LoadError;
use super::limits::MAX_FILE_BYTES;
use super::migrate::{migrate, CURRENT_SCHEMA};
use super::types::Model;
use super::validate::validate;

/// The value of the envelope's `format` field.
pub const FORMAT: &str = "opmodel";

/// Written into every file, to help diagnose a file sent in by a user.
pub const GENERATOR: &str = concat!("opmodel ", env!("CARGO_PKG_VERSION"));

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Envelope<'a> {
    format: &'static str,
    schema_version: u32,
    exported_at: String,
    generator: &'static str,
    model: &'a Model,
}

/// The model as the text of a `.opmodel.json` file (pretty-printed, so that a
/// diff of two exports is readable).
pub fn to_file_json(model: &Model, now: DateTime<Utc>) -> String {
    let envelope = Envelope {
        format: FORMAT,
        schema_version: CURRENT_SCHEMA,
        exported_at: now.to_rfc3339_opts(SecondsFormat::Secs, true),
        generator: GENERATOR,
        model,
    };
    // Serialising plain data with string keys cannot fail.
    serde_json::to_string_pretty(&envelope).expect("a model always serialises")
}

/// Reads a model from the bytes of a file: checks size and envelope, runs the
/// migrations up to the current schema, then validates references and limits.
pub fn load(bytes: &[u8]) -> Result<Model, LoadError> {
    if bytes.len() > MAX_FILE_BYTES {
        return Err(LoadError::TooLarge { bytes: bytes.len() });
    }
    // Editors on Windows like to start UTF-8 files with a byte-order mark;
    // it carries no meaning, so it is skipped rather than refused.
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let text = std::str::from_utf8(bytes).map_err(|_| LoadError::NotText)?;
    if text.contains('\0') {
        return Err(LoadError::NotText);
    }
    if text.trim().is_empty() {
        return Err(LoadError::Empty);
    }
    let value: Value = serde_json::from_str(text).map_err(json_error)?;
    let Value::Object(mut envelope) = value else {
        return Err(LoadError::NotOpModel);
    };
    if envelope.get("format").and_then(Value::as_str) != Some(FORMAT) {
        return Err(LoadError::NotOpModel);
    }
    let version = envelope
        .get("schemaVersion")
        .and_then(Value::as_u64)
        .ok_or(LoadError::NoVersion)?;
    let model = envelope.remove("model").ok_or(LoadError::NoModel)?;
    let model = migrate(model, version)?;
    let model: Model = serde_path_to_error::deserialize(model).map_err(|e| {
        let path = e.path().to_string();
        // Both parts can quote the file (an unknown key, a wrong value):
        // bounded, so a hostile file cannot make a megabyte-long message.
        let path = if path == "." {
            "model".into()
        } else {
            clip_long(&path)
        };
        let detail = plain_serde_message(&e.into_inner().to_string());
        LoadError::Shape {
            path,
            detail: clip_long(&detail),
        }
    })?;
    validate(&model).map_err(|problems| LoadError::Invalid { problems })?;
    Ok(model)
}

fn json_error(e: serde_json::Error) -> LoadError {
    let (line, column) = (e.line(), e.column());
    match e.classify() {
        serde_json::error::Category::Eof => LoadError::Truncated { line, column },
        _ if e.to_string().starts_with("recursion limit exceeded") => {
            LoadError::TooDeep { line, column }
        }
        _ => {
            let full = e.to_string();
            // serde_json appends " at line L column C"; the position is
            // already in our own message.
            let detail = full
                .rsplit_once(" at line ")
                .map_or(full.as_str(), |(d, _)| d)
                .to_string();
            LoadError::NotJson {
                line,
                column,
                detail,
            }
        }
    }
}

/// A message part, cut past a length nobody reads.
fn clip_long(s: &str) -> String {
    const MAX: usize = 300;
    if s.chars().count() <= MAX {
        s.to_string()
    } else {
        format!("{}...", s.chars().take(MAX).collect::<String>())
    }
}

/// Messages of the date parser, which say nothing of what was expected.
const DATE_ERRORS: [&str; 5] = [
    "input contains invalid characters",
    "premature end of input",
    "input is out of range",
    "input is not enough for unique date and time",
    "trailing input",
];

/// serde's messages mention Rust types ("invalid type: string, expected u8");
/// rephrase the common ones for people.
fn plain_serde_message(message: &str) -> String {
    let message = message.rsplit_once(" at line ").map_or(message, |(d, _)| d);
    if DATE_ERRORS.contains(&message) {
        return "not a date and time like 2026-11-01T09:30:00Z".into();
    }
    let mut text = message
        .replace("invalid type: ", "wrong kind of value: found ")
        .replace("expected u8", "expected a whole number from 0 to 255")
        .replace("expected f64", "expected a number")
        .replace("expected a sequence", "expected a list")
        .replace("found map", "found an object")
        .replace("found sequence", "found a list")
        .replace("unknown variant", "unknown value");
    // "expected struct Model" names a Rust type.
    if let Some(at) = text.find("expected struct ") {
        text.replace_range(at.., "expected an object");
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn generator_names_the_app_and_version() {
        assert!(GENERATOR.starts_with("opmodel 0."));
    }
}
