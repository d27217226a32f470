//! The Rust client for wasm apps (`jifeline_tickets::Client`) against the
//! real mock API, in headless Chromium and in Node: all six operations, a
//! refused token re-sent once with a fresh one, checks before sending, and a
//! dropped future that aborts its fetch. scripts/test.sh starts the mock and
//! passes its URL at build time (`JIFELINE_MOCK_URL`).
#![cfg(target_arch = "wasm32")]

use std::cell::Cell;
use std::rc::Rc;

use wasm_bindgen_test::wasm_bindgen_test;

use jifeline_tickets::{Client, ClientOptions, TransitionResource};
use jifeline_tickets_core::{
    Complete, ErrorKind, InProgressTicketQuery, InProgressTicketUpdate, TicketQuery, TicketState, Transition,
};

/// The token and API key the mock is started with (scripts/test.sh).
const TOKEN: &str = "client-test-token";
const API_KEY: &str = "client-test-key";
const OPERATOR: &str = "fa9de6bb-1df8-4ba6-9e6d-1172fbf7e166";

fn mock_url() -> &'static str {
    option_env!("JIFELINE_MOCK_URL").expect("JIFELINE_MOCK_URL: scripts/test.sh starts the mock and sets it")
}

fn client() -> Client {
    Client::new(ClientOptions::new(mock_url()).access_token(TOKEN).api_key(API_KEY)).unwrap()
}

#[wasm_bindgen_test]
async fn all_six_operations_run_against_the_mock() {
    let client = client();
    let query = TicketQuery {
        limit: Some(3),
        ..TicketQuery::default()
    };
    let page = client.list_tickets(&query).await.unwrap();
    assert_eq!(page.result.len(), 3);
    assert!(page.total >= 3);
    let ticket = client.get_ticket(&page.result[0].id).await.unwrap();
    assert_eq!(ticket, page.result[0]);

    let in_progress = client
        .list_in_progress_tickets(&InProgressTicketQuery::default())
        .await
        .unwrap();
    let id = in_progress.result[0].id.clone();
    let read = client.get_in_progress_ticket(&id).await.unwrap();
    assert_eq!(read.id, id);

    let update = InProgressTicketUpdate {
        operator_id: OPERATOR.to_owned(),
        customer_id: None,
        vehicle_model_id: None,
        vin: None,
        voucher_code: None,
    };
    let updated = client.update_in_progress_ticket(&id, &update).await.unwrap();
    assert_eq!(updated.operator_id, OPERATOR);

    let moved = client
        .transition_in_progress_ticket(&id, &Transition::Complete(Complete {}))
        .await
        .unwrap();
    assert!(moved.location.starts_with(mock_url()), "{}", moved.location);
    match moved.resource {
        Some(TransitionResource::Ticket(t)) => assert_eq!(t.state, TicketState::Closed),
        other => panic!("expected the finished ticket, got {other:?}"),
    }
    // It is no longer in progress.
    let gone = client.get_in_progress_ticket(&id).await.unwrap_err();
    assert_eq!((gone.kind, gone.status), (ErrorKind::Http, Some(404)));
}

#[wasm_bindgen_test]
async fn a_refused_token_is_asked_for_again_and_the_request_sent_once_more() {
    let asked = Rc::new(Cell::new(0));
    let counter = asked.clone();
    let client = Client::new(ClientOptions::new(mock_url()).access_token_fn(move |refresh| {
        counter.set(counter.get() + 1);
        let token = if refresh { TOKEN } else { "stale-token" };
        Box::pin(async move { Ok(token.to_owned()) })
    }))
    .unwrap();
    let page = client
        .list_tickets(&TicketQuery {
            limit: Some(1),
            ..TicketQuery::default()
        })
        .await
        .unwrap();
    assert_eq!(page.result.len(), 1);
    assert_eq!(asked.get(), 2);
}

#[wasm_bindgen_test]
async fn bad_input_is_refused_before_anything_is_sent() {
    let e = client().get_ticket("../admin").await.unwrap_err();
    assert_eq!((e.kind, e.field.as_deref()), (ErrorKind::Validation, Some("ticketId")));
    let e = Client::new(ClientOptions::new("ftp://x")).unwrap_err();
    assert_eq!((e.kind, e.field.as_deref()), (ErrorKind::Validation, Some("baseUrl")));
}

#[wasm_bindgen_test]
async fn the_attempt_s_timeout_ends_a_call_to_a_server_that_never_answers() {
    // A port where nothing listens answers at once; the mock's fault header
    // makes it hold the answer instead.
    let client = Client::new(
        ClientOptions::new(mock_url())
            .access_token(TOKEN)
            .header("x-mock-fault", "delay_ms=30000")
            .timeout_ms(200)
            .retry(jifeline_tickets_core::RetryPolicy::none()),
    )
    .unwrap();
    let e = client.list_tickets(&TicketQuery::default()).await.unwrap_err();
    assert_eq!(e.kind, ErrorKind::Timeout, "{}", e.message);
}

#[wasm_bindgen_test]
fn dropping_a_call_s_future_aborts_its_fetch() {
    use std::cell::RefCell;
    use std::future::Future;
    use std::task::{Context, Waker};
    use wasm_bindgen::closure::Closure;
    use wasm_bindgen::{JsCast, JsValue};

    // A global fetch that records the signal it was given and never answers.
    let global = js_sys::global();
    let original = js_sys::Reflect::get(&global, &"fetch".into()).unwrap();
    let seen: Rc<RefCell<Option<web_sys::AbortSignal>>> = Rc::default();
    let record = seen.clone();
    let never = Closure::<dyn FnMut(JsValue, JsValue) -> js_sys::Promise>::new(move |_url: JsValue, init: JsValue| {
        let signal = js_sys::Reflect::get(&init, &"signal".into()).unwrap();
        *record.borrow_mut() = Some(signal.unchecked_into());
        js_sys::Promise::new(&mut |_, _| {})
    });
    js_sys::Reflect::set(&global, &"fetch".into(), never.as_ref()).unwrap();

    let client = client();
    let mut call = Box::pin(client.get_ticket("497f6eca-6276-4993-bfeb-53cbbbba6f08"));
    let mut cx = Context::from_waker(Waker::noop());
    assert!(call.as_mut().poll(&mut cx).is_pending());
    let signal = seen.borrow().clone().expect("the fetch was called");
    assert!(!signal.aborted());
    drop(call);
    js_sys::Reflect::set(&global, &"fetch".into(), &original).unwrap();
    assert!(signal.aborted(), "dropping the future aborted the fetch");
}
