//! What a set of answers says: the score and stage, the layer hierarchy, the
//! eight dimensions, the levers and the warnings; plus sharing, saving and
//! printing it.

use std::collections::BTreeMap;

use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_navigate;

use crate::charts::{layers, radar, LayerBand};
use crate::model::governance::with_snapshot;
use crate::model::layers::Layer;
use crate::model::quiz::{decode_share, encode_share, score, to_assessment, QuizResult};
use crate::model::{new_id, AssessmentKind, Op};
use crate::storage::browser::{now, utc_offset_minutes};
use crate::ui::state::{use_app, NoticeKind};

/// Whose result is shown, which decides the actions offered.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ResultMode {
    /// Just taken here: can be saved to the model.
    Own,
    /// Saved with the model as it was answered (the full assessment).
    Saved,
    /// Opened from a shared link: read only.
    Shared,
    /// Inside an iframe on another site.
    Embed,
    /// A participant's in a team check-up: sent back, not saved or shared.
    Participant,
}

/// The layer figure's bands, bottom-up, with the placement marked.
pub fn bands(result: &QuizResult) -> Vec<LayerBand> {
    let mut below_ok = true;
    Layer::ALL
        .into_iter()
        .map(|layer| {
            let score = match layer {
                Layer::OperatingSystem => {
                    let integration = result.score_of(crate::model::quiz::Dimension::Integration);
                    (integration + result.governance()) / 2.0
                }
                _ => result
                    .dimensions
                    .iter()
                    .find(|(d, _)| d.layer() == Some(layer))
                    .map_or(0.0, |(_, s)| *s),
            };
            let own = result.layer_established(layer);
            let state = match (own, below_ok) {
                (true, true) => "Established".to_string(),
                (true, false) => "Strong, but resting on a weak layer below".to_string(),
                // A missing layer leaves the one below exposed to its own
                // failure mode (workflows without automation drift, ...).
                (false, _) => match Layer::ALL
                    .into_iter()
                    .find(|l| l.next() == Some(layer))
                    .and_then(Layer::failure_mode)
                {
                    Some(mode) => format!("Not yet established (risk: {mode})"),
                    None => "Not yet established".to_string(),
                },
            };
            below_ok &= own;
            LayerBand {
                name: layer.name().to_string(),
                score,
                state,
                current: layer == result.placement,
            }
        })
        .collect()
}

fn share_link(kind: AssessmentKind, answers: &BTreeMap<String, u8>) -> String {
    let origin = window().location().origin().unwrap_or_default();
    format!("{origin}/result#{}", encode_share(kind, answers))
}

#[component]
pub fn ResultView(
    kind: AssessmentKind,
    answers: BTreeMap<String, u8>,
    mode: ResultMode,
    /// "Retake" / "Take it yourself".
    on_restart: Callback<()>,
) -> impl IntoView {
    let state = use_app();
    let result = score(kind, &answers);
    let link = share_link(kind, &answers);
    let saved = RwSignal::new(mode == ResultMode::Saved);
    let copied = RwSignal::new(None::<&'static str>);

    let dims: Vec<(String, f64)> = result
        .dimensions
        .iter()
        .map(|(d, s)| (d.label().to_string(), *s))
        .collect();
    let previous = state.model.with_untracked(|m| {
        m.assessments
            .iter()
            .rev()
            .find(|a| crate::model::quiz::is_complete(a.kind, &a.answers) && a.answers != answers)
            .map(|a| score(a.kind, &a.answers))
    });
    let previous_dims: Option<Vec<(String, f64)>> = (mode != ResultMode::Shared
        && mode != ResultMode::Embed)
        .then_some(previous)
        .flatten()
        .map(|p| {
            p.dimensions
                .iter()
                .map(|(d, s)| (d.label().to_string(), *s))
                .collect()
        });
    let radar_svg = radar(
        "Scores of the eight dimensions (0 to 100)",
        &dims,
        previous_dims.as_deref(),
        "This result",
        "Your previous saved result",
    );
    let layer_bands = bands(&result);
    let layers_svg = layers("Where you stand in the hierarchy", &layer_bands);
    let narrow_dims: Vec<(String, f64, Option<f64>)> = dims
        .iter()
        .map(|(name, s)| {
            let before = previous_dims
                .as_ref()
                .and_then(|p| p.iter().find(|(n, _)| n == name).map(|(_, v)| *v));
            (name.clone(), *s, before)
        })
        .collect();

    let save = {
        let answers = answers.clone();
        move |_| {
            // Pressed again once saved (it stays focusable): nothing to do.
            if saved.get_untracked() {
                return;
            }
            let assessment = to_assessment(kind, answers.clone(), new_id(), now());
            // Saving a result also records the governance metrics of the
            // day, so both progress charts move together.
            let op = Op::Batch(vec![
                Op::PutAssessment(Box::new(assessment)),
                Op::SetSnapshots(state.model.with_untracked(|m| {
                    let at = now();
                    with_snapshot(m, at, utc_offset_minutes(at)).0
                })),
            ]);
            match state.apply(op) {
                Ok(()) => {
                    saved.set(true);
                    let name = state.model.with_untracked(|m| m.name.clone());
                    state.notify(
                        NoticeKind::Info,
                        format!(
                            "Result saved to \u{201c}{name}\u{201d}. The Progress page charts it."
                        ),
                    );
                }
                Err(e) => state.notify(
                    NoticeKind::Error,
                    format!("The result could not be saved: {e}"),
                ),
            }
        }
    };
    let copy = {
        let link = link.clone();
        move |_| {
            let clipboard = window().navigator().clipboard();
            let promise = clipboard.write_text(&link);
            leptos::task::spawn_local(async move {
                let ok = wasm_bindgen_futures::JsFuture::from(promise).await.is_ok();
                copied.set(Some(if ok {
                    "Link copied."
                } else {
                    "Copying was refused: select the link and copy it."
                }));
            });
        }
    };

    let stage = result.stage;
    let summary = format!(
        "Overall {:.0} out of 100. Stage {} of 4: {}.",
        result.overall,
        stage.number(),
        stage.name()
    );
    let table_rows = result.dimensions.clone();
    view! {
        <article class="result" data-testid="result" aria-labelledby="result-heading">
            {(mode == ResultMode::Shared).then(|| view! {
                <p class="notice info shared-note">"This is a result someone shared with you. It is shown as it was answered and cannot be changed here."</p>
            })}
            <header class="result-head">
                <h1 id="result-heading" tabindex="-1">"Your operating-system maturity"</h1>
                <div class="score-block">
                    <p class="big-score" data-testid="overall"><span>{format!("{:.0}", result.overall)}</span><small>" / 100"</small></p>
                    <p class="stage" data-testid="stage">"Stage " {stage.number()} ": " {stage.name()}</p>
                    <p class="muted">{stage.description()}</p>
                </div>
                <p class="visually-hidden">{summary}</p>
            </header>

            <section class="result-section" aria-labelledby="levers-heading">
                <h2 id="levers-heading">"Where to invest first"</h2>
                <ol class="levers" data-testid="levers">
                    {result.levers.iter().map(|l| view! {
                        <li class="lever">
                            <h3>{l.title.clone()}</h3>
                            <p class="diagnosis">{l.diagnosis.clone()}</p>
                            <p class="why"><strong>"Why first: "</strong>{l.why_first.clone()}</p>
                            <ul class="steps">{l.steps.iter().map(|s| view! { <li>{s.clone()}</li> }).collect_view()}</ul>
                        </li>
                    }).collect_view()}
                </ol>
            </section>

            {(!result.warnings.is_empty()).then(|| view! {
                <section class="result-section" aria-labelledby="warnings-heading">
                    <h2 id="warnings-heading">"Watch out"</h2>
                    <ul class="warnings" data-testid="warnings">
                        {result.warnings.iter().map(|w| view! {
                            <li class="warning"><span aria-hidden="true">"⚠ "</span><strong>{w.title.clone()}</strong>": "{w.text.clone()}</li>
                        }).collect_view()}
                    </ul>
                </section>
            })}

            <div class="charts-row">
                <figure class="chart">
                    <div class="chart-svg" inner_html=layers_svg></div>
                    <NarrowLayers bands=layer_bands/>
                    <figcaption class="muted">"The layers build on each other: a strong upper layer cannot make up for a weak one below."</figcaption>
                </figure>
                <figure class="chart">
                    <div class="chart-svg" inner_html=radar_svg></div>
                    <NarrowScores scores=narrow_dims/>
                    <details>
                        <summary>"The scores as a table"</summary>
                        <table class="data-table">
                            <thead><tr><th scope="col">"Dimension"</th><th scope="col">"Score"</th></tr></thead>
                            <tbody>
                                {table_rows.into_iter().map(|(d, s)| view! {
                                    <tr><th scope="row">{d.label()}</th><td>{format!("{s:.0}")}</td></tr>
                                }).collect_view()}
                            </tbody>
                        </table>
                    </details>
                </figure>
            </div>

            <section class="result-actions no-print" aria-label="What next">
                {match mode {
                    ResultMode::Own => view! {
                        // aria-disabled, so the focus stays on it once saved (see UndoRedo).
                        <button type="button" class="primary" data-testid="save-result" aria-disabled=move || saved.get().then_some("true") on:click=save>
                            {move || if saved.get() { "Saved to my model" } else { "Save to my model" }}
                        </button>
                    }.into_any(),
                    ResultMode::Saved => view! { <p class="muted">"Saved with your model as you answered."</p> }.into_any(),
                    _ => ().into_any(),
                }}
                <button type="button" on:click=move |_| on_restart.run(())>
                    {match mode {
                        ResultMode::Shared => "Take it yourself",
                        ResultMode::Participant => "Change my answers",
                        _ => "Retake the quiz",
                    }}
                </button>
                {(mode != ResultMode::Embed).then(|| view! {
                    <button type="button" on:click=move |_| { let _ = window().print(); }>"Print"</button>
                })}
                {(mode == ResultMode::Own || mode == ResultMode::Saved).then(|| view! {
                    <A href="/progress" attr:class="button">"See progress"</A>
                })}
            </section>
            {(mode != ResultMode::Participant).then(|| view! {
            <section class="share no-print" aria-labelledby="share-heading">
                <h2 id="share-heading">"Share this result"</h2>
                <p class="muted">"The link holds the answers themselves: nothing is stored on a server."</p>
                <div class="share-row">
                    <input type="text" readonly aria-label="Link to this result" data-testid="share-link" prop:value=link.clone()
                        on:focus=move |ev| { let i: web_sys::HtmlInputElement = event_target(&ev); i.select(); }/>
                    <button type="button" on:click=copy>"Copy link"</button>
                </div>
                <p role="status" class="muted">{move || copied.get()}</p>
            </section>
            })}
        </article>
    }
}

/// `/result#...`: a shared result, read from the link alone.
#[component]
pub fn SharedResult() -> impl IntoView {
    let navigate = use_navigate();
    let read_hash = || window().location().hash().unwrap_or_default();
    // Pasting another link while on this page only changes the fragment:
    // no reload happens, so the change is followed here.
    let hash = RwSignal::new(read_hash());
    let listener = window_event_listener(leptos::ev::hashchange, move |_| hash.set(read_hash()));
    on_cleanup(move || listener.remove());
    let take = Callback::new(move |_| navigate("/quiz", Default::default()));
    view! {
        <section class="page">
            {move || match decode_share(&hash.get()) {
                Ok((kind, answers)) => view! { <ResultView kind=kind answers=answers mode=ResultMode::Shared on_restart=take/> }.into_any(),
                Err(e) => view! {
                    <div class="share-error" role="alert" data-testid="share-error">
                        <h1>"This result cannot be shown"</h1>
                        <p>{e.to_string()}</p>
                        <p>"Ask whoever sent it for the whole link, or take the quiz yourself: it takes two minutes."</p>
                        <A href="/quiz" attr:class="button primary">"Take the quiz"</A>
                    </div>
                }.into_any(),
            }}
        </section>
    }
}

/// The hierarchy chart laid out for a phone: the layers as a list, top
/// layer first, each with its score as a meter and its state. Shown instead
/// of the drawing on a narrow screen, where the drawing scaled to 310 px
/// had 5 px text.
#[component]
fn NarrowLayers(bands: Vec<LayerBand>) -> impl IntoView {
    view! {
        <div class="chart-narrow" data-testid="narrow-layers">
            <h3>"Where you stand in the hierarchy"</h3>
            <ol class="narrow-list" aria-label="Layers, the top one first">
                {bands.into_iter().rev().map(|b| {
                    let score = if b.score.is_finite() { b.score.clamp(0.0, 100.0) } else { 0.0 };
                    view! {
                        <li class:current=b.current>
                            <span class="narrow-name">{b.name.clone()}{b.current.then_some(" (you are here)")}</span>
                            <span class="narrow-score">{format!("{score:.0}")}</span>
                            <meter min="0" max="100" value=score aria-label=format!("{}: {score:.0} out of 100", b.name)></meter>
                            <span class="narrow-state">{b.state}</span>
                        </li>
                    }
                }).collect_view()}
            </ol>
        </div>
    }
}

/// The eight dimensions' scores laid out for a phone (see
/// [`NarrowLayers`]), with the previous saved result's where there is one.
#[component]
fn NarrowScores(scores: Vec<(String, f64, Option<f64>)>) -> impl IntoView {
    view! {
        <div class="chart-narrow" data-testid="narrow-scores">
            <h3>"Scores of the eight dimensions (0 to 100)"</h3>
            <ul class="narrow-list">
                {scores.into_iter().map(|(name, score, before)| {
                    let score = score.clamp(0.0, 100.0);
                    view! {
                        <li>
                            <span class="narrow-name">{name.clone()}</span>
                            <span class="narrow-score">{format!("{score:.0}")}</span>
                            <meter min="0" max="100" value=score aria-label=format!("{name}: {score:.0} out of 100")></meter>
                            {before.map(|b| view! { <span class="narrow-state">{format!("Previous saved result: {b:.0}")}</span> })}
                        </li>
                    }
                }).collect_view()}
            </ul>
        </div>
    }
}
