// A reference-shaped page of tickets, deterministic, for benchmarks.
const STATES = ["prepared", "pending", "in_progress", "outsourced", "closed", "cancelled"];
const hex = (n, len) => n.toString(16).padStart(len, "0").slice(-len);
const uuid = (n) => `${hex(n * 2654435761, 8)}-${hex(n, 4)}-4${hex(n * 7, 3)}-a${hex(n * 13, 3)}-${hex(n * 40503, 12)}`;
const date = (n) => new Date(Date.UTC(2025, 0, 1) + n * 3_600_000).toISOString().replace(".000Z", "Z");

export function ticket(i) {
  const state = STATES[i % 6];
  return {
    id: uuid(i + 1),
    assigned_at: state === "prepared" || state === "pending" ? null : date(i + 1),
    cancel_reason_id: state === "cancelled" ? (i % 5) + 1 : null,
    connection_id: i % 3 === 0 ? null : uuid(i + 100_001),
    created_at: date(i),
    customer_channel_id: state === "prepared" ? null : uuid(i + 200_001),
    customer_connector_id: uuid(i + 300_001),
    customer_id: uuid(i + 400_001),
    customer_reference: `CR-${10_000 + i}`,
    external_reference: `ERP-${i}`,
    externally_processed: i % 2 === 0,
    finished_at: state === "closed" || state === "cancelled" ? date(i + 48) : null,
    operator_channel_id: i % 4 === 0 ? uuid(i + 500_001) : null,
    operator_id: state === "prepared" || state === "pending" ? null : uuid(i + 600_001),
    operator_reference: `operator note ${i}`,
    outsourced: state === "outsourced",
    source_provider_id: uuid(7),
    state,
    ticket_number: 7_000_000 + i,
    updated_at: date(i + 50),
    vehicle_model_id: 1000 + (i % 250),
    vin: state === "prepared" && i % 12 === 0 ? null : `WVWZZZ1JZ${String(10_000_000 + i).slice(-8)}`,
    voucher_code: i % 3 === 0 ? `V${hex(i * 977, 5).toUpperCase()}` : null,
  };
}

export function page(n = 1000) {
  return { query: { limit: n, offset: 0, sort_by: { created_at: "asc" } }, result: Array.from({ length: n }, (_, i) => ticket(i)), total: 3255 };
}
