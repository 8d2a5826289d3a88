//! The Map page: how the parts of the operation connect. The drawing of the
//! organization's own layers (`charts::map`) with its filters and table,
//! the map's findings, and the editors of what the drawing shows: where
//! each piece of data lives (`data.rs`), how data moves between systems
//! (`flows.rs`), the metrics and who owns them (`metrics.rs`), and which
//! outcome each process serves (`outcomes.rs`).

mod data;
mod flows;
mod metrics;
mod outcomes;

pub(crate) use metrics::add_metric;

use leptos::prelude::*;

use crate::model::governance::metrics::{metric_info, DATA_AUTHORITY, METRIC_GOVERNANCE};
use crate::model::map::checks::{check_all, MapFinding, Subject};
use crate::model::map::graph::{graph, Layer, LayerSet, MapFilter, MapGraph};
use crate::model::{ElementKind, Id};
use crate::ui::grid::focus_later;
use crate::ui::grid_headers::FindingItem;
use crate::ui::present::{ExitPresentation, PresentButton, Presentation};
use crate::ui::state::{use_app, AppState};
use crate::ui::undo_redo::UndoRedo;

/// The id of an item's block on the page, for jump links: `kind` is
/// "data", "flow", "metric" or "process".
pub(crate) fn anchor(kind: &str, id: &str) -> String {
    format!("map-{kind}-{id}")
}

/// Shows the block of `anchor` (unfolded) and puts the focus on the field
/// `field` inside it (a DOM id), once that field exists: a folded card
/// builds its fields when it opens.
fn jump(block: String, field: String) {
    jump_within(block, field, 10);
}

/// [`jump`], waiting up to `frames` frames for the block (a card just
/// added is drawn in the next one).
fn jump_within(block: String, field: String, frames: u32) {
    match document().get_element_by_id(&block) {
        Some(el) => {
            if let Some(details) = el.closest("details").ok().flatten() {
                let _ = details.set_attribute("open", "");
            }
            el.scroll_into_view();
            focus_when_present(field, 10);
        }
        None if frames > 0 => {
            request_animation_frame(move || jump_within(block, field, frames - 1))
        }
        None => {}
    }
}

/// Focuses the element with DOM id `id` in one of the next `frames`
/// frames, as soon as it exists.
fn focus_when_present(id: String, frames: u32) {
    request_animation_frame(move || match document().get_element_by_id(&id) {
        Some(_) => focus_later(id),
        None if frames > 0 => focus_when_present(id, frames - 1),
        None => {}
    });
}

/// The map's cards fold with the shared [`Fold`].
pub(crate) use crate::ui::fold::Fold;

/// "⚠ n" after a folded card's name, when the checks found problems in it.
#[component]
pub(crate) fn Problems(#[prop(into)] count: Signal<usize>) -> impl IntoView {
    move || match count.get() {
        0 => None,
        n => Some(view! {
            <span class="badge warn">
                {format!(" \u{26A0} {n}")}
                <span class="visually-hidden">{if n == 1 { " problem" } else { " problems" }}</span>
            </span>
        }),
    }
}

/// How many findings are about `subject`.
pub(crate) fn problems_of(findings: Memo<Vec<MapFinding>>, subject: Subject) -> Memo<usize> {
    Memo::new(move |_| findings.with(|f| f.iter().filter(|f| f.subject == subject).count()))
}

/// Opens what a box of the map, or a finding, is about; `go` moves to
/// another page (a workflow opens on the Workflows page).
pub(crate) fn open_subject(state: AppState, subject: &Subject, go: &dyn Fn(&str)) {
    match subject {
        Subject::Metric(id) => jump(anchor("metric", id), format!("metric-name-{id}")),
        Subject::Flow(id) => jump(anchor("flow", id), format!("flow-from-{id}")),
        Subject::Element(id) => {
            let kind = state
                .model
                .with_untracked(|m| m.element(id).map(|e| e.kind));
            match kind {
                Some(ElementKind::Data) => {
                    jump(anchor("data", id), format!("data-definition-{id}"))
                }
                Some(ElementKind::Process) => jump(anchor("process", id), format!("produces-{id}")),
                Some(ElementKind::Outcome) => {
                    jump("map-outcomes".into(), "map-outcomes-title".into())
                }
                Some(ElementKind::System) => {
                    flows::prefill_from(id);
                    jump("map-flows".into(), "new-flow-from".into())
                }
                Some(ElementKind::Workflow) => go(&format!("/workflows?open={id}")),
                None => {}
            }
        }
    }
}

#[component]
pub fn Map() -> impl IntoView {
    let state = use_app();
    let findings = Memo::new(move |_| state.model.with(check_all));
    let role = RwSignal::new(None::<Id>);
    let layers = RwSignal::new(LayerSet::ALL);
    let figure = move |key: &'static str| {
        let label = metric_info(key).map_or(key, |i| i.label);
        let description = metric_info(key).map_or("", |i| i.description);
        let value = move || {
            state.model.with(|m| {
                let v = if key == DATA_AUTHORITY {
                    crate::model::map::checks::data_authority(m)
                } else {
                    crate::model::map::checks::metric_governance(m)
                };
                v.map_or("–".into(), |v| format!("{v:.0}%"))
            })
        };
        view! {
            <div class="figure" data-testid=format!("figure-{key}") title=description>
                <span class="figure-value">{value}</span>
                <span class="figure-label">{label}</span>
            </div>
        }
    };
    let presentation = Presentation::new();
    view! {
        <section class="page map-page" class:presenting=move || presentation.on.get()>
            <h1 tabindex="-1">"Map"</h1>
            <p class="lead">"How the parts connect: which outcome each process serves, where each piece of data lives and comes from, and who owns every number you review. The boxes are your own elements; the checks mark what is missing."</p>
            <div class="figures">{figure(DATA_AUTHORITY)}{figure(METRIC_GOVERNANCE)}</div>
            <div class="toolbar edit-chrome"><UndoRedo/><PresentButton presentation=presentation/></div>
            <ExitPresentation presentation=presentation/>
            <MapFilters role=role layers=layers/>
            <MapDrawing findings=findings role=role layers=layers/>
            <MapFindings findings=findings/>
            <outcomes::Outcomes findings=findings/>
            <data::DataEntities findings=findings/>
            <flows::Flows findings=findings/>
            <metrics::Metrics findings=findings/>
        </section>
    }
}

/// Who and what the map shows.
#[component]
fn MapFilters(role: RwSignal<Option<Id>>, layers: RwSignal<LayerSet>) -> impl IntoView {
    let state = use_app();
    let roles = crate::ui::governance::role_names(state);
    view! {
        <div class="map-filters edit-chrome" role="group" aria-label="What the map shows">
            <label class="field">"Only what this role owns or touches"
                <select data-testid="map-role" prop:value=move || role.get().unwrap_or_default()
                    on:change=move |ev| { let v = event_target_value(&ev); role.set((!v.is_empty()).then_some(v)) }>
                    <option value="">"(every role)"</option>
                    {move || roles.get().into_iter().map(|(id, name)| view! { <option value=id>{name}</option> }).collect_view()}
                </select>
            </label>
            <fieldset class="checklist inline">
                <legend>"Layers"</legend>
                {Layer::ALL.into_iter().map(|l| view! {
                    <label class="check">
                        <input type="checkbox" data-testid=format!("map-layer-{}", l.key())
                            prop:checked=move || layers.with(|s| s.contains(&l))
                            on:change=move |ev| {
                                let on = event_target_checked(&ev);
                                layers.update(|s| { if on { s.insert(l); } else { s.remove(&l); } })
                            }/>
                        " " {l.label()}
                    </label>
                }).collect_view()}
            </fieldset>
        </div>
    }
}

/// The table alternative of the map: a row per box with its connections.
fn table(g: &MapGraph) -> (Vec<String>, Vec<Vec<String>>) {
    let header = ["Box", "Kind", "Owner", "Connections", "Problems"]
        .map(String::from)
        .to_vec();
    let name = |id: &str| g.node(id).map_or(id.to_string(), |n| n.name.clone());
    let rows = g
        .nodes
        .iter()
        .map(|n| {
            let mut links: Vec<String> = Vec::new();
            for e in &g.edges {
                let label = if e.label.is_empty() {
                    String::new()
                } else {
                    format!(" ({})", e.label)
                };
                if e.from == n.id {
                    links.push(format!("{} {}{label}", e.kind.verb(), name(&e.to)));
                } else if e.to == n.id {
                    links.push(format!("{} {} this{label}", name(&e.from), e.kind.verb()));
                }
            }
            vec![
                n.name.clone(),
                n.layer.singular().to_string(),
                n.owner.text(),
                links.join("; "),
                if n.gaps.is_empty() {
                    "none".into()
                } else {
                    n.gaps.join(" ")
                },
            ]
        })
        .collect();
    (header, rows)
}

/// The drawing, its downloads and table. A box takes the focus; Enter (or
/// a click) opens what it is.
#[component]
fn MapDrawing(
    findings: Memo<Vec<MapFinding>>,
    role: RwSignal<Option<Id>>,
    layers: RwSignal<LayerSet>,
) -> impl IntoView {
    let state = use_app();
    let navigate = leptos_router::hooks::use_navigate();
    let drawing = Memo::new(move |_| {
        let filter = MapFilter {
            role: role.get(),
            layers: layers.get(),
        };
        state.model.with(|m| {
            let g = findings.with(|f| graph(m, f, &filter));
            let svg = crate::charts::map(&g, &m.name);
            let (header, rows) = table(&g);
            (svg, header, rows)
        })
    });
    let open = move |ev: &web_sys::Event| {
        use wasm_bindgen::JsCast;
        let node = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
            .and_then(|t| t.closest("[data-node]").ok().flatten());
        let Some(node) = node else { return };
        let id = node.get_attribute("data-node").unwrap_or_default();
        let subject = if node.get_attribute("data-layer").as_deref() == Some("metric") {
            Subject::Metric(id)
        } else {
            Subject::Element(id)
        };
        open_subject(state, &subject, &|url| navigate(url, Default::default()));
    };
    view! {
        {move || {
            let (svg, header, rows) = drawing.get();
            let (open1, open2) = (open.clone(), open.clone());
            view! {
                <div class="map-drawing" data-testid="map-drawing"
                    on:click=move |ev| open1(&ev)
                    on:keydown=move |ev: web_sys::KeyboardEvent| if ev.key() == "Enter" { open2(&ev) }>
                    <crate::ui::progress::ChartFigure svg=svg slug="map" table_header=header table_rows=rows scrolls=true/>
                </div>
            }
        }}
    }
}

/// What the map's checks found, each jumping to what it is about.
#[component]
fn MapFindings(findings: Memo<Vec<MapFinding>>) -> impl IntoView {
    let state = use_app();
    let navigate = leptos_router::hooks::use_navigate();
    view! {
        <section class="findings" aria-labelledby="map-findings-title" data-testid="map-findings">
            <h2 id="map-findings-title">"What is missing"</h2>
            {move || findings.with(Vec::is_empty).then(|| view! {
                <p class="all-clear">"✓ Nothing: every data entity has one source of truth, every flow carries named data between owned systems, every process serves an outcome, and every metric is owned, defined and reviewed."</p>
            })}
            <ul class="finding-list">
                {move || findings.get().into_iter().map(|f| {
                    let subject = f.subject.clone();
                    let navigate = navigate.clone();
                    view! {
                        <FindingItem problem=f.severity == crate::model::ownership::Severity::Problem message=f.message
                            on_jump=Callback::new(move |_| open_subject(state, &subject, &|url| navigate(url, Default::default())))/>
                    }
                }).collect_view()}
            </ul>
        </section>
    }
}
