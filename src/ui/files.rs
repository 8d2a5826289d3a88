//! Importing model files: a file picker, and dropping a file anywhere on
//! the page.

use std::cell::Cell;
use std::rc::Rc;

use leptos::prelude::*;
use leptos::task::spawn_local;

use super::state::use_app;
use crate::model::envelope::load;
use crate::model::practice::practice_file;
use crate::storage::browser::now;
use crate::ui::after_paint::after_next_paint;

/// The performance mark set once the reader is prepared.
const IMPORT_PREPARED: &str = "opmodel:import-prepared";

/// Reads a generated model file (`model::practice`) a few times in the
/// background, one run after each of the next frames, when an import
/// becomes likely (the Models page is open, a file is dragged over the
/// page).
///
/// Why: the browser first runs WebAssembly code as it compiles it, quickly
/// and unoptimised, and optimises a function once it has run a while.
/// - The first run compiles the reader's functions. Without it, the first
///   import of a session spent about 16 ms compiling, more than half of it
///   on the reader.
/// - The runs after it get the parsing functions optimised. A 1 MiB file
///   then parsed in 3.6 ms instead of 7.0 (fastest of 9 imports each; runs
///   beyond [`PREPARE_RUNS`] gained little more).
///
/// The file is generated, not fetched, so it is there offline and costs no
/// request: every kind of item the format holds, every optional field
/// written (a test holds it to every field the sample files write), about
/// 36 KB of JSON, the size of a sample file, which is what these runs read
/// until the samples became files fetched on demand. Measured on the
/// release build, headless Chromium, 7 visits to /models on a busy
/// 2-core machine: making the file 3.6-10 ms (median 5), the first run
/// 10-27 ms (median 17), nearly all of it compiling, and the five after
/// it 4-27 ms together (median 7): once per visit, as background tasks
/// that a click or a key overtakes.
fn prepare_import() {
    thread_local! {
        static DONE: Cell<bool> = const { Cell::new(false) };
    }
    if DONE.with(|d| d.replace(true)) {
        return;
    }
    after_next_paint(|| {
        prepare_runs(Rc::from(practice_file(now())), PREPARE_RUNS);
    });
}

/// How often [`prepare_import`] reads the practice file.
const PREPARE_RUNS: u32 = 6;

fn prepare_runs(text: Rc<str>, left: u32) {
    // The result is not needed, only the run.
    let _ = load(text.as_bytes());
    if left > 1 {
        after_next_paint(move || prepare_runs(text, left - 1));
    } else if let Some(timeline) = web_sys::window().and_then(|w| w.performance()) {
        // A mark on the page's timeline, for the browser's tools and tests.
        let _ = timeline.mark(IMPORT_PREPARED);
    }
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
    // A part of the page that takes files of its own (the check-up's
    // responses) handles them first and says so by preventing the default.
    let over = window_event_listener(leptos::ev::dragover, move |ev| {
        if ev.default_prevented() {
            dragging.set(false);
        } else if has_files(&ev) {
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
        if ev.default_prevented() {
            return;
        }
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
