//! OpModel's quiz in the browser: the components that take a person
//! through the questions and show what their answers say, and the small app
//! of `/quiz` and `/embed` built from them.
//!
//! The workshop app uses the same components (its own quiz pages, the full
//! assessment, a check-up's participant) and adds what needs a model around
//! them (saving, the previous result) through `ResultView`'s slots. Every
//! rule (the questions, scoring, advice, the layers' states, share and
//! hand-over links) is the domain's.
//!
//! On wasm32 only (they are components):
//! - `QuizRunner`: the questions one screen at a time, then the result.
//! - `ResultView`: a result, its charts laid out for the screen, sharing.
//! - `prerendered`: taking over from the build's static first screen.
//! - `QuizApp`: the small app.
//!
//! Everywhere: [`handover`], the address that saves a result in the
//! workshop app.

#[cfg(target_arch = "wasm32")]
mod app;
#[cfg(target_arch = "wasm32")]
pub mod prerendered;
#[cfg(target_arch = "wasm32")]
mod result;
#[cfg(target_arch = "wasm32")]
mod runner;

pub mod handover;

#[cfg(target_arch = "wasm32")]
pub use app::{EmbedQuiz, QuizApp, QuizLinks};
#[cfg(target_arch = "wasm32")]
pub use result::{ResultMode, ResultView};
#[cfg(target_arch = "wasm32")]
pub use runner::QuizRunner;

/// A person's answers: question id -> the option chosen (0-based).
pub type Answers = std::collections::BTreeMap<String, u8>;

/// A result's eight dimension scores, by label (what the radar draws).
pub type DimensionScores = Vec<(String, f64)>;
