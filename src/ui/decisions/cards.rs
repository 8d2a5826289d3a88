//! One card per role: what it decides alone, with others, must approve,
//! where it is escalated to, what it can veto. Printable one per page.

use leptos::prelude::*;
use leptos_router::components::A;

use crate::model::decisions::{role_card, CardLine};
use crate::ui::state::use_app;

#[component]
fn CardList(title: &'static str, lines: Vec<CardLine>) -> impl IntoView {
    (!lines.is_empty()).then(|| view! {
        <h3>{title}</h3>
        <ul>
            {lines.into_iter().map(|l| view! {
                <li><strong>{l.name}</strong>{(!l.detail.is_empty()).then(|| format!(": {}", l.detail))}</li>
            }).collect_view()}
        </ul>
    })
}

#[component]
pub fn RoleCards() -> impl IntoView {
    let state = use_app();
    let cards = move || {
        state.model.with(|m| {
            m.roles
                .iter()
                .filter_map(|r| role_card(m, &r.id))
                .collect::<Vec<_>>()
        })
    };
    view! {
        <section class="page role-cards">
            <div class="toolbar no-print">
                <A href="/decisions" attr:class="button">"Back to the table"</A>
                <button type="button" class="primary" on:click=move |_| { let _ = window().print(); }>"Print (one role per page)"</button>
            </div>
            <h1 class="no-print">"Role cards"</h1>
            {move || {
                let cards = cards();
                if cards.is_empty() {
                    return view! { <p class="empty">"No roles yet."</p> }.into_any();
                }
                cards.into_iter().map(|c| {
                    let empty = c.is_empty();
                    view! {
                        <article class="role-card" id=format!("card-{}", c.role) data-testid="role-card">
                            <h2>{c.name.clone()}</h2>
                            {empty.then(|| view! { <p class="muted">"This role holds no decision rights yet."</p> })}
                            <CardList title="Decides alone" lines=c.decides_alone/>
                            <CardList title="Decides together with others" lines=c.decides_with_others/>
                            <CardList title="Must approve" lines=c.must_approve/>
                            <CardList title="Is escalated to" lines=c.escalated_to/>
                            <CardList title="Can veto or override" lines=c.can_veto/>
                            <CardList title="Other rights" lines=c.other_rights/>
                        </article>
                    }
                }).collect_view().into_any()
            }}
        </section>
    }
}
