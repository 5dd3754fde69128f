//! A panic in wasm stops the app. Instead of leaving a blank or frozen page,
//! show a visible message saying so.

/// Installs a panic hook that writes a message into the element with id
/// `element_id` (created at the top of `<body>` if missing) and unhides it.
/// Yew's renderer installs its own hook when an app starts, replacing any set
/// with `std::panic::set_hook`; Yew's custom hook is the one it keeps.
pub fn install(element_id: &'static str) {
    yew::set_custom_panic_hook(Box::new(move |info| {
        let detail = info.to_string();
        show(element_id, &detail);
    }));
}

#[cfg(target_arch = "wasm32")]
fn show(element_id: &str, detail: &str) {
    web_sys::console::error_1(&wasm_bindgen::JsValue::from_str(detail));
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    let element = document.get_element_by_id(element_id).or_else(|| {
        let el = document.create_element("div").ok()?;
        el.set_id(element_id);
        let body = document.body()?;
        body.insert_before(&el, body.first_child().as_ref()).ok()?;
        Some(el)
    });
    if let Some(el) = element {
        let _ = el.set_attribute("role", "alert");
        el.set_text_content(Some(&format!(
            "scopelens hit an internal error and stopped; reload the page to start again. \
             Nothing you pasted left this page. Details: {detail}"
        )));
        let _ = el.remove_attribute("hidden");
    }
}

#[cfg(not(target_arch = "wasm32"))]
fn show(_element_id: &str, detail: &str) {
    eprintln!("{detail}");
}
