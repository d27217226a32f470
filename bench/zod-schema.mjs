// The same checks as the SDK's, as a careful TypeScript client writes them
// with zod 4: UUIDs (any 8-4-4-4-12 hex, as the reference's), RFC 3339
// date-times with an offset, safe integers, 255-character references,
// nullability.
import { z } from "zod";

const uuid = z.guid();
const dateTime = z.iso.datetime({ offset: true });
const safeInt = z.int();

export const ticket = z.object({
  id: uuid,
  assigned_at: dateTime.nullable(),
  cancel_reason_id: z.int32().nullable(),
  connection_id: uuid.nullable(),
  created_at: dateTime,
  customer_channel_id: uuid.nullable(),
  customer_connector_id: uuid.nullable(),
  customer_id: uuid.nullable(),
  customer_reference: z.string().max(255),
  external_reference: z.string(),
  externally_processed: z.boolean(),
  finished_at: dateTime.nullable(),
  operator_channel_id: uuid.nullable(),
  operator_id: uuid.nullable(),
  operator_reference: z.string().max(255),
  outsourced: z.boolean(),
  source_provider_id: uuid,
  state: z.string(),
  ticket_number: safeInt,
  updated_at: dateTime,
  vehicle_model_id: safeInt,
  vin: z.string().nullable(),
  voucher_code: z.string().nullable(),
});

export const ticketPage = z.object({ query: z.record(z.string(), z.unknown()), result: z.array(ticket), total: safeInt });
export const parsePage = (value) => ticketPage.parse(value);
