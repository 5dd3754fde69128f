//! The live panel in a real browser (see components.rs for how these run):
//! a password field, the defaults, and nothing sent without a token. The
//! calls themselves are tested end to end against the fake Graph API
//! (tests/e2e/live.test.mjs).
#![cfg(target_arch = "wasm32")]

use scopelens_core::live;
use scopelens_ui::live_panel::LivePanelProps;
use scopelens_ui::{DiagnoserState, LivePanel};
use wasm_bindgen_test::*;
use yew::prelude::*;

mod common;
use common::*;

wasm_bindgen_test_configure!(run_in_browser);

#[wasm_bindgen_test]
async fn a_password_field_the_defaults_and_nothing_sent_without_a_token() {
    let root = mount::<LivePanel>(LivePanelProps {
        state: DiagnoserState {
            now: 1_760_000_000,
            ..DiagnoserState::default()
        },
        on_change: Callback::noop(),
        guide_base: "./guide/".into(),
        share_base_url: None,
        on_share: Callback::noop(),
        graph_url: live::GRAPH_URL.into(),
    })
    .await;
    // The host's `<details>` keeps it closed until asked for; the web app's
    // end-to-end tests check that (tests/e2e/live.test.mjs).
    let token: web_sys::HtmlInputElement = element(&root, "input.sl-live-token");
    assert_eq!(token.type_(), "password");
    assert_eq!(token.get_attribute("autocomplete").as_deref(), Some("off"));
    assert!(token.get_attribute("value").is_none());
    let base: web_sys::HtmlInputElement = element(&root, "input.sl-live-base");
    assert_eq!(base.value(), live::GRAPH_URL);
    let version: web_sys::HtmlSelectElement = element(&root, "select.sl-live-version");
    assert_eq!(version.value(), live::DEFAULT_VERSION);
    let disclosure = element::<web_sys::Element>(&root, ".live-disclosure")
        .text_content()
        .unwrap_or_default();
    assert!(disclosure.contains(live::GRAPH_URL) && disclosure.contains("nowhere else"));

    element::<web_sys::HtmlElement>(&root, "button.live-run").click();
    yew::scheduler::flush().await;
    let refused = element::<web_sys::Element>(&root, ".live-refused")
        .text_content()
        .unwrap_or_default();
    assert!(refused.contains("Nothing was sent"), "{refused}");
    assert!(root.query_selector(".live-call").unwrap().is_none());
}
