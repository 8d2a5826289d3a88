//! "Versions of the open model" on the Models page: save a named version
//! with a note; every kept version (named, and the automatic ones at each
//! export, merge, restore and file received) listed newest first, each
//! viewed read-only, compared with the current model, restored (one undo
//! step), exported or deleted; and how much of the browser's storage the
//! app uses.

use chrono::Timelike;
use leptos::prelude::*;

use crate::model::calendar::local_time;
use crate::model::compare::compare;
use crate::model::limits::MAX_AUTOMATIC_VERSIONS;
use crate::model::table::ownership_table;
use crate::model::versions::{Version, Why};
use crate::storage::browser::{shelf, utc_offset_minutes};
use crate::storage::filename::report_file_name;
use crate::ui::state::use_app;
use std::sync::Arc;

use super::compare::ComparisonView;

/// "3 Dec 2026, 14:05", in the browser's time zone.
fn when(v: &Version) -> String {
    let at = local_time(v.at, utc_offset_minutes(v.at));
    format!(
        "{} {:02}:{:02}",
        at.date().format("%-d %b %Y"),
        at.hour(),
        at.minute()
    )
}

#[component]
pub fn Versions() -> impl IntoView {
    let state = use_app();
    // Read again when something is stored or another model opens, not
    // on every edit.
    let model_id = Memo::new(move |_| state.model.with(|m| m.id.clone()));
    let versions = Memo::new(move |_| {
        state.library_version.track();
        let mut list = model_id.with(|id| shelf().list(id));
        list.reverse();
        list
    });
    let usage = Memo::new(move |_| {
        state.library_version.track();
        shelf().usage().map(|u| u.words()).unwrap_or_default()
    });
    view! {
        <section class="versions" aria-labelledby="versions-heading" data-testid="versions">
            <h2 id="versions-heading">"Versions of the open model"</h2>
            <p class="muted">{format!(
                "Kept in this browser: the versions you save, and one at each export or link, before each merge or restore, and for each file received. The last {MAX_AUTOMATIC_VERSIONS} automatic ones are kept; saved ones until you delete them."
            )}</p>
            <SaveVersion/>
            <Show when=move || versions.with(Vec::is_empty)>
                <p class="empty" data-testid="no-versions">"No version kept yet. Save one before a big change; exporting the model keeps one too."</p>
            </Show>
            <ul class="item-list version-list" data-testid="version-list">
                <For each=move || versions.get() key=|v| v.id.clone() let:v>
                    <VersionRow version=v/>
                </For>
            </ul>
            <p class="muted small" data-testid="storage-used">{usage}</p>
        </section>
    }
}

/// "Save version...": a name (required) and a note.
#[component]
fn SaveVersion() -> impl IntoView {
    let state = use_app();
    let open = RwSignal::new(false);
    let name = RwSignal::new(String::new());
    let note = RwSignal::new(String::new());
    let error = RwSignal::new(None::<String>);
    let button = NodeRef::<leptos::html::Button>::new();
    let close = move || {
        open.set(false);
        error.set(None);
        if let Some(b) = button.get_untracked() {
            let _ = b.focus();
        }
    };
    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        match state.save_version(&name.get_untracked(), &note.get_untracked()) {
            Ok(v) => {
                state.notify(
                    crate::ui::state::NoticeKind::Info,
                    format!("Kept the version \u{201c}{}\u{201d}.", v.title()),
                );
                name.set(String::new());
                note.set(String::new());
                close();
            }
            Err(e) => error.set(Some(e)),
        }
    };
    view! {
        <button type="button" node_ref=button data-testid="save-version" aria-expanded=move || open.get().to_string()
            on:click=move |_| open.update(|o| *o = !*o)>"Save version..."</button>
        <Show when=move || open.get()>
            {
                let first = NodeRef::<leptos::html::Input>::new();
                first.on_load(|i| {
                    let _ = i.focus();
                });
                view! {
                    <form class="item-card version-form" on:submit=save
                        on:keydown=move |ev| if ev.key() == "Escape" { close() }>
                        <label class="field">"Name"
                            <input type="text" node_ref=first data-testid="version-name" required
                                prop:value=move || name.get() on:input=move |ev| name.set(event_target_value(&ev))/>
                        </label>
                        <label class="field">"Note (optional)"
                            <input type="text" data-testid="version-note"
                                prop:value=move || note.get() on:input=move |ev| note.set(event_target_value(&ev))/>
                        </label>
                        {move || error.get().map(|e| view! { <p class="field-error" role="alert">{e}</p> })}
                        <div class="toolbar">
                            <button type="submit" class="primary" data-testid="version-save">"Save"</button>
                            <button type="button" on:click=move |_| close()>"Cancel"</button>
                        </div>
                    </form>
                }
            }
        </Show>
    }
}

/// What a version row shows under it.
#[derive(Clone, Copy, PartialEq)]
enum Open {
    Nothing,
    View,
    Compare,
    ConfirmDelete,
}

#[component]
fn VersionRow(version: Version) -> impl IntoView {
    let state = use_app();
    let open = RwSignal::new(Open::Nothing);
    let title = version.title();
    let detail = format!(
        "{} \u{b7} \u{201c}{}\u{201d}, {} roles, {} elements",
        when(&version),
        version.model_name,
        version.roles,
        version.elements
    );
    let note = (!version.note.is_empty()).then(|| version.note.clone());
    let id = version.id.clone();
    let toggle =
        move |what: Open| open.update(|o| *o = if *o == what { Open::Nothing } else { what });
    let (rid, eid, did) = (id.clone(), id.clone(), id.clone());
    let label = |verb: &str| format!("{verb} {} of {}", title, when(&version));
    let (l_view, l_cmp, l_restore, l_export, l_delete) = (
        label("View"),
        label("Compare with the current model:"),
        label("Restore"),
        label("Export"),
        label("Delete"),
    );
    let body = {
        let id = id.clone();
        let title = title.clone();
        move || {
            let model_id = state.model.with_untracked(|m| m.id.clone());
            match open.get() {
                Open::Nothing => None,
                Open::ConfirmDelete => {
                    let did = did.clone();
                    let cancel = NodeRef::<leptos::html::Button>::new();
                    cancel.on_load(|b| {
                        let _ = b.focus();
                    });
                    Some(view! {
                        <span class="confirm" role="group" aria-label="Confirm deletion"
                            on:keydown=move |ev| if ev.key() == "Escape" { open.set(Open::Nothing) }>
                            <span>{format!("Delete \u{201c}{title}\u{201d}? This cannot be undone.")}</span>
                            <button type="button" class="danger" on:click=move |_| state.delete_version(&did)>"Delete"</button>
                            <button type="button" node_ref=cancel on:click=move |_| open.set(Open::Nothing)>"Cancel"</button>
                        </span>
                    }.into_any())
                }
                Open::View | Open::Compare => Some(match shelf().load(&model_id, &id) {
                    Err(e) => view! { <p class="field-error" role="alert">{format!("This version cannot be read: {e}.")}</p> }.into_any(),
                    Ok(old) if open.get_untracked() == Open::View => {
                        let table = ownership_table(&old);
                        view! {
                            <div class="table-scroll" tabindex="0" role="region" aria-label=format!("{title}, read-only") data-testid="version-view">
                                <table class="data-table">
                                    <caption>{format!("Ownership in \u{201c}{title}\u{201d} (read-only)")}</caption>
                                    <thead><tr>{table.header.iter().map(|h| view! { <th scope="col">{h.clone()}</th> }).collect_view()}</tr></thead>
                                    <tbody>{table.rows.iter().map(|r| view! {
                                        <tr>{r.iter().map(|c| view! { <td>{c.clone()}</td> }).collect_view()}</tr>
                                    }).collect_view()}</tbody>
                                </table>
                            </div>
                        }.into_any()
                    }
                    Ok(old) => {
                        let current = state.model.get_untracked();
                        view! {
                            <ComparisonView
                                comparison=compare(&old, &current)
                                lead=format!("From \u{201c}{title}\u{201d} to now: ")
                                old=format!("\u{201c}{title}\u{201d} (a version)")
                                new=format!("\u{201c}{}\u{201d} (now)", current.name)
                                report_name=report_file_name(&current.name)
                                sides=(Arc::new(old), Arc::new(current))
                            />
                        }.into_any()
                    }
                }),
            }
        }
    };
    view! {
        <li class="version" data-testid="version">
            <div class="model-main">
                <strong>{title.clone()}</strong>
                {(version.why == Why::Named).then(|| view! { <span class="badge">"Saved"</span> })}
                <span class="muted">{detail}</span>
                {note.map(|n| view! { <span>{n}</span> })}
            </div>
            <div class="model-actions">
                <button type="button" aria-label=l_view aria-pressed=move || (open.get() == Open::View).to_string()
                    on:click=move |_| toggle(Open::View)>"View"</button>
                <button type="button" aria-label=l_cmp data-testid="version-compare" aria-pressed=move || (open.get() == Open::Compare).to_string()
                    on:click=move |_| toggle(Open::Compare)>"Compare"</button>
                <button type="button" aria-label=l_restore data-testid="version-restore" on:click=move |_| state.restore_version(&rid)>"Restore"</button>
                <button type="button" aria-label=l_export on:click=move |_| state.export_version(&eid)>"Export"</button>
                <button type="button" class="ghost danger" aria-label=l_delete on:click=move |_| open.set(Open::ConfirmDelete)>"Delete"</button>
            </div>
            {body}
        </li>
    }
}
