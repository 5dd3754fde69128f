//! The triage view's Web Worker: counts the errors in a log off the page's
//! main thread, so the page stays responsive on large files.
//!
//! Built by Trunk as a worker (`data-type="worker"`, wasm-bindgen
//! `no-modules`) and started by `triage-worker.js` only when the triage view
//! is used, so it adds nothing to the app's first load.
//!
//! Protocol (see `scopelens_ui::triage_data::{ToWorker, FromWorker}`):
//! the worker says `ready`; the page sends `start` (JSON text), then the
//! log as `ArrayBuffer` chunks, one at a time, each answered by `progress`;
//! then `end`, answered by `done` with the summary. Cancelling terminates
//! the worker. Lines split between chunks are carried over here.

#![forbid(unsafe_code)]

// Only the wasm build runs it; native builds compile it for its tests.
#[cfg_attr(not(target_arch = "wasm32"), allow(dead_code))]
mod stream;

#[cfg(target_arch = "wasm32")]
mod worker {
    use crate::stream::TriageStream;
    use scopelens_ui::triage_data::{FromWorker, ToWorker, TriageSummary, WORKER_GROUP_BY};
    use std::cell::RefCell;
    use wasm_bindgen::closure::Closure;
    use wasm_bindgen::{JsCast, JsValue};
    use web_sys::{DedicatedWorkerGlobalScope, MessageEvent};

    thread_local! {
        static JOB: RefCell<Option<TriageStream>> = const { RefCell::new(None) };
    }

    fn scope() -> DedicatedWorkerGlobalScope {
        js_sys::global().unchecked_into()
    }

    fn post(message: &FromWorker) {
        let text = serde_json::to_string(message).unwrap_or_default();
        let _ = scope().post_message(&JsValue::from_str(&text));
    }

    fn handle(data: JsValue) {
        if let Some(text) = data.as_string() {
            match serde_json::from_str::<ToWorker>(&text) {
                Ok(ToWorker::Start { .. }) => {
                    JOB.with(|job| *job.borrow_mut() = Some(TriageStream::new(&WORKER_GROUP_BY)));
                }
                Ok(ToWorker::End) => {
                    let Some(stream) = JOB.with(|job| job.borrow_mut().take()) else {
                        post(&FromWorker::Failed {
                            message: "The worker was asked for a result before any input.".into(),
                        });
                        return;
                    };
                    let (triage, error) = stream.finish();
                    let mut summary = TriageSummary::from_report(&triage.report());
                    summary.warnings.extend(error);
                    post(&FromWorker::Done {
                        summary: Box::new(summary),
                    });
                }
                Err(_) => post(&FromWorker::Failed {
                    message: "The worker got a message it does not understand.".into(),
                }),
            }
            return;
        }
        let bytes = js_sys::Uint8Array::new(&data).to_vec();
        let read = JOB.with(|job| {
            job.borrow_mut().as_mut().map(|stream| {
                stream.push(&bytes);
                stream.read
            })
        });
        match read {
            Some(read) => post(&FromWorker::Progress { read }),
            None => post(&FromWorker::Failed {
                message: "The worker got data before the start of an input.".into(),
            }),
        }
    }

    pub fn start() {
        let on_message =
            Closure::<dyn FnMut(MessageEvent)>::new(|e: MessageEvent| handle(e.data()));
        scope().set_onmessage(Some(on_message.as_ref().unchecked_ref()));
        // The worker lives as long as the page wants it; the handler with it.
        on_message.forget();
        post(&FromWorker::Ready);
    }
}

fn main() {
    #[cfg(target_arch = "wasm32")]
    worker::start();
}
