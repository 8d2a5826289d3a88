//! Which outcome each process serves: a checklist of the outcomes per
//! process (the process's `produces`, in its workflow record).

use leptos::prelude::*;

use super::{anchor, problems_of, Fold, Problems};
use crate::model::map::checks::{MapFinding, Subject};
use crate::model::ElementKind;
use crate::ui::state::use_app;
use crate::ui::workflows::{elements_of, toggle, update_workflow_field, ElementChecklist};

#[component]
pub(super) fn Outcomes(findings: Memo<Vec<MapFinding>>) -> impl IntoView {
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
                        let problems = problems_of(findings, Subject::Element(id.clone()));
                        let key = StoredValue::new(id.clone());
                        let produces = Memo::new(move |_| {
                            state.model.with(|m| m.workflow(&key.read_value()).map(|w| w.produces.clone()).unwrap_or_default())
                        });
                        let names = move || state.model.with(|m| {
                            let list: Vec<String> = produces.get().iter().map(|o| m.element(o).map_or(o.clone(), |e| e.name.clone())).collect();
                            if list.is_empty() { " \u{2014} produces no outcome yet".to_string() } else { format!(" \u{2014} produces {}", list.join(", ")) }
                        });
                        let title = format!("Outcomes \u{201c}{name}\u{201d} produces");
                        view! {
                            <Fold id=anchor("process", &id) testid="process-card"
                                summary=move || view! {
                                    <span class="fold-name">{name.clone()}</span>
                                    <span class="muted">{names}</span>
                                    <Problems count=problems/>
                                }>
                                <ElementChecklist title=title.clone() kind=ElementKind::Outcome items=outcomes
                                    focus_id=format!("produces-{}", key.get_value())
                                    chosen=produces
                                    on_toggle=Callback::new(move |(e, on)| update_workflow_field(state, &key.get_value(), move |w| toggle(&mut w.produces, e, on)))/>
                            </Fold>
                        }
                    }
                </For>
            </div>
        </section>
    }
}
