//! Getting the matrix out (CSV, Markdown, print) and in (CSV, with a
//! preview before anything changes, in [`super::import_dialog`]).

use std::sync::Arc;

use leptos::prelude::*;
use leptos::task::spawn_local;

use super::import_dialog::{ImportDialog, PendingImport};
use crate::model::table::{ownership_table, read_csv};
use crate::storage::browser::read_file;
use crate::ui::state::{use_app, NoticeKind};

#[component]
pub fn ExportButtons() -> impl IntoView {
    let state = use_app();
    let export = move |markdown: bool| {
        let table = state.model.with_untracked(ownership_table);
        state.export_table(&table, "ownership", markdown);
    };
    view! {
        <button type="button" data-testid="export-csv" on:click=move |_| export(false)>"Export CSV"</button>
        <button type="button" data-testid="export-markdown" on:click=move |_| export(true)>"Export Markdown"</button>
        <button type="button" on:click=move |_| { let _ = window().print(); }>"Print"</button>
    }
}

/// The "Import CSV..." button: reads the chosen file and opens the
/// [`ImportDialog`] with its preview; nothing changes before Import.
#[component]
pub fn CsvImport() -> impl IntoView {
    let state = use_app();
    let pending = RwSignal::new(None::<PendingImport>);
    let button = NodeRef::<leptos::html::Button>::new();
    let input = NodeRef::<leptos::html::Input>::new();
    let on_change = move |ev: leptos::ev::Event| {
        let target: web_sys::HtmlInputElement = event_target(&ev);
        let Some(file) = target.files().and_then(|f| f.get(0)) else {
            return;
        };
        target.set_value("");
        spawn_local(async move {
            let name = file.name();
            if file.size() > crate::model::limits::MAX_FILE_BYTES as f64 {
                state.notify(
                    NoticeKind::Error,
                    format!("\u{201c}{name}\u{201d} is too large to be an ownership table."),
                );
                return;
            }
            let read = read_file(&file)
                .await
                .map_err(|e| format!("The browser could not read it: {e}."))
                .and_then(|bytes| read_csv(&bytes));
            match read {
                Ok(parsed) => pending.set(Some(PendingImport {
                    name,
                    parsed: Arc::new(parsed),
                })),
                Err(e) => state.notify(
                    NoticeKind::Error,
                    format!(
                        "\u{201c}{name}\u{201d} could not be imported. {e} Nothing was changed."
                    ),
                ),
            }
        });
    };
    // The dialog goes; the focus goes back to the button that opened it.
    let close = Callback::new(move |()| {
        pending.set(None);
        if let Some(b) = button.get_untracked() {
            let _ = b.focus();
        }
    });
    view! {
        <button type="button" node_ref=button data-testid="import-csv" on:click=move |_| { if let Some(i) = input.get() { i.click(); } }>
            "Import CSV..."
        </button>
        <input node_ref=input type="file" class="visually-hidden" tabindex="-1" aria-hidden="true"
            data-testid="import-csv-input" accept=".csv,.tsv,.txt,text/csv,text/tab-separated-values" on:change=on_change/>
        {move || pending.get().map(|file| view! { <ImportDialog file on_close=close/> })}
    }
}
