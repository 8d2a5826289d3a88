//! The swimlane drawing of a flow on the page (the drawing itself is
//! `charts::swimlane`, a pure SVG string).

use leptos::prelude::*;

use super::editor::stage_anchor;
use crate::model::workflow::checks::WorkflowFinding;
use crate::model::{Id, Workflow};
use crate::ui::grid::focus_later;
use crate::ui::state::use_app;

/// The swimlane drawing of the flow, with its table alternative and
/// downloads. A stage in the drawing takes the focus; Enter (or a click)
/// opens it in the editor below.
#[component]
pub fn Swimlane(element: StoredValue<Id>, findings: Memo<Vec<WorkflowFinding>>) -> impl IntoView {
    let state = use_app();
    let open = move |ev: &web_sys::Event| {
        use wasm_bindgen::JsCast;
        let stage = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
            .and_then(|t| t.closest("[data-stage]").ok().flatten())
            .and_then(|g| g.get_attribute("data-stage"));
        if let Some(id) = stage {
            if let Some(el) = document().get_element_by_id(&stage_anchor(&id)) {
                el.scroll_into_view();
            }
            focus_later(format!("stage-name-{id}"));
        }
    };
    // The drawing and its table, drawn again only when they change: an
    // edit of a stage's entry criteria, say, changes neither.
    let drawing = Memo::new(move |_| {
        state.model.with(|m| {
            let w = m
                .workflow(&element.get_value())
                .cloned()
                .unwrap_or_else(|| Workflow::new(element.get_value()));
            let svg = crate::charts::swimlane(m, &w);
            let handoffs: Vec<usize> = w.handoffs().collect();
            let role = |r: &Option<Id>| {
                r.as_deref()
                    .and_then(|r| m.role(r))
                    .map_or("(nobody)".to_string(), |r| r.name.clone())
            };
            let rows = w
                .stages
                .iter()
                .enumerate()
                .map(|(i, s)| {
                    vec![
                        (i + 1).to_string(),
                        s.name.clone(),
                        role(&s.role),
                        s.exit.clone(),
                        if handoffs.contains(&i) {
                            format!("{} / {}", s.handoff.passed, s.handoff.check)
                        } else {
                            String::new()
                        },
                        s.decision
                            .as_deref()
                            .and_then(|d| m.decision(d))
                            .map(|d| d.name.clone())
                            .unwrap_or_default(),
                        findings
                            .with(|f| {
                                f.iter()
                                    .filter(|f| f.stage.as_deref() == Some(s.id.as_str()))
                                    .count()
                            })
                            .to_string(),
                    ]
                })
                .collect::<Vec<_>>();
            (svg, rows)
        })
    });
    view! {
        {move || {
            let (svg, rows) = drawing.get();
            let header = ["#", "Stage", "Performed by", "Exit criteria", "Handoff in: passed / checked", "Decision point", "Problems"].map(String::from).to_vec();
            view! {
                <div class="swimlane" data-testid="swimlane"
                    on:click=move |ev| open(&ev)
                    on:keydown=move |ev: web_sys::KeyboardEvent| if ev.key() == "Enter" { open(&ev) }>
                    <crate::ui::progress::ChartFigure svg=svg slug="swimlane" table_header=header table_rows=rows scrolls=true/>
                </div>
            }
        }}
    }
}
