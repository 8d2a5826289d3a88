//! The team picture of a check-up, as the facilitator puts it on the
//! projector: the agenda (where people disagree, most divided first), a
//! dot per person on each dimension with the mean, the team's placement
//! and levers, a response far from the others, and every question's
//! answers. Every number comes from `checkup::team`.

use leptos::prelude::*;

use crate::charts::{spread, SpreadRow};
use crate::model::checkup::link::Response;
use crate::model::checkup::team::{Team, DIVIDED_RANGE, DIVIDED_SD, RELIABLE_FROM};
use crate::model::layers::Layer;
use crate::model::quiz::questions;
use crate::model::AssessmentKind;
use crate::ui::fold::Fold;
use crate::ui::progress::ChartFigure;

/// How a response is called: its name when the check-up asks for names,
/// else its number in the order it came.
pub fn who(responses: &[Response], i: usize) -> String {
    responses
        .get(i)
        .and_then(|r| r.name.clone())
        .unwrap_or_else(|| format!("Response {}", i + 1))
}

/// A number as the picture shows it: one decimal, none when it is whole
/// ("46.7", "100"), as the chart writes it.
fn one(v: f64) -> String {
    let text = format!("{v:.1}");
    text.strip_suffix(".0").map_or(text.clone(), str::to_string)
}

/// The picture of `team`, whose responses are `responses`.
#[component]
pub fn TeamPicture(
    kind: AssessmentKind,
    team: Team,
    responses: Vec<Response>,
    ask_names: bool,
) -> impl IntoView {
    if team.responses == 0 {
        return view! {
            <div class="empty-state" data-testid="team-empty">
                <h2>"No answers yet"</h2>
                <p>"As people send their links back, paste them above: the team's picture builds up here, one response at a time."</p>
            </div>
        }
        .into_any();
    }
    let reliable = team.reliable();
    let n = team.responses;
    let rows: Vec<SpreadRow> = team
        .dimensions
        .iter()
        .map(|p| {
            let scores = p
                .people
                .iter()
                .zip(&p.scores)
                .map(|(&i, &s)| (who(&responses, i), s))
                .collect();
            SpreadRow {
                label: p.dimension.label().to_string(),
                scores,
                mean: p.spread.map(|s| s.mean),
                sd: p.spread.map(|s| s.sd),
                divided: p.spread.is_some_and(|s| s.divided()),
            }
        })
        .collect();
    let chart = spread("The team's scores on each dimension (0 to 100)", &rows);
    let table_rows: Vec<Vec<String>> = team
        .dimensions
        .iter()
        .map(|p| match p.spread {
            Some(s) => vec![
                p.dimension.label().to_string(),
                s.n.to_string(),
                one(s.mean),
                one(s.min),
                one(s.max),
                one(s.sd),
                if s.divided() { "Yes" } else { "No" }.to_string(),
            ],
            None => vec![p.dimension.label().to_string(), "0".into()],
        })
        .collect();
    let header = [
        "Dimension",
        "People",
        "Mean",
        "Lowest",
        "Highest",
        "Deviation",
        "People disagree",
    ]
    .map(String::from)
    .to_vec();
    let agenda: Vec<(String, String)> = team
        .agenda
        .iter()
        .filter_map(|d| team.dimensions.iter().find(|p| p.dimension == *d))
        .filter_map(|p| {
            let s = p.spread?;
            Some((
                p.dimension.label().to_string(),
                format!(
                    "answers from {} to {}, mean {}, deviation {}.",
                    one(s.min),
                    one(s.max),
                    one(s.mean),
                    one(s.sd)
                ),
            ))
        })
        .collect();
    let result = team.result.clone();
    let placements: Vec<(Layer, usize)> =
        Layer::ALL.into_iter().zip(team.placements).rev().collect();
    let apart = match (team.apart.len(), ask_names) {
        (0, _) => None,
        (_, true) => Some(format!(
            "{} stand far from the others', who agree among themselves: worth asking what they see that the rest do not.",
            team.apart.iter().map(|&i| format!("{}'s answers", who(&responses, i))).collect::<Vec<_>>().join(" and "),
        )),
        (1, false) => Some("One response stands far from the others, who agree among themselves: worth asking, without naming anyone, what someone sees that the rest do not.".to_string()),
        (k, false) => Some(format!("{k} responses stand far from the others, who agree among themselves: worth asking, without naming anyone, what they see that the rest do not.")),
    };
    view! {
        <div class="team-picture" data-testid="team-picture">
            {(!reliable).then(|| view! {
                <p class="notice warning" role="status" data-testid="not-reliable">
                    {format!("{n} {} so far: the picture is not yet reliable. It is worth discussing from {RELIABLE_FROM} responses.", if n == 1 { "response" } else { "responses" })}
                </p>
            })}
            <section aria-labelledby="agenda-heading" class="team-agenda">
                <h2 id="agenda-heading">"Where people disagree"</h2>
                {if agenda.is_empty() {
                    view! { <p data-testid="agenda-empty">"Nowhere much: on every dimension the answers are close. Start from the team's levers below."</p> }.into_any()
                } else {
                    view! {
                        <p class="muted">{format!("Most divided first: the discussion's agenda. A dimension is divided when its deviation is over {DIVIDED_SD:.0} points or its answers span {DIVIDED_RANGE:.0} points or more of the 100.")}</p>
                        <ol class="agenda" data-testid="agenda">
                            {agenda.into_iter().map(|(name, text)| view! { <li><strong>{name}</strong>": " {text}</li> }).collect_view()}
                        </ol>
                    }.into_any()
                }}
                {apart.map(|text| view! { <p class="apart" data-testid="apart">{text}</p> })}
            </section>
            <ChartFigure svg=chart slug="team" table_header=header table_rows=table_rows/>
            <section aria-labelledby="team-place-heading" class="team-place">
                <h2 id="team-place-heading">"Where the team stands"</h2>
                <p data-testid="team-placement">
                    {format!("On the team's means: {:.0} out of 100, stage {} of 4 ({}); the team operates at the {} layer.", result.overall, result.stage.number(), result.stage.name(), result.placement.name())}
                </p>
                <h3>"Each person's placement"</h3>
                <ul class="placements" data-testid="placements">
                    {placements.into_iter().map(|(layer, k)| view! {
                        <li><span>{layer.name()}</span>": " <strong>{k}</strong>{if k == 1 { " person" } else { " people" }}</li>
                    }).collect_view()}
                </ul>
                <h3>"Where to invest first, as a team"</h3>
                <ol class="levers compact" data-testid="team-levers">
                    {result.levers.iter().map(|l| view! { <li><strong>{l.title.clone()}</strong>" " {l.diagnosis.clone()}</li> }).collect_view()}
                </ol>
                {(!result.warnings.is_empty()).then(|| view! {
                    <ul class="warnings">
                        {result.warnings.iter().map(|w| view! { <li><span aria-hidden="true">"⚠ "</span><strong>{w.title.clone()}</strong>": " {w.text.clone()}</li> }).collect_view()}
                    </ul>
                })}
            </section>
            <Questions kind=kind team=team/>
        </div>
    }
    .into_any()
}

/// Every question with how many chose each option, in the quiz's order or
/// the most divided first.
#[component]
fn Questions(kind: AssessmentKind, team: Team) -> impl IntoView {
    let by_spread = RwSignal::new(false);
    let bank = questions(kind);
    let questions = StoredValue::new(team.questions);
    let n = questions.with_value(Vec::len);
    // Built when opened: 40 questions of four answers each are some 600
    // nodes, most of the picture's, and the page drew them again with each
    // response pasted.
    view! {
        <Fold class="team-questions no-print" testid="questions-fold"
            summary=move || format!("Question by question: how many chose each answer ({n} questions)")>
            <div class="toolbar" role="group" aria-label="Order of the questions">
                <button type="button" aria-pressed=move || (!by_spread.get()).to_string() on:click=move |_| by_spread.set(false)>"In the quiz's order"</button>
                <button type="button" data-testid="sort-divided" aria-pressed=move || by_spread.get().to_string() on:click=move |_| by_spread.set(true)>"Most divided first"</button>
            </div>
            <div class="table-scroll" tabindex="0" role="region" aria-label="Answers to each question">
                <table class="data-table team-questions-table" data-testid="team-questions">
                    <thead><tr><th scope="col">"Question"</th><th scope="col">"Answers"</th><th scope="col">"Deviation"</th></tr></thead>
                    <tbody>
                        {move || {
                            let mut list = questions.get_value();
                            if by_spread.get() {
                                crate::model::sort::sort_by(&mut list, |a, b| {
                                    let sd = |q: &crate::model::checkup::team::QuestionPicture| q.spread.map_or(0.0, |s| s.sd);
                                    sd(b).total_cmp(&sd(a))
                                });
                            }
                            list.into_iter().map(|q| {
                                let options = bank.iter().find(|b| b.id == q.id).map(|b| b.options).unwrap_or(&[]);
                                view! {
                                    <tr data-question=q.id>
                                        <th scope="row">{q.prompt}</th>
                                        <td><ul class="counts">
                                            {options.iter().zip(&q.counts).map(|(text, k)| view! {
                                                <li><strong>{*k}</strong>" · " {*text}</li>
                                            }).collect_view()}
                                        </ul></td>
                                        <td>{q.spread.map(|s| format!("{:.2}", s.sd)).unwrap_or_else(|| "–".into())}</td>
                                    </tr>
                                }
                            }).collect_view()
                        }}
                    </tbody>
                </table>
            </div>
        </Fold>
    }
}
