//! Copying text to the clipboard, with a visible result.

use yew::prelude::*;

/// Writes `text` to the clipboard; `done` gets whether it worked.
/// Never throws: a missing Clipboard API (insecure context, old browser)
/// is reported as a failure.
pub fn copy_to_clipboard(text: String, done: Callback<bool>) {
    #[cfg(target_arch = "wasm32")]
    {
        use wasm_bindgen::JsValue;
        let Some(window) = web_sys::window() else {
            done.emit(false);
            return;
        };
        let navigator = window.navigator();
        let has_clipboard = js_sys::Reflect::get(&navigator, &JsValue::from_str("clipboard"))
            .map(|c| !c.is_undefined() && !c.is_null())
            .unwrap_or(false);
        if !has_clipboard {
            done.emit(false);
            return;
        }
        let promise = navigator.clipboard().write_text(&text);
        wasm_bindgen_futures::spawn_local(async move {
            let ok = wasm_bindgen_futures::JsFuture::from(promise).await.is_ok();
            done.emit(ok);
        });
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        let _ = text;
        done.emit(false);
    }
}

#[derive(Properties, PartialEq)]
pub struct CopyButtonProps {
    /// What gets copied.
    pub text: AttrValue,
    /// Button label, e.g. "Copy fbtrace_id".
    pub label: AttrValue,
    #[prop_or_default]
    pub class: Classes,
    /// Told after each copy attempt.
    #[prop_or_default]
    pub on_copied: Callback<bool>,
}

/// A button that copies `text` and says whether it worked.
#[component]
pub fn CopyButton(props: &CopyButtonProps) -> Html {
    let status = use_state(|| None::<bool>);
    let onclick = {
        let status = status.clone();
        let text = props.text.to_string();
        let on_copied = props.on_copied.clone();
        Callback::from(move |_: MouseEvent| {
            let status = status.clone();
            let on_copied = on_copied.clone();
            copy_to_clipboard(
                text.clone(),
                Callback::from(move |ok: bool| {
                    status.set(Some(ok));
                    on_copied.emit(ok);
                }),
            );
        })
    };
    let message = match *status {
        Some(true) => "Copied.",
        Some(false) => "Could not copy: select the text and press Ctrl+C (⌘C).",
        None => "",
    };
    html! {
        <span class={classes!("copy", props.class.clone())}>
            <button type="button" class="copy-button" {onclick}>{ props.label.clone() }</button>
            <span class="copy-status" role="status">{ message }</span>
        </span>
    }
}
