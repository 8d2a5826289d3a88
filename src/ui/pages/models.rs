//! The models stored in this browser: open, rename, duplicate, delete,
//! create, import and export.

use chrono::Timelike;
use leptos::prelude::*;

use crate::storage::browser::library;
use crate::storage::library::Entry;
use crate::ui::files::ImportButton;
use crate::ui::inline_edit::InlineName;
use crate::ui::samples::SamplePicker;
use crate::ui::state::use_app;

#[component]
pub fn Models() -> impl IntoView {
    let state = use_app();
    // The open model's entry comes from memory (cheap to compare, so the
    // list is only redone when it changes); the others are re-read from
    // storage whenever something was stored.
    let open = Memo::new(move |_| state.model.with(Entry::of));
    let listing = move || {
        state.library_version.track();
        open.with(|e| library().list_with(Some(e)))
    };
    let backups = move || {
        state.library_version.track();
        library().backups()
    };
    view! {
        <section class="page">
            <h1>"Models in this browser"</h1>
            <p class="lead">
                "Each model is saved in this browser as you work. To share one, or to keep it "
                "safe, export it as a file; whoever opens that file continues where you left off."
            </p>
            <div class="toolbar">
                <button type="button" class="primary" data-testid="new-model" on:click=move |_| state.create()>
                    "New model"
                </button>
                <ImportButton/>
                <button type="button" data-testid="export-button" on:click=move |_| state.export()>
                    "Export the open model"
                </button>
            </div>
            {move || match listing() {
                Err(e) => view! {
                    <p class="field-error" role="alert">
                        "The models stored in this browser cannot be read: " {e.to_string()} "."
                    </p>
                }.into_any(),
                Ok(l) if l.entries.is_empty() => view! {
                    <p class="empty">"No model is stored in this browser yet."</p>
                }.into_any(),
                Ok(l) => view! {
                    <ul class="model-list" data-testid="model-list">
                        {l.entries.into_iter().map(|e| view! { <ModelRow entry=e/> }).collect_view()}
                    </ul>
                }.into_any(),
            }}
            <SamplePicker/>
            {move || {
                let keys = backups();
                (!keys.is_empty()).then(|| view! {
                    <section aria-labelledby="backups-heading" class="backups">
                        <h2 id="backups-heading">"Backups of data that could not be read"</h2>
                        <p class="muted">
                            "These texts were stored by this app but could no longer be opened. "
                            "They are kept untouched so nothing is lost: download one to repair it "
                            "or send it to whoever can."
                        </p>
                        <ul class="item-list">
                            {keys.into_iter().map(|key| {
                                let (k1, k2) = (key.clone(), key.clone());
                                view! {
                                    <li>
                                        <code>{key}</code>
                                        <button type="button" on:click=move |_| state.download_backup(&k1)>"Download"</button>
                                        <button type="button" class="ghost danger" on:click=move |_| state.delete_backup(&k2)>"Delete"</button>
                                    </li>
                                }
                            }).collect_view()}
                        </ul>
                    </section>
                })
            }}
        </section>
    }
}

#[component]
fn ModelRow(entry: Entry) -> impl IntoView {
    let state = use_app();
    let confirming = RwSignal::new(false);
    let id = entry.id.clone();
    let is_open = {
        let id = id.clone();
        Memo::new(move |_| state.model.with(|m| m.id == id))
    };
    let name = entry.name.clone();
    let at = entry.updated_at;
    let updated = format!(
        "{} {:02}:{:02} UTC",
        at.date_naive(),
        at.hour(),
        at.minute()
    );
    let summary = format!(
        "{} roles, {} elements, last changed {updated}",
        entry.roles, entry.elements
    );
    let (open_id, dup_id, del_id, ren_id) = (id.clone(), id.clone(), id.clone(), id.clone());
    let label = format!("Name of model {name}");
    let confirm_text = format!("Delete \u{201c}{name}\u{201d}? This cannot be undone.");
    view! {
        <li class="model-row" class:open=move || is_open.get() data-testid="model-row">
            <div class="model-main">
                <InlineName
                    value=Signal::stored(name.clone())
                    label=label
                    on_commit=Callback::new(move |new: String| state.rename_stored(&ren_id, &new))
                />
                <span class="muted">{summary}</span>
                <Show when=move || is_open.get()>
                    <span class="badge">"Open now"</span>
                </Show>
            </div>
            <div class="model-actions">
                <Show when=move || !is_open.get()>
                    {
                        let open_id = open_id.clone();
                        view! { <button type="button" on:click=move |_| state.open(&open_id)>"Open"</button> }
                    }
                </Show>
                <button type="button" on:click=move |_| state.duplicate(&dup_id)>"Duplicate"</button>
                <Show
                    when=move || confirming.get()
                    fallback=move || view! {
                        <button type="button" class="ghost danger" on:click=move |_| confirming.set(true)>"Delete"</button>
                    }
                >
                    {
                        let del_id = del_id.clone();
                        let text = confirm_text.clone();
                        view! {
                            <span class="confirm" role="group" aria-label="Confirm deletion">
                                <span>{text}</span>
                                <button type="button" class="danger" on:click=move |_| state.delete(&del_id)>"Delete"</button>
                                <button type="button" on:click=move |_| confirming.set(false)>"Cancel"</button>
                            </span>
                        }
                    }
                </Show>
            </div>
        </li>
    }
}
