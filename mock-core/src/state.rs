//! The shared state: the data store, the fault queue and the request log.

use std::collections::{BTreeMap, HashMap, VecDeque};
use std::sync::{Mutex, MutexGuard};

use serde::Serialize;

use crate::config::Config;
use crate::data::{generate, OutsourcedTicket, Ticket, CLOCK_START};
use crate::fault::FaultSpec;
use crate::rng::Rng;

/// The tickets and outsourced tickets, with a reproducible clock and id generator.
#[derive(Debug)]
pub struct Store {
    /// All tickets, in creation order.
    pub tickets: Vec<Ticket>,
    index: HashMap<String, usize>,
    /// Outsourced-ticket records.
    pub outsourced: Vec<OutsourcedTicket>,
    rng: Rng,
    clock: i64,
}

impl Store {
    /// The seeded data of `config`.
    pub fn seeded(config: &Config) -> Self {
        let data = generate(config.seed, config.tickets, config.in_progress);
        let index = data
            .tickets
            .iter()
            .enumerate()
            .map(|(i, t)| (t.id.clone(), i))
            .collect();
        Store {
            tickets: data.tickets,
            index,
            outsourced: data.outsourced,
            rng: data.rng,
            clock: CLOCK_START,
        }
    }

    /// A ticket by id (exact, lowercase).
    pub fn ticket(&self, id: &str) -> Option<&Ticket> {
        self.index.get(id).map(|i| &self.tickets[*i])
    }

    /// A ticket by id, mutable.
    pub fn ticket_mut(&mut self, id: &str) -> Option<&mut Ticket> {
        self.index.get(id).map(|i| &mut self.tickets[*i])
    }

    /// The mock clock: `CLOCK_START` plus one second per call.
    pub fn now(&mut self) -> i64 {
        self.clock += 1;
        self.clock
    }

    /// The id generator for resources created at run time.
    pub fn rng(&mut self) -> &mut Rng {
        &mut self.rng
    }
}

/// One recorded `/v2` request.
#[derive(Debug, Clone, Serialize)]
pub struct LoggedRequest {
    /// `GET`, `PUT`, ...
    pub method: String,
    /// The path, without the query.
    pub path: String,
    /// The raw query string (without `?`), or null when the URL had none.
    pub query: Option<String>,
    /// Every header, lowercase names; repeated headers joined with `, `.
    pub headers: BTreeMap<String, String>,
    /// The body as text (lossy UTF-8); empty when there was none.
    pub body: String,
}

/// Everything shared by the handlers.
#[derive(Debug)]
pub struct Shared {
    pub config: Config,
    store: Mutex<Store>,
    faults: Mutex<VecDeque<FaultSpec>>,
    requests: Mutex<Vec<LoggedRequest>>,
    /// Tokens issued by `POST /oauth2/token`, with when they expire.
    tokens: Mutex<HashMap<String, u64>>,
    /// Answers of `POST /oauth2/token` since start or reset: (issued, refused).
    token_answers: Mutex<(u64, u64)>,
}

fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}

impl Shared {
    /// Fresh state with the seeded data of `config`.
    pub fn new(config: Config) -> Self {
        let store = Store::seeded(&config);
        Shared {
            config,
            store: Mutex::new(store),
            faults: Mutex::new(VecDeque::new()),
            requests: Mutex::new(Vec::new()),
            tokens: Mutex::new(HashMap::new()),
            token_answers: Mutex::new((0, 0)),
        }
    }

    /// Issues a bearer token valid for `lifetime_ms` from `now_ms` (the
    /// shell's clock, in milliseconds since the Unix epoch: the core reads no clock).
    pub fn issue_token(&self, lifetime_ms: u64, now_ms: u64) -> String {
        let mut tokens = lock(&self.tokens);
        let mut answers = lock(&self.token_answers);
        tokens.retain(|_, expires| *expires > now_ms);
        answers.0 += 1;
        static NEXT: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(1);
        let serial = NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        let token = format!("mock-{now_ms:012x}{serial:08x}");
        tokens.insert(token.clone(), now_ms.saturating_add(lifetime_ms));
        token
    }

    /// Whether `token` was issued here and has not expired at `now_ms`.
    pub fn token_is_valid(&self, token: &str, now_ms: u64) -> bool {
        lock(&self.tokens).get(token).is_some_and(|expires| *expires > now_ms)
    }

    /// Counts a refused token request.
    pub fn refuse_token(&self) {
        lock(&self.token_answers).1 += 1;
    }

    /// How many token requests were answered with a token, and how many refused.
    pub fn token_answers(&self) -> (u64, u64) {
        *lock(&self.token_answers)
    }

    pub fn store(&self) -> MutexGuard<'_, Store> {
        lock(&self.store)
    }

    /// Restores the seeded data, clears the fault queue and the request log.
    pub fn reset(&self) {
        *lock(&self.store) = Store::seeded(&self.config);
        lock(&self.faults).clear();
        lock(&self.requests).clear();
        *lock(&self.token_answers) = (0, 0);
    }

    pub fn push_faults(&self, specs: Vec<FaultSpec>) {
        lock(&self.faults).extend(specs);
    }

    pub fn pop_fault(&self) -> Option<FaultSpec> {
        lock(&self.faults).pop_front()
    }

    pub fn faults(&self) -> Vec<FaultSpec> {
        lock(&self.faults).iter().cloned().collect()
    }

    pub fn clear_faults(&self) {
        lock(&self.faults).clear();
    }

    pub fn record(&self, r: LoggedRequest) {
        lock(&self.requests).push(r);
    }

    pub fn requests(&self) -> Vec<LoggedRequest> {
        lock(&self.requests).clone()
    }

    pub fn clear_requests(&self) {
        lock(&self.requests).clear();
    }
}
