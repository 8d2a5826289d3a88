//! The hand-over from a page the build prerendered (`quiz.html`, see
//! `xtask/src/prerender.rs`) to the app. That page shows the quick quiz's
//! first screen before the wasm has arrived, and its answers already work:
//! they are plain radio buttons. When the app starts it removes that
//! screen, in the same task as it draws its own (so no frame shows
//! neither), and the quiz picks up the answers chosen meanwhile.

use std::cell::RefCell;

use leptos::prelude::document;
use wasm_bindgen::JsCast;
use web_sys::HtmlInputElement;

thread_local! {
    /// Chosen on the prerendered screen: (question id, option index).
    static CARRIED: RefCell<Vec<(String, u8)>> = const { RefCell::new(Vec::new()) };
}

/// Removes the prerendered screen, if the page has one, and keeps the
/// answers chosen on it for [`take_answers`].
pub fn take_over() {
    let Some(screen) = document().get_element_by_id("prerendered") else {
        return;
    };
    let mut chosen = Vec::new();
    if let Ok(checked) = screen.query_selector_all("input[type=radio]:checked") {
        for i in 0..checked.length() {
            let Some(input) = checked
                .item(i)
                .and_then(|n| n.dyn_into::<HtmlInputElement>().ok())
            else {
                continue;
            };
            if let Ok(option) = input.value().parse::<u8>() {
                chosen.push((input.name(), option));
            }
        }
    }
    screen.remove();
    CARRIED.with(|c| *c.borrow_mut() = chosen);
}

/// The answers chosen on the prerendered screen, once: the quick quiz
/// that takes over from it asks for them when it starts.
pub fn take_answers() -> Vec<(String, u8)> {
    CARRIED.with(|c| std::mem::take(&mut *c.borrow_mut()))
}
