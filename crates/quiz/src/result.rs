//! What a set of answers says: the score and stage, the layer hierarchy, the
//! eight dimensions, the levers and the warnings; plus sharing and printing
//! it. Saving is the app's, through the `actions` slot.

use leptos::prelude::*;
use opmodel_domain::charts::{layer_bands, layers, radar, LayerBand};
use opmodel_domain::model::quiz::{encode_share, score};
use opmodel_domain::model::AssessmentKind;

use crate::{Answers, DimensionScores};

/// Whose result is shown, which decides the actions offered.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ResultMode {
    /// Just taken here: the app offers to save it (its `actions`).
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

fn share_link(kind: AssessmentKind, answers: &Answers) -> String {
    let origin = window().location().origin().unwrap_or_default();
    format!("{origin}/result#{}", encode_share(kind, answers))
}

/// A result: the score and stage, where to invest first, the warnings, the
/// layer and dimension charts (as lists on a narrow screen), the actions and
/// the share link. What depends on the app around it (saving, an earlier
/// result) comes in through `actions` and `previous`.
#[component]
pub fn ResultView(
    /// The quick quiz or the full assessment.
    kind: AssessmentKind,
    /// The answers the result is of.
    answers: Answers,
    /// Whose result it is, which decides what it offers.
    mode: ResultMode,
    /// "Retake" / "Take it yourself".
    on_restart: Callback<()>,
    /// The app's own actions (saving the result), first in the actions' row.
    #[prop(default = None)]
    actions: Option<ViewFn>,
    /// An earlier result's dimension scores, drawn beside this one's.
    #[prop(default = None)]
    previous: Option<DimensionScores>,
) -> impl IntoView {
    let result = score(kind, &answers);
    let link = share_link(kind, &answers);
    let copied = RwSignal::new(None::<&'static str>);

    let dims = result.dimension_scores();
    let previous_dims =
        previous.filter(|_| mode != ResultMode::Shared && mode != ResultMode::Embed);
    let radar_svg = radar(
        "Scores of the eight dimensions (0 to 100)",
        &dims,
        previous_dims.as_deref(),
        "This result",
        "Your previous saved result",
    );
    let bands = layer_bands(&result);
    let layers_svg = layers("Where you stand in the hierarchy", &bands);
    let narrow_dims: Vec<(String, f64, Option<f64>)> = dims
        .iter()
        .map(|(name, s)| {
            let before = previous_dims
                .as_ref()
                .and_then(|p| p.iter().find(|(n, _)| n == name).map(|(_, v)| *v));
            (name.clone(), *s, before)
        })
        .collect();

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
                    <NarrowLayers bands=bands/>
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
                {actions.as_ref().map(ViewFn::run)}
                {(mode == ResultMode::Saved).then(|| view! { <p class="muted">"Saved with your model as you answered."</p> })}
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
