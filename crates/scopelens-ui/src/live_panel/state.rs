//! One live check as a `Reducible`: its settings, the answers so far and
//! what is still to come, and the report they make.

use scopelens_core::live::{Call, LiveCheck, LiveReport, Outcome};
use scopelens_core::Context;
use std::rc::Rc;
use yew::prelude::*;

/// One check: its settings, the answers so far and what is still to come.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct LiveRun {
    pub(super) id: u32,
    pub(super) running: bool,
    pub(super) base: String,
    pub(super) version: String,
    /// Unix seconds when the check started; the diagnosis is relative to it.
    pub(super) checked_at: i64,
    pub(super) answers: Vec<(Call, Outcome)>,
    pub(super) in_flight: Option<Call>,
    pub(super) queued: Vec<Call>,
    /// Why the check did not start (nothing was sent).
    pub(super) refused: Option<String>,
}

pub enum RunAction {
    Start {
        id: u32,
        base: String,
        version: String,
        checked_at: i64,
    },
    Sending {
        id: u32,
        call: Call,
        queued: Vec<Call>,
    },
    Answered {
        id: u32,
        call: Call,
        outcome: Outcome,
    },
    Done {
        id: u32,
    },
    Refuse(String),
}

impl Reducible for LiveRun {
    type Action = RunAction;

    fn reduce(self: Rc<Self>, action: RunAction) -> Rc<Self> {
        let mut next = (*self).clone();
        match action {
            RunAction::Start {
                id,
                base,
                version,
                checked_at,
            } => {
                return Rc::new(LiveRun {
                    id,
                    running: true,
                    base,
                    version,
                    checked_at,
                    ..LiveRun::default()
                })
            }
            // Anything from an earlier check is stale.
            RunAction::Sending { id, .. }
            | RunAction::Answered { id, .. }
            | RunAction::Done { id }
                if id != self.id =>
            {
                return self
            }
            RunAction::Sending { call, queued, .. } => {
                next.in_flight = Some(call);
                next.queued = queued;
            }
            RunAction::Answered { call, outcome, .. } => {
                next.in_flight = None;
                next.answers.push((call, outcome));
            }
            RunAction::Done { .. } => {
                next.running = false;
                next.in_flight = None;
                next.queued.clear();
            }
            RunAction::Refuse(reason) => next.refused = Some(reason),
        }
        Rc::new(next)
    }
}

impl LiveRun {
    /// The debug_token answer, which is what a share link carries.
    pub(super) fn debug_token_body(&self) -> Option<&str> {
        self.answers
            .iter()
            .find_map(|(call, outcome)| match outcome {
                Outcome::Http { body, .. } if *call == Call::DebugToken => Some(body.as_str()),
                _ => None,
            })
    }
}

/// Feeds recorded answers to a fresh check: the same report, under another context.
pub fn replay(answers: &[(Call, Outcome)], ctx: &Context) -> LiveReport {
    let mut check = LiveCheck::new(ctx.clone());
    for (call, outcome) in answers {
        check.record(call, outcome.clone());
    }
    check.report()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn replay_reads_answers_under_a_new_context() {
        let answers = vec![(
            Call::DebugToken,
            Outcome::Failed {
                reason: "no answer within 2 s".into(),
            },
        )];
        let report = replay(&answers, &Context::at(1_760_000_000));
        assert!(report.diagnosis.has("live.call_failed"));
        assert_eq!(report.calls.len(), 1);
    }
}
