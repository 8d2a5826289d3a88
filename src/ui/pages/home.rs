use leptos::prelude::*;
use leptos_router::components::A;

use crate::ui::state::use_app;

#[component]
pub fn Home() -> impl IntoView {
    let state = use_app();
    let counts = move || {
        state.model.with(|m| {
            format!(
                "{} roles, {} elements, {} decisions, {} reviews",
                m.roles.len(),
                m.elements.len(),
                m.decisions.len(),
                m.reviews.len()
            )
        })
    };
    view! {
        <section class="hero">
            <h1>"Is your operation run by people, or by a system?"</h1>
            <p class="lead">
                "Tools help one person do one job. Workflows make the job repeatable. "
                "Automation makes it fast. Only governance (clear owners, clear decision "
                "rights, reviews that happen and fixes that stick) turns all of it into an "
                "operating system that works when nobody is watching."
            </p>
            <A href="/quiz" attr:class="button primary big">"Take the two-minute quiz"</A>
        </section>
        <section class="cards" aria-label="What you can do here">
            <A href="/ownership" attr:class="card">
                <h2>"Ownership matrix"</h2>
                <p>"Give every process, workflow, data entity, system and outcome exactly one accountable role."</p>
            </A>
            <A href="/decisions" attr:class="card">
                <h2>"Decision rights"</h2>
                <p>"Write down who decides, who approves, when it escalates and who can veto."</p>
            </A>
            <A href="/governance" attr:class="card">
                <h2>"Reviews and corrections"</h2>
                <p>"Schedule reviews at the right level and follow every finding until the fix is proven."</p>
            </A>
            <A href="/checkup" attr:class="card">
                <h2>"Team check-up"</h2>
                <p>"Everyone answers on their phone; see on one screen where the team agrees and where it does not."</p>
            </A>
            <A href="/progress" attr:class="card">
                <h2>"Progress"</h2>
                <p>"See where you stand in the hierarchy and how your maturity moves over time."</p>
            </A>
        </section>
        <p class="muted">"Open model: " {move || state.model.with(|m| m.name.clone())} " (" {counts} "). "
            "Everything stays in this browser until you export it."</p>
    }
}
