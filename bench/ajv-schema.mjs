// The same checks as zod-schema.mjs, as a JSON Schema compiled by ajv 8 (the
// fastest JS validator of the kind: it compiles the schema to a function).
// Like zod's `parse`, `parsePage` throws on the first error; unlike it, ajv
// checks the value in place (no copy).
import Ajv from "ajv";
import { UUID, DATE_TIME, SAFE, INT32 } from "./formats.mjs";

const nullable = (schema) => ({ anyOf: [schema, { type: "null" }] });
const uuid = { type: "string", pattern: UUID };
const dateTime = { type: "string", pattern: DATE_TIME };
const safeInt = { type: "integer", ...SAFE };
const reference = { type: "string", maxLength: 255 };

const ticket = {
  type: "object",
  properties: {
    id: uuid,
    assigned_at: nullable(dateTime),
    cancel_reason_id: nullable({ type: "integer", ...INT32 }),
    connection_id: nullable(uuid),
    created_at: dateTime,
    customer_channel_id: nullable(uuid),
    customer_connector_id: nullable(uuid),
    customer_id: nullable(uuid),
    customer_reference: reference,
    external_reference: { type: "string" },
    externally_processed: { type: "boolean" },
    finished_at: nullable(dateTime),
    operator_channel_id: nullable(uuid),
    operator_id: nullable(uuid),
    operator_reference: reference,
    outsourced: { type: "boolean" },
    source_provider_id: uuid,
    state: { type: "string" },
    ticket_number: safeInt,
    updated_at: dateTime,
    vehicle_model_id: safeInt,
    vin: nullable({ type: "string" }),
    voucher_code: nullable({ type: "string" }),
  },
};
ticket.required = Object.keys(ticket.properties);

const ticketPage = {
  type: "object",
  properties: { query: { type: "object" }, result: { type: "array", items: ticket }, total: safeInt },
  required: ["query", "result", "total"],
};

// unicode: false as zod and valibot count maxLength in UTF-16 units too.
const validate = new Ajv({ unicodeRegExp: false }).compile(ticketPage);
export const parsePage = (value) => {
  if (!validate(value)) throw new Error(`ajv: ${validate.errors[0].instancePath} ${validate.errors[0].message}`);
  return value;
};
