//! OpModel: see and design the governance of your operations.
//!
//! - [`model`]: the domain as plain data and pure functions (native tests).
//! - [`storage`]: local storage and files, pure logic plus a browser adapter.
//! - `ui`: the Leptos components (wasm only).

pub mod charts;
pub mod model;
pub mod storage;

#[cfg(target_arch = "wasm32")]
pub mod ui;
