//! "Copy a link to this model" on the Models page, and opening such a link:
//! the model file compressed into the link's `#fragment` (`model::link`),
//! which browsers never send to a server.

use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::model::link::{fragment, SAFE_LINK_CHARS};
use crate::storage::browser::deflate;
use crate::ui::state::{use_app, AppState, NoticeKind};

/// The link to the open model as it is now.
async fn make_link(state: AppState) -> Result<String, String> {
    // Stamped and kept as a version, like an exported file.
    let text = state.sendable_text();
    let compressed = deflate(text.as_bytes()).await?;
    let origin = window()
        .location()
        .origin()
        .map_err(|_| "no address".to_string())?;
    Ok(format!("{origin}/models#{}", fragment(&compressed)))
}

/// Opens the model of a link the page was opened with (`#model=1....`),
/// once, and takes the fragment out of the address so a reload does not
/// open it again.
pub(super) fn open_link_in_address(state: AppState) {
    let Ok(hash) = window().location().hash() else {
        return;
    };
    if !hash.starts_with("#model=") {
        return;
    }
    if let Ok(history) = window().history() {
        let _ = history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some("/models"));
    }
    spawn_local(async move {
        state.open_link(&hash).await;
    });
}

#[component]
pub fn ModelLink() -> impl IntoView {
    let state = use_app();
    let link = RwSignal::new(None::<String>);
    let area = NodeRef::<leptos::html::Textarea>::new();
    let copy = move |_| {
        spawn_local(async move {
            match make_link(state).await {
                Ok(url) => {
                    link.set(Some(url.clone()));
                    // Focused and selected first: the clipboard may take its
                    // time to answer (or never be allowed), and the link must
                    // be ready to copy by hand meanwhile.
                    request_animation_frame(move || {
                        if let Some(a) = area.get() {
                            let _ = a.focus();
                            a.select();
                        }
                    });
                    let copied = wasm_bindgen_futures::JsFuture::from(
                        window().navigator().clipboard().write_text(&url),
                    )
                    .await
                    .is_ok();
                    if copied {
                        state.notify(NoticeKind::Info, "The link to this model is copied.");
                    }
                }
                Err(e) => state.notify(
                    NoticeKind::Error,
                    format!("The link could not be made: {e}."),
                ),
            }
        });
    };
    view! {
        <button type="button" data-testid="make-link" on:click=copy>"Copy a link to this model"</button>
        {move || link.get().map(|url| {
            let chars = url.chars().count();
            let long = chars > SAFE_LINK_CHARS;
            view! {
                <div class="model-link item-card" data-testid="link-panel">
                    <label class="field">"The link to this model, as it is now"
                        <textarea readonly rows="3" data-testid="model-link" node_ref=area prop:value=url.clone()/>
                    </label>
                    <p data-testid="link-length">{format!("{chars} characters.")}
                        {long.then(|| format!(" Longer than {SAFE_LINK_CHARS}: chat and mail tools may cut it on its way, so the file (Export the open model) is the safer way to send it."))}
                    </p>
                    <p class="muted small">"Whoever opens it gets a copy of the model as it is now. The model is inside the link itself (after the #), which browsers never send to a server. The file works as well, always."</p>
                    <button type="button" on:click=move |_| link.set(None)>"Close"</button>
                </div>
            }
        })}
    }
}
