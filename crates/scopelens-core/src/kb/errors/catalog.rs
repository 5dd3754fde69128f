//! The catalog data. One `ErrorEntry` per code (or code/subcode, or range).
//! Sources: reference facts sections 4.1-4.5 (see `kb::sources`).

use super::{Category, ErrorEntry, FixableBy, Retry};
use crate::kb::sources::*;

pub static CATALOG: &[ErrorEntry] = &[
    ErrorEntry {
        code: 190,
        last_code: None,
        subcode: None,
        title: "Access token has expired or is invalid",
        http_status: Some(401),
        category: Category::Authentication,
        fixable_by: FixableBy::Developer,
        retry: Retry::AfterFix,
        explanation: "The token sent with the request can no longer be used: it expired, was revoked, or is malformed. Meta documents HTTP 401 for this code, but real responses usually arrive as HTTP 400. The subcode, when present, tells why.",
        fix: &[
            "Inspect the token with debug_token or the Access Token Debugger to see whether it expired or was invalidated.",
            "Generate a new token; for servers, use a System User token set to never expire.",
            "Deploy the new token and retry the request.",
        ],
        sources: &[GRAPH_ERRORS, WA_ERRORS],
    },
];
