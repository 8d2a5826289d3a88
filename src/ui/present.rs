//! Presentation mode for a workshop's projector: the page's tools and the
//! app's header, notices and banners step aside, the table takes the whole
//! window with letters readable from the back of the room, and Escape (or
//! the one button left) ends it. Shared by the ownership matrix and the
//! decision-rights table; the CSS (`.presenting`) does the layout, in rem,
//! so it follows the browser's zoom.

use leptos::prelude::*;

use crate::ui::keep_focus::refocus_if_lost;

/// Whether a page is presenting, and its Present button (which the focus
/// goes back to when the mode ends).
#[derive(Clone, Copy)]
pub struct Presentation {
    pub on: RwSignal<bool>,
    button: NodeRef<leptos::html::Button>,
}

impl Presentation {
    /// A page's presentation mode, off, ended by Escape while on.
    pub fn new() -> Self {
        let p = Presentation {
            on: RwSignal::new(false),
            button: NodeRef::new(),
        };
        let escape = window_event_listener(leptos::ev::keydown, move |ev| {
            if p.on.get_untracked() && ev.key() == "Escape" {
                p.stop();
            }
        });
        on_cleanup(move || escape.remove());
        p
    }

    /// Ends the mode; the focus goes back to Present once the toolbar
    /// shows again.
    pub fn stop(self) {
        self.on.set(false);
        let button = self.button;
        refocus_if_lost(move || button.get_untracked().map(Into::into));
    }
}

/// The toolbar's Present button.
#[component]
pub fn PresentButton(
    presentation: Presentation,
    /// The button's text, "Present" unless said.
    #[prop(optional)]
    label: Option<&'static str>,
) -> impl IntoView {
    view! {
        <button type="button" data-testid="present" node_ref=presentation.button
            on:click=move |_| presentation.on.set(true)>{label.unwrap_or("Present")}</button>
    }
}

/// The one control shown while presenting; it takes the focus, since
/// Present hid itself.
#[component]
pub fn ExitPresentation(presentation: Presentation) -> impl IntoView {
    view! {
        <Show when=move || presentation.on.get()>
            {
                let exit = NodeRef::<leptos::html::Button>::new();
                exit.on_load(|b| {
                    let _ = b.focus();
                });
                view! {
                    <button type="button" class="exit-present" data-testid="exit-present" node_ref=exit
                        on:click=move |_| presentation.stop()>
                        "Exit presentation (Esc)"
                    </button>
                }
            }
        </Show>
    }
}
