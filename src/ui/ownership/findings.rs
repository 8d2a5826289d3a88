//! Every finding of the ownership checks, each a button that jumps to the
//! cell (or the role) it is about.

use leptos::prelude::*;

use super::{focus_later, jump_to_cell, use_matrix};
use crate::model::ownership::Severity;
use crate::ui::grid_headers::{name_button_id, FindingItem};

#[component]
pub fn FindingsPanel() -> impl IntoView {
    let ui = use_matrix();
    let count = move || ui.report.with(|r| r.findings.len());
    let none = move || {
        view! {
            <p class="empty">"No findings: every element has one owner and someone doing the work."</p>
        }
    };
    view! {
        <section class="findings" aria-labelledby="findings-heading" data-testid="findings">
            <h2 id="findings-heading">"Findings " <span class="count">{count}</span></h2>
            <Show
                when=move || count() != 0
                fallback=none
            >
                <ul>
                    // Keyed by content: an edit re-renders only the findings
                    // it changed, not the whole list.
                    <For
                        each=move || ui.report.with(|r| r.findings.clone())
                        key=|f| (f.element.clone(), f.role.clone(), f.message.clone())
                        let:f
                    >
                        {
                            let problem = f.severity == Severity::Problem;
                            let (element, role) = (f.element.clone(), f.role.clone());
                            let jump = move |_: ()| match (element.clone(), role.clone()) {
                                (Some(e), Some(r)) => jump_to_cell(ui, e, r),
                                (None, Some(r)) => focus_later(name_button_id(&r)),
                                (Some(e), None) => focus_later(name_button_id(&e)),
                                (None, None) => {}
                            };
                            view! { <FindingItem problem=problem message=f.message.clone() on_jump=Callback::new(jump)/> }
                        }
                    </For>
                </ul>
            </Show>
        </section>
    }
}
