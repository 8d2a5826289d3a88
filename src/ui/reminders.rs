//! What keeps stored work from being lost with the browser's storage: the
//! reminder to export a model whose changes are in no file yet (in the
//! header and on the Models page) and what the browser said about keeping
//! this site's storage (on the Models page).

use leptos::prelude::*;

use crate::storage::exports::Reminder;
use crate::ui::state::use_app;

fn days(r: Reminder) -> String {
    match r.days {
        1 => "1 day".to_string(),
        n => format!("{n} days"),
    }
}

/// The header's short form: how long, and the one-click export.
#[component]
pub fn HeaderReminder() -> impl IntoView {
    let state = use_app();
    let due = Memo::new(move |_| state.export_reminder());
    move || {
        due.get().map(|r| {
            view! {
                <span class="export-reminder" data-testid="header-export-reminder">
                    <span>{format!("Not exported for {}.", days(r))}</span>
                    <button type="button" on:click=move |_| state.export()>"Export"</button>
                </span>
            }
        })
    }
}

/// The Models page's reminder: why to export, the export, and "Not now".
#[component]
pub fn ModelsReminder() -> impl IntoView {
    let state = use_app();
    let due = Memo::new(move |_| state.export_reminder());
    move || {
        due.get().map(|r| {
            let name = state.model.with_untracked(|m| m.name.clone());
            view! {
                <div class="notice info reminder" role="status" data-testid="export-reminder">
                    <p>
                        {format!(
                            "\u{201c}{name}\u{201d} has changes that have not been exported for {}. A browser may delete what a site stores (Safari after seven days without a visit): an exported file keeps your work safe.",
                            days(r)
                        )}
                    </p>
                    <button type="button" class="primary" on:click=move |_| state.export()>
                        "Export now"
                    </button>
                    <button type="button" on:click=move |_| state.put_off_export()>
                        "Not now"
                    </button>
                </div>
            }
        })
    }
}

/// What the browser said about keeping the models stored here.
#[component]
pub fn PersistenceNote() -> impl IntoView {
    let state = use_app();
    move || {
        state.persistence.get().sentence().map(|text| {
            view! { <p class="muted" data-testid="persistence">{text}</p> }
        })
    }
}
