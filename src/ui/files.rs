//! Importing model files: a file picker, and dropping a file anywhere on
//! the page.

use std::cell::Cell;

use leptos::prelude::*;
use leptos::task::spawn_local;

use super::state::use_app;
use crate::model::envelope::{load, to_file_json};
use crate::model::samples::{sample, SAMPLES};
use crate::storage::browser::now;
use crate::ui::after_paint::after_next_paint;

/// The performance mark set once the reader is prepared.
const IMPORT_PREPARED: &str = "opmodel:import-prepared";

/// Reads a sample model file once, in the background after the next paint,
/// when an import becomes likely (the Models page is open, a file is dragged
/// over the page). The browser compiles a WebAssembly function on its first
/// call: the first import of a session spent about 16 ms compiling, more
/// than half of it on the reader's functions. By the time a file has been
/// picked from the dialog, those are ready.
fn prepare_import() {
    thread_local! {
        static DONE: Cell<bool> = const { Cell::new(false) };
    }
    if DONE.with(|d| d.replace(true)) {
        return;
    }
    after_next_paint(|| {
        let at = now();
        if let Some(model) = sample(SAMPLES[0].key, "prepare-import".into(), at) {
            // The result is not needed, only the run.
            let _ = load(to_file_json(&model, at).as_bytes());
        }
        // A mark on the page's timeline, for the browser's tools and tests.
        if let Some(timeline) = web_sys::window().and_then(|w| w.performance()) {
            let _ = timeline.mark(IMPORT_PREPARED);
        }
    });
}

/// A button that opens the file picker and imports the chosen file.
#[component]
pub fn ImportButton() -> impl IntoView {
    let state = use_app();
    let input = NodeRef::<leptos::html::Input>::new();
    prepare_import();
    let on_change = move |ev: leptos::ev::Event| {
        let target: web_sys::HtmlInputElement = event_target(&ev);
        if let Some(file) = target.files().and_then(|f| f.get(0)) {
            spawn_local(async move { state.import(file).await });
        }
        // Picking the same file again must fire `change` again.
        target.set_value("");
    };
    view! {
        <button
            type="button"
            data-testid="import-button"
            on:click=move |_| {
                if let Some(i) = input.get() {
                    i.click();
                }
            }
        >
            "Import a file..."
        </button>
        <input
            node_ref=input
            type="file"
            class="visually-hidden"
            tabindex="-1"
            aria-hidden="true"
            data-testid="import-input"
            accept=".json,.opmodel.json,application/json"
            on:change=on_change
        />
    }
}

/// Accepts a model file dropped anywhere on the page, with an overlay while
/// a file is dragged over the window.
#[component]
pub fn DropZone() -> impl IntoView {
    let state = use_app();
    let dragging = RwSignal::new(false);
    let has_files = |ev: &web_sys::DragEvent| {
        ev.data_transfer()
            .map(|d| d.types().includes(&"Files".into(), 0))
            .unwrap_or(false)
    };
    let over = window_event_listener(leptos::ev::dragover, move |ev| {
        if has_files(&ev) {
            // Without this the browser opens the file instead of us.
            ev.prevent_default();
            dragging.set(true);
            prepare_import();
        }
    });
    let leave = window_event_listener(leptos::ev::dragleave, move |ev| {
        // Leaving the window has no related target.
        if ev.related_target().is_none() {
            dragging.set(false);
        }
    });
    let drop = window_event_listener(leptos::ev::drop, move |ev| {
        dragging.set(false);
        let file = ev
            .data_transfer()
            .and_then(|d| d.files())
            .and_then(|f| f.get(0));
        if let Some(file) = file {
            ev.prevent_default();
            spawn_local(async move { state.import(file).await });
        }
    });
    on_cleanup(move || {
        over.remove();
        leave.remove();
        drop.remove();
    });
    view! {
        <Show when=move || dragging.get()>
            <div class="drop-overlay" aria-hidden="true">
                <p>"Drop an .opmodel.json file to open it as a new model"</p>
            </div>
        </Show>
    }
}
