//! The file format: a model wrapped in an envelope that says what it is and
//! which schema version it uses. Every way a model enters the app (an imported
//! file, local storage, later a share link) goes through [`load`].

use chrono::{DateTime, SecondsFormat, Utc};
use serde::{Deserialize, Serialize};
use serde_json::ser::PrettyFormatter;
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
    let model = match read_current(bytes) {
        Some(model) => model,
        None => {
            // Checked here, not before the fast path: a file it reads is
            // JSON, hence UTF-8 text without NUL bytes, and not empty.
            let text = std::str::from_utf8(bytes).map_err(|_| LoadError::NotText)?;
            if text.contains('\0') {
                return Err(LoadError::NotText);
            }
            if text.trim().is_empty() {
                return Err(LoadError::Empty);
            }
            read_carefully(text)?
        }
    };
    validate(&model).map_err(|problems| LoadError::Invalid { problems })?;
    Ok(model)
}

/// A file exactly as this build writes it: the envelope's own fields, each
/// of the type the app writes, and a model of the current schema.
#[derive(Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct CurrentFile {
    format: String,
    schema_version: u64,
    #[serde(rename = "exportedAt")]
    _exported_at: Option<String>,
    #[serde(rename = "generator")]
    _generator: Option<String>,
    model: Model,
}

/// The fast way in, for the files the app itself writes (local storage, its
/// exports): one pass from the file's bytes into the model's types. Reading
/// through a JSON value first, as [`read_carefully`] does, took more than
/// twice as long for a 1 MiB file.
///
/// It has no messages of its own: on any doubt it returns `None` and the
/// careful reading runs, so a bad file is explained exactly as before. It
/// accepts no file that the careful reading refuses, and reads every file
/// it accepts into the same model (tested below on mutated files): both go
/// through the same parser and the same `Deserialize` code, and every value
/// it reads is typed, so none is skipped unchecked.
fn read_current(bytes: &[u8]) -> Option<Model> {
    let file: CurrentFile = serde_json::from_slice(bytes).ok()?;
    (file.format == FORMAT && file.schema_version == u64::from(CURRENT_SCHEMA))
        .then_some(file.model)
}

/// The careful way in, for every other file: the JSON first (a syntax error
/// is reported before anything else), then the envelope, the migrations
/// from older schemas, and the model's shape with the path to the first
/// wrong value.
fn read_carefully(text: &str) -> Result<Model, LoadError> {
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
    into_types(&model)
}

/// The migrated model into the model's types, with the path to the first
/// wrong value when it does not fit.
///
/// It is written out and read back with the same parser as the fast way in,
/// not read from the value itself: the wasm then holds one copy of the
/// model's `Deserialize` code instead of two, and no path-tracking copy
/// (together 29 KiB gzip, 4% of what the app ships). Only files of an
/// older schema or with a mistake come this way; for them, the extra pass
/// adds a few milliseconds per MiB.
///
/// The text has every value on its own line (no indentation, so its size
/// stays close to the file's however deep the nesting), and the line where
/// the reader stopped names the value: see [`value_at_line`].
fn into_types(model: &Value) -> Result<Model, LoadError> {
    serde_json::from_slice(&one_value_per_line(model)).map_err(|e| {
        let (mut path, value) = value_at_line(model, e.line()).unwrap_or((Vec::new(), model));
        let detail = match e.classify() {
            // The text is JSON the app wrote, so the reader's "expected
            // value" can only mean a value of the wrong kind where one of
            // a list of names belongs; said as the value itself says it.
            serde_json::error::Category::Syntax => {
                format!("invalid type: {}, expected string or map", kind_of(value))
            }
            _ => e.to_string(),
        };
        // A name can also be given as the one key of an object
        // (`{"process": null}`); when the reader stopped right after that
        // key, the path ends at the object, as it does for a name given as
        // text.
        if detail.starts_with("unknown variant") {
            if let Some(Step::Key(key)) = path.last() {
                if e.column() <= Value::from(*key).to_string().len() + 1 {
                    path.pop();
                }
            }
        }
        // Both parts can quote the file (an unknown key, a wrong value):
        // bounded, so a hostile file cannot make a megabyte-long message.
        LoadError::Shape {
            path: clip_long(&path_text(&path)),
            detail: clip_long(&plain_serde_message(&detail)),
        }
    })
}

/// `value` as JSON text with each value on a line of its own, without
/// indentation.
fn one_value_per_line(value: &Value) -> Vec<u8> {
    let mut text = Vec::new();
    let mut writer =
        serde_json::Serializer::with_formatter(&mut text, PrettyFormatter::with_indent(b""));
    value
        .serialize(&mut writer)
        .expect("a JSON value always serialises");
    text
}

/// A value as serde names what it found ("integer `12`").
fn kind_of(value: &Value) -> String {
    match value {
        Value::Null => "null".into(),
        Value::Bool(b) => format!("boolean `{b}`"),
        Value::Number(n) if n.is_f64() => format!("floating point `{n}`"),
        Value::Number(n) => format!("integer `{n}`"),
        Value::String(s) => format!("string {s:?}"),
        Value::Array(_) => "sequence".into(),
        Value::Object(_) => "map".into(),
    }
}

/// A step down into a JSON value: a key of an object or a position in a
/// list.
enum Step<'a> {
    Key(&'a str),
    Index(usize),
}

/// A path as people read it: `roles[0].name`, or `model` for the whole.
fn path_text(path: &[Step]) -> String {
    let mut text = String::new();
    for step in path {
        match step {
            Step::Key(key) => {
                if !text.is_empty() {
                    text.push('.');
                }
                text.push_str(key);
            }
            Step::Index(i) => text.push_str(&format!("[{i}]")),
        }
    }
    if text.is_empty() {
        text.push_str("model");
    }
    text
}

/// The value that `line` (counted from 1) of `value` as written by
/// [`into_types`] belongs to, and the path to it; `None` past the last
/// line.
///
/// The writer puts each value on a line of its own: a scalar or an empty
/// list or object on one line (after its key), a non-empty one opens on its
/// key's line, has one line per member, and closes on a line of its own.
/// The reader stops on the line of what it could not use: a wrong value or
/// an unknown key on its own line, a missing field on the closing line of
/// its object.
fn value_at_line(value: &Value, line: usize) -> Option<(Vec<Step<'_>>, &Value)> {
    /// `value` starts on line `at`; on return, `at` is its last line.
    fn walk<'a>(
        value: &'a Value,
        path: &mut Vec<Step<'a>>,
        at: &mut usize,
        line: usize,
    ) -> Option<&'a Value> {
        if *at == line {
            return Some(value);
        }
        let mut inside = |step: Step<'a>, member: &'a Value| {
            *at += 1;
            path.push(step);
            let found = walk(member, path, at, line);
            if found.is_none() {
                path.pop();
            }
            found
        };
        let found = match value {
            Value::Object(members) if !members.is_empty() => members
                .iter()
                .find_map(|(key, member)| inside(Step::Key(key), member)),
            Value::Array(items) if !items.is_empty() => items
                .iter()
                .enumerate()
                .find_map(|(i, member)| inside(Step::Index(i), member)),
            _ => return None,
        };
        // Not inside: then perhaps on the closing line.
        found.or_else(|| {
            *at += 1;
            (*at == line).then_some(value)
        })
    }
    let mut path = Vec::new();
    let found = walk(value, &mut path, &mut 1, line)?;
    Some((path, found))
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
    use chrono::TimeZone;
    use proptest::prelude::*;

    use super::*;
    use crate::model::samples::{sample, SAMPLES};

    fn at() -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 11, 1, 9, 30, 0).unwrap()
    }

    /// Every sample as the text of its exported file.
    fn sample_files() -> Vec<String> {
        SAMPLES
            .iter()
            .map(|s| to_file_json(&sample(s.key, format!("m-{}", s.key), at()).unwrap(), at()))
            .collect()
    }

    /// The fast path's promise: when it reads a file, the careful reading
    /// reads the same model from it; when it does not, `load` says what the
    /// careful reading says.
    fn agree(text: &str) -> Result<(), TestCaseError> {
        match read_current(text.as_bytes()) {
            Some(fast) => {
                prop_assert_eq!(read_carefully(text).map_err(|e| e.to_string()), Ok(fast))
            }
            None => prop_assert_eq!(
                load(text.as_bytes()).map_err(|e| e.to_string()),
                read_carefully(text)
                    .and_then(|m| validate(&m)
                        .map(|()| m)
                        .map_err(|problems| LoadError::Invalid { problems }))
                    .map_err(|e| e.to_string())
            ),
        }
        Ok(())
    }

    #[test]
    fn the_files_the_app_writes_take_the_fast_path() {
        for text in sample_files() {
            let fast =
                read_current(text.as_bytes()).expect("an exported sample is read in one pass");
            assert_eq!(Ok(fast), read_carefully(&text).map_err(|e| e.to_string()));
        }
        // The smallest file: an empty model.
        let empty = Model::new("m-1".into(), "Empty", at());
        assert_eq!(
            read_current(to_file_json(&empty, at()).as_bytes()),
            Some(empty)
        );
    }

    #[test]
    fn files_the_fast_path_leaves_to_the_careful_reading() {
        let file = &sample_files()[0];
        let with = |from: &str, to: &str| {
            assert!(file.contains(from), "{from}");
            file.replacen(from, to, 1)
        };
        let cases = [
            // Another format or schema version, or a version in another form.
            with("\"format\": \"opmodel\"", "\"format\": \"other\""),
            with("\"schemaVersion\": 2", "\"schemaVersion\": 3"),
            with("\"schemaVersion\": 2", "\"schemaVersion\": 2.0"),
            with("\"schemaVersion\": 2", "\"schemaVersion\": \"2\""),
            // The envelope's other fields: unknown ones, other types, a
            // number the JSON reader refuses, nesting past its limit.
            with("\"format\"", "\"note\": \"hi\", \"format\""),
            with("\"format\"", "\"exportedAt\": 20261101, \"format\""),
            with("\"format\"", "\"x\": 1e999, \"format\""),
            with(
                "\"format\"",
                &format!("\"x\": {}1{}, \"format\"", "[".repeat(200), "]".repeat(200)),
            ),
            // A key twice: the last one counts when read as a value.
            with("\"format\"", "\"format\": \"x\", \"format\""),
            with("\"name\"", "\"name\": \"First\", \"name\""),
            // An unknown key in the model, a wrong type, trailing text.
            with("\"name\"", "\"colour\": 1, \"name\""),
            with("\"name\": \"", "\"name\": 7, \"x\": \""),
            format!("{file} x"),
        ];
        for text in &cases {
            assert_eq!(read_current(text.as_bytes()), None, "{text:.300}");
            agree(text).unwrap();
        }
    }

    #[test]
    fn bytes_that_are_not_text_are_still_named_so() {
        let file = sample_files()[0].clone().into_bytes();
        let at = file.windows(6).position(|w| w == b"\"name\"").unwrap() + 9;
        for bad in [&b"\0"[..], b"\xFF", b"\xC3"] {
            let mut text = file.clone();
            text.splice(at..at, bad.iter().copied());
            assert_eq!(read_current(&text), None);
            assert!(matches!(load(&text), Err(LoadError::NotText)), "{bad:?}");
        }
        assert_eq!(read_current(b""), None);
        assert!(matches!(load(b" \n"), Err(LoadError::Empty)));
    }

    /// Characters and pieces of JSON that a damaged or hand-edited file
    /// might have in place of a few bytes.
    const EDITS: &[&str] = &[
        "",
        " ",
        "0",
        "1",
        "-1",
        "1.5",
        "1e999",
        "\"",
        ",",
        ":",
        "{",
        "}",
        "[",
        "]",
        "null",
        "true",
        "\"x\"",
        "\"\"",
        "\\u0041",
        "\\ud800",
        "\"id\"",
        "\"name\": \"n\",",
        "é",
    ];

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(400))]

        #[test]
        fn both_readings_agree_on_edited_files(
            which in 0..SAMPLES.len(),
            at in any::<prop::sample::Index>(),
            cut in 0..4usize,
            edit in prop::sample::select(EDITS),
        ) {
            let file = &sample_files()[which];
            let mut start = at.index(file.len());
            while !file.is_char_boundary(start) {
                start -= 1;
            }
            let mut end = (start + cut).min(file.len());
            while !file.is_char_boundary(end) {
                end += 1;
            }
            let text = format!("{}{}{}", &file[..start], edit, &file[end..]);
            agree(&text)?;
        }
    }

    #[test]
    fn each_line_of_the_written_value_names_its_value() {
        let value = serde_json::json!({
            "a": 1,
            "b": [true, {"c": "x\ny"}, [], {}],
            "d": {"e": null},
        });
        let text = String::from_utf8(one_value_per_line(&value)).unwrap();
        let lines: Vec<&str> = text.lines().collect();
        let expected = [
            ("{", "model"),
            ("\"a\": 1,", "a"),
            ("\"b\": [", "b"),
            ("true,", "b[0]"),
            ("{", "b[1]"),
            ("\"c\": \"x\\ny\"", "b[1].c"),
            ("},", "b[1]"),
            ("[],", "b[2]"),
            ("{}", "b[3]"),
            ("],", "b"),
            ("\"d\": {", "d"),
            ("\"e\": null", "d.e"),
            ("}", "d"),
            ("}", "model"),
        ];
        assert_eq!(lines.len(), expected.len(), "{text}");
        for (i, (line, (written, path))) in lines.iter().zip(expected).enumerate() {
            assert_eq!(*line, written);
            let (steps, _) = value_at_line(&value, i + 1).unwrap();
            assert_eq!(path_text(&steps), path, "line {}", i + 1);
        }
        assert!(value_at_line(&value, lines.len() + 1).is_none());
    }

    /// Every line of a real model's text leads to the value written on it.
    #[test]
    fn the_lines_of_a_model_lead_to_their_values() {
        let model = sample(SAMPLES[0].key, "m-1".into(), at()).unwrap();
        let value = serde_json::to_value(&model).unwrap();
        let text = String::from_utf8(one_value_per_line(&value)).unwrap();
        for (i, line) in text.lines().enumerate() {
            let (_, found) = value_at_line(&value, i + 1).unwrap();
            let scalar = !matches!(found, Value::Array(a) if !a.is_empty())
                && !matches!(found, Value::Object(o) if !o.is_empty());
            if scalar {
                let written = line.trim_end_matches(',');
                assert!(written.ends_with(&found.to_string()), "{line} / {found}");
            }
        }
    }

    /// Deep nesting does not multiply the size of the text, as indentation
    /// would (a hostile file could otherwise take gigabytes).
    #[test]
    fn the_written_value_is_not_indented() {
        let mut deep = Value::from(vec![0; 1000]);
        for _ in 0..120 {
            deep = Value::from(vec![deep]);
        }
        let compact = deep.to_string().len();
        assert!(one_value_per_line(&deep).len() < 2 * compact + 500);
    }

    /// How many values `v` holds, itself included.
    fn values(v: &Value) -> usize {
        1 + match v {
            Value::Object(members) => members.values().map(values).sum(),
            Value::Array(items) => items.iter().map(values).sum(),
            _ => 0,
        }
    }

    /// The `n`-th value of `v` in document order (`v` itself first).
    fn nth_mut<'a>(v: &'a mut Value, n: &mut usize) -> Option<&'a mut Value> {
        if *n == 0 {
            return Some(v);
        }
        *n -= 1;
        match v {
            Value::Object(members) => members.values_mut().find_map(|c| nth_mut(c, n)),
            Value::Array(items) => items.iter_mut().find_map(|c| nth_mut(c, n)),
            _ => None,
        }
    }

    /// What a wrong value might be: each kind of JSON value, and strings
    /// that no enum or date accepts.
    const WRONG: &[&str] = &[
        "null",
        "true",
        "12",
        "-1",
        "1.5",
        "300",
        "\"x\"",
        "\"\"",
        "\"2026-13-01\"",
        "[]",
        "[1]",
        "{}",
        "{\"zz\": 1}",
    ];

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(300))]

        /// The path in a wrong-shape message is the one serde_path_to_error
        /// finds reading the value itself (what this code did before, at
        /// the cost of a second copy of the model's reading code).
        #[test]
        fn the_path_to_a_wrong_value_is_the_reference_path(
            which in 0..SAMPLES.len(),
            place in any::<prop::sample::Index>(),
            change in 0..WRONG.len() + 2,
        ) {
            let key = SAMPLES[which].key;
            let model = sample(key, format!("m-{key}"), at()).unwrap();
            let mut value = serde_json::to_value(&model).unwrap();
            let mut k = place.index(values(&value));
            let target = nth_mut(&mut value, &mut k).unwrap();
            match (change.checked_sub(WRONG.len()), target) {
                (None, target) => *target = serde_json::from_str(WRONG[change]).unwrap(),
                // An unknown key, or a key taken out.
                (Some(0), Value::Object(members)) => {
                    members.insert("zz".into(), Value::Null);
                }
                (Some(_), Value::Object(members)) => {
                    let first = members.keys().next().cloned();
                    if let Some(first) = first {
                        members.remove(&first);
                    }
                }
                (Some(_), target) => *target = Value::Null,
            }
            let reference = serde_path_to_error::deserialize::<_, Model>(value.clone())
                .map_err(|e| (e.path().to_string(), e.into_inner().to_string()));
            match (reference, into_types(&value)) {
                (Ok(a), Ok(b)) => prop_assert_eq!(a, b),
                (Err((path, detail)), Err(LoadError::Shape { path: ours, detail: our_detail })) => {
                    let path = if path == "." { "model".to_string() } else { path };
                    prop_assert_eq!(ours, path);
                    // One message differs, for an empty object where a
                    // name belongs; ours is as clear.
                    let expected = if detail == "invalid value: map, expected map with a single key" {
                        "wrong kind of value: found an object, expected string or map".into()
                    } else {
                        plain_serde_message(&detail)
                    };
                    prop_assert_eq!(our_detail, expected);
                }
                (a, b) => prop_assert!(false, "{a:?} / {b:?}"),
            }
        }
    }

    #[test]
    fn generator_names_the_app_and_version() {
        assert!(GENERATOR.starts_with("opmodel 0."));
    }
}
