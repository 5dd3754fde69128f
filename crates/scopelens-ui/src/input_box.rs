//! The one box everything is pasted into: textarea, file drop and file
//! picker, kind override, and the example loader.

use crate::examples::{Example, EXAMPLES};
use crate::util::event_value;
use scopelens_core::input::MAX_INPUT_BYTES;
use scopelens_core::units::megabytes;
use scopelens_core::InputKind;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct InputBoxProps {
    pub value: AttrValue,
    /// The kind the user forced, `None` for automatic detection.
    pub kind: Option<InputKind>,
    /// What automatic detection found (shown in the select).
    pub detected: InputKind,
    /// New text (typed, pasted, dropped, read from a file or an example).
    pub on_input: Callback<String>,
    pub on_kind: Callback<Option<InputKind>>,
    /// Replaces the text and goes back to automatic detection (examples, Clear).
    pub on_load: Callback<String>,
    /// Told when text arrives all at once (a paste, a drop, a file), just
    /// before `on_input`: the moment to bring the verdict into view.
    #[prop_or_default]
    pub on_arrival: Callback<()>,
    #[prop_or(EXAMPLES)]
    pub examples: &'static [Example],
}

/// The text a paste or drop carries (`clipboardData`/`dataTransfer`), still
/// as a JavaScript string: its size is checked before it is copied anywhere.
fn carried_text(data: &wasm_bindgen::JsValue) -> Option<wasm_bindgen::JsValue> {
    use wasm_bindgen::JsCast;
    if !data.is_object() {
        return None;
    }
    let get = js_sys::Reflect::get(data, &"getData".into()).ok()?;
    let text = get
        .dyn_into::<js_sys::Function>()
        .ok()?
        .call1(data, &"text/plain".into())
        .ok()?;
    text.is_string().then_some(text)
}

/// The length of a JavaScript string or text field's value, in UTF-16 units,
/// read without copying the text into wasm.
fn js_length(value: &wasm_bindgen::JsValue) -> f64 {
    use wasm_bindgen::JsCast;
    value
        .dyn_ref::<js_sys::JsString>()
        .map_or(0.0, |s| f64::from(s.length()))
}

/// The refusal for text over the input cap, if it is. A string never has
/// more UTF-16 units than UTF-8 bytes, so over the cap in units is over in bytes.
fn too_large(what: &str, units: f64) -> Option<String> {
    (units > MAX_INPUT_BYTES as f64).then(|| {
        format!(
            "{what} is {}; scopelens reads at most 5 MB, so it was not put in the box. Copy only the response or the lines around the error.",
            megabytes(units)
        )
    })
}

/// Reads a dropped or picked file as text, refusing oversized ones.
fn read_file(file: web_sys::File, on_input: Callback<String>, on_error: Callback<String>) {
    if file.size() > MAX_INPUT_BYTES as f64 {
        on_error.emit(format!(
            "{} is {}; scopelens reads at most 5 MB. Open it and copy only the response or the lines around the error.",
            file.name(),
            megabytes(file.size())
        ));
        return;
    }
    #[cfg(target_arch = "wasm32")]
    {
        let name = file.name();
        let promise = file.text();
        wasm_bindgen_futures::spawn_local(async move {
            match wasm_bindgen_futures::JsFuture::from(promise).await {
                Ok(text) => match text.as_string() {
                    Some(text) => {
                        on_error.emit(String::new());
                        on_input.emit(text);
                    }
                    None => on_error.emit(format!("{name} could not be read as text.")),
                },
                Err(_) => on_error.emit(format!("{name} could not be read. Is it a text file?")),
            }
        });
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        let _ = (file, on_input, on_error);
    }
}

#[component]
pub fn InputBox(props: &InputBoxProps) -> Html {
    let file_error = use_state(String::new);
    let dragging = use_state(|| false);
    let on_error = {
        let file_error = file_error.clone();
        Callback::from(move |m: String| file_error.set(m))
    };

    let oninput = {
        let on_input = props.on_input.clone();
        let file_error = file_error.clone();
        let current = props.value.clone();
        Callback::from(move |e: InputEvent| {
            use wasm_bindgen::JsCast;
            // Oversized text that arrived some other way than a paste (which
            // is refused below) is taken out again before it is laid out.
            let area: Option<web_sys::HtmlTextAreaElement> =
                e.target().and_then(|t| t.dyn_into().ok());
            if let Some(area) = area {
                let value = js_sys::Reflect::get(&area, &"value".into()).unwrap_or_default();
                if let Some(message) = too_large("The text", js_length(&value)) {
                    area.set_value(&current);
                    file_error.set(message);
                    return;
                }
            }
            if !file_error.is_empty() {
                file_error.set(String::new());
            }
            on_input.emit(event_value(&e))
        })
    };
    let onpaste = {
        let on_error = on_error.clone();
        let on_arrival = props.on_arrival.clone();
        Callback::from(move |e: Event| {
            // Refused before the browser inserts it: laying out tens of
            // megabytes in the box alone would freeze the page for a minute.
            let data = js_sys::Reflect::get(&e, &"clipboardData".into()).unwrap_or_default();
            if let Some(message) =
                carried_text(&data).and_then(|text| too_large("The pasted text", js_length(&text)))
            {
                e.prevent_default();
                on_error.emit(message);
            } else {
                on_arrival.emit(());
            }
        })
    };
    // Text from a file or a drop arrives whole.
    let on_arrived_text = {
        let on_input = props.on_input.clone();
        let on_arrival = props.on_arrival.clone();
        Callback::from(move |text: String| {
            on_arrival.emit(());
            on_input.emit(text);
        })
    };
    let onkind = {
        let on_kind = props.on_kind.clone();
        Callback::from(move |e: Event| {
            let value = event_value(&e);
            on_kind.emit(if value == "auto" {
                None
            } else {
                InputKind::parse(&value)
            });
        })
    };
    let onfile = {
        let on_input = on_arrived_text.clone();
        let on_error = on_error.clone();
        Callback::from(move |e: Event| {
            if let Some(file) = crate::util::chosen_file(&e) {
                read_file(file, on_input.clone(), on_error.clone());
            }
        })
    };
    let (ondragover, ondragleave) = crate::util::drag_highlight(&dragging);
    let ondrop = {
        let on_input = on_arrived_text;
        let dragging = dragging.clone();
        Callback::from(move |e: DragEvent| {
            e.prevent_default();
            dragging.set(false);
            let Some(data) = e.data_transfer() else {
                return;
            };
            if let Some(file) = data.files().and_then(|f| f.get(0)) {
                read_file(file, on_input.clone(), on_error.clone());
            } else if let Some(text) = carried_text(&data) {
                match too_large("The dropped text", js_length(&text)) {
                    Some(message) => on_error.emit(message),
                    None => {
                        if let Some(text) = text.as_string().filter(|t| !t.is_empty()) {
                            on_input.emit(text);
                        }
                    }
                }
            }
        })
    };
    let onexample = {
        let on_load = props.on_load.clone();
        let examples = props.examples;
        Callback::from(move |e: Event| {
            use wasm_bindgen::JsCast;
            let chosen = event_value(&e);
            if let Some(ex) = examples.iter().find(|ex| ex.id == chosen) {
                on_load.emit(ex.text.to_string());
            }
            // The menu goes back to its prompt, ready for another example.
            if let Some(select) = e
                .target()
                .and_then(|t| t.dyn_into::<web_sys::HtmlSelectElement>().ok())
            {
                select.set_value("");
            }
        })
    };
    let onclear = {
        let on_load = props.on_load.clone();
        Callback::from(move |_: MouseEvent| on_load.emit(String::new()))
    };

    // The verdict says what the text was read as; the menu adds what
    // detection found only when another kind was forced.
    let detected = if props.value.trim().is_empty() || props.kind.is_none() {
        "Automatic".to_string()
    } else {
        format!("Automatic (found: {})", props.detected.title())
    };

    html! {
        <section class={classes!("input-box", dragging.then_some("dragging"))}
            {ondragover} {ondragleave} {ondrop} aria-label="Input">
            <label class="input-label">
                <span class="label-text">
                    { "Paste a debug_token or /me/permissions response, a Graph API error, a WhatsApp webhook, curl output or a token — or drop a file here." }
                </span>
                <textarea class="sl-input" value={props.value.clone()} {oninput} {onpaste}
                    rows="12" spellcheck="false" autocomplete="off" autocapitalize="off"
                    placeholder="{\"error\": {\"message\": \"…\", \"code\": 190, …}}" />
            </label>
            <div class="input-tools">
                <label class="examples">
                    <span class="visually-hidden">{ "Load an example" }</span>
                    <select class="sl-example" onchange={onexample}>
                        <option value="" selected=true>{ "Try an example…" }</option>
                        for ex in props.examples.iter() {
                            <option value={ex.id} data-example={ex.id}>{ ex.title }</option>
                        }
                    </select>
                </label>
                <label class="kind-select">
                    { "Read as " }
                    <select class="sl-kind" onchange={onkind}>
                        <option value="auto" selected={props.kind.is_none()}>{ detected }</option>
                        for kind in InputKind::RECOGNISED {
                            <option value={kind.id()} selected={props.kind == Some(kind)}>{ kind.title() }</option>
                        }
                    </select>
                </label>
                <label class="file-pick">
                    { "Open a file" }
                    <input type="file" class="sl-file visually-hidden" accept=".json,.txt,.log,application/json,text/plain" onchange={onfile} />
                </label>
                <button type="button" class="sl-clear" onclick={onclear}>{ "Clear" }</button>
            </div>
            if !file_error.is_empty() {
                <p class="error-message" role="alert">{ (*file_error).clone() }</p>
            }
        </section>
    }
}
