//! Pages whose features are being built: each says what it will hold, so a
//! visitor knows what to expect, and links to what already works.

use leptos::prelude::*;
use leptos_router::components::A;

#[component]
fn Upcoming(title: &'static str, children: Children) -> impl IntoView {
    view! {
        <section class="page upcoming">
            <h1>{title}</h1>
            {children()}
            <p class="muted">
                "This page is being built. Meanwhile you can sketch roles and elements on the "
                <A href="/ownership">"Ownership"</A>
                " page; everything you enter is kept with your model."
            </p>
        </section>
    }
}

#[component]
pub fn Governance() -> impl IntoView {
    view! {
        <Upcoming title="Reviews and corrections">
            <p>
                "Reviews at three levels (tactical, operational, strategic) on a cadence, "
                "with the elements they cover; corrections that move from proposed to "
                "validated with an owner and a due date; and the control test: for each "
                "element, who owns it, who decides, how you know it runs as designed, and "
                "what happens when it does not."
            </p>
        </Upcoming>
    }
}

#[component]
pub fn Progress() -> impl IntoView {
    view! {
        <Upcoming title="Progress">
            <p>
                "The layer hierarchy with your current stage marked, your assessment scores "
                "over time, and governance metrics such as ownership coverage and review "
                "completion, each chart downloadable as SVG or PNG."
            </p>
        </Upcoming>
    }
}

#[component]
pub fn NotFound() -> impl IntoView {
    view! {
        <section class="page">
            <h1>"Page not found"</h1>
            <p>"There is no page at this address. " <A href="/">"Go to the start page"</A> "."</p>
        </section>
    }
}
