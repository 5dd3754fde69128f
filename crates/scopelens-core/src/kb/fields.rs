//! What each field of a pasted payload means, for the decoded-payload table
//! (explanation on hover/focus) and the guide's field reference.

use super::sources::*;
use crate::model::InputKind;
use serde::Serialize;

#[derive(Debug, Clone, Copy, Serialize)]
pub struct Field {
    pub kind: InputKind,
    pub name: &'static str,
    pub meaning: &'static str,
    pub source: &'static str,
}

const fn f(
    kind: InputKind,
    name: &'static str,
    meaning: &'static str,
    source: &'static str,
) -> Field {
    Field {
        kind,
        name,
        meaning,
        source,
    }
}

use InputKind::{
    AccessToken as AT, DebugToken as DT, GraphError as GE, Permissions as PE, WebhookError as WE,
};

pub static FIELDS: &[Field] = &[
    f(DT, "app_id", "The app the token was issued for. It must be the app whose webhooks, review and system users you configured.", DEBUG_TOKEN),
    f(DT, "type", "Token type: USER (a person), SYSTEM_USER (a system user), PAGE (a Facebook Page) or APP (the app itself). Meta does not say which a business token from Embedded Signup shows.", DEBUG_TOKEN),
    f(DT, "application", "The app's display name.", DEBUG_TOKEN),
    f(DT, "is_valid", "Whether the token can be used right now. When false, `error` says why.", DEBUG_TOKEN),
    f(DT, "issued_at", "When the token was issued (unix time). Short-lived tokens do not report it.", DEBUG_TOKEN_GUIDE),
    f(DT, "expires_at", "When the token expires (unix time); 0 means it has no expiry date, though it can still be invalidated.", DEBUG_TOKEN),
    f(DT, "data_access_expires_at", "When the app's access to the person's data lapses (unix time), separately from the token's expiry; 0 for system user tokens.", DEBUG_TOKEN),
    f(DT, "scopes", "The permissions the token carries. Permissions granted later are not added to an existing token.", DEBUG_TOKEN),
    f(DT, "granular_scopes", "Per-permission targets. With target_ids, the permission applies only to those assets (WhatsApp Business Account IDs, business IDs or Page IDs); without, to all.", DEBUG_TOKEN),
    f(DT, "user_id", "The person or system user the token acts as; absent on app tokens.", DEBUG_TOKEN),
    f(DT, "profile_id", "On Page tokens: the Page the token acts as.", DEBUG_TOKEN),
    f(DT, "metadata", "Extra facts about how the token was obtained, such as auth_type or sso.", DEBUG_TOKEN),
    f(DT, "error", "Why the token is invalid: code, message and sometimes subcode.", DEBUG_TOKEN),
    f(PE, "permission", "A permission the person was asked for.", USER_PERMISSIONS),
    f(PE, "status", "granted, declined (unticked in the dialog) or expired (lapsed after a long time without use).", USER_PERMISSIONS),
    f(GE, "message", "Meta's description of the error; WhatsApp errors start with the code, as in \"(#131030) …\".", GRAPH_ERRORS),
    f(GE, "type", "The exception class: OAuthException for most errors, GraphMethodException for unknown objects or edges.", GRAPH_ERRORS),
    f(GE, "code", "The error code. Build error handling on this field, not on the message or the HTTP status.", GRAPH_ERRORS),
    f(GE, "error_subcode", "Extra detail for some codes (e.g. 463 = expired under 190). WhatsApp says it stops sending them from v16.0, yet some still arrive.", GRAPH_ERRORS),
    f(GE, "error_user_title", "A title meant for end users, in the request's locale.", GRAPH_ERRORS),
    f(GE, "error_user_msg", "A message meant for end users, in the request's locale.", GRAPH_ERRORS),
    f(GE, "fbtrace_id", "Identifies the request in Meta's logs; give it to Direct Support soon, it does not stay useful for long.", GRAPH_ERRORS),
    f(GE, "is_transient", "true when the error is temporary and a retry may succeed.", GRAPH_ERRORS),
    f(GE, "error_data", "More detail. WhatsApp puts the reason and the fix in error_data.details; the Marketing API sometimes sends a JSON string.", WA_ERRORS),
    f(WE, "code", "The WhatsApp error code.", WA_WEBHOOK_ERRORS),
    f(WE, "title", "A short title for the code (the same text as message).", WA_WEBHOOK_ERRORS),
    f(WE, "message", "The error message, equal to the title.", WA_WEBHOOK_ERRORS),
    f(WE, "details", "error_data.details: the specific reason, often with the fix.", WA_WEBHOOK_ERRORS),
    f(WE, "href", "Link to Meta's error code reference.", WA_WEBHOOK_ERRORS),
    f(WE, "recipient_id", "On failed statuses: the WhatsApp ID the message was sent to.", WA_WEBHOOK_ERRORS),
    f(WE, "status", "On status webhooks: sent, delivered, read or failed.", WA_WEBHOOK_ERRORS),
    f(WE, "waba_id", "entry[].id: the WhatsApp Business Account the delivery is about.", WA_WEBHOOK_ERRORS),
    f(WE, "phone_number_id", "value.metadata.phone_number_id: the business number that sent or received the message.", WA_WEBHOOK_ERRORS),
    f(WE, "message_id", "The message's ID (wamid…), as returned when it was sent.", WA_WEBHOOK_ERRORS),
    f(WE, "timestamp", "When the status or message happened (unix time).", WA_WEBHOOK_ERRORS),
    f(WE, "place", "Where in the webhook the error sat: value.errors, a failed status, or an incoming message.", WA_WEBHOOK_ERRORS),
    f(GE, "error_data.details", "WhatsApp's specific reason for the error, often with the fix.", WA_ERRORS),
    f(GE, "error_data.messaging_product", "Always whatsapp on WhatsApp errors.", WA_ERRORS),
    f(AT, "family", "What kind of token this looks like: an EAA… user or system user token, or an APP_ID|APP_SECRET app token.", WA_TOKENS),
    f(AT, "preview", "The first characters and the length, so you can tell tokens apart without showing one.", WA_TOKENS),
    f(AT, "app_id", "For app tokens: the app ID before the bar (public; the part after it is the secret).", DEBUG_TOKEN),
    f(AT, "had_bearer_prefix", "Whether it was pasted with `Bearer ` or an Authorization header in front.", WA_TOKENS),
];

/// The meaning of a field of a payload kind, if documented.
pub fn field(kind: InputKind, name: &str) -> Option<&'static Field> {
    FIELDS.iter().find(|f| f.kind == kind && f.name == name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_debug_token_field_is_explained() {
        for name in [
            "app_id",
            "type",
            "expires_at",
            "data_access_expires_at",
            "granular_scopes",
            "error",
        ] {
            assert!(field(InputKind::DebugToken, name).is_some(), "{name}");
        }
        assert!(field(InputKind::GraphError, "fbtrace_id").is_some());
    }
}
