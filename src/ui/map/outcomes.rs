//! Which outcome each process serves: a checklist of the outcomes per
//! process (the process's `produces`, in its workflow record).

use leptos::prelude::*;

use super::anchor;
use crate::model::ElementKind;
use crate::ui::state::use_app;
use crate::ui::workflows::{elements_of, toggle, update_workflow_field, ElementChecklist};

#[component]
pub(super) fn Outcomes() -> impl IntoView {
    let state = use_app();
    let processes = elements_of(ElementKind::Process, None);
    let outcomes = elements_of(ElementKind::Outcome, None);
    view! {
        <section class="map-section" id="map-outcomes" aria-labelledby="map-outcomes-title" data-testid="map-outcomes">
            <h2 id="map-outcomes-title" tabindex="-1">"Outcomes and the processes that serve them"</h2>
            {move || processes.with(Vec::is_empty).then(|| view! {
                <p class="empty">"No process in the model yet: add processes on the Ownership page (kind: Process), then say here which outcome each one serves."</p>
            })}
            <div class="map-cards">
                <For each=move || processes.get() key=|p| p.clone() let:process>
                    {
                        let (id, name) = process;
                        let chosen_id = id.clone();
                        let toggle_id = id.clone();
                        view! {
                            <div class="item-card" id=anchor("process", &id)>
                                <ElementChecklist title=format!("Outcomes \u{201c}{name}\u{201d} produces") kind=ElementKind::Outcome items=outcomes
                                    focus_id=format!("produces-{id}")
                                    chosen=Signal::derive(move || state.model.with(|m| m.workflow(&chosen_id).map(|w| w.produces.clone()).unwrap_or_default()))
                                    on_toggle=Callback::new(move |(e, on)| update_workflow_field(state, &toggle_id, move |w| toggle(&mut w.produces, e, on)))/>
                            </div>
                        }
                    }
                </For>
            </div>
        </section>
    }
}
