//! The payloads scopelens understands, as plain typed data. The code that
//! finds them in a parsed `serde_json::Value` is in the `recognise` module.

mod recognise;

pub use recognise::{
    find_payload, locate_payload, recognise, recognise_as, status_in, status_phrase, Located,
};

use crate::names::named_enum;
use serde::{Deserialize, Serialize};
use serde_json::Value;

named_enum! {
    /// What kind of thing was pasted. Serialised names are the JSON contract's.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
    #[cfg_attr(feature = "typescript", derive(tsify_next::Tsify), tsify(missing_as_null))]
    #[serde(rename_all = "snake_case")]
    pub enum InputKind {
        DebugToken = "debug_token",
        Permissions = "permissions",
        GraphError = "graph_error",
        WebhookError = "webhook_error",
        AccessToken = "access_token",
        Unknown = "unknown",
    }
}

impl InputKind {
    /// The kinds a paste can be recognised as (every kind but `Unknown`).
    pub const RECOGNISED: [InputKind; 5] = [
        InputKind::DebugToken,
        InputKind::Permissions,
        InputKind::GraphError,
        InputKind::WebhookError,
        InputKind::AccessToken,
    ];

    /// Words for people: "debug_token response", "Graph API error", ...
    pub fn title(self) -> &'static str {
        match self {
            InputKind::DebugToken => "debug_token response",
            InputKind::Permissions => "/me/permissions response",
            InputKind::GraphError => "Graph API error",
            InputKind::WebhookError => "WhatsApp webhook error",
            InputKind::AccessToken => "access token",
            InputKind::Unknown => "unrecognised input",
        }
    }

    pub fn parse(text: &str) -> Option<InputKind> {
        InputKind::from_id(&text.trim().to_ascii_lowercase().replace(['-', ' '], "_"))
    }
}

/// A decoded payload.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(
    feature = "typescript",
    derive(tsify_next::Tsify),
    tsify(missing_as_null)
)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Payload {
    DebugToken(DebugToken),
    Permissions(PermissionList),
    GraphError(GraphError),
    WebhookError(WebhookErrors),
    AccessToken(TokenShape),
}

impl Payload {
    pub fn kind(&self) -> InputKind {
        match self {
            Payload::DebugToken(_) => InputKind::DebugToken,
            Payload::Permissions(_) => InputKind::Permissions,
            Payload::GraphError(_) => InputKind::GraphError,
            Payload::WebhookError(_) => InputKind::WebhookError,
            Payload::AccessToken(_) => InputKind::AccessToken,
        }
    }
}

/// `type` of a debug_token response.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum TokenType {
    User,
    Page,
    App,
    SystemUser,
    #[serde(untagged)]
    Other(String),
}

impl TokenType {
    fn parse(text: &str) -> TokenType {
        match text.to_ascii_uppercase().as_str() {
            "USER" => TokenType::User,
            "PAGE" => TokenType::Page,
            "APP" => TokenType::App,
            "SYSTEM_USER" => TokenType::SystemUser,
            _ => TokenType::Other(text.to_string()),
        }
    }

    /// The value as debug_token writes it: `USER`, `SYSTEM_USER`, ...
    pub fn id(&self) -> &str {
        match self {
            TokenType::User => "USER",
            TokenType::Page => "PAGE",
            TokenType::App => "APP",
            TokenType::SystemUser => "SYSTEM_USER",
            TokenType::Other(name) => name,
        }
    }

    pub fn title(&self) -> &str {
        match self {
            TokenType::User => "user token",
            TokenType::Page => "Page token",
            TokenType::App => "app token",
            TokenType::SystemUser => "system user token",
            TokenType::Other(name) => name,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(
    feature = "typescript",
    derive(tsify_next::Tsify),
    tsify(missing_as_null)
)]
pub struct GranularScope {
    pub scope: String,
    /// `None`: the permission applies to every asset the token can reach.
    pub target_ids: Option<Vec<String>>,
}

/// `data.error` of an invalid token.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(
    feature = "typescript",
    derive(tsify_next::Tsify),
    tsify(missing_as_null)
)]
pub struct TokenError {
    pub code: Option<u32>,
    pub subcode: Option<u32>,
    pub message: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(
    feature = "typescript",
    derive(tsify_next::Tsify),
    tsify(missing_as_null)
)]
pub struct DebugToken {
    /// Whether the `{"data": …}` wrapper was present.
    pub wrapped: bool,
    pub app_id: Option<String>,
    #[serde(rename = "type")]
    #[cfg_attr(
        feature = "typescript",
        tsify(type = "\"USER\" | \"PAGE\" | \"APP\" | \"SYSTEM_USER\" | (string & {}) | null")
    )]
    pub token_type: Option<TokenType>,
    pub application: Option<String>,
    pub is_valid: Option<bool>,
    pub issued_at: Option<i64>,
    /// `Some(0)` means the token never expires.
    pub expires_at: Option<i64>,
    pub data_access_expires_at: Option<i64>,
    pub scopes: Vec<String>,
    pub granular_scopes: Vec<GranularScope>,
    pub user_id: Option<String>,
    pub profile_id: Option<String>,
    #[cfg_attr(feature = "typescript", tsify(type = "Record<string, unknown> | null"))]
    pub metadata: Option<Value>,
    pub error: Option<TokenError>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum PermissionStatus {
    Granted,
    Declined,
    Expired,
    #[serde(untagged)]
    Other(String),
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(
    feature = "typescript",
    derive(tsify_next::Tsify),
    tsify(missing_as_null)
)]
pub struct PermissionEntry {
    pub permission: String,
    #[cfg_attr(
        feature = "typescript",
        tsify(type = "\"granted\" | \"declined\" | \"expired\" | (string & {})")
    )]
    pub status: PermissionStatus,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(
    feature = "typescript",
    derive(tsify_next::Tsify),
    tsify(missing_as_null)
)]
pub struct PermissionList {
    pub entries: Vec<PermissionEntry>,
    pub has_more_pages: bool,
}

/// `error_data` of a Graph error: WhatsApp's `{messaging_product, details}`,
/// or anything else (Marketing API sends a JSON string).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(
    feature = "typescript",
    derive(tsify_next::Tsify),
    tsify(missing_as_null)
)]
pub struct ErrorData {
    pub details: Option<String>,
    pub messaging_product: Option<String>,
    #[cfg_attr(feature = "typescript", tsify(type = "unknown"))]
    pub other: Option<Value>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(
    feature = "typescript",
    derive(tsify_next::Tsify),
    tsify(missing_as_null)
)]
pub struct GraphError {
    pub wrapped: bool,
    pub message: Option<String>,
    #[serde(rename = "type")]
    pub error_type: Option<String>,
    pub code: Option<u32>,
    pub error_subcode: Option<u32>,
    pub error_user_title: Option<String>,
    pub error_user_msg: Option<String>,
    pub fbtrace_id: Option<String>,
    pub is_transient: Option<bool>,
    pub error_data: Option<ErrorData>,
}

named_enum! {
    /// Where in a webhook an error object was found.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
    #[cfg_attr(feature = "typescript", derive(tsify_next::Tsify), tsify(missing_as_null))]
    #[serde(rename_all = "snake_case")]
    pub enum ErrorPlace {
        /// `value.errors[]`: a problem with the app, account or system.
        Value = "value",
        /// `value.statuses[].errors[]`: an outgoing message failed.
        Status = "status",
        /// `value.messages[].errors[]`: an incoming message could not be processed.
        Message = "message",
        /// A bare error object or an array of them.
        Standalone = "standalone",
    }
}

impl ErrorPlace {
    /// Where the error sits in the webhook, and what that means.
    pub fn title(self) -> &'static str {
        match self {
            ErrorPlace::Value => {
                "in value.errors (a problem with the app, account or platform, not one message)"
            }
            ErrorPlace::Status => {
                "in a failed message status (the message was accepted, then not delivered)"
            }
            ErrorPlace::Message => "on an incoming message (it could not be processed)",
            ErrorPlace::Standalone => "as an error object on its own",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(
    feature = "typescript",
    derive(tsify_next::Tsify),
    tsify(missing_as_null)
)]
pub struct WebhookError {
    pub code: Option<u32>,
    pub title: Option<String>,
    pub message: Option<String>,
    pub details: Option<String>,
    pub href: Option<String>,
    pub place: ErrorPlace,
    pub phone_number_id: Option<String>,
    /// The WhatsApp Business Account the delivery was for (`entry[].id`).
    pub waba_id: Option<String>,
    pub message_id: Option<String>,
    pub recipient_id: Option<String>,
    pub status: Option<String>,
    pub timestamp: Option<i64>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(
    feature = "typescript",
    derive(tsify_next::Tsify),
    tsify(missing_as_null)
)]
pub struct WebhookErrors {
    /// A whole webhook delivery (`object` / `entry`) rather than bare error objects.
    pub whole_payload: bool,
    pub errors: Vec<WebhookError>,
}

/// A pasted token, described without its secret part.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(
    feature = "typescript",
    derive(tsify_next::Tsify),
    tsify(missing_as_null)
)]
pub struct TokenShape {
    /// `user_or_system` for `EAA…`, `app` for `APPID|SECRET`.
    pub family: TokenFamily,
    /// Safe preview, e.g. `EAAGm0… (198 characters)`.
    pub preview: String,
    /// For app tokens: the app ID (public).
    pub app_id: Option<String>,
    pub had_bearer_prefix: bool,
}

named_enum! {
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
    #[cfg_attr(feature = "typescript", derive(tsify_next::Tsify), tsify(missing_as_null))]
    #[serde(rename_all = "snake_case")]
    pub enum TokenFamily {
        UserOrSystem = "user_or_system",
        App = "app",
    }
}
