//! Sharing: shows exactly what a link will contain (the redacted input and
//! the choices), says how many secrets were removed, then makes the link
//! only when asked. Also "Copy as Markdown" for tickets.
//!
//! Two parts, which make links and Markdown through callbacks so that a
//! host can keep the link encoder in a module loaded later:
//! [`ShareButtons`] ("Copy link", "Preview link…" and "Copy as Markdown")
//! and [`SharePreview`] (what the link carries, and the button that makes
//! it). [`SharePanel`] is both together, with the encoder; the web app's
//! diagnose view shows both itself and asks its tools module for links.

use crate::copy::copy_to_clipboard;
use crate::util::clip;
use scopelens_core::render::{to_ticket, Ticket};
use scopelens_core::secrets::redact;
use scopelens_core::{encode_share, Diagnosis, ShareState, SharedView};
use std::rc::Rc;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct SharePanelProps {
    /// What would be shared, before redaction (redaction happens here and in the core).
    pub state: ShareState,
    /// The diagnosis, for "Copy as Markdown"; `None` hides that button.
    #[prop_or_default]
    pub diagnosis: Option<Rc<Diagnosis>>,
    /// The page URL without fragment; the link is `base_url#v2=…`.
    pub base_url: AttrValue,
    /// Told the fragment (without `#`) when the user makes a link.
    #[prop_or_default]
    pub on_share: Callback<String>,
}

fn secrets_in(state: &ShareState) -> usize {
    let view_text = state.view.as_ref().and_then(SharedView::state_text);
    [
        Some(&state.input),
        state.waba_id.as_ref(),
        state.app_id.as_ref(),
        view_text.as_ref(),
    ]
    .into_iter()
    .flatten()
    .map(|s| redact(s).count)
    .sum()
}

/// The Markdown for a ticket about `d`: with `link`, and with what was read
/// cut to what a link may carry.
pub fn ticket_markdown(d: &Diagnosis, state: &ShareState, link: Option<&str>) -> String {
    let payload = (!state.input.trim().is_empty())
        .then(|| scopelens_core::share::shareable_input(&state.input, state.kind));
    to_ticket(
        d,
        &Ticket {
            link,
            payload: payload.as_deref(),
        },
    )
}

/// Asks for a link that reopens what is shown; the answer (why, when none
/// could be made) may come later, after a module has loaded.
pub type LinkMaker = Callback<Callback<Result<String, String>>>;

/// Asks for the Markdown of a ticket; `None` when it could not be made.
pub type MarkdownMaker = Callback<Callback<Option<String>>>;

/// "Copy link" (when a host can make links), "Preview link…" (opens or
/// closes the preview, which the host shows) and "Copy as Markdown" (when
/// there is a diagnosis), with what the last copy did on the same row.
#[derive(Properties, PartialEq)]
pub struct ShareButtonsProps {
    /// Whether the preview is shown.
    pub open: bool,
    pub on_toggle: Callback<()>,
    /// The diagnosis, for "Copy as Markdown"; `None` hides that button.
    #[prop_or_default]
    pub diagnosis: Option<Rc<Diagnosis>>,
    /// Makes the link for "Copy link"; `None` hides "Copy link".
    #[prop_or_default]
    pub make_link: Option<LinkMaker>,
    /// Makes the Markdown for "Copy as Markdown" (with its link); `None`
    /// hides that button. A host can make it in a module loaded later.
    #[prop_or_default]
    pub make_markdown: Option<MarkdownMaker>,
}

#[component]
pub fn ShareButtons(props: &ShareButtonsProps) -> Html {
    let copy_status = use_state(String::new);
    {
        // A copy of an earlier diagnosis says nothing about this one.
        let copy_status = copy_status.clone();
        use_effect_with(props.diagnosis.clone(), move |_| {
            copy_status.set(String::new())
        });
    }
    let toggle = props.on_toggle.reform(|_: MouseEvent| ());
    let report = |copy_status: UseStateHandle<String>, done: &'static str, failed: &'static str| {
        Callback::from(move |ok: bool| copy_status.set(if ok { done } else { failed }.into()))
    };
    let copy_link = props.make_link.clone().map(|make_link| {
        let copy_status = copy_status.clone();
        Callback::from(move |_: MouseEvent| {
            let copy_status = copy_status.clone();
            make_link.emit(Callback::from(
                move |link: Result<String, String>| match link {
                    Ok(link) => copy_to_clipboard(
                        link,
                        report(
                            copy_status.clone(),
                            "Link copied.",
                            "Could not copy the link: open the preview and copy it from there.",
                        ),
                    ),
                    Err(_) => copy_status
                        .set("No link could be made: open the preview to see why.".into()),
                },
            ));
        })
    });
    let copy_markdown = props.make_markdown.clone().map(|make_markdown| {
        let copy_status = copy_status.clone();
        Callback::from(move |_: MouseEvent| {
            let copy_status = copy_status.clone();
            make_markdown.emit(Callback::from(
                move |markdown: Option<String>| match markdown {
                    Some(markdown) => copy_to_clipboard(
                        markdown,
                        report(
                            copy_status.clone(),
                            "Markdown copied: paste it into a ticket or chat.",
                            "Could not copy the Markdown: your browser blocked the clipboard.",
                        ),
                    ),
                    None => copy_status.set(
                        "The Markdown could not be made: reload the page and try again.".into(),
                    ),
                },
            ));
        })
    });
    html! {
        <div class="share-buttons">
            if let Some(onclick) = copy_link {
                <button type="button" class="copy-link" {onclick}>{ "Copy link" }</button>
            }
            <button type="button" class="share-toggle" aria-expanded={props.open.to_string()} onclick={toggle}>
                { if props.open { "Hide link preview" } else { "Preview link…" } }
            </button>
            if let Some(onclick) = copy_markdown {
                <button type="button" class="copy-markdown" {onclick}>{ "Copy as Markdown" }</button>
            }
            <span class="copy-status" role="status">{ (*copy_status).clone() }</span>
        </div>
    }
}

/// What a link will carry, as the preview shows it: the state cut to what
/// may leave the machine, and how many secrets were taken out.
#[derive(Debug, Clone, PartialEq)]
pub struct LinkContents {
    pub removed: usize,
    pub carried: ShareState,
}

impl LinkContents {
    pub fn of(state: &ShareState) -> LinkContents {
        LinkContents {
            removed: secrets_in(state),
            carried: state.redacted(),
        }
    }
}

#[derive(Properties, PartialEq)]
pub struct SharePreviewProps {
    /// What the link will carry; `None` while a host is still working it
    /// out, or why it could not.
    pub contents: Option<Result<LinkContents, String>>,
    /// Makes the link for "Create link and copy it".
    pub make_link: LinkMaker,
}

/// What the link will contain, and the button that makes it and copies it.
#[component]
pub fn SharePreview(props: &SharePreviewProps) -> Html {
    let link = use_state(|| None::<Result<String, String>>);
    let link_status = use_state(String::new);
    {
        // A link made earlier no longer matches once anything changes.
        let link = link.clone();
        let link_status = link_status.clone();
        use_effect_with(props.contents.clone(), move |_| {
            link.set(None);
            link_status.set(String::new());
        });
    }
    let (removed, redacted) = match &props.contents {
        Some(Ok(contents)) => (contents.removed, &contents.carried),
        Some(Err(why)) => {
            return html! {
                <div class="share-preview">
                    <p class="error-message" role="alert">
                        { format!("The preview could not be made: {why}. Close it and open it again, or reload the page.") }
                    </p>
                </div>
            }
        }
        None => {
            return html! {
                <div class="share-preview" aria-busy="true">
                    <p class="hint">{ "Reading what the link will carry…" }</p>
                </div>
            }
        }
    };
    let make_link = {
        let link = link.clone();
        let link_status = link_status.clone();
        let make_link = props.make_link.clone();
        Callback::from(move |_: MouseEvent| {
            let link = link.clone();
            let link_status = link_status.clone();
            make_link.emit(Callback::from(move |made: Result<String, String>| {
                if let Ok(url) = &made {
                    let link_status = link_status.clone();
                    copy_to_clipboard(
                        url.clone(),
                        Callback::from(move |ok: bool| {
                            link_status.set(if ok {
                                "Link copied.".into()
                            } else {
                                "Could not copy automatically: select the link above and copy it."
                                    .into()
                            })
                        }),
                    );
                }
                link.set(Some(made));
            }))
        })
    };
    html! {
        <div class="share-preview">
            <h2>{ "What the link will contain" }</h2>
            <p class="share-secrets">
                { if removed > 0 {
                    format!("{removed} token{} or secret{} removed: the link carries none of {}.",
                        if removed == 1 { "" } else { "s" }, if removed == 1 { " was" } else { "s were" },
                        if removed == 1 { "it" } else { "them" })
                } else {
                    "No tokens or secrets were found; tokens are always removed before a link is made.".to_string()
                } }
            </p>
            <p class="share-allow-list">{ "The link does not carry your paste: only the fields of the error, token or permission list that the diagnosis needs, with customers' phone numbers, e-mail addresses and card numbers masked. Names, message bodies and everything around the payload stay here." }</p>
            <p class="hint">{ "Everything is packed after the # of the link, which browsers never send to a server. Anyone who has the link sees exactly this:" }</p>
            <dl class="share-contents">
                if let Some(view) = &redacted.view {
                    <dt>{ "View" }</dt><dd>{ view.kind().id() }</dd>
                }
                <dt>{ "What was read" }</dt>
                <dd>
                    if redacted.input.is_empty() {
                        { "(empty)" }
                    } else {
                        <pre class="share-input">{ clip(&redacted.input) }</pre>
                    }
                </dd>
                if let Some(kind) = redacted.kind {
                    <dt>{ "Read as" }</dt><dd>{ kind.title() }</dd>
                }
                if !redacted.intents.is_empty() {
                    <dt>{ "Intents" }</dt>
                    <dd>{ redacted.intents.iter().map(|i| i.intent().title).collect::<Vec<_>>().join(", ") }</dd>
                }
                if let Some(w) = &redacted.waba_id {
                    <dt>{ "WABA ID" }</dt><dd>{ clip(w) }</dd>
                }
                if let Some(a) = &redacted.app_id {
                    <dt>{ "App ID" }</dt><dd>{ clip(a) }</dd>
                }
                if let Some(t) = redacted.now {
                    <dt>{ "Time of the diagnosis" }</dt><dd>{ scopelens_core::time::utc(t) }</dd>
                }
                if let Some(x) = redacted.view.as_ref().and_then(SharedView::state_text) {
                    <dt>{ "View settings" }</dt><dd><pre class="share-extra">{ clip(&x) }</pre></dd>
                }
            </dl>
            <button type="button" class="make-link" onclick={make_link}>{ "Create link and copy it" }</button>
            { match &*link {
                Some(Ok(url)) => html! {
                    <label class="share-link">{ "Link " }
                        <input type="text" readonly=true class="sl-link" value={url.clone()} />
                    </label>
                },
                Some(Err(e)) => html! { <p class="error-message" role="alert">{ e.clone() }</p> },
                None => Html::default(),
            } }
            <p class="link-status" role="status">{ (*link_status).clone() }</p>
        </div>
    }
}

/// The buttons and, once "Preview link…" is pressed, the preview.
#[component]
pub fn SharePanel(props: &SharePanelProps) -> Html {
    let open = use_state(|| false);
    let link = {
        let state = props.state.clone();
        let base = props.base_url.to_string();
        let on_share = props.on_share.clone();
        move || {
            let fragment = encode_share(&state).map_err(|e| e.to_string())?;
            on_share.emit(fragment.clone());
            Ok(format!("{base}#{fragment}"))
        }
    };
    let make_link = {
        let link = link.clone();
        Callback::from(move |reply: Callback<Result<String, String>>| reply.emit(link()))
    };
    let make_markdown = props.diagnosis.clone().map(|d| {
        let state = props.state.clone();
        Callback::from(move |reply: Callback<Option<String>>| {
            reply.emit(Some(ticket_markdown(&d, &state, link().ok().as_deref())))
        })
    });

    let on_toggle = {
        let open = open.clone();
        Callback::from(move |()| open.set(!*open))
    };
    html! {
        <section class="share" aria-label="Share">
            <ShareButtons open={*open} {on_toggle} diagnosis={props.diagnosis.clone()}
                make_link={Some(make_link.clone())} {make_markdown} />
            // Only while open, so that a closed panel does not redact a
            // 5 MB paste on every keystroke.
            if *open {
                <SharePreview contents={Some(Ok(LinkContents::of(&props.state)))} {make_link} />
            }
        </section>
    }
}
