//! A text input that commits on Enter or when it loses focus, reverts on
//! Escape, and shows why a value was refused (an empty name, say) instead
//! of silently keeping it.

use leptos::prelude::*;

use crate::model::limits::MAX_NAME_CHARS;
use crate::model::EditError;

#[component]
pub fn InlineName(
    /// The stored value; the input shows it whenever it changes.
    #[prop(into)]
    value: Signal<String>,
    /// The accessible name of the input ("Name of role Support Lead").
    #[prop(into)]
    label: Signal<String>,
    /// Stores a new value; an error reverts the input and is shown.
    on_commit: Callback<String, Result<(), EditError>>,
    #[prop(optional, into)] testid: String,
    /// For a visible `<label for=...>`.
    #[prop(optional, into)]
    id: Option<String>,
) -> impl IntoView {
    let error = RwSignal::new(None::<String>);
    let commit = move |input: web_sys::HtmlInputElement| {
        let new = input.value();
        if new == value.get_untracked() {
            error.set(None);
            return;
        }
        match on_commit.run(new) {
            Ok(()) => error.set(None),
            Err(e) => {
                input.set_value(&value.get_untracked());
                error.set(Some(e.to_string()));
            }
        }
    };
    view! {
        <span class="inline-name">
            <input
                type="text"
                id=id
                maxlength=MAX_NAME_CHARS
                aria-label=move || label.get()
                data-testid=testid
                prop:value=move || value.get()
                on:change=move |ev| commit(event_target(&ev))
                on:keydown=move |ev| {
                    let input: web_sys::HtmlInputElement = event_target(&ev);
                    match ev.key().as_str() {
                        "Enter" => commit(input),
                        "Escape" => {
                            input.set_value(&value.get_untracked());
                            error.set(None);
                        }
                        _ => {}
                    }
                }
            />
            {move || error.get().map(|e| view! { <span class="field-error" role="alert">{e}</span> })}
        </span>
    }
}
