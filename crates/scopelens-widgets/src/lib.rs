//! The custom elements' insides: scopelens-ui components mounted into the
//! shadow roots of `<scopelens-decoder>`, `<scopelens-explain>`,
//! `<scopelens-endpoint>`, `<scopelens-wizard>` and `<scopelens-checklist>`
//! (their tags and attributes: `scopelens_core::elements`).
//!
//! Built with `wasm-bindgen --target web` as two bundles (features
//! `diagnose` and `tools`); `web/scopelens-elements.js` defines
//! the elements, loads a bundle the first time one of its elements comes
//! near the viewport, and calls [`mount_element`] for it. Every element
//! carries an "Open in scopelens" link to the full app whose fragment is
//! `scopelens_core::share::encode_share` of its current state, so secrets
//! are removed before anything reaches a URL.
//!
//! Safety: pasted text is only ever rendered as text (the components never
//! build HTML from strings), nothing uses `eval`, and no inline scripts or
//! styles are created.
#![forbid(unsafe_code)]

pub mod widgets;

pub use widgets::{Places, Spec, WidgetError, WidgetEvent};

#[cfg(target_arch = "wasm32")]
mod wasm {
    use super::widgets::{Places, Spec, Widget, WidgetEvent, WidgetProps};
    use scopelens_core::elements::{ElementKind, ElementSpec};
    use wasm_bindgen::prelude::*;
    use yew::{AttrValue, Callback};

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
                let mounted: Vec<String> = ElementKind::ALL
                    .iter()
                    .map(|kind| format!("{}[data-mounted]", kind.tag()))
                    .collect();
                if let Ok(list) = doc.query_selector_all(&mounted.join(",")) {
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

    thread_local! {
        /// Each mounted element's root and its app.
        static MOUNTED: std::cell::RefCell<Vec<(web_sys::Element, yew::AppHandle<Widget>)>> =
            const { std::cell::RefCell::new(Vec::new()) };
    }

    /// Removes what [`mount_element`] put in `root`, if anything; the page
    /// calls it when the element leaves the document or its attributes
    /// change (it is then mounted again).
    #[wasm_bindgen]
    pub fn unmount_element(root: web_sys::Element) {
        let app = MOUNTED.with_borrow_mut(|mounted| {
            let at = mounted.iter().position(|(r, _)| *r == root)?;
            Some(mounted.swap_remove(at).1)
        });
        if let Some(app) = app {
            app.destroy();
        }
    }

    /// Mounts the element `host` (one of `scopelens_core::elements`' tags)
    /// into `root`, an element in its shadow root, as its attributes
    /// describe. `guide` and `app` are where the guide and the app are
    /// (ending in `/`). `emit(name, json)` sends the element's events (the
    /// page's script makes them DOM events). An attribute that cannot be
    /// read is an `Error` naming it.
    #[wasm_bindgen]
    pub fn mount_element(
        host: web_sys::Element,
        root: web_sys::Element,
        guide: String,
        app: String,
        emit: js_sys::Function,
    ) -> Result<(), JsError> {
        install_panic_hook();
        let tag = host.tag_name();
        let kind = ElementKind::from_tag(&tag)
            .ok_or_else(|| JsError::new(&format!("<{tag}> is not a scopelens element")))?;
        let element = ElementSpec::read(kind, &|name| host.get_attribute(name))
            .map_err(|e| JsError::new(&e.to_string()))?;
        let spec = Spec::from_element(element, scopelens_ui::util::now_unix())
            .map_err(|e| JsError::new(&e.to_string()))?;
        unmount_element(root.clone());
        root.set_text_content(None);
        let on_event = Callback::from(move |event: WidgetEvent| {
            let (name, json) = event.to_dom();
            let _ = emit.call2(&JsValue::NULL, &name.into(), &json.into());
        });
        let props = WidgetProps {
            spec,
            places: Places {
                guide: AttrValue::from(guide),
                app: AttrValue::from(app),
            },
            on_event,
        };
        let app = yew::Renderer::<Widget>::with_root_and_props(root.clone(), props).render();
        MOUNTED.with_borrow_mut(|mounted| mounted.push((root, app)));
        Ok(())
    }
}
