//! Hostile files: a model file travels by email between companies, so every
//! file is untrusted input. Each named bad input below is checked against the
//! EXACT sentence the person who opened it sees (`err.to_string()`).
//!
//! The small inputs are committed under `tests/fixtures/bad/` (so a browser
//! test can import the same files) with their messages in
//! `tests/fixtures/bad/messages.json`; the large ones are generated here.

use std::collections::BTreeMap;

use chrono::{TimeZone, Utc};
use opmodel::model::limits::*;
use opmodel::model::*;
use serde_json::Value;

const BAD: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/bad");

/// Committed fixtures stay small: they are read by a browser test too.
const MAX_FIXTURE_BYTES: u64 = 20 * 1024;

const NOT_TEXT: &str = "The file is not text (it may be an image, a zip or another binary file), so it is not an OpModel file.";
const NOT_OPMODEL: &str =
    "This JSON file is not an OpModel file: it has no \"format\": \"opmodel\" marker.";
const EMPTY: &str = "The file is empty, so there is no model to open.";

/// Every committed bad file and the exact message it gives.
const COMMITTED: &[(&str, &str)] = &[
    (
        "truncated.json",
        "The file ends too early (line 51, column 25): it was probably cut off while being copied or downloaded.",
    ),
    (
        "wrong-type-number-for-name.json",
        "roles[0].name: wrong kind of value: found integer `42`, expected a string.",
    ),
    (
        "duplicate-role-id.json",
        "roles[1].id: the id \"r1\" is used twice.",
    ),
    (
        "duplicate-element-id.json",
        "elements[1].id: the id \"e1\" is used twice.",
    ),
    (
        "dangling-role-in-assignment.json",
        "elements[1].assignments: unknown role \"r9\".",
    ),
    (
        "dangling-element-in-decision.json",
        "decisions[0].elements: unknown element \"e9\".",
    ),
    (
        "dangling-review-in-correction.json",
        "corrections[0].review: unknown review \"v9\".",
    ),
    (
        "letter-not-in-vocabulary.json",
        "decisions[0].rights: \"D\" is not one of the letters R, A, C, I of this model's vocabulary.",
    ),
    (
        "newer-schema-99.json",
        "The file was made by a newer version of OpModel (format version 99; this version reads up to 5). Open it in the newer version, or ask the sender to export it again.",
    ),
    (
        "schema-version-0.json",
        "The file uses format version 0, which this version of OpModel cannot read.",
    ),
    (
        "schema-version-as-text.json",
        "The file does not say which version of the format it uses (\"schemaVersion\" is missing or not a whole number).",
    ),
    ("png-header.bin", NOT_TEXT),
    ("invalid-utf8-in-the-middle.json", NOT_TEXT),
    ("nul-byte.json", NOT_TEXT),
    ("empty.json", EMPTY),
    ("whitespace-only.json", EMPTY),
    ("null.json", NOT_OPMODEL),
    ("string.json", NOT_OPMODEL),
    ("array.json", NOT_OPMODEL),
    ("no-format.json", NOT_OPMODEL),
    ("no-model.json", "The file has no \"model\" section."),
    (
        "not-json-text.json",
        "The file is not valid JSON (line 1, column 1): expected value.",
    ),
    (
        "control-character-in-string.json",
        "The file is not valid JSON (line 24, column 19): control character (\\u0000-\\u001F) found while parsing a string.",
    ),
    (
        "trailing-garbage.json",
        "The file is not valid JSON (line 110, column 1): trailing characters.",
    ),
    (
        "number-out-of-range.json",
        "The file is not valid JSON (line 97, column 20): number out of range.",
    ),
    (
        "lone-surrogate.json",
        "The file is not valid JSON (line 8, column 25): unexpected end of hex escape.",
    ),
    (
        "nested-200-levels.json",
        "The file is nested too deeply to be a model (line 1, column 178).",
    ),
    (
        "unknown-element-kind.json",
        "elements[0].kind: unknown value `gadget`, expected one of `process`, `workflow`, `data`, `system`, `outcome`.",
    ),
    (
        "unknown-field.json",
        "roles[0].nmae: unknown field `nmae`, expected one of `id`, `name`, `description`, `holder`.",
    ),
    ("missing-name.json", "model: missing field `name`."),
    (
        "model-is-a-number.json",
        "model: wrong kind of value: found integer `5`, expected an object.",
    ),
    (
        "bad-date.json",
        "createdAt: not a date and time like 2026-11-01T09:30:00Z.",
    ),
    (
        "score-out-of-range.json",
        "snapshots[0].metrics.ownershipCoverage: a score must be between 0 and 100.",
    ),
    (
        "utf16-broken-character.json",
        "The file is UTF-16 text that could not be decoded (a broken character on line 14). Save it as UTF-8 (\"UTF-8\" in the editor's Save As encoding list) and open it again.",
    ),
    (
        "duplicate-key-in-role.json",
        "The file has the key \"name\" twice in one object (line 15): a reader would silently keep only one of the values, so it is refused.",
    ),
    (
        "duplicate-key-in-assignments.json",
        "The file has the key \"r1\" twice in one object (line 28): a reader would silently keep only one of the values, so it is refused.",
    ),
    (
        "comment-line.json",
        "The file is not valid JSON (line 11, column 3): it has a comment, which JSON does not allow. Remove the comment and open it again.",
    ),
    (
        "comment-block.json",
        "The file is not valid JSON (line 14, column 26): it has a comment, which JSON does not allow. Remove the comment and open it again.",
    ),
    (
        "trailing-comma-in-object.json",
        "The file is not valid JSON (line 14, column 25): a trailing comma before \"}\" (JSON does not allow one). Remove the comma and open it again.",
    ),
    (
        "trailing-comma-in-list.json",
        "The file is not valid JSON (line 73, column 10): a trailing comma before \"]\" (JSON does not allow one). Remove the comma and open it again.",
    ),
    ("json-with-id-and-name.json", NOT_OPMODEL),
    (
        "schema-version-1.5.json",
        "The file does not say which version of the format it uses (\"schemaVersion\" is missing or not a whole number).",
    ),
];

/// Committed files that must load: a byte-order mark is not an error, a
/// file saved as UTF-16 is decoded, a model without its envelope is read
/// as the current version, and a version of `1.0` is version 1.
const COMMITTED_GOOD: &[&str] = &[
    "bom-then-valid.json",
    "utf16le-with-bom.json",
    "utf16be-with-bom.json",
    "bare-model.json",
    "schema-version-1.0.json",
];

fn fixture(name: &str) -> Vec<u8> {
    std::fs::read(format!("{BAD}/{name}")).unwrap_or_else(|e| panic!("{name}: {e}"))
}

/// What the person sees: the model, or the message.
fn outcome(bytes: &[u8]) -> Result<Model, String> {
    load(bytes).map_err(|e| e.to_string())
}

fn message(bytes: &[u8]) -> String {
    match outcome(bytes) {
        Ok(m) => panic!("expected an error, but the file loaded: {:?}", m.name),
        Err(e) => e,
    }
}

fn t0() -> chrono::DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 1, 9, 30, 0).unwrap()
}

/// The good model the committed bad files were made from (they differ from
/// its file by one edit each).
fn bakery() -> Model {
    let bytes = fixture("bom-then-valid.json");
    load(&bytes).expect("the bakery loads")
}

fn round_trips(m: &Model) {
    assert!(validate(m).is_ok());
    assert_eq!(&load(to_file_json(m, t0()).as_bytes()).unwrap(), m);
}

// ---- the committed files ----

#[test]
fn every_committed_bad_file_gives_its_exact_message() {
    let wrong: Vec<String> = COMMITTED
        .iter()
        .filter_map(|(name, expected)| {
            let got = message(&fixture(name));
            (got != *expected)
                .then(|| format!("{name}:\n  expected {expected:?}\n       got {got:?}"))
        })
        .collect();
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn a_byte_order_mark_before_a_valid_file_loads() {
    let bytes = fixture("bom-then-valid.json");
    assert!(bytes.starts_with(b"\xEF\xBB\xBF"));
    let with_bom = load(&bytes).unwrap();
    assert_eq!(load(&bytes[3..]).unwrap(), with_bom);
    assert_eq!(with_bom.roles.len(), 2);
    assert_eq!(with_bom.decisions.len(), 1);
    assert_eq!(with_bom.corrections[0].review.as_deref(), Some("v1"));
    round_trips(&with_bom);
}

#[test]
fn a_byte_order_mark_twice_is_refused() {
    // Only one mark is skipped; a second one is text before the JSON.
    let mut bytes = b"\xEF\xBB\xBF".to_vec();
    bytes.extend(fixture("bom-then-valid.json"));
    assert_eq!(
        message(&bytes),
        "The file is not valid JSON (line 1, column 1): expected value."
    );
}

#[test]
fn a_file_saved_as_utf16_loads_as_the_same_model() {
    for name in ["utf16le-with-bom.json", "utf16be-with-bom.json"] {
        let bytes = fixture(name);
        assert!(bytes.starts_with(b"\xFF\xFE") || bytes.starts_with(b"\xFE\xFF"));
        assert_eq!(load(&bytes).unwrap(), bakery(), "{name}");
    }
}

#[test]
fn a_model_without_its_envelope_loads_with_a_note() {
    let loaded = load_with_notes(&fixture("bare-model.json")).unwrap();
    assert_eq!(loaded.model, bakery());
    assert_eq!(
        loaded.note.map(|n| n.to_string()).as_deref(),
        Some("The file holds a model without the OpModel envelope (no \"format\" and \"schemaVersion\"); it was read as the current format version.")
    );
    // A file with its envelope has nothing to tell.
    let loaded = load_with_notes(&fixture("bom-then-valid.json")).unwrap();
    assert_eq!(loaded.note, None);
    // The model written out bare, as another tool might: the same model.
    let bare = serde_json::to_string(&bakery()).unwrap();
    assert_eq!(load(bare.as_bytes()).unwrap(), bakery());
}

#[test]
fn a_version_written_as_a_float_is_that_version() {
    assert_eq!(load(&fixture("schema-version-1.0.json")).unwrap(), bakery());
}

/// messages.json is hand-written for the browser test; it must stay true:
/// every entry matches what `load` says, every file has an entry, and it
/// agrees with the table above.
#[test]
fn messages_json_is_true() {
    let text = std::fs::read_to_string(format!("{BAD}/messages.json")).unwrap();
    let Value::Object(entries) = serde_json::from_str::<Value>(&text).unwrap() else {
        panic!("messages.json is not an object");
    };
    let entries: BTreeMap<&str, &Value> = entries
        .iter()
        .filter(|(k, _)| !k.starts_with('_'))
        .map(|(k, v)| (k.as_str(), v))
        .collect();

    for (name, expected) in &entries {
        let got = outcome(&fixture(name));
        match expected {
            Value::Null => assert!(got.is_ok(), "{name} should load: {got:?}"),
            Value::String(expected) => {
                assert_eq!(got.err().as_deref(), Some(expected.as_str()), "{name}")
            }
            other => panic!("{name}: the entry must be a string or null, not {other}"),
        }
    }

    let mut on_disk = Vec::new();
    for entry in std::fs::read_dir(BAD).unwrap() {
        let entry = entry.unwrap();
        let name = entry.file_name().into_string().unwrap();
        let size = entry.metadata().unwrap().len();
        assert!(size < MAX_FIXTURE_BYTES, "{name} is {size} bytes");
        if name != "messages.json" {
            on_disk.push(name);
        }
    }
    on_disk.sort();
    let listed: Vec<&str> = entries.keys().copied().collect();
    assert_eq!(on_disk, listed, "files on disk vs entries in messages.json");

    for (name, expected) in COMMITTED {
        assert_eq!(
            entries.get(name).and_then(|v| v.as_str()),
            Some(*expected),
            "{name}: the table and messages.json disagree"
        );
    }
    for name in COMMITTED_GOOD {
        assert_eq!(entries.get(name), Some(&&Value::Null), "{name}");
    }
    assert_eq!(entries.len(), COMMITTED.len() + COMMITTED_GOOD.len());
}

// ---- generated inputs, too large to commit ----

/// A valid file padded with whitespace to exactly `len` bytes.
fn padded_to(len: usize) -> Vec<u8> {
    let mut bytes = to_file_json(&bakery(), t0()).into_bytes();
    assert!(bytes.len() <= len);
    bytes.resize(len, b' ');
    bytes
}

const ENVELOPE: &str = r#"{"format": "opmodel", "schemaVersion": 1, "model": "#;

#[test]
fn generated_hostile_inputs() {
    let huge_string = {
        let mut m = bakery();
        m.roles[0].description = "a".repeat(10 * 1024 * 1024);
        to_file_json(&m, t0()).into_bytes()
    };
    let nested_in_envelope = format!("{ENVELOPE}{}", "[".repeat(100_000)).into_bytes();
    let nested_balanced = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000)).into_bytes();
    let nested_objects = "{\"a\":".repeat(100_000).into_bytes();
    let nested_in_a_field = {
        let text = to_file_json(&bakery(), t0());
        text.replacen(
            "\"roles\": [",
            &format!("\"roles\": [{}", "[".repeat(100_000)),
            1,
        )
        .into_bytes()
    };
    let too_large = |kb: usize| {
        format!("The file is {kb} KB, over the limit of 5120 KB: a model that large could not be saved in this browser.")
    };

    let cases: Vec<(&str, Vec<u8>, String)> = vec![
        (
            "50 MB of whitespace",
            vec![b' '; 50 * 1024 * 1024],
            too_large(51_200),
        ),
        (
            "a 10 MB string field",
            huge_string,
            too_large(10_243),
        ),
        (
            "one byte over the size limit (a valid model padded with whitespace)",
            padded_to(MAX_FILE_BYTES + 1),
            // Rounded up, so one byte over never reads as "5120 KB, over
            // the limit of 5120 KB".
            too_large(5_121),
        ),
        (
            "whitespace up to the size limit",
            vec![b'\n'; MAX_FILE_BYTES],
            EMPTY.to_string(),
        ),
        (
            "100,000 nested arrays as the model",
            nested_in_envelope,
            "The file is nested too deeply to be a model (line 1, column 178).".to_string(),
        ),
        (
            "100,000 nested arrays, balanced, no envelope",
            nested_balanced,
            "The file is nested too deeply to be a model (line 1, column 128).".to_string(),
        ),
        (
            "100,000 nested objects",
            nested_objects,
            "The file is nested too deeply to be a model (line 1, column 636).".to_string(),
        ),
        (
            "100,000 nested arrays inside the roles list",
            nested_in_a_field,
            "The file is nested too deeply to be a model (line 14, column 139).".to_string(),
        ),
        (
            "a NUL byte before a valid file",
            [b"\0".as_slice(), to_file_json(&bakery(), t0()).as_bytes()].concat(),
            NOT_TEXT.to_string(),
        ),
        (
            "UTF-16 cut off (a BOM for UTF-16LE, then three characters)",
            [b"\xFF\xFE".as_slice(), b"{\0\"\0f\0"].concat(),
            "The file ends too early (line 1, column 3): it was probably cut off while being copied or downloaded.".to_string(),
        ),
        (
            "UTF-16 with an odd number of bytes",
            [b"\xFE\xFF".as_slice(), b"\0{\0"].concat(),
            "The file is UTF-16 text that could not be decoded (it has an odd number of bytes, so its last character is cut in half). Save it as UTF-8 (\"UTF-8\" in the editor's Save As encoding list) and open it again.".to_string(),
        ),
        (
            "UTF-16 of a NUL byte",
            b"\xFF\xFE\0\0".to_vec(),
            NOT_TEXT.to_string(),
        ),
        (
            "a key twice in an object nested in a list",
            br#"{"format": "opmodel", "a": [{"k": 1}, {"k": 2, "x": {"k": 1, "k\u0000": 2, "\u006b": 3}}]}"#.to_vec(),
            "The file has the key \"k\" twice in one object (line 1): a reader would silently keep only one of the values, so it is refused.".to_string(),
        ),
        (
            "a key twice, the model otherwise right",
            [&ENVELOPE.as_bytes()[..ENVELOPE.len() - 10], b"\n\"format\": \"opmodel\"}"].concat(),
            "The file has the key \"format\" twice in one object (line 2): a reader would silently keep only one of the values, so it is refused.".to_string(),
        ),
        (
            "a comment after the last value",
            format!("{}\n// exported by hand", to_file_json(&bakery(), t0())).into_bytes(),
            "The file is not valid JSON (line 128, column 1): it has a comment, which JSON does not allow. Remove the comment and open it again.".to_string(),
        ),
        (
            "a slash that starts no comment",
            br#"{"format": "opmodel", "schemaVersion": / 1}"#.to_vec(),
            "The file is not valid JSON (line 1, column 40): expected value.".to_string(),
        ),
        (
            "a model without its envelope, of the wrong shape",
            br#"{"id": "m1", "name": "Bakery", "roles": []}"#.to_vec(),
            "model: missing field `createdAt`.".to_string(),
        ),
        (
            "a schemaVersion of 1e300, a whole number too large",
            br#"{"format": "opmodel", "schemaVersion": 1e300, "model": {}}"#.to_vec(),
            "The file does not say which version of the format it uses (\"schemaVersion\" is missing or not a whole number).".to_string(),
        ),
        (
            "a schemaVersion of -1.0",
            br#"{"format": "opmodel", "schemaVersion": -1.0, "model": {}}"#.to_vec(),
            "The file does not say which version of the format it uses (\"schemaVersion\" is missing or not a whole number).".to_string(),
        ),
        (
            "a schemaVersion of 0.0",
            br#"{"format": "opmodel", "schemaVersion": 0.0, "model": {}}"#.to_vec(),
            "The file uses format version 0, which this version of OpModel cannot read.".to_string(),
        ),
        (
            "a zip file's first bytes",
            b"PK\x03\x04\x14\0\x06\0\x08\0".to_vec(),
            NOT_TEXT.to_string(),
        ),
        (
            "a JSON number",
            b"1".to_vec(),
            NOT_OPMODEL.to_string(),
        ),
        (
            "a format marker of the wrong case",
            br#"{"format": "OpModel", "schemaVersion": 1, "model": {}}"#.to_vec(),
            NOT_OPMODEL.to_string(),
        ),
        (
            "a schemaVersion too large for any integer",
            br#"{"format": "opmodel", "schemaVersion": 99999999999999999999999, "model": {}}"#
                .to_vec(),
            "The file does not say which version of the format it uses (\"schemaVersion\" is missing or not a whole number).".to_string(),
        ),
        (
            "the model is null",
            format!("{ENVELOPE}null}}").into_bytes(),
            "model: wrong kind of value: found null, expected an object.".to_string(),
        ),
        (
            "an empty model object",
            format!("{ENVELOPE}{{}}}}").into_bytes(),
            "model: missing field `id`.".to_string(),
        ),
    ];

    let wrong: Vec<String> = cases
        .iter()
        .filter_map(|(name, bytes, expected)| {
            let got = message(bytes);
            (&got != expected)
                .then(|| format!("{name}:\n  expected {expected:?}\n       got {got:?}"))
        })
        .collect();
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn a_file_exactly_at_the_size_limit_loads() {
    let bytes = padded_to(MAX_FILE_BYTES);
    assert_eq!(bytes.len(), MAX_FILE_BYTES);
    assert_eq!(load(&bytes).unwrap(), bakery());
}

#[test]
fn the_size_limit_counts_the_byte_order_mark() {
    // The size check runs before the mark is stripped: a file at the limit
    // with a mark in front is over it.
    let mut bytes = b"\xEF\xBB\xBF".to_vec();
    bytes.extend(padded_to(MAX_FILE_BYTES - 3));
    assert_eq!(bytes.len(), MAX_FILE_BYTES);
    assert_eq!(load(&bytes).unwrap(), bakery());
    bytes.push(b' ');
    assert_eq!(
        message(&bytes),
        "The file is 5121 KB, over the limit of 5120 KB: a model that large could not be saved in this browser."
    );
}

#[test]
fn a_huge_dangling_id_is_quoted_clipped() {
    let mut m = bakery();
    let ghost = "g".repeat(1024 * 1024);
    m.elements[0].assignments.insert(ghost, Raci::R);
    let msg = message(to_file_json(&m, t0()).as_bytes());
    assert_eq!(
        msg,
        format!(
            "elements[0].assignments: unknown role \"{}...\".",
            "g".repeat(40)
        )
    );
}

/// A Shape error quotes the offending value and the path (with map keys)
/// from the file: both are clipped, so a 1 MB value is not a 1 MB message.
#[test]
fn a_huge_wrong_value_is_not_echoed_whole() {
    let mut v: Value = serde_json::from_slice(&fixture("bom-then-valid.json")[3..]).unwrap();
    v["model"]["elements"][0]["kind"] = Value::String("x".repeat(1024 * 1024));
    let msg = message(v.to_string().as_bytes());
    assert!(msg.len() < 1000, "{} bytes: {}...", msg.len(), &msg[..200]);
}

// ---- near the limits: everything at its maximum still loads ----

/// `n` characters of `c`.
fn chars(c: char, n: usize) -> String {
    std::iter::repeat_n(c, n).collect()
}

/// An id of exactly `MAX_ID_CHARS` characters, unique by `i`.
fn long_id(prefix: char, i: usize) -> String {
    let tail = format!("-{i}");
    format!(
        "{}{tail}",
        chars(prefix, MAX_ID_CHARS - tail.chars().count())
    )
}

#[test]
fn a_model_near_the_limits_loads_and_round_trips() {
    let mut m = Model::new(long_id('m', 0), chars('é', MAX_NAME_CHARS), t0());
    for i in 0..MAX_ROLES {
        m.roles.push(Role {
            id: long_id('r', i),
            // Multi-byte characters: the limits count characters, not bytes.
            name: format!("{}{}", chars('ß', MAX_NAME_CHARS - 4), i % 10_000 + 1000),
            description: chars('d', if i < 10 { MAX_TEXT_CHARS } else { 20 }),
            holder: Some(chars('😀', MAX_NAME_CHARS)),
        });
    }
    for i in 0..1_000 {
        let assignments = (0..20)
            .map(|j| {
                (
                    m.roles[(i * 7 + j * 13) % MAX_ROLES].id.clone(),
                    Raci::ALL[j % 4],
                )
            })
            .collect();
        m.elements.push(Element {
            id: long_id('e', i),
            name: chars('n', MAX_NAME_CHARS),
            kind: ElementKind::ALL[i % 5],
            description: String::new(),
            assignments,
        });
    }
    let roles: Vec<String> = m.roles.iter().map(|r| r.id.clone()).collect();
    m.decisions.push(Decision {
        id: long_id('d', 0),
        name: chars('x', MAX_NAME_CHARS),
        description: chars('y', MAX_TEXT_CHARS),
        significance: Significance::Significant,
        reversibility: Reversibility::Irreversible,
        authority: Authority {
            kind: AuthorityKind::Conditional,
            condition: chars('c', MAX_TEXT_CHARS),
            threshold: Some(Threshold {
                amount: 1e300,
                unit: chars('€', MAX_NAME_CHARS),
            }),
        },
        rights: roles.iter().map(|r| (r.clone(), "A".to_string())).collect(),
        approvals: (0..MAX_LIST_ITEMS)
            .map(|j| Approval {
                role: roles[j % MAX_ROLES].clone(),
                when: String::new(),
            })
            .collect(),
        escalations: vec![],
        vetoes: vec![],
        documentation: String::new(),
        elements: m.elements.iter().map(|e| e.id.clone()).collect(),
    });
    let text = to_file_json(&m, t0());
    assert!(
        text.len() > MAX_FILE_BYTES / 2 && text.len() <= MAX_FILE_BYTES,
        "{} bytes",
        text.len()
    );
    round_trips(&m);
}

#[test]
fn limits_count_characters_not_bytes() {
    // 200 four-byte characters is 800 bytes, and allowed.
    let mut m = bakery();
    m.roles[0].name = chars('😀', MAX_NAME_CHARS);
    m.elements[0].name = chars('é', MAX_NAME_CHARS);
    m.roles[1].id = chars('ü', MAX_ID_CHARS);
    for e in &mut m.elements {
        if let Some(letter) = e.assignments.remove("r2") {
            e.assignments.insert(m.roles[1].id.clone(), letter);
        }
    }
    m.decisions[0].rights.remove("r2");
    m.corrections[0].owner = None;
    round_trips(&m);

    // One more character is refused, with the limit in characters.
    m.roles[0].name.push('😀');
    m.roles.push(Role {
        id: chars('ü', MAX_ID_CHARS + 1),
        name: "Extra".into(),
        description: String::new(),
        holder: None,
    });
    assert_eq!(
        message(to_file_json(&m, t0()).as_bytes()),
        "roles[0].name: the text is longer than 200 characters. \
         roles[2].id: the id is longer than 100 characters."
    );
}
