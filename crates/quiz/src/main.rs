#[cfg(target_arch = "wasm32")]
fn main() {
    use wasm_bindgen::{closure::Closure, JsCast};

    // No panic hook (console_error_panic_hook): its message formatting was
    // about 1 KB gzip of the quiz's budget (134.9 -> 134.0 KB, measured),
    // and with `panic = "abort"` a panic still shows as a wasm error.
    let start = || leptos::mount::mount_to_body(opmodel_quiz::QuizApp);
    // The prerendered page (quiz.html, embed.html) loads the app with an
    // async script, which may run before the parser has reached the end of
    // the page: the app then waits for the whole page, so that it finds the
    // screen it takes over from (and never draws beside it).
    let document = leptos::prelude::document();
    if document.ready_state() == "loading" {
        let start = Closure::once_into_js(start);
        let _ =
            document.add_event_listener_with_callback("DOMContentLoaded", start.unchecked_ref());
    } else {
        start();
    }
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("The quiz runs in the browser: build it with `cargo xtask dist`.");
}
