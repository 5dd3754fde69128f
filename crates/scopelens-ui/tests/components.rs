//! Component tests in a real browser (headless Chromium through
//! chromedriver): `cargo test -p scopelens-ui --target wasm32-unknown-unknown`
//! with `CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner`.
//! On native targets this file compiles to nothing.
#![cfg(target_arch = "wasm32")]

use scopelens_core::kb::access::Accounts;
use scopelens_core::kb::{Answers, IntentId};
use scopelens_core::{diagnose, Context, ShareState};
use scopelens_ui::diagnoser::DiagnoserProps;
use scopelens_ui::*;
use std::rc::Rc;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use yew::prelude::*;

mod common;
use common::*;

wasm_bindgen_test_configure!(run_in_browser);

const NOW: i64 = 1_760_000_000;

const EVIL: &str = r#"{"error":{"message":"<img src=x onerror=\"window.__pwned=1\"> [x](javascript:alert(1))","type":"OAuthException","code":190,"error_subcode":463,"fbtrace_id":"<b>trace</b>"}}"#;

#[wasm_bindgen_test]
async fn findings_render_pasted_text_as_text_and_link_only_the_knowledge_base() {
    let d = diagnose(EVIL, &Context::at(NOW));
    let root = mount::<FindingList>(finding_list::FindingListProps {
        findings: Rc::new(d.findings.clone()),
        guide_base: "./guide/".into(),
        on_choose: None,
        chosen: None,
    })
    .await;
    assert!(
        all(&root, "img").is_empty(),
        "pasted HTML became an element"
    );
    assert!(all(&root, "b").is_empty(), "pasted HTML became an element");
    let hrefs: Vec<String> = all(&root, "a")
        .iter()
        .filter_map(|a| a.get_attribute("href"))
        .collect();
    assert!(!hrefs.is_empty());
    for h in &hrefs {
        assert!(
            h.starts_with("https://") || h.starts_with("./guide/"),
            "{h}"
        );
    }
    assert!(
        hrefs
            .iter()
            .any(|h| h == "./guide/errors.html#error-190-463"),
        "{hrefs:?}"
    );
    assert!(
        !all(&root, ".finding ol.fix li").is_empty(),
        "no numbered fix steps"
    );
}

#[wasm_bindgen_test]
async fn payload_table_explains_fields_and_offers_to_copy_the_trace_id() {
    let d = diagnose(EVIL, &Context::at(NOW));
    let root = mount::<PayloadTable>(payload_table::PayloadTableProps {
        payload: d.payload.clone(),
        now: NOW,
        marked: None,
    })
    .await;
    // A trace ID that is not one word of ID characters is left out, so its
    // markup is neither shown nor run.
    assert!(all(&root, "b").is_empty());
    assert!(all(&root, "tr[data-field=fbtrace_id]").is_empty());
    let field = root
        .query_selector("tr[data-field=code] .field")
        .unwrap()
        .unwrap();
    assert_eq!(field.get_attribute("tabindex").as_deref(), Some("0"));
    assert!(field.get_attribute("title").unwrap().len() > 10);

    let d = diagnose(
        &EVIL.replace("<b>trace</b>", "AbCdEfGhIjK"),
        &Context::at(NOW),
    );
    let root = mount::<PayloadTable>(payload_table::PayloadTableProps {
        payload: d.payload.clone(),
        now: NOW,
        marked: None,
    })
    .await;
    let trace = text(&root, "tr[data-field=fbtrace_id] .trace-id");
    assert_eq!(trace, "AbCdEfGhIjK");
    assert!(text(&root, "tr[data-field=fbtrace_id] button").contains("Copy"));
}

#[wasm_bindgen_test]
async fn payload_table_lays_out_only_the_first_webhook_errors() {
    let status = r#"{"id":"wamid.X","status":"failed","timestamp":"1700000000","recipient_id":"1","errors":[{"code":131026,"title":"Failure"}]}"#;
    let webhook = format!(
        r#"{{"object":"whatsapp_business_account","entry":[{{"id":"1","changes":[{{"field":"messages","value":{{"statuses":[{}]}}}}]}}]}}"#,
        vec![status; 57].join(",")
    );
    let d = diagnose(&webhook, &Context::at(NOW));
    let root = mount::<PayloadTable>(payload_table::PayloadTableProps {
        payload: d.payload.clone(),
        now: NOW,
        marked: None,
    })
    .await;
    assert_eq!(all(&root, "table.payload-table").len(), 10);
    assert!(
        text(&root, ".left-out").starts_with("47 more error objects"),
        "{}",
        text(&root, ".left-out")
    );
}

#[wasm_bindgen_test]
async fn timeline_says_never_and_is_accessible() {
    let root = mount::<TokenTimeline>(token_timeline::TokenTimelineProps {
        issued_at: Some(NOW - 3 * 86_400),
        expires_at: Some(0),
        data_access_expires_at: Some(NOW + 10 * 86_400),
        now: NOW,
    })
    .await;
    assert_eq!(attr(&root, "svg", "role").as_deref(), Some("img"));
    let list = text(&root, ".timeline-text");
    assert!(list.contains("Expires: never"), "{list}");
    assert!(list.contains("Issued: 3 days ago"), "{list}");
    assert!(list.contains("Data access expires: in 10 days"), "{list}");
    assert!(text(&root, "svg title").contains("never"));
    // "Never" labels the open end of the axis; it is not plotted as a moment.
    assert!(all(&root, ".mark.never circle").is_empty());
    assert_eq!(all(&root, ".mark circle").len(), 3);
}

#[wasm_bindgen_test]
async fn scope_matrix_shows_missing_and_waba_targets() {
    let input = r#"{"data":{"app_id":"1","type":"SYSTEM_USER","is_valid":true,"expires_at":0,"scopes":["whatsapp_business_management","whatsapp_business_messaging"],"granular_scopes":[{"scope":"whatsapp_business_management","target_ids":["111"]},{"scope":"whatsapp_business_messaging","target_ids":["111"]}]}}"#;
    let ctx = Context {
        waba_id: Some("222".into()),
        ..Context::at(NOW)
    };
    let d = diagnose(input, &ctx);
    let root = mount::<ScopeMatrix>(scope_matrix::ScopeMatrixProps {
        rows: d.scopes.clone(),
        has_scopes: true,
        intents: vec![],
        waba_id: "222".into(),
        app_id: "".into(),
        on_intents: Callback::noop(),
        on_waba_id: Callback::noop(),
        on_app_id: Callback::noop(),
    })
    .await;
    assert_eq!(
        attr(
            &root,
            ".scope-row[data-permission=whatsapp_business_messaging]",
            "data-state"
        )
        .as_deref(),
        Some("not-for-waba")
    );
    assert!(text(&root, ".targets").contains("111"));
    // The intents wait behind a one-line summary that names what is checked.
    assert!(text(&root, "details.scope-intents > summary")
        .contains("Checking for: production integration on WABA 222"));
    assert!(attr(&root, "details.scope-intents", "open").is_none());
}

#[wasm_bindgen_test]
async fn a_missing_permission_is_granted_for_nothing() {
    let input = r#"{"data":{"app_id":"1","type":"SYSTEM_USER","is_valid":true,"expires_at":0,"scopes":["whatsapp_business_management"]}}"#;
    let d = diagnose(input, &Context::at(NOW));
    let root = mount::<ScopeMatrix>(scope_matrix::ScopeMatrixProps {
        rows: d.scopes.clone(),
        has_scopes: true,
        intents: vec![],
        waba_id: "".into(),
        app_id: "".into(),
        on_intents: Callback::noop(),
        on_waba_id: Callback::noop(),
        on_app_id: Callback::noop(),
    })
    .await;
    let missing = ".scope-row[data-permission=whatsapp_business_messaging]";
    assert_eq!(
        attr(&root, missing, "data-state").as_deref(),
        Some("missing")
    );
    assert_eq!(text(&root, &format!("{missing} td:last-child")), "none");
}

#[wasm_bindgen_test]
async fn the_verdict_leads_with_the_cause_and_the_first_step() {
    let input = include_str!("../../../tests/fixtures/messy/curl_i_190_expired.txt");
    let d = std::rc::Rc::new(diagnose(input, &Context::at(NOW)));
    let root = mount::<VerdictBanner>(verdict_banner::VerdictBannerProps {
        diagnosis: d.clone(),
    })
    .await;
    let headline = text(&root, ".verdict-headline");
    assert_eq!(headline, scopelens_core::headline(&d).replace('`', ""));
    assert_ne!(headline, d.verdict.headline());
    assert_eq!(text(&root, ".retry-label"), scopelens_core::retry_label(&d));
}

#[wasm_bindgen_test]
async fn wizard_requires_app_review_only_for_clients() {
    let own = mount::<AccessWizard>(access_wizard::AccessWizardProps {
        state: WizardState::default(),
        on_change: Callback::noop(),
        guide_base: "./guide/".into(),
    })
    .await;
    assert_eq!(attr(&own, ".plan", "data-review").as_deref(), Some("false"));
    assert!(all(&own, ".checklist").is_empty());
    let clients = mount::<AccessWizard>(access_wizard::AccessWizardProps {
        state: WizardState {
            answers: Answers {
                accounts: Accounts::Clients,
                ..Answers::default()
            },
            checked: vec!["app-icon".into()],
        },
        on_change: Callback::noop(),
        guide_base: "./guide/".into(),
    })
    .await;
    assert_eq!(
        attr(&clients, ".plan", "data-review").as_deref(),
        Some("true")
    );
    assert_eq!(all(&clients, ".checklist input").len(), 9);
    assert_eq!(text(&clients, ".checklist-progress"), "1 of 9 ready");
    assert_eq!(all(&clients, ".rejection").len(), 5);
}

#[wasm_bindgen_test]
async fn error_lookup_finds_code_and_subcode() {
    let root = mount::<ErrorLookup>(error_lookup::ErrorLookupProps {
        state: LookupState {
            query: "190/463".into(),
            ..LookupState::default()
        },
        on_change: Callback::noop(),
        guide_base: "./guide/".into(),
    })
    .await;
    assert_eq!(
        attr(&root, ".lookup-result .error-entry", "data-label").as_deref(),
        Some("190/463")
    );
    let state = LookupState {
        query: "x".into(),
        category: Some(scopelens_core::kb::Category::Template),
        filter: "name".into(),
    };
    let view = scopelens_core::SharedView::Lookup(state);
    let written = serde_json::to_string(&view).unwrap();
    assert_eq!(
        serde_json::from_str::<scopelens_core::SharedView>(&written).unwrap(),
        view
    );
    assert_eq!(
        error_lookup::parse_code("code 190, subcode 463"),
        Ok((190, Some(463)))
    );
    assert!(error_lookup::parse_code("hello").is_err());
}

#[wasm_bindgen_test]
async fn endpoint_check_matches_and_compares_scopes() {
    let root = mount::<EndpointCheck>(endpoint_check::EndpointCheckProps {
        request: "POST /v24.0/123/messages".into(),
        on_request: Callback::noop(),
        granted: Some(vec!["whatsapp_business_management".into()]),
    })
    .await;
    assert_eq!(
        attr(&root, ".candidate", "data-path").as_deref(),
        Some("/{phone-number-id}/messages")
    );
    assert_eq!(
        attr(
            &root,
            ".candidate li[data-permission=whatsapp_business_messaging]",
            "data-granted"
        )
        .as_deref(),
        Some("false")
    );
}

#[wasm_bindgen_test]
async fn share_panel_previews_the_redacted_content() {
    let token = format!("EAAG{}", "q7".repeat(60));
    let state = ShareState {
        input: format!("Authorization: Bearer {token}"),
        now: Some(NOW),
        ..ShareState::default()
    };
    let root = mount::<SharePanel>(share_panel::SharePanelProps {
        state,
        diagnosis: None,
        base_url: "http://localhost/".into(),
        on_share: Callback::noop(),
    })
    .await;
    let toggle: web_sys::HtmlElement = root
        .query_selector(".share-toggle")
        .unwrap()
        .unwrap()
        .dyn_into()
        .unwrap();
    toggle.click();
    yew::scheduler::flush().await;
    // A link carries only the allow-listed payload: the token is nowhere.
    let shown = text(&root, ".share-preview");
    assert!(!shown.contains(&token[..20]), "{shown}");
    assert!(text(&root, ".share-secrets").contains("1 token or secret was removed"));
}

#[wasm_bindgen_test]
async fn diagnoser_wires_input_to_the_views() {
    let state = DiagnoserState {
        input: include_str!("../../../tests/fixtures/debug_token/system_user_never.json").into(),
        intents: vec![IntentId::SendMessages],
        now: NOW,
        ..DiagnoserState::default()
    };
    let root = mount::<Diagnoser>(DiagnoserProps {
        state,
        on_change: Callback::noop(),
        guide_base: "./guide/".into(),
        share: None,
        shared: false,
        on_edit_copy: Callback::noop(),
        scope_check_wanted: false,
        result: scopelens_ui::ResultView::full("./guide/".into()),
    })
    .await;
    assert_eq!(
        attr(&root, "[data-verdict]", "data-verdict").as_deref(),
        Some("ok")
    );
    assert_eq!(
        attr(&root, ".detected-kind", "data-kind").as_deref(),
        Some("debug_token")
    );
    assert!(text(&root, ".timeline-text").contains("never"));
    assert!(!all(&root, ".scope-row").is_empty());
}
