//! The endpoint table. Sources: Meta's permissions reference, the Graph API
//! reference pages, and Meta's OpenAPI description (v23.0).

use super::{Confidence, Endpoint};
use crate::kb::permissions::*;
use crate::kb::sources::*;

pub static ENDPOINTS: &[Endpoint] = &[
    Endpoint {
        method: "POST",
        path: "/{phone-number-id}/messages",
        summary: "Send a message",
        permissions: &[MESSAGING],
        note: "The ID must be the phone number ID from API Setup, not the phone number or the WABA ID.",
        confidence: Confidence::Documented,
        sources: &[WA_PERMISSIONS],
    },
    Endpoint {
        method: "GET",
        path: "/{waba-id}/message_templates",
        summary: "List message templates",
        permissions: &[MANAGEMENT],
        note: "Called on the WhatsApp Business Account ID, not the business ID.",
        confidence: Confidence::Documented,
        sources: &[WA_PERMISSIONS],
    },
];
