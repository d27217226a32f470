// A throwaway HTTP server for the SDK's JS tests: it records every request
// and answers from a per-test script of responders, in order.
import http from "node:http";

/**
 * @param {(req: Recorded, n: number) => Reply | Promise<Reply>} respond called for each request, n from 0
 */
export async function startServer(respond) {
  const requests = [];
  const sockets = new Set();
  const server = http.createServer(async (req, res) => {
    const chunks = [];
    for await (const c of req) chunks.push(c);
    const url = new URL(req.url, "http://x");
    const recorded = {
      method: req.method,
      path: url.pathname,
      query: [...url.searchParams.entries()],
      rawQuery: url.search.slice(1),
      headers: req.headers,
      body: Buffer.concat(chunks).toString("utf8"),
    };
    requests.push(recorded);
    let reply;
    try {
      reply = await respond(recorded, requests.length - 1);
    } catch (e) {
      reply = { status: 500, body: String(e) };
    }
    if (reply.delayMs) await new Promise((r) => setTimeout(r, reply.delayMs));
    if (reply.destroy) {
      req.socket.destroy();
      return;
    }
    const headers = { ...(reply.headers ?? {}) };
    let body = reply.body ?? "";
    if (reply.json !== undefined) {
      body = JSON.stringify(reply.json);
      headers["content-type"] ??= "application/json";
    }
    res.writeHead(reply.status ?? 200, headers);
    res.end(body);
  });
  server.on("connection", (s) => {
    sockets.add(s);
    s.on("close", () => sockets.delete(s));
  });
  await new Promise((r) => server.listen(0, "127.0.0.1", r));
  const { port } = server.address();
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    async close() {
      for (const s of sockets) s.destroy();
      await new Promise((r) => server.close(r));
    },
  };
}

export const problem = (status, title, detail) => ({
  status,
  headers: { "content-type": "application/problem+json" },
  body: JSON.stringify({ type: "about:blank", title, status, detail }),
});
