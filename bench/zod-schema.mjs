// The same validation a careful TypeScript client would write with zod.
import { z } from "zod";

const uuid = z.string().uuid();
const dateTime = z.string().datetime({ offset: true });
const safeInt = z.number().int().safe();

export const ticket = z.object({
  id: uuid,
  assigned_at: dateTime.nullable(),
  cancel_reason_id: z.number().int().nullable(),
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

export const ticketPage = z.object({ query: z.record(z.unknown()), result: z.array(ticket), total: safeInt });
