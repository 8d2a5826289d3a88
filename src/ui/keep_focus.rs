//! Keeping the focus on an element that a keyed list moves.
//!
//! A keyed list (`<For>`) puts a row in its new place by taking its element
//! out of the page and inserting it again, and the browser silently drops
//! the focus of an element taken out: it goes to the page itself. Renaming
//! a model on the Models page moves its row to the top (it is now the
//! newest), and Enter in its name field would leave the keyboard user at
//! the start of the page.

use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// Call just before `list` is updated. When the focus is inside it, and
/// the update moves the focused element, the focus goes back to that
/// element once the update has run: in a microtask, before anything is
/// painted or typed.
pub fn keep_focus_in(list: &web_sys::Element) {
    let Some(focused) = document().active_element() else {
        return;
    };
    if !list.contains(Some(&focused)) {
        return;
    }
    queue_microtask(move || {
        let lost = document().active_element().as_ref() != Some(&focused);
        // A row that was removed (its model deleted) stays unfocused.
        if lost && focused.is_connected() {
            if let Some(element) = focused.dyn_ref::<web_sys::HtmlElement>() {
                let _ = element.focus();
            }
        }
    });
}
