// The same checks as zod-schema.mjs, with TypeBox's TypeCompiler (a schema
// compiled to a check function, as ajv does). `parsePage` throws on the
// first error, as zod's `parse` does; the value is checked in place.
import { Type } from "@sinclair/typebox";
import { TypeCompiler } from "@sinclair/typebox/compiler";
import { UUID, DATE_TIME, SAFE, INT32 } from "./formats.mjs";

const nullable = (schema) => Type.Union([schema, Type.Null()]);
const uuid = Type.String({ pattern: UUID });
const dateTime = Type.String({ pattern: DATE_TIME });
const safeInt = Type.Integer(SAFE);
const reference = Type.String({ maxLength: 255 });

const ticket = Type.Object({
  id: uuid,
  assigned_at: nullable(dateTime),
  cancel_reason_id: nullable(Type.Integer(INT32)),
  connection_id: nullable(uuid),
  created_at: dateTime,
  customer_channel_id: nullable(uuid),
  customer_connector_id: nullable(uuid),
  customer_id: nullable(uuid),
  customer_reference: reference,
  external_reference: Type.String(),
  externally_processed: Type.Boolean(),
  finished_at: nullable(dateTime),
  operator_channel_id: nullable(uuid),
  operator_id: nullable(uuid),
  operator_reference: reference,
  outsourced: Type.Boolean(),
  source_provider_id: uuid,
  state: Type.String(),
  ticket_number: safeInt,
  updated_at: dateTime,
  vehicle_model_id: safeInt,
  vin: nullable(Type.String()),
  voucher_code: nullable(Type.String()),
});

const ticketPage = Type.Object({ query: Type.Record(Type.String(), Type.Unknown()), result: Type.Array(ticket), total: safeInt });
const check = TypeCompiler.Compile(ticketPage);
export const parsePage = (value) => {
  if (!check.Check(value)) {
    const first = check.Errors(value).First();
    throw new Error(`typebox: ${first?.path} ${first?.message}`);
  }
  return value;
};
