// What a portal would ship instead of this SDK: openapi-fetch plus an ajv 8
// schema of the same checks, compiled at start (bundled by the bench to measure its size).
import createClient from "openapi-fetch";
import { parsePage } from "./ajv-schema.mjs";

const client = createClient({ baseUrl: "https://partner-api-001.prd.jifeline.cloud" });
export async function listTickets(query) {
  const { data, error } = await client.GET("/v2/tickets/tickets", { params: { query } });
  if (error) throw error;
  return parsePage(data);
}
