#[cfg(target_arch = "wasm32")]
fn main() {
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(opmodel::ui::App);
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("OpModel runs in the browser: start it with `cargo xtask serve`.");
}
