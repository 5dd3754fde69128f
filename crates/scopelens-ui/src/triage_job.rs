//! Runs one triage in the triage Web Worker: starts the worker (its script
//! is fetched only now, on first use), feeds it the input in slices read
//! with `Blob.slice` + `arrayBuffer` (one slice in flight at a time, so
//! memory stays flat), and reports progress and the result. Dropping the
//! job terminates the worker: that is how a run is cancelled.

use crate::triage_data::TriageSummary;

/// Bytes per message to the worker.
pub const CHUNK_BYTES: f64 = 2.0 * 1024.0 * 1024.0;

/// What a running job reports.
#[derive(Debug, Clone, PartialEq)]
pub enum JobEvent {
    /// `read` of `total` input bytes are counted.
    Progress {
        read: f64,
        total: f64,
    },
    Done(Box<TriageSummary>),
    Failed(String),
}

#[cfg(target_arch = "wasm32")]
pub use wasm::Job;

#[cfg(target_arch = "wasm32")]
mod wasm {
    use super::{JobEvent, CHUNK_BYTES};
    use crate::triage_data::{FromWorker, ToWorker};
    use std::cell::RefCell;
    use std::rc::Rc;
    use wasm_bindgen::closure::Closure;
    use wasm_bindgen::{JsCast, JsValue};
    use web_sys::{Blob, Event, MessageEvent, Worker};
    use yew::Callback;

    struct Feed {
        blob: Blob,
        offset: f64,
        total: f64,
        stopped: bool,
    }

    /// A triage running in a worker.
    pub struct Job {
        worker: Worker,
        feed: Rc<RefCell<Feed>>,
        _on_message: Closure<dyn FnMut(MessageEvent)>,
        _on_error: Closure<dyn FnMut(Event)>,
    }

    fn post(worker: &Worker, message: &ToWorker) {
        let text = serde_json::to_string(message).unwrap_or_default();
        let _ = worker.post_message(&JsValue::from_str(&text));
    }

    /// Sends the next slice, or `end` after the last one.
    fn send_next(worker: &Worker, feed: &Rc<RefCell<Feed>>, on_event: &Callback<JobEvent>) {
        let (slice, end) = {
            let mut f = feed.borrow_mut();
            if f.stopped {
                return;
            }
            if f.offset >= f.total {
                (None, true)
            } else {
                let end = (f.offset + CHUNK_BYTES).min(f.total);
                let slice = f.blob.slice_with_f64_and_f64(f.offset, end);
                f.offset = end;
                (Some(slice), false)
            }
        };
        if end {
            post(worker, &ToWorker::End);
            return;
        }
        let (worker, feed, on_event) = (worker.clone(), feed.clone(), on_event.clone());
        wasm_bindgen_futures::spawn_local(async move {
            let buffer = match slice {
                Some(Ok(blob)) => wasm_bindgen_futures::JsFuture::from(blob.array_buffer()).await,
                Some(Err(e)) => Err(e),
                None => Err(JsValue::NULL),
            };
            if feed.borrow().stopped {
                return;
            }
            match buffer {
                Ok(buffer) => {
                    // Transferred, not copied.
                    let transfer = js_sys::Array::of1(&buffer);
                    if worker
                        .post_message_with_transfer(&buffer, &transfer)
                        .is_err()
                    {
                        on_event.emit(JobEvent::Failed(
                            "The file could not be handed to the triage worker.".into(),
                        ));
                    }
                }
                Err(_) => {
                    feed.borrow_mut().stopped = true;
                    on_event.emit(JobEvent::Failed(
                        "The file could not be read. Was it moved or deleted?".into(),
                    ));
                }
            }
        });
    }

    impl Job {
        /// Starts the worker at `url` on `blob`.
        pub fn start(url: &str, blob: Blob, on_event: Callback<JobEvent>) -> Result<Job, String> {
            let worker = Worker::new(url)
                .map_err(|_| "The triage worker could not be started.".to_string())?;
            let total = blob.size();
            let feed = Rc::new(RefCell::new(Feed {
                blob,
                offset: 0.0,
                total,
                stopped: false,
            }));
            let on_message = {
                let (worker, feed, on_event) = (worker.clone(), feed.clone(), on_event.clone());
                Closure::<dyn FnMut(MessageEvent)>::new(move |e: MessageEvent| {
                    if feed.borrow().stopped {
                        return;
                    }
                    let message = e
                        .data()
                        .as_string()
                        .and_then(|text| serde_json::from_str::<FromWorker>(&text).ok());
                    match message {
                        Some(FromWorker::Ready) => {
                            post(
                                &worker,
                                &ToWorker::Start {
                                    total: total as u64,
                                },
                            );
                            send_next(&worker, &feed, &on_event);
                        }
                        Some(FromWorker::Progress { read }) => {
                            on_event.emit(JobEvent::Progress {
                                read: read as f64,
                                total,
                            });
                            send_next(&worker, &feed, &on_event);
                        }
                        Some(FromWorker::Done { summary }) => {
                            feed.borrow_mut().stopped = true;
                            worker.terminate();
                            on_event.emit(JobEvent::Done(summary));
                        }
                        Some(FromWorker::Failed { message }) => {
                            feed.borrow_mut().stopped = true;
                            worker.terminate();
                            on_event.emit(JobEvent::Failed(message));
                        }
                        None => {}
                    }
                })
            };
            let on_error = {
                let (worker, feed) = (worker.clone(), feed.clone());
                Closure::<dyn FnMut(Event)>::new(move |e: Event| {
                    e.prevent_default();
                    let was_stopped = std::mem::replace(&mut feed.borrow_mut().stopped, true);
                    worker.terminate();
                    if !was_stopped {
                        on_event.emit(JobEvent::Failed(
                            "The triage worker failed to load or stopped with an error. Reload the page and try again."
                                .into(),
                        ));
                    }
                })
            };
            worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
            worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));
            Ok(Job {
                worker,
                feed,
                _on_message: on_message,
                _on_error: on_error,
            })
        }
    }

    impl Drop for Job {
        fn drop(&mut self) {
            self.feed.borrow_mut().stopped = true;
            self.worker.set_onmessage(None);
            self.worker.set_onerror(None);
            self.worker.terminate();
        }
    }
}

/// Outside the browser there is no worker (component code still compiles).
#[cfg(not(target_arch = "wasm32"))]
pub struct Job;

#[cfg(not(target_arch = "wasm32"))]
impl Job {
    pub fn start(
        _url: &str,
        _blob: web_sys::Blob,
        _on: yew::Callback<JobEvent>,
    ) -> Result<Job, String> {
        Err("Triage runs in a browser.".into())
    }
}
