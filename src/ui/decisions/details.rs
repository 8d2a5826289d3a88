//! Everything about one decision beyond the letters: category, authority
//! and its condition, approvals, escalations, veto, what to document and the
//! elements it belongs to. Each change is one undoable step.

use leptos::prelude::*;

use crate::model::limits::{MAX_NAME_CHARS, MAX_TEXT_CHARS};
use crate::model::{
    Approval, AuthorityKind, Decision, Escalation, Id, Op, Reversibility, Significance, Threshold,
    Veto,
};
use crate::ui::state::{use_app, AppState, NoticeKind};

/// Applies `f` to a copy of the decision and stores it as one step.
fn update(state: AppState, id: &str, f: impl FnOnce(&mut Decision)) {
    let Some(mut d) = state.model.with_untracked(|m| m.decision(id).cloned()) else {
        return;
    };
    f(&mut d);
    if let Err(e) = state.apply(Op::SetDecision(Box::new(d))) {
        state.notify(NoticeKind::Error, e.to_string());
    }
}

#[component]
pub fn DetailsPanel(id: Id, on_close: Callback<()>) -> impl IntoView {
    let state = use_app();
    let id = StoredValue::new(id);
    let decision = Memo::new(move |_| state.model.with(|m| m.decision(&id.get_value()).cloned()));
    let get = move |f: fn(&Decision) -> String| {
        move || decision.with(|d| d.as_ref().map(f).unwrap_or_default())
    };
    let roles = crate::ui::governance::role_names(state);
    let role_options = move |selected: Signal<String>| {
        view! {
            <option value="" selected=move || selected.get().is_empty()>"(choose a role)"</option>
            {move || roles.get().into_iter().map(|(rid, name)| {
                let rid2 = rid.clone();
                view! { <option value=rid selected=move || selected.get() == rid2>{name}</option> }
            }).collect_view()}
        }
    };
    let set = move |f: Box<dyn FnOnce(&mut Decision)>| update(state, &id.get_value(), f);
    let name = get(|d| d.name.clone());
    let count = move |f: fn(&Decision) -> usize| move || decision.with(|d| d.as_ref().map_or(0, f));

    view! {
        <aside class="details-panel" aria-labelledby="details-heading" data-testid="details-panel">
            <div class="details-head">
                <h2 id="details-heading">{name}</h2>
                <button type="button" class="icon-button" aria-label="Close the details" on:click=move |_| on_close.run(())>"✕"</button>
            </div>
            <label class="field">"Description"
                <textarea maxlength=MAX_TEXT_CHARS prop:value=get(|d| d.description.clone())
                    on:change=move |ev| { let v = event_target_value(&ev); set(Box::new(move |d| d.description = v)) }></textarea>
            </label>
            <div class="field-row">
                <label class="field">"Category"
                    <select data-testid="significance" on:change=move |ev| {
                        let s = if event_target_value(&ev) == "significant" { Significance::Significant } else { Significance::Routine };
                        set(Box::new(move |d| d.significance = s))
                    }>
                        <option value="routine" selected=move || decision.with(|d| d.as_ref().is_some_and(|d| d.significance == Significance::Routine))>"Routine"</option>
                        <option value="significant" selected=move || decision.with(|d| d.as_ref().is_some_and(|d| d.significance == Significance::Significant))>"Significant"</option>
                    </select>
                </label>
                <label class="field">"Can it be undone?"
                    <select data-testid="reversibility" on:change=move |ev| {
                        let r = if event_target_value(&ev) == "irreversible" { Reversibility::Irreversible } else { Reversibility::Reversible };
                        set(Box::new(move |d| d.reversibility = r))
                    }>
                        <option value="reversible" selected=move || decision.with(|d| d.as_ref().is_some_and(|d| d.reversibility == Reversibility::Reversible))>"Reversible"</option>
                        <option value="irreversible" selected=move || decision.with(|d| d.as_ref().is_some_and(|d| d.reversibility == Reversibility::Irreversible))>"Irreversible"</option>
                    </select>
                </label>
            </div>
            <fieldset class="group">
                <legend>"Authority"</legend>
                <label class="field">"Who decides"
                    <select data-testid="authority-kind" on:change=move |ev| {
                        let k = match event_target_value(&ev).as_str() {
                            "collective" => AuthorityKind::Collective,
                            "conditional" => AuthorityKind::Conditional,
                            _ => AuthorityKind::Individual,
                        };
                        set(Box::new(move |d| d.authority.kind = k))
                    }>
                        {[(AuthorityKind::Individual, "individual", "One role alone"), (AuthorityKind::Collective, "collective", "Together with others"), (AuthorityKind::Conditional, "conditional", "Depends on a condition (amount, risk...)")]
                            .into_iter().map(|(k, key, label)| view! {
                                <option value=key selected=move || decision.with(|d| d.as_ref().is_some_and(|d| d.authority.kind == k))>{label}</option>
                            }).collect_view()}
                    </select>
                </label>
                <label class="field">"Condition in words"
                    <input type="text" data-testid="condition" maxlength=MAX_TEXT_CHARS placeholder="e.g. up to the standard refund limit"
                        prop:value=get(|d| d.authority.condition.clone())
                        on:change=move |ev| { let v = event_target_value(&ev); set(Box::new(move |d| d.authority.condition = v)) }/>
                </label>
                <div class="field-row">
                    <label class="field">"Threshold amount"
                        <input type="number" min="0" step="any" data-testid="threshold-amount"
                            prop:value=get(|d| d.authority.threshold.as_ref().map(|t| t.amount.to_string()).unwrap_or_default())
                            on:change=move |ev| {
                                let v = event_target_value(&ev);
                                set(Box::new(move |d| {
                                    let unit = d.authority.threshold.as_ref().map(|t| t.unit.clone()).unwrap_or_default();
                                    d.authority.threshold = v.trim().parse::<f64>().ok().filter(|a| a.is_finite()).map(|amount| Threshold { amount, unit });
                                }))
                            }/>
                    </label>
                    <label class="field">"Unit"
                        <input type="text" data-testid="threshold-unit" maxlength=MAX_NAME_CHARS placeholder="EUR"
                            prop:value=get(|d| d.authority.threshold.as_ref().map(|t| t.unit.clone()).unwrap_or_default())
                            on:change=move |ev| {
                                let v = event_target_value(&ev);
                                set(Box::new(move |d| if let Some(t) = d.authority.threshold.as_mut() { t.unit = v.trim().to_string() }))
                            }/>
                    </label>
                </div>
            </fieldset>

            <fieldset class="group" data-testid="approvals">
                <legend>"Approval required"</legend>
                <For each=move || 0..count(|d| d.approvals.len())() key=|i| *i let:i>
                    <div class="list-row">
                        <select aria-label=format!("Approval {} role", i + 1) on:change=move |ev| { let v = event_target_value(&ev); set(Box::new(move |d| if let Some(a) = d.approvals.get_mut(i) { a.role = v })) }>
                            {role_options(Signal::derive(move || decision.with(|d| d.as_ref().and_then(|d| d.approvals.get(i)).map(|a| a.role.clone()).unwrap_or_default())))}
                        </select>
                        <input type="text" maxlength=MAX_TEXT_CHARS aria-label=format!("Approval {} needed when", i + 1) placeholder="when (e.g. over 2,000 EUR)"
                            prop:value=move || decision.with(|d| d.as_ref().and_then(|d| d.approvals.get(i)).map(|a| a.when.clone()).unwrap_or_default())
                            on:change=move |ev| { let v = event_target_value(&ev); set(Box::new(move |d| if let Some(a) = d.approvals.get_mut(i) { a.when = v })) }/>
                        <button type="button" class="icon-button" aria-label=format!("Remove approval {}", i + 1)
                            on:click=move |_| set(Box::new(move |d| { if i < d.approvals.len() { d.approvals.remove(i); } }))>"✕"</button>
                    </div>
                </For>
                <button type="button" disabled=move || roles.with(Vec::is_empty) on:click=move |_| {
                    let role = roles.with_untracked(|r| r.first().map(|(id, _)| id.clone()));
                    if let Some(role) = role { set(Box::new(move |d| d.approvals.push(Approval { role, when: String::new() }))) }
                }>"+ Approval"</button>
            </fieldset>

            <fieldset class="group" data-testid="escalations">
                <legend>"Escalation"</legend>
                <For each=move || 0..count(|d| d.escalations.len())() key=|i| *i let:i>
                    <div class="list-row">
                        <input type="text" maxlength=MAX_TEXT_CHARS aria-label=format!("Escalation {} condition", i + 1) placeholder="when (e.g. the customer threatens legal action)"
                            prop:value=move || decision.with(|d| d.as_ref().and_then(|d| d.escalations.get(i)).map(|e| e.condition.clone()).unwrap_or_default())
                            on:change=move |ev| { let v = event_target_value(&ev); set(Box::new(move |d| if let Some(e) = d.escalations.get_mut(i) { e.condition = v })) }/>
                        <select aria-label=format!("Escalation {} goes to", i + 1) on:change=move |ev| { let v = event_target_value(&ev); set(Box::new(move |d| if let Some(e) = d.escalations.get_mut(i) { e.role = v })) }>
                            {role_options(Signal::derive(move || decision.with(|d| d.as_ref().and_then(|d| d.escalations.get(i)).map(|e| e.role.clone()).unwrap_or_default())))}
                        </select>
                        <button type="button" class="icon-button" aria-label=format!("Remove escalation {}", i + 1)
                            on:click=move |_| set(Box::new(move |d| { if i < d.escalations.len() { d.escalations.remove(i); } }))>"✕"</button>
                    </div>
                </For>
                <button type="button" disabled=move || roles.with(Vec::is_empty) on:click=move |_| {
                    let role = roles.with_untracked(|r| r.first().map(|(id, _)| id.clone()));
                    if let Some(role) = role { set(Box::new(move |d| d.escalations.push(Escalation { condition: String::new(), role }))) }
                }>"+ Escalation"</button>
            </fieldset>

            <fieldset class="group" data-testid="vetoes">
                <legend>"Veto or override"</legend>
                <For each=move || 0..count(|d| d.vetoes.len())() key=|i| *i let:i>
                    <div class="list-row">
                        <select aria-label=format!("Veto {} role", i + 1) on:change=move |ev| { let v = event_target_value(&ev); set(Box::new(move |d| if let Some(x) = d.vetoes.get_mut(i) { x.role = v })) }>
                            {role_options(Signal::derive(move || decision.with(|d| d.as_ref().and_then(|d| d.vetoes.get(i)).map(|x| x.role.clone()).unwrap_or_default())))}
                        </select>
                        <input type="text" maxlength=MAX_TEXT_CHARS aria-label=format!("Veto {} circumstances", i + 1) placeholder="when"
                            prop:value=move || decision.with(|d| d.as_ref().and_then(|d| d.vetoes.get(i)).map(|x| x.circumstances.clone()).unwrap_or_default())
                            on:change=move |ev| { let v = event_target_value(&ev); set(Box::new(move |d| if let Some(x) = d.vetoes.get_mut(i) { x.circumstances = v })) }/>
                        <input type="text" maxlength=MAX_TEXT_CHARS aria-label=format!("Veto {} must record", i + 1) placeholder="what must be recorded"
                            prop:value=move || decision.with(|d| d.as_ref().and_then(|d| d.vetoes.get(i)).map(|x| x.record.clone()).unwrap_or_default())
                            on:change=move |ev| { let v = event_target_value(&ev); set(Box::new(move |d| if let Some(x) = d.vetoes.get_mut(i) { x.record = v })) }/>
                        <button type="button" class="icon-button" aria-label=format!("Remove veto {}", i + 1)
                            on:click=move |_| set(Box::new(move |d| { if i < d.vetoes.len() { d.vetoes.remove(i); } }))>"✕"</button>
                    </div>
                </For>
                <button type="button" disabled=move || roles.with(Vec::is_empty) on:click=move |_| {
                    let role = roles.with_untracked(|r| r.first().map(|(id, _)| id.clone()));
                    if let Some(role) = role { set(Box::new(move |d| d.vetoes.push(Veto { role, circumstances: String::new(), record: String::new() }))) }
                }>"+ Veto"</button>
            </fieldset>

            <label class="field">"What must be documented"
                <textarea maxlength=MAX_TEXT_CHARS data-testid="documentation" prop:value=get(|d| d.documentation.clone())
                    on:change=move |ev| { let v = event_target_value(&ev); set(Box::new(move |d| d.documentation = v)) }></textarea>
            </label>
            <fieldset class="group">
                <legend>"Belongs to these elements of the ownership matrix"</legend>
                {move || {
                    let elements = state.model.with(|m| m.elements.iter().map(|e| (e.id.clone(), e.name.clone())).collect::<Vec<_>>());
                    if elements.is_empty() {
                        return view! { <p class="muted">"The ownership matrix has no elements yet."</p> }.into_any();
                    }
                    view! {
                        <div class="checklist">
                            {elements.into_iter().map(|(eid, ename)| {
                                let (e1, e2) = (eid.clone(), eid.clone());
                                view! {
                                    <label class="check">
                                        <input type="checkbox"
                                            prop:checked=move || decision.with(|d| d.as_ref().is_some_and(|d| d.elements.contains(&e1)))
                                            on:change=move |ev| {
                                                let on = event_target_checked(&ev);
                                                let e = e2.clone();
                                                set(Box::new(move |d| { d.elements.retain(|x| x != &e); if on { d.elements.push(e) } }))
                                            }/>
                                        " " {ename}
                                    </label>
                                }
                            }).collect_view()}
                        </div>
                    }.into_any()
                }}
            </fieldset>
        </aside>
    }
}
