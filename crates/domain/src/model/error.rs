//! Why a file or stored model could not be opened, in words for the person
//! who chose the file (not for a programmer).

use thiserror::Error;

use super::limits;

/// One problem found in an otherwise well-formed model, with where it is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    /// Where in the model, e.g. `elements[3].assignments`.
    pub path: String,
    pub message: String,
}

impl std::fmt::Display for Problem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.path, self.message)
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Error)]
pub enum LoadError {
    #[error("The file is empty, so there is no model to open.")]
    Empty,
    #[error(
        "The file is {} KB, over the limit of {} KB: a model that large could not be saved in this browser.",
        bytes.div_ceil(1024),
        limits::MAX_FILE_BYTES / 1024
    )]
    TooLarge { bytes: usize },
    #[error("The file is not text (it may be an image, a zip or another binary file), so it is not an OpModel file.")]
    NotText,
    /// Text saved as UTF-16 (Windows Notepad's "Unicode") that is broken.
    #[error("The file is UTF-16 text that could not be decoded ({problem}). Save it as UTF-8 (\"UTF-8\" in the editor's Save As encoding list) and open it again.")]
    BadUtf16 { problem: String },
    #[error("The file ends too early (line {line}, column {column}): it was probably cut off while being copied or downloaded.")]
    Truncated { line: usize, column: usize },
    #[error("The file is not valid JSON (line {line}, column {column}): {detail}.")]
    NotJson {
        line: usize,
        column: usize,
        detail: String,
    },
    #[error("The file has the key \"{key}\" twice in one object (line {line}): a reader would silently keep only one of the values, so it is refused.")]
    DuplicateKey { key: String, line: usize },
    #[error("The file is nested too deeply to be a model (line {line}, column {column}).")]
    TooDeep { line: usize, column: usize },
    #[error("This JSON file is not an OpModel file: it has no \"format\": \"opmodel\" marker.")]
    NotOpModel,
    #[error("The file does not say which version of the format it uses (\"schemaVersion\" is missing or not a whole number).")]
    NoVersion,
    #[error("The file was made by a newer version of OpModel (format version {found}; this version reads up to {supported}). Open it in the newer version, or ask the sender to export it again.")]
    NewerSchema { found: u64, supported: u32 },
    #[error("The file uses format version {found}, which this version of OpModel cannot read.")]
    UnsupportedSchema { found: u64 },
    #[error("The file has no \"model\" section.")]
    NoModel,
    #[error("{path}: {detail}.")]
    Shape { path: String, detail: String },
    #[error("{}", summarize(problems))]
    Invalid { problems: Vec<Problem> },
}

fn summarize(problems: &[Problem]) -> String {
    const SHOWN: usize = 5;
    let mut text = problems
        .iter()
        .take(SHOWN)
        .map(|p| format!("{p}."))
        .collect::<Vec<_>>()
        .join(" ");
    match problems.len().saturating_sub(SHOWN) {
        0 => {}
        1 => text.push_str(" (And 1 more problem.)"),
        n => text.push_str(&format!(" (And {n} more problems.)")),
    }
    text
}

/// Cuts a value quoted in a message, so a hostile 10 MB id does not become a
/// 10 MB error message.
pub(crate) fn clip(s: &str) -> String {
    const MAX: usize = 40;
    if s.chars().count() <= MAX {
        s.to_string()
    } else {
        format!("{}...", s.chars().take(MAX).collect::<String>())
    }
}
