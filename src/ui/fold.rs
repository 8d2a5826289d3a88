//! A `<details>` folded to its summary, whose body is built when it is
//! first opened: a map of 300 elements has hundreds of cards, and building
//! every field of every card made a page of 400,000 DOM nodes whose style
//! alone took 60-70 ms to recompute after any change (measured at 1x CPU);
//! a comparison of two large models has hundreds of lines per part.

use leptos::prelude::*;

/// The folded `<details>`; `class` is the map's card unless said.
#[component]
pub(crate) fn Fold(
    #[prop(optional, into)] id: Option<String>,
    #[prop(optional)] testid: Option<&'static str>,
    #[prop(default = "item-card fold")] class: &'static str,
    #[prop(into)] summary: ViewFn,
    children: ChildrenFn,
) -> impl IntoView {
    let built = RwSignal::new(false);
    view! {
        <details class=class id=id data-testid=testid
            on:toggle=move |ev| {
                use wasm_bindgen::JsCast;
                let open = ev
                    .target()
                    .and_then(|t| t.dyn_into::<web_sys::HtmlDetailsElement>().ok())
                    .is_some_and(|d| d.open());
                if open && !built.get_untracked() {
                    built.set(true);
                }
            }>
            <summary>{summary.run()}</summary>
            {move || built.get().then(|| children())}
        </details>
    }
}
