//! The seeded data generator (the resources themselves are in `resources`).

use time::macros::datetime;

pub use crate::resources::*;
use crate::rng::Rng;

/// Seeded dates start here (2024-01-01T00:00:00Z).
pub const DATA_START: i64 = datetime!(2024-01-01 0:00 UTC).unix_timestamp();
/// Tickets are created before this (2026-10-01T00:00:00Z).
pub const CREATED_END: i64 = datetime!(2026-10-01 0:00 UTC).unix_timestamp();
/// Every seeded date is before this; the mock's clock starts here (2026-11-01T00:00:00Z)
/// and advances one second per change (PUT or transition), so runs are reproducible.
pub const CLOCK_START: i64 = datetime!(2026-11-01 0:00 UTC).unix_timestamp();

/// The first ticket number is `FIRST_TICKET_NUMBER` plus a small seeded offset.
pub const FIRST_TICKET_NUMBER: i64 = 7_000_000;

/// VIN characters: 0-9 and A-Z without I, O and Q.
pub const VIN_CHARS: &[u8] = b"0123456789ABCDEFGHJKLMNPRSTUVWXYZ";
const VIN_LETTERS: &[u8] = b"ABCDEFGHJKLMNPRSTUVWXYZ";
const VOUCHER_CHARS: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
/// World manufacturer identifiers used for generated VINs.
pub const WMIS: &[&str] = &[
    "WVW", "WBA", "VF1", "JH4", "1HG", "WDB", "WAU", "ZFA", "VF3", "YV1", "SAL", "TMB", "KMH", "5YJ", "1FT", "JTD",
    "WF0", "VSS",
];
const MODEL_YEARS: &[u8] = b"ABCDEFGHJKLMNPRSTVWXY123456789";

/// A realistic 17-character VIN with a valid check digit in position 9.
pub fn gen_vin(rng: &mut Rng) -> String {
    let mut v: Vec<u8> = rng.pick(WMIS).as_bytes().to_vec();
    for _ in 0..5 {
        v.push(*rng.pick(VIN_CHARS));
    }
    v.push(b'0'); // check digit, below
    v.push(*rng.pick(MODEL_YEARS));
    v.push(*rng.pick(VIN_LETTERS));
    for _ in 0..6 {
        v.push(b'0' + rng.below(10) as u8);
    }
    v[8] = vin_check_digit(&v);
    String::from_utf8(v).unwrap_or_default()
}

/// The North-American check digit of a VIN (position 9).
pub fn vin_check_digit(vin: &[u8]) -> u8 {
    const WEIGHTS: [u32; 17] = [8, 7, 6, 5, 4, 3, 2, 10, 0, 9, 8, 7, 6, 5, 4, 3, 2];
    let value = |c: u8| -> u32 {
        match c {
            b'0'..=b'9' => u32::from(c - b'0'),
            b'A' | b'J' => 1,
            b'B' | b'K' | b'S' => 2,
            b'C' | b'L' | b'T' => 3,
            b'D' | b'M' | b'U' => 4,
            b'E' | b'N' | b'V' => 5,
            b'F' | b'W' => 6,
            b'G' | b'P' | b'X' => 7,
            b'H' | b'Y' => 8,
            b'R' | b'Z' => 9,
            _ => 0,
        }
    };
    let sum: u32 = vin.iter().zip(WEIGHTS).map(|(c, w)| value(*c) * w).sum();
    match sum % 11 {
        10 => b'X',
        d => b'0' + d as u8,
    }
}

/// Everything the generator produced.
#[derive(Debug, Clone)]
pub struct Dataset {
    /// Tickets in creation order (ticket numbers ascending).
    pub tickets: Vec<Ticket>,
    /// Outsourced-ticket records of the tickets generated in the `outsourced` state.
    pub outsourced: Vec<OutsourcedTicket>,
    /// The generator's state afterwards, used for ids created at run time.
    pub rng: Rng,
}

/// Generates `total` tickets, `in_progress` of them in progress, from `seed`.
pub fn generate(seed: u64, total: usize, in_progress: usize) -> Dataset {
    let mut rng = Rng::new(seed ^ 0x4A1F_E11E_0000_0000);
    let in_progress = in_progress.min(total);

    // Pools, so that filters by id find several tickets.
    let own_provider = rng.uuid();
    let partners: Vec<String> = (0..3).map(|_| rng.uuid()).collect();
    let outsource_providers: Vec<String> = (0..4).map(|_| rng.uuid()).collect();
    let customers: Vec<(String, Vec<String>)> = (0..40)
        .map(|_| {
            let c = rng.uuid();
            let n = 1 + rng.below(2) as usize;
            (c, (0..n).map(|_| rng.uuid()).collect())
        })
        .collect();
    let operators: Vec<String> = (0..12).map(|_| rng.uuid()).collect();
    let models: Vec<i64> = (0..40).map(|_| rng.range(1000, 9999)).collect();
    let vouchers: Vec<String> = (0..30)
        .map(|_| {
            let len = rng.range(4, 8) as usize;
            rng.string(VOUCHER_CHARS, len)
        })
        .collect();

    // Exact state counts, shuffled.
    let rest = total - in_progress;
    let prepared = rest * 8 / 100;
    let pending = rest * 12 / 100;
    let outsourced = rest * 10 / 100;
    let cancelled = rest * 18 / 100;
    let closed = rest - prepared - pending - outsourced - cancelled;
    let mut states = Vec::with_capacity(total);
    for (state, n) in [
        (TicketState::Prepared, prepared),
        (TicketState::Pending, pending),
        (TicketState::InProgress, in_progress),
        (TicketState::Outsourced, outsourced),
        (TicketState::Closed, closed),
        (TicketState::Cancelled, cancelled),
    ] {
        states.extend(std::iter::repeat_n(state, n));
    }
    rng.shuffle(&mut states);

    let mut created: Vec<i64> = (0..total).map(|_| rng.range(DATA_START, CREATED_END - 1)).collect();
    created.sort_unstable();

    let mut number = FIRST_TICKET_NUMBER + rng.range(0, 50);
    let mut tickets = Vec::with_capacity(total);
    for (state, created_at) in states.into_iter().zip(created) {
        use TicketState::*;
        number += rng.range(1, 3);
        let has_customer = state != Prepared || rng.chance(75);
        let (customer_id, customer_connector_id) = if has_customer {
            let (c, connectors) = rng.pick(&customers).clone();
            let conn = if state == InProgress || rng.chance(90) {
                Some(rng.pick(&connectors).clone())
            } else {
                None
            };
            (Some(c), conn)
        } else {
            (None, None)
        };
        let customer_channel_id = (state != Prepared).then(|| rng.uuid());
        let source_provider_id = if rng.chance(85) {
            own_provider.clone()
        } else {
            rng.pick(&partners).clone()
        };
        let operator_channel_id = (source_provider_id != own_provider).then(|| rng.uuid());
        let assigned = match state {
            InProgress | Closed | Outsourced => true,
            Cancelled => rng.chance(50),
            Prepared | Pending => false,
        };
        let assigned_at = assigned.then(|| created_at + rng.range(60, 3 * 86_400));
        let operator_id = assigned.then(|| rng.pick(&operators).clone());
        let service_started_at = match (state, assigned_at) {
            (InProgress, Some(a)) => Some(a + rng.range(0, 900)),
            _ => None,
        };
        let finished_at = match state {
            Closed => Some(assigned_at.unwrap_or(created_at) + rng.range(600, 5 * 3600)),
            Cancelled => Some(assigned_at.unwrap_or(created_at) + rng.range(300, 2 * 86_400)),
            _ => None,
        };
        let cancel_reason_id = (state == Cancelled).then(|| rng.range(1, 5) as i32);
        let connection_id = match state {
            Prepared | Pending => None,
            InProgress | Closed | Outsourced => rng.chance(90).then(|| rng.uuid()),
            Cancelled => assigned.then(|| rng.uuid()),
        };
        let vin = if state == Prepared && rng.chance(50) {
            None
        } else {
            Some(gen_vin(&mut rng))
        };
        let voucher_code = rng.chance(25).then(|| rng.pick(&vouchers).clone());
        let outsourced_flag = match state {
            Outsourced => true,
            InProgress | Closed | Cancelled => rng.chance(6),
            Prepared | Pending => false,
        };
        let external_reference = if rng.chance(50) {
            String::new()
        } else {
            format!("ERP-{:05}", rng.below(1000))
        };
        let externally_processed = match state {
            Closed | Cancelled => rng.chance(60),
            _ => rng.chance(10),
        };
        let customer_reference = if rng.chance(70) {
            format!("A-{:03}-{}", rng.below(1000), *rng.pick(VIN_LETTERS) as char)
        } else {
            String::new()
        };
        let operator_reference = if assigned && rng.chance(50) {
            format!("job {}", rng.range(1, 999))
        } else {
            String::new()
        };
        let latest = [Some(created_at), assigned_at, service_started_at, finished_at]
            .into_iter()
            .flatten()
            .max()
            .unwrap_or(created_at);
        let updated_at = (latest + rng.range(0, 7200)).min(CLOCK_START - 1);
        tickets.push(Ticket {
            id: rng.uuid(),
            assigned_at,
            cancel_reason_id,
            connection_id,
            created_at,
            customer_channel_id,
            customer_connector_id,
            customer_id,
            customer_reference,
            external_reference,
            externally_processed,
            finished_at,
            operator_channel_id,
            operator_id,
            operator_reference,
            outsourced: outsourced_flag,
            source_provider_id,
            state,
            ticket_number: number,
            updated_at,
            vehicle_model_id: *rng.pick(&models),
            vin,
            voucher_code,
            service_started_at,
        });
    }

    let outsourced = tickets
        .iter()
        .filter(|t| t.state == TicketState::Outsourced)
        .map(|t| {
            let provider = rng.pick(&outsource_providers).clone();
            let reclaimable = rng.chance(50);
            outsourced_record(&mut rng, t, provider, reclaimable)
        })
        .collect::<Vec<_>>();

    Dataset {
        tickets,
        outsourced,
        rng,
    }
}

/// The outsourced-ticket record made when `ticket` is outsourced to `provider`.
pub fn outsourced_record(rng: &mut Rng, ticket: &Ticket, provider: String, reclaimable: bool) -> OutsourcedTicket {
    OutsourcedTicket {
        id: rng.uuid(),
        created_at: ticket.created_at,
        customer_id: ticket.customer_id.clone(),
        ticket_number: ticket.ticket_number,
        vehicle_model_id: ticket.vehicle_model_id,
        vin: ticket.vin.clone(),
        outsource_provider_id: provider,
        outsource_ticket_id: rng.uuid(),
        reclaimable,
        voucher_code: ticket.voucher_code.clone(),
        connection_id: ticket.connection_id.clone(),
        ticket_id: ticket.id.clone(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn check_digit_of_a_known_vin() {
        // The textbook example VIN, whose check digit is X.
        let vin = b"1M8GDM9AXKP042788";
        assert_eq!(vin_check_digit(vin), b'X');
    }

    #[test]
    fn counts_and_rules() {
        let d = generate(1, 3000, 300);
        assert_eq!(d.tickets.len(), 3000);
        let count = |s| d.tickets.iter().filter(|t| t.state == s).count();
        assert_eq!(count(TicketState::InProgress), 300);
        for s in TicketState::ALL {
            assert!(count(s) > 0, "{s:?}");
        }
        let mut numbers: Vec<i64> = d.tickets.iter().map(|t| t.ticket_number).collect();
        numbers.dedup();
        assert_eq!(numbers.len(), 3000);
        for t in &d.tickets {
            assert_eq!(
                t.finished_at.is_some(),
                matches!(t.state, TicketState::Closed | TicketState::Cancelled)
            );
            assert_eq!(t.cancel_reason_id.is_some(), t.state == TicketState::Cancelled);
            if matches!(
                t.state,
                TicketState::InProgress | TicketState::Closed | TicketState::Outsourced
            ) {
                assert!(t.operator_id.is_some());
            }
            if t.state != TicketState::Prepared {
                let vin = t.vin.as_deref().unwrap();
                assert_eq!(vin.len(), 17);
                assert!(vin.bytes().all(|c| VIN_CHARS.contains(&c)));
                assert_eq!(vin_check_digit(vin.as_bytes()), vin.as_bytes()[8]);
            }
            if let Some(v) = &t.voucher_code {
                assert!(crate::validate::is_voucher_code(v));
            }
            assert!(t.created_at >= DATA_START && t.updated_at < CLOCK_START && t.updated_at >= t.created_at);
        }
        assert!(d.tickets.iter().any(|t| t.vin.is_none()));
    }
}
