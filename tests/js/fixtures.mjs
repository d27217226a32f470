// Reference-shaped resources for the JS tests.
export const TICKET_ID = "497f6eca-6276-4993-bfeb-53cbbbba6f08";
export const OPERATOR_ID = "fa9de6bb-1df8-4ba6-9e6d-1172fbf7e166";
export const CUSTOMER_ID = "160c0c4b-9966-4dc1-a916-8407eb10d74e";
export const PROVIDER_ID = "89679b1d-5eea-4ceb-8c38-aea88452dbc0";
export const PRODUCT_ID = "ca45affe-f503-4778-ab9e-3dd26cdd2d66";
export const OUTSOURCED_ID = "f2c4cf2d-c633-466b-b161-c01ab5bf66f0";

export function ticket(n = 0, overrides = {}) {
  return {
    id: `497f6eca-6276-4993-bfeb-${String(n).padStart(12, "0")}`,
    assigned_at: "2019-08-24T14:15:22Z",
    cancel_reason_id: null,
    connection_id: "d3547de1-d1f2-4344-b4c2-17169b7526f9",
    created_at: "2019-08-24T14:15:22Z",
    customer_channel_id: "ea96c632-cea8-4e93-a2a9-b43cdfd2784c",
    customer_connector_id: "38442d12-3ddc-4ea7-815d-16388caccddf",
    customer_id: CUSTOMER_ID,
    customer_reference: "A-123-B",
    external_reference: "string",
    externally_processed: true,
    finished_at: null,
    operator_channel_id: null,
    operator_id: OPERATOR_ID,
    operator_reference: "example reference",
    outsourced: false,
    source_provider_id: PROVIDER_ID,
    state: "pending",
    ticket_number: 7440303 + n,
    updated_at: "2019-08-24T14:15:22Z",
    vehicle_model_id: 0,
    vin: "JH4KA7630PC007649",
    voucher_code: "WQ4MM3",
    ...overrides,
  };
}

export function inProgressTicket(n = 0, overrides = {}) {
  return {
    id: `497f6eca-6276-4993-bfeb-${String(n).padStart(12, "0")}`,
    created_at: "2019-08-24T14:15:22Z",
    customer_id: CUSTOMER_ID,
    ticket_number: 7440303 + n,
    vehicle_model_id: 0,
    vin: "JH4KA7630PC007649",
    service_started_at: "2019-08-24T14:15:22Z",
    operator_id: OPERATOR_ID,
    voucher_code: "WQ4MM3",
    outsourced: true,
    connection_id: "d3547de1-d1f2-4344-b4c2-17169b7526f9",
    ...overrides,
  };
}

export const outsourcedTicket = {
  id: OUTSOURCED_ID,
  created_at: "2019-08-24T14:15:22Z",
  customer_id: CUSTOMER_ID,
  ticket_number: 7440303,
  vehicle_model_id: 0,
  vin: "JH4KA7630PC007649",
  outsource_provider_id: PROVIDER_ID,
  outsource_ticket_id: null,
  reclaimable: true,
  voucher_code: "WQ4MM3",
  connection_id: null,
};

export const page = (result, total = result.length, query = { limit: 25, offset: 0, sort_by: { created_at: "asc" } }) => ({
  query,
  result,
  total,
});
