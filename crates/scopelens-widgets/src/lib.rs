//! The custom elements' insides: scopelens-ui components mounted into the
//! shadow roots of `<scopelens-decoder>`, `<scopelens-explain>`,
//! `<scopelens-endpoint>`, `<scopelens-wizard>` and `<scopelens-checklist>`
//! (their tags and attributes: `scopelens_core::elements`).
//!
//! Built with `wasm-bindgen --target web` as two bundles (features
//! `diagnose` and `tools`); `site/elements/scopelens-elements.js` defines
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
    use scopelens_core::{diagnose, Diagnosis};
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

    /// A mounted element; the page calls `destroy` when the element leaves
    /// the document or its attributes change (it is then mounted again).
    #[wasm_bindgen]
    pub struct MountedElement {
        app: Option<yew::AppHandle<Widget>>,
    }

    #[wasm_bindgen]
    impl MountedElement {
        pub fn destroy(&mut self) {
            if let Some(app) = self.app.take() {
                app.destroy();
            }
        }
    }

    fn set(object: &js_sys::Object, key: &str, value: impl Into<JsValue>) {
        let _ = js_sys::Reflect::set(object, &key.into(), &value.into());
    }

    /// What the decoder tells its page of a diagnosis: the verdict, the
    /// headline, what was read and each finding with its steps. Built by
    /// hand, so the bundle does not carry the whole diagnosis' serializer
    /// (the npm package and the CLI give the full JSON contract).
    fn diagnosis_detail(d: &Diagnosis) -> JsValue {
        let detail = js_sys::Object::new();
        set(&detail, "verdict", d.verdict.id());
        set(&detail, "headline", diagnose::headline(d));
        set(&detail, "kind", d.input.kind.id());
        let findings = js_sys::Array::new();
        for f in &d.findings {
            let finding = js_sys::Object::new();
            set(&finding, "id", f.id);
            set(&finding, "severity", f.severity.id());
            set(&finding, "title", f.title.as_str());
            set(&finding, "explanation", f.explanation.as_str());
            if let Some(code) = f.code {
                set(&finding, "code", code);
            }
            if let Some(subcode) = f.subcode {
                set(&finding, "subcode", subcode);
            }
            let fix = js_sys::Array::new();
            for step in &f.fix {
                fix.push(&step.as_str().into());
            }
            set(&finding, "fix", fix);
            findings.push(&finding);
        }
        set(&detail, "findings", findings);
        detail.into()
    }

    /// Sends `event` as a DOM event from `host`; it crosses the shadow
    /// boundary and bubbles, so the page can listen anywhere above.
    fn dispatch(host: &web_sys::Element, event: WidgetEvent) {
        let (name, detail) = match event {
            WidgetEvent::Change { link } => {
                let detail = js_sys::Object::new();
                set(&detail, "link", link);
                ("scopelens-change", detail.into())
            }
            WidgetEvent::Diagnosis(diagnosis) => {
                ("scopelens-diagnosis", diagnosis_detail(&diagnosis))
            }
        };
        let init = web_sys::CustomEventInit::new();
        init.set_bubbles(true);
        init.set_composed(true);
        init.set_detail(&detail);
        if let Ok(event) = web_sys::CustomEvent::new_with_event_init_dict(name, &init) {
            let _ = host.dispatch_event(&event);
        }
    }

    /// Mounts the element `host` (one of `scopelens_core::elements`' tags)
    /// into `root`, an element in its shadow root, as its attributes
    /// describe. `guide` and `app` are where the guide and the app are
    /// (ending in `/`). An attribute that cannot be read is an `Error`
    /// naming it.
    #[wasm_bindgen]
    pub fn mount_element(
        host: web_sys::Element,
        root: web_sys::Element,
        guide: String,
        app: String,
    ) -> Result<MountedElement, JsError> {
        install_panic_hook();
        let tag = host.tag_name();
        let kind = ElementKind::from_tag(&tag)
            .ok_or_else(|| JsError::new(&format!("<{tag}> is not a scopelens element")))?;
        let element = ElementSpec::read(kind, &|name| host.get_attribute(name))
            .map_err(|e| JsError::new(&e.to_string()))?;
        let spec = Spec::from_element(element, scopelens_ui::util::now_unix())
            .map_err(|e| JsError::new(&e.to_string()))?;
        root.set_text_content(None);
        let on_event = Callback::from(move |event| dispatch(&host, event));
        let props = WidgetProps {
            spec,
            places: Places {
                guide: AttrValue::from(guide),
                app: AttrValue::from(app),
            },
            on_event,
        };
        let app = yew::Renderer::<Widget>::with_root_and_props(root, props).render();
        Ok(MountedElement { app: Some(app) })
    }
}
