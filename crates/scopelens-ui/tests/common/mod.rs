//! Helpers shared by the component tests: mount a component into the test
//! page and query what it rendered.
#![allow(dead_code)] // each test file uses its own subset

use wasm_bindgen::JsCast;
use yew::prelude::*;

/// Renders `C` with `props` into a fresh element of the page, after Yew has
/// flushed its first render.
pub async fn mount<C: BaseComponent>(props: C::Properties) -> web_sys::Element {
    let document = web_sys::window().unwrap().document().unwrap();
    let root = document.create_element("div").unwrap();
    document.body().unwrap().append_child(&root).unwrap();
    yew::Renderer::<C>::with_root_and_props(root.clone(), props).render();
    yew::scheduler::flush().await;
    root
}

pub fn all(root: &web_sys::Element, selector: &str) -> Vec<web_sys::Element> {
    let list = root.query_selector_all(selector).unwrap();
    (0..list.length())
        .filter_map(|i| list.item(i)?.dyn_into().ok())
        .collect()
}

pub fn text(root: &web_sys::Element, selector: &str) -> String {
    root.query_selector(selector)
        .unwrap()
        .and_then(|e| e.text_content())
        .unwrap_or_default()
}

pub fn attr(root: &web_sys::Element, selector: &str, name: &str) -> Option<String> {
    root.query_selector(selector).unwrap()?.get_attribute(name)
}

/// The one element matching `selector`, as `T`; fails the test when missing.
pub fn element<T: JsCast>(root: &web_sys::Element, selector: &str) -> T {
    root.query_selector(selector)
        .unwrap()
        .unwrap_or_else(|| panic!("no {selector}"))
        .dyn_into()
        .unwrap()
}

pub fn click(root: &web_sys::Element, selector: &str) {
    element::<web_sys::HtmlElement>(root, selector).click();
}
