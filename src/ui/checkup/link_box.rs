//! A check-up link as people pass it on: the link to select or copy, and
//! its QR code to scan (the invitation from a projector, a response from
//! a phone's screen).

use leptos::prelude::*;

use crate::charts::qr;

/// The link, a Copy button saying whether it worked, and the QR code.
#[component]
pub fn LinkBox(
    /// The whole link.
    link: String,
    /// What the link is, for its field and its code ("Invitation link").
    label: &'static str,
    /// The field's `data-testid`.
    testid: &'static str,
) -> impl IntoView {
    let copied = RwSignal::new(None::<&'static str>);
    let code = qr(&link, &format!("QR code of the {}", label.to_lowercase()));
    let copy = {
        let link = link.clone();
        move |_| {
            let promise = window().navigator().clipboard().write_text(&link);
            leptos::task::spawn_local(async move {
                let ok = wasm_bindgen_futures::JsFuture::from(promise).await.is_ok();
                copied.set(Some(if ok {
                    "Link copied."
                } else {
                    "Copying was refused: select the link and copy it."
                }));
            });
        }
    };
    // A phone's own share sheet (chat, mail, messages), where there is one.
    let navigator = window().navigator();
    let can_share = js_sys::Reflect::has(&navigator, &"share".into()).unwrap_or(false);
    let share = {
        let link = link.clone();
        move |_| {
            let data = web_sys::ShareData::new();
            data.set_title(label);
            data.set_url(&link);
            let promise = window().navigator().share_with_data(&data);
            leptos::task::spawn_local(async move {
                // Closing the sheet without sending is not an error to report.
                let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
            });
        }
    };
    view! {
        <div class="link-box">
            {can_share.then(|| view! {
                <button type="button" class="primary" data-testid=format!("{testid}-share") on:click=share>"Send..."</button>
            })}
            <div class="share-row">
                <input type="text" readonly aria-label=label data-testid=testid prop:value=link
                    on:focus=move |ev| { let i: web_sys::HtmlInputElement = event_target(&ev); i.select(); }/>
                <button type="button" on:click=copy>"Copy link"</button>
            </div>
            <p role="status" class="muted">{move || copied.get()}</p>
            {match code {
                Some(svg) => view! { <div class="qr-code" data-testid=format!("{testid}-qr") inner_html=svg></div> }.into_any(),
                None => view! { <p class="muted">"This link is too long for a QR code: send it as text."</p> }.into_any(),
            }}
        </div>
    }
}
