//! Getting the matrix out (CSV, Markdown, print) and in (CSV, with a
//! preview before anything changes).

use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::model::new_id;
use crate::model::table::{ownership_table, preview_ownership_csv, ImportPreview};
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

#[component]
pub fn CsvImport() -> impl IntoView {
    let state = use_app();
    let preview = RwSignal::new(None::<(String, ImportPreview)>);
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
            let text = match read_file(&file).await.map(String::from_utf8) {
                Ok(Ok(t)) => t,
                _ => {
                    state.notify(
                        NoticeKind::Error,
                        format!(
                            "\u{201c}{name}\u{201d} is not a text (CSV) file. Nothing was changed."
                        ),
                    );
                    return;
                }
            };
            match state
                .model
                .with_untracked(|m| preview_ownership_csv(m, &text, new_id))
            {
                Ok(p) => preview.set(Some((name, p))),
                Err(e) => state.notify(
                    NoticeKind::Error,
                    format!(
                        "\u{201c}{name}\u{201d} could not be imported. {e} Nothing was changed."
                    ),
                ),
            }
        });
    };
    let confirm = move |_| {
        if let Some((name, p)) = preview.get_untracked() {
            if let Some(op) = p.op {
                match state.apply(op) {
                    Ok(()) => state.notify(
                        NoticeKind::Info,
                        format!("Imported \u{201c}{name}\u{201d}. Undo with Ctrl+Z."),
                    ),
                    Err(e) => state.notify(
                        NoticeKind::Error,
                        format!("The import failed: {e} Nothing was changed."),
                    ),
                }
            }
        }
        preview.set(None);
    };
    view! {
        <button type="button" data-testid="import-csv" on:click=move |_| { if let Some(i) = input.get() { i.click(); } }>
            "Import CSV..."
        </button>
        <input node_ref=input type="file" class="visually-hidden" tabindex="-1" aria-hidden="true"
            data-testid="import-csv-input" accept=".csv,text/csv" on:change=on_change/>
        {move || preview.get().map(|(name, p)| {
            let nothing = p.op.is_none();
            let list = |title: &'static str, items: Vec<String>| (!items.is_empty()).then(|| view! {
                <p><strong>{title}" ("{items.len()}"): "</strong>{items.join(", ")}</p>
            });
            view! {
                <div class="import-preview" role="dialog" aria-modal="false" aria-labelledby="import-preview-title" data-testid="csv-preview">
                    <h2 id="import-preview-title">"Import \u{201c}"{name}"\u{201d}?"</h2>
                    {list("New roles", p.new_roles.clone())}
                    {list("New elements", p.new_elements.clone())}
                    {list("Updated elements", p.updated_elements.clone())}
                    {(!p.errors.is_empty()).then(|| view! {
                        <div class="preview-errors">
                            <p><strong>"Skipped ("{p.errors.len()}"):"</strong></p>
                            <ul>{p.errors.iter().map(|e| view! { <li>{e.to_string()}</li> }).collect_view()}</ul>
                        </div>
                    })}
                    {nothing.then(|| view! { <p>"There is nothing to import."</p> })}
                    <div class="toolbar">
                        <button type="button" class="primary" disabled=nothing on:click=confirm>"Import"</button>
                        <button type="button" on:click=move |_| preview.set(None)>"Cancel"</button>
                    </div>
                </div>
            }
        })}
    }
}
