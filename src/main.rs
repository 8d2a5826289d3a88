#[cfg(target_arch = "wasm32")]
fn main() {
    // The workshop's loader is a deferred module script: the page is whole
    // when it runs (only the quiz app's prerendered pages load it async,
    // see crates/quiz/src/main.rs).
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(opmodel::ui::App);
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("OpModel runs in the browser: start it with `cargo xtask serve`.");
}
