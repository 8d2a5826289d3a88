//! The hand-over from a page the build prerendered (`quiz.html`, see
//! `xtask/src/prerender.rs`) to the app. That page shows the quick quiz's
//! first screen before the wasm has arrived, and its answers already work:
//! they are plain radio buttons. When the app starts it removes that
//! screen, in the same task as it draws its own (so no frame shows
//! neither), and the quiz picks up the answers chosen meanwhile, and goes
//! on to the next question if Next was pressed (the page's first script,
//! `public/boot.js`, notes it on the static screen as `data-next`).

use std::cell::RefCell;

use leptos::prelude::document;
use wasm_bindgen::JsCast;
use web_sys::HtmlInputElement;

/// What the visitor did on the prerendered screen.
#[derive(Default)]
pub struct Carried {
    /// (question id, option index)
    pub answers: Vec<(String, u8)>,
    /// Next was pressed.
    pub next: bool,
}

thread_local! {
    static CARRIED: RefCell<Carried> = RefCell::new(Carried::default());
}

/// Removes the prerendered screen, if the page has one, and keeps what
/// was done on it for [`take_carried`].
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
    let next = screen.has_attribute("data-next");
    screen.remove();
    CARRIED.with(|c| {
        *c.borrow_mut() = Carried {
            answers: chosen,
            next,
        }
    });
}

/// What was done on the prerendered screen, once: the quick quiz that
/// takes over from it asks for it when it starts.
pub fn take_carried() -> Carried {
    CARRIED.with(|c| std::mem::take(&mut *c.borrow_mut()))
}
