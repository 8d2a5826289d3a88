//! Messages for the user: import results, stored data that could not be
//! read, and the banner shown while changes cannot be saved.

use leptos::prelude::*;

use super::state::{use_app, AppState, Conflict, NoticeKind, SaveState};

#[component]
pub fn Notices() -> impl IntoView {
    let state = use_app();
    view! {
        <div class="notices" data-testid="notices">
            <For
                each=move || state.notices.get()
                key=|n| n.id
                children=move |n| {
                    let (class, role) = match n.kind {
                        NoticeKind::Error => ("notice error", "alert"),
                        NoticeKind::Info => ("notice info", "status"),
                    };
                    let id = n.id;
                    view! {
                        <div class=class role=role>
                            <p>{n.text}</p>
                            <button
                                type="button"
                                class="ghost"
                                aria-label="Dismiss this message"
                                on:click=move |_| state.dismiss(id)
                            >
                                "✕"
                            </button>
                        </div>
                    }
                }
            />
        </div>
    }
}

/// Shown while the open model cannot be written to this browser's storage,
/// with the one action that keeps the work: download it.
#[component]
pub fn StorageBanner() -> impl IntoView {
    let state = use_app();
    // A conflict has its own banner with its own choices.
    move || match state.save_state.get() {
        SaveState::Failed(_) if state.conflict.with(Option::is_some) => None,
        SaveState::Failed(reason) => Some(view! {
            <div class="banner" role="alert" data-testid="storage-banner">
                <p>
                    <strong>{reason}</strong>
                    " Download the model to keep your work; the app will keep trying to save."
                </p>
                <button type="button" class="primary" on:click=move |_| state.export()>
                    "Download model"
                </button>
            </div>
        }),
        _ => None,
    }
}

/// Shown when the open model was changed or deleted elsewhere (another tab
/// or window) while this tab had changes not yet stored. Nothing is written
/// until the user picks one of the choices; downloading is always one of
/// them.
#[component]
pub fn ConflictBanner() -> impl IntoView {
    let state = use_app();
    let download = move |_| state.export();
    move || {
        let conflict = state.conflict.get()?;
        // The choices, the first one the suggested one.
        type Choice = (&'static str, fn(&AppState));
        let keep_mine: Choice = ("Keep this tab\u{2019}s version", AppState::keep_mine);
        let collisions = match &conflict {
            Conflict::Changed { conflicts, .. } if !conflicts.is_empty() => Some(conflicts.clone()),
            _ => None,
        };
        let (text, choices): (String, Vec<Choice>) = match conflict {
            Conflict::Changed { theirs, .. } => (
                format!(
                    "This model was changed in another tab or window (it is now called \u{201c}{}\u{201d}) while this tab had changes that are not saved yet. Which version do you want to keep?",
                    theirs.name
                ),
                vec![
                    keep_mine,
                    ("Use the other version", AppState::take_theirs),
                    ("Keep both", AppState::keep_both),
                ],
            ),
            Conflict::Deleted => (
                "This model was deleted in another tab or window. It is still open here.".to_string(),
                vec![("Keep it", AppState::keep_mine), ("Let it go", AppState::let_go)],
            ),
            Conflict::Unreadable(reason) => (
                format!(
                    "What another tab or window stored for this model cannot be read: {reason} Keeping this tab\u{2019}s version moves that text to a backup on the Models page."
                ),
                vec![keep_mine],
            ),
        };
        let choices = choices
            .into_iter()
            .enumerate()
            .map(|(i, (label, choose))| {
                view! {
                    <button
                        type="button"
                        class=if i == 0 { "primary" } else { "" }
                        on:click=move |_| choose(&state)
                    >
                        {label}
                    </button>
                }
            })
            .collect_view();
        Some(view! {
            <div class="banner conflict" role="alert" data-testid="conflict-banner">
                <p>
                    <strong>{text}</strong>
                </p>
                {collisions.map(|list| view! {
                    <p>"Both versions changed these, each differently:"</p>
                    <ul class="collisions" data-testid="conflict-list">
                        {list.into_iter().map(|c| view! { <li>{c}</li> }).collect_view()}
                    </ul>
                })}
                <div class="actions">
                    {choices}
                    <button type="button" on:click=download>"Download this tab\u{2019}s version"</button>
                </div>
            </div>
        })
    }
}
