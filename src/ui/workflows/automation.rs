//! Which work to automate first: the ranking of `model::workflow::automation`,
//! with its formula stated, as a table the team can export.

use leptos::prelude::*;

use crate::model::table::Table;
use crate::model::workflow::automation::{rank, Candidate, Ranking};
use crate::ui::state::use_app;

fn hours(c: &Candidate) -> String {
    c.hours_per_year
        .map_or_else(|| "not stated".into(), |h| format!("{h:.0}"))
}

/// The ranking as a table: ready ones first, in order, then the others.
pub fn candidates_table(r: &Ranking) -> Table {
    let header = [
        "Rank",
        "Workflow",
        "Hours a year",
        "Exceptions",
        "Leverage",
        "Ready",
        "Missing",
    ]
    .map(String::from)
    .to_vec();
    let row = |rank: String, c: &Candidate| {
        vec![
            rank,
            c.name.clone(),
            hours(c),
            c.exceptions.to_string(),
            c.leverage.map_or("", |l| l.label()).to_string(),
            if c.ready() { "yes" } else { "define it first" }.to_string(),
            c.missing
                .iter()
                .map(|m| m.text())
                .collect::<Vec<_>>()
                .join("; "),
        ]
    };
    let rows = r
        .ready
        .iter()
        .enumerate()
        .map(|(i, c)| row((i + 1).to_string(), c))
        .chain(r.define_first.iter().map(|c| row(String::new(), c)))
        .collect();
    Table { header, rows }
}

#[component]
pub fn Candidates() -> impl IntoView {
    let state = use_app();
    let ranking = Memo::new(move |_| state.model.with(rank));
    let export = move |markdown: bool| {
        let table = ranking.with_untracked(candidates_table);
        state.export_table(&table, "automation", markdown);
    };
    view! {
        <section class="automation" data-testid="automation" aria-labelledby="automation-title">
            <h2 id="automation-title">"Which work to automate first"</h2>
            <p class="muted">"Hours a year = runs a year \u{d7} minutes per run \u{f7} 60, counting 250 working days, 50 weeks or 12 months a year. A workflow is ready only when it is standardized: its stages are written down with exit criteria on each, exactly one role is accountable for it, it has no open problem, and a review looks at it. Automating work that is not standardized automates its variance, so the others are listed to define first."</p>
            {move || ranking.with(|r| r.ready.is_empty() && r.define_first.is_empty()).then(|| view! {
                <p class="empty">"No workflow elements yet: the ranking lists the elements of kind Workflow."</p>
            })}
            {move || ranking.with(|r| (!r.ready.is_empty()).then(|| view! {
                <h3>"Ready, by hours returned"</h3>
                <ol data-testid="automation-ready">
                    {r.ready.iter().map(|c| view! {
                        <li>
                            <strong>{c.name.clone()}</strong>": "{hours(c)}" hours a year"
                            {(c.exceptions > 0).then(|| format!("; caution: {} exception{} to handle", c.exceptions, if c.exceptions == 1 { "" } else { "s" }))}
                            {c.leverage.map(|l| format!(" ({})", l.label()))}
                        </li>
                    }).collect_view()}
                </ol>
            }))}
            {move || ranking.with(|r| (!r.define_first.is_empty()).then(|| view! {
                <h3>"Define it first"</h3>
                <ul data-testid="automation-define-first">
                    {r.define_first.iter().map(|c| view! {
                        <li><strong>{c.name.clone()}</strong>": "{c.missing.iter().map(|m| m.text()).collect::<Vec<_>>().join("; ")}"."</li>
                    }).collect_view()}
                </ul>
            }))}
            <div class="toolbar">
                <button type="button" on:click=move |_| export(false)>"Export CSV"</button>
                <button type="button" on:click=move |_| export(true)>"Export Markdown"</button>
            </div>
        </section>
    }
}
