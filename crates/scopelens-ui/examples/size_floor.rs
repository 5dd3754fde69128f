//! The size floor: the smallest Yew page that does what a scopelens page must
//! do, with no view beyond a text box and its answer. `cargo xtask bench
//! floor` builds it like the app and the widgets (wasm-release, wasm-bindgen,
//! wasm-opt -Oz) to show how much of a bundle no view work can remove.
//!
//! `SCOPELENS_FLOOR`, read at compile time, picks how much of the core the
//! page links, so that the figures separate Yew from the core:
//! - `yew`: the box echoes the length of its text (Yew alone);
//! - `diagnose`: the text is diagnosed and shown as Markdown (what a guide
//!   widget needs);
//! - `app` (the default): the same, opened from a share link in the URL
//!   fragment (what the app's first load needs).

use scopelens_core::{render, Context};
use yew::prelude::*;

const VARIANT: &str = match option_env!("SCOPELENS_FLOOR") {
    Some(variant) => variant,
    None => "app",
};
// Compared at compile time, so the optimiser drops what a variant leaves out.
const YEW_ALONE: bool = same(VARIANT, "yew");
const FROM_SHARE_LINK: bool = same(VARIANT, "app");
const _: () = assert!(
    YEW_ALONE || FROM_SHARE_LINK || same(VARIANT, "diagnose"),
    "SCOPELENS_FLOOR must be yew, diagnose or app"
);

const fn same(a: &str, b: &str) -> bool {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    if a.len() != b.len() {
        return false;
    }
    let mut i = 0;
    while i < a.len() {
        if a[i] != b[i] {
            return false;
        }
        i += 1;
    }
    true
}

fn initial_text() -> String {
    let fragment = web_sys::window()
        .and_then(|w| w.location().hash().ok())
        .unwrap_or_default();
    if FROM_SHARE_LINK {
        scopelens_core::decode_share(&fragment)
            .map(|state| state.input)
            .unwrap_or_default()
    } else {
        fragment
    }
}

fn answer(text: &str) -> String {
    if YEW_ALONE {
        return format!("{} characters", text.len());
    }
    let context = Context {
        now: scopelens_ui::util::now_unix(),
        ..Context::default()
    };
    render::to_markdown(&scopelens_core::diagnose(text, &context))
}

#[function_component]
fn Floor() -> Html {
    let text = use_state(initial_text);
    let oninput = {
        let text = text.clone();
        Callback::from(move |e: InputEvent| {
            if let Some(area) = e.target_dyn_into::<web_sys::HtmlTextAreaElement>() {
                text.set(area.value());
            }
        })
    };
    html! {
        <main>
            <textarea {oninput} value={(*text).clone()} />
            <pre>{ answer(&text) }</pre>
        </main>
    }
}

fn main() {
    yew::Renderer::<Floor>::new().render();
}
