//! The file format: a model wrapped in an envelope that says what it is and
//! which schema version it uses. Every way a model enters the app (an imported
//! file, local storage, later a share link) goes through [`load`].

use std::borrow::Cow;
use std::collections::BTreeSet;

use chrono::{DateTime, SecondsFormat, Utc};
use serde::{Deserialize, Serialize};
use serde_json::ser::PrettyFormatter;
use serde_json::Value;

use super::error::{clip, LoadError};
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

/// Something worth telling the person about a file that loaded, beside the
/// model itself.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LoadNote {
    /// The file is a model without the envelope around it.
    BareModel,
}

impl std::fmt::Display for LoadNote {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            LoadNote::BareModel => write!(
                f,
                "The file holds a model without the OpModel envelope (no \"format\" and \"schemaVersion\"); it was read as the current format version."
            ),
        }
    }
}

/// A model read from a file, and what the person should know about how.
#[derive(Clone, Debug, PartialEq)]
pub struct Loaded {
    pub model: Model,
    pub note: Option<LoadNote>,
}

/// Reads a model from the bytes of a file: checks size and envelope, runs the
/// migrations up to the current schema, then validates references and limits.
/// [`load_with_notes`] says, as well, how the file was read.
pub fn load(bytes: &[u8]) -> Result<Model, LoadError> {
    load_with_notes(bytes).map(|loaded| loaded.model)
}

/// The byte-order mark of UTF-8 text. Editors on Windows like to start UTF-8
/// files with it; it carries no meaning, so it is skipped rather than
/// refused.
const UTF8_BOM: &[u8] = b"\xEF\xBB\xBF";

/// The byte-order marks of UTF-16 text, little- and big-endian: Windows
/// Notepad saves as the first when "Unicode" is chosen. Such a file is
/// decoded, not refused.
const UTF16LE_BOM: &[u8] = b"\xFF\xFE";
const UTF16BE_BOM: &[u8] = b"\xFE\xFF";

/// [`load`], and a note when the file was read in a way the person should
/// know of (a model without its envelope).
pub fn load_with_notes(bytes: &[u8]) -> Result<Loaded, LoadError> {
    if bytes.len() > MAX_FILE_BYTES {
        return Err(LoadError::TooLarge { bytes: bytes.len() });
    }
    let decoded;
    let bytes = match from_utf16(bytes)? {
        Some(text) => {
            decoded = text;
            decoded.as_bytes()
        }
        None => bytes.strip_prefix(UTF8_BOM).unwrap_or(bytes),
    };
    let loaded = match read_current(bytes) {
        Some(model) => Loaded { model, note: None },
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
    validate(&loaded.model).map_err(|problems| LoadError::Invalid { problems })?;
    Ok(loaded)
}

/// The text of a file saved as UTF-16 (it starts with one of its byte-order
/// marks), as UTF-8; `None` for any other file.
fn from_utf16(bytes: &[u8]) -> Result<Option<String>, LoadError> {
    /// Two bytes of UTF-16 as one unit, in the order the mark says.
    type Unit = fn([u8; 2]) -> u16;
    let (units, unit): (&[u8], Unit) = if let Some(rest) = bytes.strip_prefix(UTF16LE_BOM) {
        (rest, u16::from_le_bytes)
    } else if let Some(rest) = bytes.strip_prefix(UTF16BE_BOM) {
        (rest, u16::from_be_bytes)
    } else {
        return Ok(None);
    };
    if units.len() % 2 != 0 {
        return Err(LoadError::BadUtf16 {
            problem: "it has an odd number of bytes, so its last character is cut in half".into(),
        });
    }
    let units = units.chunks_exact(2).map(|pair| unit([pair[0], pair[1]]));
    let mut text = String::with_capacity(bytes.len());
    for c in char::decode_utf16(units) {
        match c {
            Ok(c) => text.push(c),
            Err(_) => {
                let line = 1 + text.bytes().filter(|&b| b == b'\n').count();
                return Err(LoadError::BadUtf16 {
                    problem: format!("a broken character on line {line}"),
                });
            }
        }
    }
    Ok(Some(text))
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
///
/// The typed reading refuses a field of a struct written twice, but keeps
/// the last of a map's keys written twice (`assignments`, `rights`...):
/// [`first_key_twice`] looks for those.
fn read_current(bytes: &[u8]) -> Option<Model> {
    let file: CurrentFile = serde_json::from_slice(bytes).ok()?;
    (file.format == FORMAT
        && file.schema_version == u64::from(CURRENT_SCHEMA)
        && first_key_twice(bytes).is_none())
    .then_some(file.model)
}

/// A model as a JSON value (for comparing and merging), written by the
/// same writer as a file and read back as a value: `serde_json::to_value`
/// would put a second copy of every type's `Serialize` code in the wasm.
pub fn model_to_value(model: &Model) -> Value {
    let text = serde_json::to_string_pretty(model).expect("a model always serialises");
    serde_json::from_str(&text).expect("what was just written reads back")
}

/// A JSON value as a model, through the reader the file format uses (see
/// [`into_types`]): `None` when it is not one.
pub(crate) fn value_to_model(value: &Value) -> Option<Model> {
    serde_json::from_slice(&one_value_per_line(value)).ok()
}

/// The careful way in, for every other file: the JSON first (a syntax error
/// is reported before anything else), then the envelope, the migrations
/// from older schemas, and the model's shape with the path to the first
/// wrong value.
///
/// An object that is a model itself, without the envelope, is read as a
/// model of the current schema, with a note saying so.
fn read_carefully(text: &str) -> Result<Loaded, LoadError> {
    let value: Value = serde_json::from_str(text).map_err(|e| json_error(e, text))?;
    if let Some((key, line)) = first_key_twice(text.as_bytes()) {
        return Err(LoadError::DuplicateKey {
            key: clip(&key),
            line,
        });
    }
    let Value::Object(mut envelope) = value else {
        return Err(LoadError::NotOpModel);
    };
    if is_bare_model(&envelope) {
        return Ok(Loaded {
            model: into_types(&Value::Object(envelope))?,
            note: Some(LoadNote::BareModel),
        });
    }
    if envelope.get("format").and_then(Value::as_str) != Some(FORMAT) {
        return Err(LoadError::NotOpModel);
    }
    let version = envelope
        .get("schemaVersion")
        .and_then(whole_number)
        .ok_or(LoadError::NoVersion)?;
    let model = envelope.remove("model").ok_or(LoadError::NoModel)?;
    let model = migrate(model, version)?;
    Ok(Loaded {
        model: into_types(&model)?,
        note: None,
    })
}

/// The keys that mark an object as a model itself: it has all of
/// [`BARE_MODEL_KEYS`] and one of [`BARE_MODEL_PARTS`]. An id and a name
/// alone are too common in JSON files of other kinds.
const BARE_MODEL_KEYS: [&str; 2] = ["id", "name"];
const BARE_MODEL_PARTS: [&str; 3] = ["createdAt", "roles", "elements"];

/// Whether `object` is a model without the envelope: none of the
/// envelope's keys, and those of a model.
fn is_bare_model(object: &serde_json::Map<String, Value>) -> bool {
    !["format", "schemaVersion", "model"]
        .iter()
        .any(|key| object.contains_key(*key))
        && BARE_MODEL_KEYS.iter().all(|key| object.contains_key(*key))
        && BARE_MODEL_PARTS.iter().any(|key| object.contains_key(*key))
}

/// The largest whole number a JSON number read as a float holds exactly
/// (2^53); past it, `1e300` would pass for a version number.
const MAX_EXACT_FLOAT: f64 = 9_007_199_254_740_992.0;

/// A version number: a whole number, also when written as a float (`1.0`).
fn whole_number(value: &Value) -> Option<u64> {
    if let Some(n) = value.as_u64() {
        return Some(n);
    }
    let f = value.as_f64()?;
    // Exact for every whole float up to the bound, and 0 for -0.0.
    (f.fract() == 0.0 && (0.0..=MAX_EXACT_FLOAT).contains(&f)).then_some(f as u64)
}

/// Objects with up to this many keys are checked by comparing a new key's
/// fingerprint with each one before it (and the key itself only when they
/// match): for the keys most objects have (a handful, or 20 to 300 in a
/// map of roles), that is faster than any set. Past it, the object's keys
/// move into a set, so a map of thousands of keys (a hostile file) costs a
/// set's inserts, not a comparison of every pair.
const FEW_KEYS: usize = 64;

/// A key's fingerprint for [`first_key_twice`] (FNV-1a): equal keys have
/// equal fingerprints, and different keys almost never do.
fn fingerprint(key: &[u8]) -> u64 {
    key.iter().fold(0xcbf2_9ce4_8422_2325, |hash, &b| {
        (hash ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    })
}

/// An object or list open at some point of [`first_key_twice`]'s scan.
struct Open<'a> {
    /// Whether it is an object.
    object: bool,
    /// Where its keys start in the scan's list of keys.
    first: usize,
    /// Its keys, once it has more than [`FEW_KEYS`].
    many: Option<BTreeSet<Cow<'a, [u8]>>>,
}

/// The first key written twice in one object of `json`, unescaped, and the
/// line it is on the second time.
///
/// `json` must be text the JSON reader has accepted: this only follows
/// strings and brackets, and checks nothing else. A JSON value keeps the
/// last of two keys and the typed reading does the same for a map's keys,
/// so this is the one place a key written twice is seen. One pass over the
/// bytes, without parsing a number or copying a key without escapes.
/// On the 1.15 MiB file of `the_cost_of_the_key_scan` below (release
/// build, shared machine): 2.3 to 2.8 ms, beside 11 to 29 ms for the typed
/// reading in the same runs; 4.5 ms before keys were compared by
/// fingerprint first. A loop that only counts the file's quotes takes
/// 0.7 ms.
fn first_key_twice(json: &[u8]) -> Option<(String, usize)> {
    let mut open: Vec<Open> = Vec::new();
    // The keys of the open objects with few keys, the innermost last, with
    // their fingerprints.
    let mut keys: Vec<(u64, Cow<[u8]>)> = Vec::new();
    // Whether the next string is a key.
    let mut key_next = false;
    let mut i = 0;
    while i < json.len() {
        match json[i] {
            b'"' => {
                let start = i;
                let mut escaped = false;
                i += 1;
                loop {
                    match json[i] {
                        b'"' => break,
                        b'\\' => {
                            escaped = true;
                            i += 2;
                        }
                        _ => i += 1,
                    }
                }
                if key_next {
                    key_next = false;
                    let key = if escaped {
                        let text = serde_json::from_slice::<String>(&json[start..=i]).ok()?;
                        Cow::Owned(text.into_bytes())
                    } else {
                        Cow::Borrowed(&json[start + 1..i])
                    };
                    let object = open.last_mut()?;
                    let twice = match &mut object.many {
                        Some(many) => many.replace(key),
                        None => {
                            let print = fingerprint(&key);
                            if keys[object.first..]
                                .iter()
                                .any(|(p, k)| *p == print && *k == key)
                            {
                                Some(key)
                            } else {
                                keys.push((print, key));
                                if keys.len() - object.first > FEW_KEYS {
                                    let many = keys.drain(object.first..).map(|(_, k)| k);
                                    object.many = Some(many.collect());
                                }
                                None
                            }
                        }
                    };
                    if let Some(key) = twice {
                        let line = 1 + json[..start].iter().filter(|&&b| b == b'\n').count();
                        return Some((String::from_utf8_lossy(&key).into_owned(), line));
                    }
                }
            }
            open_bracket @ (b'{' | b'[') => {
                key_next = open_bracket == b'{';
                open.push(Open {
                    object: key_next,
                    first: keys.len(),
                    many: None,
                });
            }
            b'}' | b']' => {
                if let Some(closed) = open.pop() {
                    keys.truncate(closed.first);
                }
            }
            b',' => key_next = open.last().is_some_and(|o| o.object),
            _ => {}
        }
        i += 1;
    }
    None
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
pub(crate) fn one_value_per_line(value: &Value) -> Vec<u8> {
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

/// A JSON reader's error as a message. On a syntax error, the text where
/// the reader stopped is looked at for what people write in JSON by
/// mistake (a comment, a trailing comma): only on this error path, so a
/// good file costs nothing for it.
fn json_error(e: serde_json::Error, text: &str) -> LoadError {
    let (line, column) = (e.line(), e.column());
    match e.classify() {
        serde_json::error::Category::Eof => LoadError::Truncated { line, column },
        _ if e.to_string().starts_with("recursion limit exceeded") => {
            LoadError::TooDeep { line, column }
        }
        _ => {
            if let Some(found) = not_json_at(text, line, column) {
                return found;
            }
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

/// A comment or a trailing comma where the JSON reader stopped, at `line`
/// and `column` (from 1, in bytes: how the reader counts), named as such.
fn not_json_at(text: &str, line: usize, column: usize) -> Option<LoadError> {
    let line_start = if line == 1 {
        0
    } else {
        text.match_indices('\n').nth(line - 2)?.0 + 1
    };
    let at = (line_start + column).checked_sub(1)?;
    let rest = text.as_bytes().get(at..)?;
    // The reader stops on the comment's first or second character.
    let comment = |at: usize| {
        let rest = &text.as_bytes()[at..];
        rest.starts_with(b"//") || rest.starts_with(b"/*")
    };
    if let Some(start) = [at, at.saturating_sub(1)].into_iter().find(|&a| comment(a)) {
        let (line, column) = line_and_column(text, start);
        return Some(LoadError::NotJson {
            line,
            column,
            detail:
                "it has a comment, which JSON does not allow. Remove the comment and open it again"
                    .into(),
        });
    }
    let close = *rest.first()?;
    if close == b'}' || close == b']' {
        let before = text[..at].trim_end_matches([' ', '\t', '\n', '\r']);
        if before.ends_with(',') {
            let (line, column) = line_and_column(text, before.len() - 1);
            return Some(LoadError::NotJson {
                line,
                column,
                detail: format!(
                    "a trailing comma before \"{}\" (JSON does not allow one). Remove the comma and open it again",
                    close as char
                ),
            });
        }
    }
    None
}

/// The line and column (from 1, the column in bytes, as the JSON reader
/// counts) of byte `at` of `text`.
fn line_and_column(text: &str, at: usize) -> (usize, usize) {
    let before = &text.as_bytes()[..at];
    let line_start = before
        .iter()
        .rposition(|&b| b == b'\n')
        .map_or(0, |n| n + 1);
    let line = 1 + before.iter().filter(|&&b| b == b'\n').count();
    (line, at - line_start + 1)
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
                prop_assert_eq!(
                    read_carefully(text)
                        .map(|l| l.model)
                        .map_err(|e| e.to_string()),
                    Ok(fast)
                )
            }
            None => prop_assert_eq!(
                load(text.as_bytes()).map_err(|e| e.to_string()),
                read_carefully(text)
                    .and_then(|l| validate(&l.model)
                        .map(|()| l.model)
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
            assert_eq!(
                Ok(fast),
                read_carefully(&text)
                    .map(|l| l.model)
                    .map_err(|e| e.to_string())
            );
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
            with("\"schemaVersion\": 5", "\"schemaVersion\": 6"),
            with("\"schemaVersion\": 5", "\"schemaVersion\": 5.0"),
            with("\"schemaVersion\": 5", "\"schemaVersion\": \"5\""),
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
            // A map's key twice, which the typed reading alone would take
            // (the last letter kept).
            {
                let open = "\"assignments\": {\n";
                let at = file.find(open).expect("an assignment") + open.len();
                let line = &file[at..=at + file[at..].find('\n').unwrap()];
                format!("{}{line}{}", &file[..at], &file[at..])
            },
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

    /// The key `first_key_twice` finds in `json`.
    fn twice(json: &str) -> Option<String> {
        serde_json::from_str::<Value>(json).expect("valid JSON");
        first_key_twice(json.as_bytes()).map(|(key, _)| key)
    }

    #[test]
    fn a_key_twice_is_found_in_any_object() {
        assert_eq!(twice(r#"{"a": 1, "b": 2}"#), None);
        assert_eq!(twice(r#"{"a": 1, "a": 2}"#).as_deref(), Some("a"));
        assert_eq!(twice(r#"{}"#), None);
        assert_eq!(twice(r#"[]"#), None);
        assert_eq!(twice(r#""a""#), None);
        // Nested, and after a nested object or list has closed.
        assert_eq!(twice(r#"{"x": {"a": 1, "a": 2}}"#).as_deref(), Some("a"));
        assert_eq!(twice(r#"{"a": {"b": 1}, "a": 2}"#).as_deref(), Some("a"));
        assert_eq!(twice(r#"{"a": [1, {}], "a": 2}"#).as_deref(), Some("a"));
        assert_eq!(twice(r#"[[{"a": 1, "a": 2}]]"#).as_deref(), Some("a"));
        // The first in the order of the text.
        assert_eq!(
            twice(r#"{"b": {"c": 1, "c": 2}, "b": 1}"#).as_deref(),
            Some("c")
        );
        assert_eq!(
            twice(r#"{"b": 1, "b": {"c": 1, "c": 2}}"#).as_deref(),
            Some("b")
        );
    }

    #[test]
    fn a_key_twice_is_found_in_an_object_of_many_keys() {
        let object = |keys: &[usize]| {
            let members: Vec<String> = keys.iter().map(|k| format!("\"k{k}\": {k}")).collect();
            format!("{{\"in\": {{{}}}, \"after\": 1}}", members.join(", "))
        };
        let all: Vec<usize> = (0..3 * FEW_KEYS).collect();
        assert_eq!(twice(&object(&all)), None);
        // Twice before the object has many keys, and after, and a key that
        // came before the move into the set.
        for (at, again) in [(5, 3), (FEW_KEYS + 10, FEW_KEYS + 5), (2 * FEW_KEYS, 1)] {
            let mut keys = all.clone();
            keys.insert(at, again);
            assert_eq!(twice(&object(&keys)), Some(format!("k{again}")), "{at}");
        }
    }

    #[test]
    fn the_same_key_in_different_objects_is_fine() {
        // Objects side by side in a list, an object and the one inside it.
        assert_eq!(twice(r#"[{"a": 1, "b": 2}, {"a": 1, "b": 2}]"#), None);
        assert_eq!(twice(r#"{"a": {"a": {"a": 1}}}"#), None);
        assert_eq!(twice(r#"{"l": [{"a": 1}], "a": [{"l": 1}]}"#), None);
        // A value equal to a key is not a key.
        assert_eq!(twice(r#"{"a": "a", "b": ["a", "a"]}"#), None);
        // Strings that look like JSON, with escaped quotes and backslashes.
        assert_eq!(
            twice(r#"{"t": "{\"a\": 1, \"a\": 2}", "u": "\\", "a": "\\\""}"#),
            None
        );
    }

    #[test]
    fn keys_are_compared_unescaped() {
        assert_eq!(twice(r#"{"a": 1, "\u0061": 2}"#).as_deref(), Some("a"));
        assert_eq!(twice(r#"{"\u0061": 1, "a": 2}"#).as_deref(), Some("a"));
        assert_eq!(twice(r#"{"é": 1, "\u00e9": 2}"#).as_deref(), Some("é"));
        assert_eq!(
            twice(r#"{"a\"b": 1, "a\u0022b": 2}"#).as_deref(),
            Some("a\"b")
        );
        assert_eq!(twice(r#"{"a\\b": 1, "a\\\\b": 2}"#), None);
        assert_eq!(twice(r#"{"a": 1, "a ": 2, "A": 3, "\u0000a": 4}"#), None);
        assert_eq!(
            twice(r#"{"😀": 1, "\ud83d\ude00": 2}"#).as_deref(),
            Some("😀")
        );
    }

    #[test]
    fn a_key_twice_is_found_on_its_second_line() {
        let json = "{\n \"a\": 1,\n \"b\": \"x\\ny\",\n\n \"a\": 2\n}";
        assert_eq!(first_key_twice(json.as_bytes()), Some(("a".into(), 5)));
    }

    /// A JSON value as written: an object's keys in order, some perhaps
    /// twice, each maybe written with escapes.
    #[derive(Clone, Debug)]
    enum Written {
        Scalar(&'static str),
        List(Vec<Written>),
        Object(Vec<(String, bool, Written)>),
    }

    impl Written {
        fn text(&self) -> String {
            match self {
                Written::Scalar(s) => s.to_string(),
                Written::List(items) => {
                    let items: Vec<String> = items.iter().map(Written::text).collect();
                    format!("[{}]", items.join(", "))
                }
                Written::Object(members) => {
                    let members: Vec<String> = members
                        .iter()
                        .map(|(key, escaped, value)| {
                            let key = if *escaped {
                                let units: String =
                                    key.encode_utf16().map(|u| format!("\\u{u:04x}")).collect();
                                format!("\"{units}\"")
                            } else {
                                Value::from(key.as_str()).to_string()
                            };
                            format!("{key}: {}", value.text())
                        })
                        .collect();
                    format!("{{{}}}", members.join(",\n"))
                }
            }
        }

        /// The first key written twice in one object, in the order of the
        /// text: checked at the key, then inside its value.
        fn first_twice(&self) -> Option<String> {
            match self {
                Written::Scalar(_) => None,
                Written::List(items) => items.iter().find_map(Written::first_twice),
                Written::Object(members) => {
                    let mut seen = std::collections::HashSet::new();
                    members.iter().find_map(|(key, _, value)| {
                        if seen.insert(key) {
                            value.first_twice()
                        } else {
                            Some(key.clone())
                        }
                    })
                }
            }
        }

        /// How many keys are written.
        fn keys(&self) -> usize {
            match self {
                Written::Scalar(_) => 0,
                Written::List(items) => items.iter().map(Written::keys).sum(),
                Written::Object(members) => {
                    members.len() + members.iter().map(|(_, _, v)| v.keys()).sum::<usize>()
                }
            }
        }
    }

    /// How many keys a JSON value holds.
    fn keys_in(value: &Value) -> usize {
        match value {
            Value::Object(members) => members.len() + members.values().map(keys_in).sum::<usize>(),
            Value::Array(items) => items.iter().map(keys_in).sum(),
            _ => 0,
        }
    }

    fn written() -> impl Strategy<Value = Written> {
        let scalar = prop::sample::select(vec!["1", "null", r#""a""#, r#""\"}""#, "[]", "{}"])
            .prop_map(Written::Scalar);
        let key = prop::sample::select(vec!["a", "b", "é", "😀", "\"", "\\", "a b", ""])
            .prop_map(String::from);
        scalar.prop_recursive(4, 40, 5, move |inner| {
            prop_oneof![
                prop::collection::vec(inner.clone(), 0..4).prop_map(Written::List),
                prop::collection::vec((key.clone(), any::<bool>(), inner), 0..5)
                    .prop_map(Written::Object),
            ]
        })
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(500))]

        /// The scan finds the key the written value has twice, first in
        /// the text; and a JSON value of the text agrees: when the scan
        /// finds nothing, it holds every key written (none replaced
        /// another), and otherwise fewer.
        #[test]
        fn the_key_scan_agrees_with_a_reference(written in written()) {
            let text = written.text();
            let value: Value = serde_json::from_str(&text).expect("valid JSON");
            let found = first_key_twice(text.as_bytes()).map(|(key, _)| key);
            prop_assert_eq!(&found, &written.first_twice());
            if found.is_none() {
                prop_assert_eq!(keys_in(&value), written.keys());
            } else {
                prop_assert!(keys_in(&value) < written.keys());
            }
        }
    }

    #[test]
    fn utf16_text_is_decoded_either_way_round() {
        let text = "{\"a\": \"é😀\"}\r\n";
        let le: Vec<u8> = UTF16LE_BOM
            .iter()
            .copied()
            .chain(text.encode_utf16().flat_map(u16::to_le_bytes))
            .collect();
        let be: Vec<u8> = UTF16BE_BOM
            .iter()
            .copied()
            .chain(text.encode_utf16().flat_map(u16::to_be_bytes))
            .collect();
        assert_eq!(from_utf16(&le), Ok(Some(text.to_string())));
        assert_eq!(from_utf16(&be), Ok(Some(text.to_string())));
        assert_eq!(from_utf16(b"\xFF\xFE"), Ok(Some(String::new())));
        // Other text, and UTF-8 with its mark, are left as they are.
        assert_eq!(from_utf16(text.as_bytes()), Ok(None));
        assert_eq!(from_utf16(b"\xEF\xBB\xBF{}"), Ok(None));
        assert_eq!(from_utf16(b""), Ok(None));
    }

    #[test]
    fn broken_utf16_is_named() {
        let problem = |bytes: &[u8]| match from_utf16(bytes) {
            Err(LoadError::BadUtf16 { problem }) => problem,
            other => panic!("{other:?}"),
        };
        assert_eq!(
            problem(b"\xFF\xFE{\0}"),
            "it has an odd number of bytes, so its last character is cut in half"
        );
        // A first half of a pair at the end, one before another character,
        // and a second half with no first.
        assert_eq!(
            problem(b"\xFF\xFE{\0\n\0\x3D\xD8"),
            "a broken character on line 2"
        );
        assert_eq!(
            problem(b"\xFE\xFF\xD8\x3D\0{"),
            "a broken character on line 1"
        );
        assert_eq!(problem(b"\xFF\xFE\0\xDE"), "a broken character on line 1");
    }

    #[test]
    fn a_version_is_a_whole_number() {
        let version = |json: &str| whole_number(&serde_json::from_str(json).unwrap());
        assert_eq!(version("1"), Some(1));
        assert_eq!(version("1.0"), Some(1));
        assert_eq!(version("2e0"), Some(2));
        assert_eq!(version("0.0"), Some(0));
        assert_eq!(version("-0.0"), Some(0));
        assert_eq!(version("9007199254740992.0"), Some(1 << 53));
        for not in ["1.5", "-1", "-1.0", "1e300", "\"1\"", "null", "[1]"] {
            assert_eq!(version(not), None, "{not}");
        }
    }

    #[test]
    fn a_bare_model_is_told_from_other_objects() {
        let object = |json: &str| match serde_json::from_str(json).unwrap() {
            Value::Object(o) => o,
            _ => unreachable!(),
        };
        for bare in [
            r#"{"id": "m", "name": "n", "createdAt": 1}"#,
            r#"{"id": "m", "name": "n", "roles": []}"#,
            r#"{"id": "m", "name": "n", "elements": []}"#,
        ] {
            assert!(is_bare_model(&object(bare)), "{bare}");
        }
        for not in [
            r#"{}"#,
            r#"{"id": "m", "name": "n"}"#,
            r#"{"name": "n", "roles": []}"#,
            r#"{"id": "m", "roles": []}"#,
            r#"{"id": "m", "name": "n", "roles": [], "format": "x"}"#,
            r#"{"id": "m", "name": "n", "roles": [], "schemaVersion": 1}"#,
            r#"{"id": "m", "name": "n", "roles": [], "model": {}}"#,
        ] {
            assert!(!is_bare_model(&object(not)), "{not}");
        }
    }

    #[test]
    fn comments_and_trailing_commas_are_named_where_they_are() {
        let message = |text: &str| {
            let e = serde_json::from_str::<Value>(text).unwrap_err();
            json_error(e, text).to_string()
        };
        let comment =
            "it has a comment, which JSON does not allow. Remove the comment and open it again.";
        for (text, at) in [
            ("// c\n{}", "line 1, column 1"),
            ("{// c\n}", "line 1, column 2"),
            ("{\"a\": // c\n1}", "line 1, column 7"),
            ("{\"a\": 1 // c\n}", "line 1, column 9"),
            ("{\"a\": 1, /* c */ \"b\": 2}", "line 1, column 10"),
            ("[1,\n  /* c */]", "line 2, column 3"),
            ("{}\n/* c */", "line 2, column 1"),
        ] {
            assert_eq!(
                message(text),
                format!("The file is not valid JSON ({at}): {comment}"),
                "{text}"
            );
        }
        for (text, at, close) in [
            ("{\"a\": 1,}", "line 1, column 8", '}'),
            ("[1, 2 ,\n\n  ]", "line 1, column 7", ']'),
            ("{\"é\": [1,]}", "line 1, column 10", ']'),
        ] {
            assert_eq!(
                message(text),
                format!("The file is not valid JSON ({at}): a trailing comma before \"{close}\" (JSON does not allow one). Remove the comma and open it again."),
                "{text}"
            );
        }
        // A slash that starts no comment, and other mistakes, keep the
        // reader's words.
        for (text, said) in [
            ("[1, /]", "(line 1, column 5): expected value."),
            ("[1 2]", "(line 1, column 4): expected `,` or `]`."),
            ("[,]", "(line 1, column 2): expected value."),
            ("{\"a\" 1}", "(line 1, column 6): expected `:`."),
        ] {
            assert_eq!(
                message(text),
                format!("The file is not valid JSON {said}"),
                "{text}"
            );
        }
    }

    /// What the scan for keys written twice costs beside the fast reading,
    /// on a file of about 1 MiB, and what a loop that only counts bytes
    /// costs, for scale. Run it in release:
    /// `cargo test --release --lib model::envelope -- --ignored --nocapture`.
    #[test]
    #[ignore]
    fn the_cost_of_the_key_scan() {
        let model = crate::model::testkit::one_mib_model(at());
        let text = to_file_json(&model, at());
        let time = |what: &dyn Fn()| {
            const RUNS: u32 = 30;
            let mut best = f64::MAX;
            for _ in 0..RUNS {
                let start = std::time::Instant::now();
                what();
                best = best.min(start.elapsed().as_secs_f64() * 1e3);
            }
            best
        };
        let scan = time(&|| {
            std::hint::black_box(first_key_twice(std::hint::black_box(text.as_bytes())));
        });
        let count = time(&|| {
            let quotes = text.as_bytes().iter().filter(|&&b| b == b'"').count();
            std::hint::black_box(quotes);
        });
        let lines = time(&|| {
            let mut lines = 0;
            for &b in std::hint::black_box(text.as_bytes()) {
                if b == b'\n' {
                    lines += 1;
                }
            }
            std::hint::black_box(lines);
        });
        println!("counting quotes {count:.2} ms, lines {lines:.2} ms");
        let read = time(&|| {
            std::hint::black_box(read_current(std::hint::black_box(text.as_bytes())));
        });
        let careful_text = text.replacen("\"format\"", "\"note\": \"x\", \"format\"", 1);
        let careful = time(&|| {
            std::hint::black_box(read_carefully(std::hint::black_box(&careful_text)).unwrap());
        });
        let value = time(&|| {
            std::hint::black_box(serde_json::from_str::<Value>(&careful_text).unwrap());
        });
        println!(
            "{} bytes: the key scan {scan:.2} ms, the whole fast reading (with it) {read:.2} ms, \
             the careful reading {careful:.2} ms (of which the JSON value {value:.2} ms)",
            text.len()
        );
    }

    #[test]
    fn generator_names_the_app_and_version() {
        assert!(GENERATOR.starts_with("opmodel 0."));
    }
}
