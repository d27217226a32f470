// What a portal would ship instead of this SDK: openapi-fetch plus a TypeBox
// schema of the same checks, compiled by TypeCompiler (bundled by the bench to measure its size).
import createClient from "openapi-fetch";
import { parsePage } from "./typebox-schema.mjs";

const client = createClient({ baseUrl: "https://partner-api-001.prd.jifeline.cloud" });
export async function listTickets(query) {
  const { data, error } = await client.GET("/v2/tickets/tickets", { params: { query } });
  if (error) throw error;
  return parsePage(data);
}
