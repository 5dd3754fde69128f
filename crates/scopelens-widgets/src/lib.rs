//! The guide's interactive widgets: scopelens-ui components mounted into
//! placeholders that the `mdbook-scopelens` preprocessor writes into the
//! chapters, e.g.
//!
//! ```html
//! <div class="scopelens-widget" data-widget="decoder"
//!      data-example="debug_token/system_user_never.json" data-input="{&#10;…"
//!      data-now="1760000000" data-intents="" data-waba="" data-app=""></div>
//! ```
//!
//! Built with `wasm-bindgen --target web`; `book/widgets/loader.js` imports
//! the glue once per page and calls [`mount`] for each placeholder as it
//! scrolls into view. Every widget carries an "Open in scopelens" link to the
//! full app (one level above the guide) whose fragment is
//! `scopelens_core::share::encode_share` of the widget's current state, so
//! secrets are removed before anything reaches a URL.
//!
//! Safety: pasted text is only ever rendered as text (the components never
//! build HTML from strings), nothing uses `eval`, and no inline scripts or
//! styles are created.
#![forbid(unsafe_code)]

pub mod widgets;

pub use widgets::{Spec, WidgetError};

#[cfg(target_arch = "wasm32")]
mod wasm {
    use super::widgets::{render, Spec};
    use wasm_bindgen::prelude::*;

    fn install_panic_hook() {
        use std::sync::Once;
        static ONCE: Once = Once::new();
        ONCE.call_once(|| {
            // Yew installs its own hook on first render unless a custom one is set.
            yew::set_custom_panic_hook(Box::new(|info| {
                let message = info.to_string();
                web_sys::console::error_1(&JsValue::from_str(&format!(
                    "scopelens widget stopped: {message}"
                )));
                let Some(doc) = web_sys::window().and_then(|w| w.document()) else {
                    return;
                };
                if let Ok(list) = doc.query_selector_all(".scopelens-widget[data-mounted]") {
                    for i in 0..list.length() {
                        if let Some(el) = list.get(i).and_then(|n| {
                            wasm_bindgen::JsCast::dyn_into::<web_sys::Element>(n).ok()
                        }) {
                            let _ = el.set_attribute("data-failed", "true");
                        }
                    }
                }
            }));
        });
    }

    /// Mounts the widget a placeholder describes. `guide_base` is the path
    /// from the page to the guide's root (mdBook's `path_to_root`).
    #[wasm_bindgen]
    pub fn mount(el: web_sys::Element, guide_base: String) -> Result<(), JsValue> {
        install_panic_hook();
        if el.has_attribute("data-mounted") {
            return Ok(());
        }
        let read = |name: &str| el.get_attribute(&format!("data-{name}"));
        let spec = Spec::read(&read).map_err(|e| JsValue::from_str(&e.to_string()))?;
        while let Some(child) = el.first_child() {
            el.remove_child(&child)?;
        }
        el.set_attribute("data-mounted", "true")?;
        render(el, spec, guide_base);
        Ok(())
    }
}
