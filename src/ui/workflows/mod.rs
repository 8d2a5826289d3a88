//! The Workflows page: how the process and workflow elements really flow.
//! A list with each one's state of documentation, the editor of the one
//! chosen (its process card and stages, `editor.rs`), its findings, and
//! which work to automate first (`automation.rs`).

mod automation;
mod checklist;
mod editor;
mod stages;
mod swimlane;

use leptos::prelude::*;

pub(crate) use checklist::{elements_of, toggle, ElementChecklist};

use crate::model::workflow::checks::{check, coverage, documented, WorkflowFinding};
use crate::model::{ElementKind, Id, Op, Workflow};
use crate::ui::grid_headers::FindingItem;
use crate::ui::present::{ExitPresentation, PresentButton, Presentation};
use crate::ui::state::{use_app, AppState};
use crate::ui::undo_redo::UndoRedo;

/// Changes the workflow record of `element` (a new one when it has none)
/// as one undo step; a refused change is told to the user. For a change
/// that adds, moves or removes something the page must show at once (a
/// stage that then takes the focus).
pub(crate) fn update_workflow(state: AppState, element: &str, f: impl FnOnce(&mut Workflow)) {
    state.edit(Op::SetWorkflow(Box::new(changed(state, element, f))));
}

/// Like [`update_workflow`], for a change a field shows by itself (text
/// typed, an option chosen, a box ticked): the rest of the page (the
/// drawing, the findings, the lists) follows once the next frame is
/// painted. Measured on a 40-stage workflow at 4x CPU, waking every view in
/// the edit's frame took that frame from a few milliseconds to about 190.
pub(crate) fn update_workflow_field(state: AppState, element: &str, f: impl FnOnce(&mut Workflow)) {
    state.apply_views_after_paint(Op::SetWorkflow(Box::new(changed(state, element, f))));
}

fn changed(state: AppState, element: &str, f: impl FnOnce(&mut Workflow)) -> Workflow {
    let mut w = state.model.with_untracked(|m| {
        m.workflow(element)
            .cloned()
            .unwrap_or_else(|| Workflow::new(element.to_string()))
    });
    f(&mut w);
    w
}

/// The findings of `element`'s flow (none while nothing is written).
fn open_findings(state: AppState, element: Id) -> Memo<Vec<WorkflowFinding>> {
    Memo::new(move |_| {
        state.model.with(|m| {
            let mut out = Vec::new();
            if let Some(w) = m.workflow(&element) {
                check(m, w, &mut out);
            }
            out
        })
    })
}

/// The state of documentation of one element, in words.
fn state_of(w: Option<&Workflow>) -> &'static str {
    match w.map(documented) {
        None => "Not described yet",
        Some(d) if !d.has_stages => "No stages yet",
        Some(d) if !d.exit_everywhere => "A stage has no exit criteria",
        Some(d) if !d.handoffs_defined => "A handoff is not defined",
        Some(_) => "Documented",
    }
}

#[component]
pub fn Workflows() -> impl IntoView {
    let state = use_app();
    // `/workflows?open=<element>` (the ownership grid's "Flow" links)
    // opens that element's flow.
    let query = leptos_router::hooks::use_query_map();
    let wanted = move || query.with(|q| q.get("open"));
    let selected = RwSignal::new(wanted());
    Effect::new(move |first: Option<()>| {
        let Some(id) = wanted() else { return };
        if first.is_none() {
            // After the first paint, so the editor exists to be shown.
            request_animation_frame(|| {
                if let Some(el) = document().get_element_by_id("workflow-editor-title") {
                    el.scroll_into_view();
                }
            });
        }
        if selected.with_untracked(|s| s.as_ref() != Some(&id)) {
            selected.set(Some(id));
        }
    });
    let rows = Memo::new(move |_| {
        state.model.with(|m| {
            m.elements
                .iter()
                .filter(|e| matches!(e.kind, ElementKind::Process | ElementKind::Workflow))
                .map(|e| {
                    let w = m.workflow(&e.id);
                    let mut findings = Vec::new();
                    if let Some(w) = w {
                        check(m, w, &mut findings);
                    }
                    (
                        e.id.clone(),
                        e.name.clone(),
                        e.kind.label(),
                        w.map_or(0, |w| w.stages.len()),
                        state_of(w),
                        // Nothing written, nothing checked yet.
                        w.map(|_| findings.len()),
                    )
                })
                .collect::<Vec<_>>()
        })
    });
    // The first element is open at first, so the page is never blank.
    Effect::new(move |_| {
        let first = rows.with(|r| r.first().map(|r| r.0.clone()));
        let known = selected.with(|s| {
            s.as_ref()
                .is_some_and(|s| rows.with(|r| r.iter().any(|x| &x.0 == s)))
        });
        // Only when it changes: setting the same value again would wake
        // this effect again, for ever (an empty model has no first).
        if !known && selected.with_untracked(|s| *s != first) {
            selected.set(first);
        }
    });
    let share = move || {
        state.model.with(|m| match coverage(m) {
            Some(c) => format!("{c:.0}%"),
            None => "–".into(),
        })
    };
    let presentation = Presentation::new();
    view! {
        <section class="page workflows-page" class:presenting=move || presentation.on.get()>
            <h1 tabindex="-1">"Workflows"</h1>
            <p class="lead">"Write down how the work really flows: what starts it, the stages in order, who does each one, what must be true before work moves on, and what changes hands. The checks say what a newcomer could not learn from it yet."</p>
            <div class="figure" data-testid="workflow-coverage">
                <span class="figure-value">{share}</span>
                <span class="figure-label">"of workflow elements documented: stages, exit criteria on each, every handoff defined"</span>
            </div>
            <div class="toolbar edit-chrome"><UndoRedo/><PresentButton presentation=presentation/></div>
            <ExitPresentation presentation=presentation/>
            {move || rows.with(Vec::is_empty).then(|| view! {
                <p class="empty" data-testid="workflows-empty">"This model has no process or workflow elements yet. Add one on the Ownership page (its kind: Process or Workflow), then describe how it flows here."</p>
            })}
            <div class="table-scroll" tabindex="0" role="region" aria-label="Process and workflow elements">
            <table class="workflow-list" data-testid="workflow-list">
                <thead><tr><th scope="col">"Element"</th><th scope="col">"Kind"</th><th scope="col">"Stages"</th><th scope="col">"Documentation"</th><th scope="col">"Problems"</th></tr></thead>
                <tbody>
                    <For each=move || rows.get() key=|r| r.clone() let:row>
                        {
                            let (id, name, kind, stages, doc, problems) = row;
                            let open_id = id.clone();
                            let is_open = {
                                let id = id.clone();
                                Memo::new(move |_| selected.with(|s| s.as_deref() == Some(id.as_str())))
                            };
                            view! {
                                <tr class:open=is_open>
                                    <th scope="row">
                                        <button type="button" class="link-button" aria-pressed=move || is_open.get().to_string()
                                            on:click=move |_| selected.set(Some(open_id.clone()))>{name}</button>
                                    </th>
                                    <td>{kind}</td>
                                    <td>{stages}</td>
                                    <td>{doc}</td>
                                    <td>{match problems { None => "–".to_string(), Some(0) => "none".to_string(), Some(n) => format!("⚠ {n}") }}</td>
                                </tr>
                            }
                        }
                    </For>
                </tbody>
            </table>
            </div>
            {move || selected.get().map(|id| {
                // The open flow's findings, checked once for the list below
                // and the drawing's table.
                let findings = open_findings(state, id.clone());
                view! { <editor::WorkflowEditor element=id.clone() findings=findings/> <WorkflowFindings element=id findings=findings/> }
            })}
            <automation::Candidates/>
        </section>
    }
}

/// The findings of one workflow, each jumping to its stage.
#[component]
fn WorkflowFindings(element: Id, findings: Memo<Vec<WorkflowFinding>>) -> impl IntoView {
    let state = use_app();
    let element = StoredValue::new(element);
    // What the checks cannot say: that nothing, or no stage, is written yet.
    let status = Memo::new(move |_| {
        let doc = state
            .model
            .with(|m| m.workflow(&element.read_value()).map(documented));
        match doc {
            None => Some("Nothing is written down yet: start with what starts the work, then add its stages in order."),
            Some(d) if !d.has_stages => Some("No stages are written down yet: add them in order, each with the role that does it."),
            Some(_) => None,
        }
    });
    view! {
        <section class="findings" data-testid="workflow-findings" aria-labelledby="workflow-findings-title">
            <h2 id="workflow-findings-title">"What is missing"</h2>
            {move || status.get().map(|text| view! { <p class="muted" data-testid="workflow-status">{text}</p> })}
            {move || (findings.with(Vec::is_empty) && status.get().is_none()).then(|| view! { <p class="good">"✓ Nothing: a newcomer could learn this flow from what is written here."</p> })}
            <ul>
                {move || findings.get().into_iter().map(|f| {
                    let target = f.stage.clone().map_or_else(|| "workflow-card".to_string(), |s| editor::stage_anchor(&s));
                    view! {
                        <FindingItem problem=true message=f.message on_jump=Callback::new(move |_| {
                            if let Some(el) = document().get_element_by_id(&target) {
                                el.scroll_into_view();
                                if let Some(input) = el.query_selector("input, textarea, select").ok().flatten() {
                                    use wasm_bindgen::JsCast;
                                    if let Ok(input) = input.dyn_into::<web_sys::HtmlElement>() {
                                        let _ = input.focus();
                                    }
                                }
                            }
                        })/>
                    }
                }).collect_view()}
            </ul>
        </section>
    }
}
