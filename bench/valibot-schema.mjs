// The same checks as zod-schema.mjs, with valibot 1.
import * as v from "valibot";

const uuid = v.pipe(v.string(), v.uuid());
const dateTime = v.pipe(v.string(), v.isoTimestamp());
const safeInt = v.pipe(v.number(), v.safeInteger());
const int32 = v.pipe(v.number(), v.integer(), v.minValue(-2147483648), v.maxValue(2147483647));
const reference = v.pipe(v.string(), v.maxLength(255));

export const ticket = v.object({
  id: uuid,
  assigned_at: v.nullable(dateTime),
  cancel_reason_id: v.nullable(int32),
  connection_id: v.nullable(uuid),
  created_at: dateTime,
  customer_channel_id: v.nullable(uuid),
  customer_connector_id: v.nullable(uuid),
  customer_id: v.nullable(uuid),
  customer_reference: reference,
  external_reference: v.string(),
  externally_processed: v.boolean(),
  finished_at: v.nullable(dateTime),
  operator_channel_id: v.nullable(uuid),
  operator_id: v.nullable(uuid),
  operator_reference: reference,
  outsourced: v.boolean(),
  source_provider_id: uuid,
  state: v.string(),
  ticket_number: safeInt,
  updated_at: dateTime,
  vehicle_model_id: safeInt,
  vin: v.nullable(v.string()),
  voucher_code: v.nullable(v.string()),
});

export const ticketPage = v.object({ query: v.record(v.string(), v.unknown()), result: v.array(ticket), total: safeInt });
export const parsePage = (value) => v.parse(ticketPage, value);
