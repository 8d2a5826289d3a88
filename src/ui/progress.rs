//! Progress: where the organization stands in the hierarchy, and how its
//! maturity and governance metrics move over time. Every chart has a title,
//! a table with the same numbers, and SVG and PNG downloads.

use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::A;

use crate::charts::{layer_bands, layers, radar, timeline, timeline_with_band, Band, Series};
use crate::model::governance::METRICS;
use crate::model::layers::Layer;
use crate::model::quiz::{is_complete, score, Dimension, QuizResult};
use crate::model::sort;
use crate::model::Assessment;
use crate::storage::browser::{download, download_url, local_day, svg_to_png};
use crate::ui::state::{use_app, NoticeKind};

/// A chart with its downloads and its table alternative.
#[component]
pub(crate) fn ChartFigure(
    svg: String,
    /// Used for the file names.
    slug: &'static str,
    table_header: Vec<String>,
    table_rows: Vec<Vec<String>>,
    /// The drawing is wider than a narrow screen and scrolls sideways in
    /// its box (the swimlane): the box then takes the focus, so a keyboard
    /// can scroll it too.
    #[prop(optional)]
    scrolls: bool,
) -> impl IntoView {
    let state = use_app();
    let table_shown = RwSignal::new(false);
    let table_rows = StoredValue::new(table_rows);
    let svg_for_download = svg.clone();
    let svg_for_png = svg.clone();
    let save_svg = move |_| {
        if let Err(e) = download(
            &format!("opmodel-{slug}.svg"),
            &svg_for_download,
            "image/svg+xml",
        ) {
            state.notify(
                NoticeKind::Error,
                format!("The chart could not be downloaded: {e}."),
            );
        }
    };
    let save_png = move |_| {
        let svg = svg_for_png.clone();
        spawn_local(async move {
            match svg_to_png(&svg).await {
                Ok(url) => {
                    let _ = download_url(&format!("opmodel-{slug}.png"), &url);
                }
                Err(e) => state.notify(
                    NoticeKind::Error,
                    format!("The PNG could not be made: {e}."),
                ),
            }
        });
    };
    view! {
        <figure class="chart" data-testid=format!("chart-{slug}")>
            <div class="chart-svg" inner_html=svg
                tabindex=scrolls.then_some("0") role=scrolls.then_some("region")
                aria-label=scrolls.then_some("The drawing (scrolls sideways)")></div>
            <div class="chart-actions no-print">
                <button type="button" data-testid=format!("download-svg-{slug}") on:click=save_svg>"Download SVG"</button>
                <button type="button" data-testid=format!("download-png-{slug}") on:click=save_png>"Download PNG"</button>
            </div>
            // The table is built when first opened: a map of 300 boxes made
            // 1,500 cells on every redraw of the drawing, mostly unseen.
            <details on:toggle=move |ev| {
                use wasm_bindgen::JsCast;
                let open = ev.target().and_then(|t| t.dyn_into::<web_sys::HtmlDetailsElement>().ok()).is_some_and(|d| d.open());
                if open && !table_shown.get_untracked() { table_shown.set(true) }
            }>
                <summary>"The numbers as a table"</summary>
                // Focusable: on a narrow screen the table scrolls in its box.
                <div class="table-scroll" tabindex="0" role="region" aria-label="The numbers as a table">
                    <table class="data-table" data-testid=format!("table-{slug}")>
                        <thead><tr>{table_header.into_iter().map(|h| view! { <th scope="col">{h}</th> }).collect_view()}</tr></thead>
                        <tbody>
                            {move || table_shown.get().then(|| table_rows.with_value(|rows| rows.iter().map(|row| {
                                let mut cells = row.iter().cloned();
                                let first = cells.next().unwrap_or_default();
                                view! { <tr><th scope="row">{first}</th>{cells.map(|c| view! { <td>{c}</td> }).collect_view()}</tr> }
                            }).collect_view()))}
                        </tbody>
                    </table>
                </div>
            </details>
        </figure>
    }
}

fn complete(assessments: &[Assessment]) -> Vec<&Assessment> {
    assessments
        .iter()
        .filter(|a| is_complete(a.kind, &a.answers))
        .collect()
}

/// Table rows (date, value per series) from series sharing dates or not.
fn series_table(series: &[Series]) -> (Vec<String>, Vec<Vec<String>>) {
    let mut dates: Vec<chrono::NaiveDate> = series
        .iter()
        .flat_map(|s| s.points.iter().map(|p| p.0))
        .collect();
    sort::sort_by(&mut dates, Ord::cmp);
    dates.dedup();
    let mut header = vec!["Date".to_string()];
    header.extend(series.iter().map(|s| s.name.clone()));
    let rows = dates
        .into_iter()
        .map(|d| {
            let mut row = vec![d.to_string()];
            row.extend(series.iter().map(|s| {
                s.points
                    .iter()
                    .rev()
                    .find(|p| p.0 == d)
                    .map_or("–".to_string(), |p| format!("{:.0}", p.1))
            }));
            row
        })
        .collect();
    (header, rows)
}

#[component]
pub fn Progress() -> impl IntoView {
    let state = use_app();
    let results = Memo::new(move |_| {
        state.model.with(|m| {
            complete(&m.assessments)
                .into_iter()
                .map(|a| (local_day(a.taken_at), score(a.kind, &a.answers)))
                .collect::<Vec<_>>()
        })
    });
    let snapshots = Memo::new(move |_| state.model.with(|m| m.snapshots.clone()));

    view! {
        <section class="page progress">
            <h1>"Progress"</h1>
            <p class="lead">"Where you stand, and how it moves: each saved quiz result and each recorded state of governance is a point here."</p>
            {move || {
                let list = results.get();
                match list.last().cloned() {
                    None => view! {
                        <div class="empty-state" data-testid="progress-empty-maturity">
                            <h2>"No saved result yet"</h2>
                            <p>"Take the quiz and choose \u{201c}Save to my model\u{201d}: your position in the hierarchy and your scores will show here, and each later result adds a point."</p>
                            <A href="/quiz" attr:class="button primary">"Take the quiz"</A>
                        </div>
                    }.into_any(),
                    Some((_, latest)) => {
                        let previous = list.len().checked_sub(2).map(|i| list[i].1.clone());
                        view! { <Maturity latest=latest previous=previous history=list/> }.into_any()
                    }
                }
            }}
            <TeamOverTime/>
            <h2>"Governance over time"</h2>
            {move || {
                let snaps = snapshots.get();
                if snaps.is_empty() {
                    return view! {
                        <div class="empty-state" data-testid="progress-empty-governance">
                            <p>"No state recorded yet. Record today's state on the Governance page (it is also recorded whenever you save a quiz result) and come back after your next reviews to see the trend."</p>
                            <A href="/governance" attr:class="button">"Go to Governance"</A>
                        </div>
                    }.into_any();
                }
                let series: Vec<Series> = METRICS.iter().filter_map(|info| {
                    let points: Vec<_> = snaps.iter().filter_map(|s| s.metrics.get(info.key).map(|v| (local_day(s.taken_at), *v))).collect();
                    (!points.is_empty()).then(|| Series { name: info.label.to_string(), points })
                }).collect();
                let svg = timeline("Governance metrics by date", "Percent (0 to 100)", &series);
                let (header, rows) = series_table(&series);
                view! { <ChartFigure svg=svg slug="governance" table_header=header table_rows=rows/> }.into_any()
            }}
            <p class="muted">{METRICS.iter().map(|m| format!("{}: {}", m.label, m.description)).collect::<Vec<_>>().join(" · ")}</p>
        </section>
    }
}

#[component]
fn Maturity(
    latest: QuizResult,
    previous: Option<QuizResult>,
    history: Vec<(chrono::NaiveDate, QuizResult)>,
) -> impl IntoView {
    let layer_svg = layers(
        "Where you stand in the hierarchy (latest result)",
        &layer_bands(&latest),
    );
    let layer_rows: Vec<Vec<String>> = layer_bands(&latest)
        .into_iter()
        .rev()
        .map(|b| {
            vec![
                b.name,
                format!("{:.0}", b.score),
                b.state,
                if b.current {
                    "You are here".into()
                } else {
                    String::new()
                },
            ]
        })
        .collect();
    let first_weak = latest.placement.next();
    let weak_text = match (first_weak, latest.placement.failure_mode()) {
        (Some(weak), Some(mode)) => format!(
            "You operate at the {} layer. The first layer not yet established is {}, so the risk now is {mode}: {}",
            latest.placement.name(), weak.name(), latest.placement.failure_explanation()
        ),
        _ => "Every layer is established: keep the reviews protected and the corrections flowing.".to_string(),
    };

    let mut series = vec![Series {
        name: "Overall".into(),
        points: history.iter().map(|(d, r)| (*d, r.overall)).collect(),
    }];
    series.extend(Dimension::ALL.into_iter().map(|dim| Series {
        name: dim.label().to_string(),
        points: history.iter().map(|(d, r)| (*d, r.score_of(dim))).collect(),
    }));
    let time_svg = timeline("Maturity scores by date", "Score (0 to 100)", &series);
    let (time_header, time_rows) = series_table(&series);

    let dims = |r: &QuizResult| {
        r.dimensions
            .iter()
            .map(|(d, s)| (d.label().to_string(), *s))
            .collect::<Vec<_>>()
    };
    let radar_svg = radar(
        "Dimensions: latest result against the one before",
        &dims(&latest),
        previous.as_ref().map(dims).as_deref(),
        "Latest",
        "Previous",
    );
    let radar_rows: Vec<Vec<String>> = latest
        .dimensions
        .iter()
        .map(|(d, s)| {
            vec![
                d.label().to_string(),
                format!("{s:.0}"),
                previous
                    .as_ref()
                    .map_or("–".into(), |p| format!("{:.0}", p.score_of(*d))),
            ]
        })
        .collect();
    let open = RwSignal::new(None::<Layer>);
    view! {
        <h2>"Where you stand"</h2>
        <p data-testid="first-weak">{weak_text}</p>
        <div class="charts-row">
            <ChartFigure svg=layer_svg slug="layers" table_header=vec!["Layer".into(), "Score".into(), "State".into(), "".into()] table_rows=layer_rows/>
            <div class="layer-explainer">
                <h3>"The four layers"</h3>
                <p class="muted">"Choose a layer to read what it is and how to recognise it."</p>
                {Layer::ALL.into_iter().rev().map(|layer| view! {
                    <div class="layer-item">
                        <button type="button" class="layer-button" aria-expanded=move || (open.get() == Some(layer)).to_string()
                            on:click=move |_| open.set(Some(layer))
                            on:focus=move |_| open.set(Some(layer))>
                            {format!("{}. {}", layer.number(), layer.name())}
                        </button>
                        <Show when=move || open.get() == Some(layer)>
                            <div class="layer-detail" data-testid="layer-detail">
                                <p>{layer.definition()}</p>
                                <p><strong>"Signs you are here:"</strong></p>
                                <ul>{layer.indicators().iter().map(|i| view! { <li>{*i}</li> }).collect_view()}</ul>
                                {layer.failure_mode().map(|m| view! { <p><strong>"Without the next layer: "</strong>{m}". "{layer.failure_explanation()}</p> })}
                            </div>
                        </Show>
                    </div>
                }).collect_view()}
            </div>
        </div>
        <h2>"Maturity over time"</h2>
        <ChartFigure svg=time_svg slug="maturity" table_header=time_header table_rows=time_rows/>
        <h2>"Latest result against the previous one"</h2>
        <ChartFigure svg=radar_svg slug="radar" table_header=vec!["Dimension".into(), "Latest".into(), "Previous".into()] table_rows=radar_rows/>
    }
}

/// The team check-ups saved in the model over time: the team's overall
/// score (the quiz's rules on everyone's means) as a line, and the band
/// from the lowest to the highest person's overall score on each date.
#[component]
fn TeamOverTime() -> impl IntoView {
    let state = use_app();
    let points = Memo::new(move |_| {
        state.model.with(|m| {
            m.assessments
                .iter()
                .filter_map(|a| {
                    let t = a.team.as_ref()?;
                    let people: Vec<f64> = t
                        .responses
                        .iter()
                        .map(|r| score(a.kind, &r.answers).overall)
                        .collect();
                    let lo = people.iter().copied().reduce(f64::min)?;
                    let hi = people.iter().copied().reduce(f64::max)?;
                    Some((
                        local_day(a.taken_at),
                        t.name.clone(),
                        people.len(),
                        a.overall,
                        lo,
                        hi,
                    ))
                })
                .collect::<Vec<_>>()
        })
    });
    move || {
        let list = points.get();
        if list.is_empty() {
            return ().into_any();
        }
        let series = [Series {
            name: "Team overall".into(),
            points: list.iter().map(|p| (p.0, p.3)).collect(),
        }];
        let band = Band {
            name: "the lowest and the highest person's overall score".into(),
            points: list.iter().map(|p| (p.0, p.4, p.5)).collect(),
        };
        let svg = timeline_with_band("Team check-ups by date", "Score (0 to 100)", &series, &band);
        let header = [
            "Date",
            "Check-up",
            "People",
            "Team overall",
            "Lowest person",
            "Highest person",
        ]
        .map(String::from)
        .to_vec();
        let rows = list
            .iter()
            .map(|(d, name, n, mean, lo, hi)| {
                vec![
                    d.to_string(),
                    name.clone(),
                    n.to_string(),
                    format!("{mean:.0}"),
                    format!("{lo:.0}"),
                    format!("{hi:.0}"),
                ]
            })
            .collect();
        view! {
            <h2>"Team check-ups over time"</h2>
            <p class="muted">"The line is the team's score on everyone's means; the shaded band runs from the lowest to the highest person's score. A narrowing band is a team coming to see the same organization. "<A href="/checkup">"Run a check-up"</A></p>
            <ChartFigure svg=svg slug="team-over-time" table_header=header table_rows=rows/>
        }
        .into_any()
    }
}
