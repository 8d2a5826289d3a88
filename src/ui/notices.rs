//! Messages for the user: import results, stored data that could not be
//! read, and the banner shown while changes cannot be saved.

use leptos::prelude::*;

use super::state::{use_app, NoticeKind, SaveState};

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
    move || match state.save_state.get() {
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
