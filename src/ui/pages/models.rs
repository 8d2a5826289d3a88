//! The models stored in this browser: open, rename, duplicate, delete,
//! create, import and export.

use chrono::Timelike;
use leptos::prelude::*;

use crate::model::calendar::local_time;
use crate::storage::browser::{library, utc_offset_minutes};
use crate::storage::library::Entry;
use crate::ui::files::ImportButton;
use crate::ui::inline_edit::InlineName;
use crate::ui::keep_focus::{keep_focus_in, refocus_if_lost};
use crate::ui::reminders::{ModelsReminder, PersistenceNote};
use crate::ui::samples::SamplePicker;
use crate::ui::state::use_app;

#[component]
pub fn Models() -> impl IntoView {
    let state = use_app();
    // Opened from a model link (`/models#model=1....`): that model first.
    super::link::open_link_in_address(state);
    // The open model's entry comes from memory (cheap to compare, so the
    // list is only redone when it changes); the others come from the
    // library whenever something was stored. A memo, so that a save which
    // changes no row redraws nothing.
    let open = Memo::new(move |_| state.model.with(Entry::of));
    let listing = Memo::new(move |_| {
        state.library_version.track();
        open.with(|e| library().list_with(Some(e)))
            .map(|l| l.entries)
            .map_err(|e| e.to_string())
    });
    let has_rows = move || listing.with(|l| l.as_ref().is_ok_and(|rows| !rows.is_empty()));
    let list = NodeRef::<leptos::html::Ul>::new();
    let rows = move || {
        keep_focus_in(list, None);
        listing.get().unwrap_or_default()
    };
    // Backups as a keyed list too, so that deleting one by keyboard leaves
    // the focus on the next one's button, or on the page's heading when the
    // last one goes.
    let backups = Memo::new(move |_| {
        state.library_version.track();
        library().backups()
    });
    let backup_list = NodeRef::<leptos::html::Ul>::new();
    let heading = NodeRef::<leptos::html::H1>::new();
    let backup_items = move || {
        keep_focus_in(backup_list, heading.get_untracked().map(Into::into));
        backups.get()
    };
    view! {
        <section class="page">
            <h1 tabindex="-1" node_ref=heading>"Models in this browser"</h1>
            <p class="lead">
                "Each model is saved in this browser as you work. To share one, or to keep it "
                "safe, export it as a file; whoever opens that file continues where you left off."
            </p>
            <PersistenceNote/>
            <ModelsReminder/>
            <div class="toolbar">
                <button type="button" class="primary" data-testid="new-model" on:click=move |_| state.create()>
                    "New model"
                </button>
                <ImportButton/>
                <button type="button" data-testid="export-button" on:click=move |_| state.export()>
                    "Export the open model"
                </button>
                <super::link::ModelLink/>
            </div>
            {move || listing.with(|l| match l {
                Err(e) => Some(view! {
                    <p class="field-error" role="alert">
                        "The models stored in this browser cannot be read: " {e.clone()} "."
                    </p>
                }.into_any()),
                Ok(rows) if rows.is_empty() => Some(view! {
                    <p class="empty">"No model is stored in this browser yet."</p>
                }.into_any()),
                Ok(_) => None,
            })}
            // The list stays while it has rows, and each row is keyed by its
            // model: an import or a delete builds or removes only its own
            // row, and a row that changes (a rename, a save) keeps its
            // elements; one that moves gets its focus back (keep_focus).
            <Show when=has_rows>
                <ul class="model-list" data-testid="model-list" node_ref=list>
                    <For each=rows key=|entry| entry.id.clone() let:entry>
                        <ModelRow entry=entry listing=listing/>
                    </For>
                </ul>
            </Show>
            <super::versions::Versions/>
            <SamplePicker/>
            <super::compare::CompareWithFile/>
            // Hidden rather than taken out when empty: the list's last update
            // must still run, for the focus to go to the heading.
            <section aria-labelledby="backups-heading" class="backups" hidden=move || backups.with(Vec::is_empty)>
                <h2 id="backups-heading">"Backups of data that could not be read"</h2>
                <p class="muted">
                    "These texts were stored by this app but could no longer be opened. "
                    "They are kept untouched so nothing is lost: download one to repair it "
                    "or send it to whoever can."
                </p>
                <ul class="item-list" data-testid="backup-list" node_ref=backup_list>
                    <For each=backup_items key=|key| key.clone() let:key>
                        {
                            let (k1, k2) = (key.clone(), key.clone());
                            // Named apart for a screen reader's list of buttons.
                            let (download, delete) = (format!("Download {key}"), format!("Delete {key}"));
                            view! {
                                <li>
                                    <code>{key}</code>
                                    <button type="button" aria-label=download on:click=move |_| state.download_backup(&k1)>"Download"</button>
                                    <button type="button" class="ghost danger" aria-label=delete on:click=move |_| state.delete_backup(&k2)>"Delete"</button>
                                </li>
                            }
                        }
                    </For>
                </ul>
            </section>
        </section>
    }
}

/// The list's view of the stored models: their entries, or why they
/// cannot be read.
type Listing = Memo<Result<Vec<Entry>, String>>;

#[component]
fn ModelRow(entry: Entry, listing: Listing) -> impl IntoView {
    let state = use_app();
    let confirming = RwSignal::new(false);
    // Set by Cancel: the Delete button it brings back takes the focus.
    let cancelled = StoredValue::new(false);
    let duplicate = NodeRef::<leptos::html::Button>::new();
    let id = entry.id.clone();
    let is_open = {
        let id = id.clone();
        Memo::new(move |_| state.model.with(|m| m.id == id))
    };
    // This row's entry as the listing changes. Kept as last seen while the
    // list drops the row, so its texts never go blank in between.
    let entry = {
        let id = id.clone();
        Memo::new(move |last: Option<&Entry>| {
            listing
                .with(|l| {
                    l.as_ref()
                        .ok()
                        .and_then(|rows| rows.iter().find(|e| e.id == id).cloned())
                })
                .or_else(|| last.cloned())
                .unwrap_or_else(|| entry.clone())
        })
    };
    let name = Signal::derive(move || entry.with(|e| e.name.clone()));
    let summary = move || {
        entry.with(|e| {
            // In the browser's time zone, like every date the app shows.
            let at = local_time(e.updated_at, utc_offset_minutes(e.updated_at));
            format!(
                "{} roles, {} elements, last changed {} {:02}:{:02}",
                e.roles,
                e.elements,
                at.date(),
                at.hour(),
                at.minute()
            )
        })
    };
    let (open_id, dup_id, del_id, ren_id) = (id.clone(), id.clone(), id.clone(), id.clone());
    let label = Signal::derive(move || format!("Name of model {}", name.get()));
    let confirm_text = move || {
        format!(
            "Delete \u{201c}{}\u{201d}? This cannot be undone.",
            name.get()
        )
    };
    view! {
        <li class="model-row" class:open=move || is_open.get() data-testid="model-row">
            <div class="model-main">
                <InlineName
                    value=name
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
                        let open = move |_| {
                            state.open(&open_id);
                            // Open goes once its model is open: its focus
                            // moves on to Duplicate.
                            refocus_if_lost(move || duplicate.get_untracked().map(Into::into));
                        };
                        view! { <button type="button" aria-label=move || format!("Open {}", name.get()) on:click=open>"Open"</button> }
                    }
                </Show>
                <button type="button" node_ref=duplicate on:click=move |_| state.duplicate(&dup_id)>"Duplicate"</button>
                // Each of the two replaces the other's buttons: the focus
                // goes along, to Cancel (deleting cannot be undone) and back
                // to Delete (Cancel or Escape), so a keyboard user is not
                // sent to the top of the page.
                <Show
                    when=move || confirming.get()
                    fallback=move || {
                        let button = NodeRef::<leptos::html::Button>::new();
                        if cancelled.get_value() {
                            cancelled.set_value(false);
                            button.on_load(|b| {
                                let _ = b.focus();
                            });
                        }
                        view! {
                            <button type="button" class="ghost danger" node_ref=button on:click=move |_| confirming.set(true)>
                                "Delete"
                            </button>
                        }
                    }
                >
                    {
                        let del_id = del_id.clone();
                        let text = confirm_text;
                        let cancel = NodeRef::<leptos::html::Button>::new();
                        cancel.on_load(|b| {
                            let _ = b.focus();
                        });
                        let back = move || {
                            cancelled.set_value(true);
                            confirming.set(false);
                        };
                        view! {
                            <span
                                class="confirm"
                                role="group"
                                aria-label="Confirm deletion"
                                on:keydown=move |ev| {
                                    if ev.key() == "Escape" {
                                        back();
                                    }
                                }
                            >
                                <span>{text}</span>
                                <button type="button" class="danger" on:click=move |_| state.delete(&del_id)>"Delete"</button>
                                <button
                                    type="button"
                                    node_ref=cancel
                                    on:click=move |_| back()
                                >
                                    "Cancel"
                                </button>
                            </span>
                        }
                    }
                </Show>
            </div>
        </li>
    }
}
