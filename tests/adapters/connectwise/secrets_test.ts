import assert from "node:assert/strict";
import { configure, type LogRecord, reset } from "@logtape/logtape";
import { createConnectWiseClient } from "../../../adapters/connectwise/connectwise_client.ts";
import { MEMBERS } from "../../application/ports/connectwise_world.ts";
import { CLIENT_ID, withSimulator } from "./http_fixture.ts";

const PRIVATE_KEY = MEMBERS.full.privateKey;
const BASE64 = btoa(`${MEMBERS.full.companyId}+${MEMBERS.full.publicKey}:${PRIVATE_KEY}`);
const AUTHORIZATION = `Basic ${BASE64}`;

function text(record: LogRecord): string {
  return JSON.stringify([
    record.category,
    record.rawMessage,
    record.message.map(String),
    record.properties,
  ]);
}

function errorText(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  return JSON.stringify({
    ...error,
    message: error.message,
    stack: error.stack,
    cause: String(error.cause),
  });
}

/** Runs `act`, keeping its thrown error's text instead of failing. */
async function attempt(errors: string[], act: () => Promise<unknown>): Promise<void> {
  try {
    await act();
  } catch (error) {
    errors.push(errorText(error));
  }
}

Deno.test("no log record and no thrown error carries the private key or the Authorization header (nor its base64)", async () => {
  const records: LogRecord[] = [];
  await configure({
    reset: true,
    sinks: { capture: (record) => records.push(record) },
    loggers: [
      { category: [], sinks: ["capture"], lowestLevel: "trace" },
      { category: ["logtape", "meta"], sinks: ["capture"], lowestLevel: "trace" },
    ],
  });
  const errors: string[] = [];
  try {
    await withSimulator(
      { client: { timeoutMs: 200, backoffBaseMs: 5, deadlineMs: 600 } },
      async (h) => {
        const { sim, cw, session, credentials } = h;
        const s = session;
        sim.faults.enqueue({ status: 503 }, { template: "/login/companyinfo/{companyId}" });
        await attempt(errors, () => cw.probe(credentials));
        await attempt(errors, () => cw.probe({ ...credentials, privateKey: `${PRIVATE_KEY}x` }));
        await attempt(errors, () => s.companies.list({ typeIds: [1], statusIds: [1] }));
        await attempt(errors, () => s.catalog.search('"quoted" ) or ('));
        sim.faults.enqueue({ status: 503 }).enqueue({ drop: true }).enqueue({ delayMs: 400 });
        await attempt(errors, () => s.additions.setQuantity(100, 501, 4));
        // A server that echoes the credentials in its error body must not leak them either.
        const echo = {
          code: "InvalidObject",
          message: `rejected ${AUTHORIZATION} / ${PRIVATE_KEY}`,
          errors: [{ code: "X", message: BASE64, field: PRIVATE_KEY }],
        };
        sim.faults.enqueue({ status: 400, body: echo });
        await attempt(
          errors,
          () =>
            s.additions.create(100, {
              productId: 21,
              quantity: 1,
              effectiveDate: new Date("2026-12-01T00:00:00Z"),
            }),
        );
        sim.faults.setRate(1, { status: 500 });
        await attempt(errors, () => s.companies.types());
        sim.faults.clear();
        await attempt(errors, () => s.additions.setQuantity(100, 999_999, 1));
        await attempt(errors, () =>
          cw.session({
            ...h.connection,
            publicKey: "readonly",
            privateKey: MEMBERS.readOnly.privateKey,
          }).catalog.create({ identifier: "Z", description: "Z" }));
        const closed = Deno.listen({ hostname: "127.0.0.1", port: 0 });
        closed.close(); // a port nobody listens on: connection refused
        const hostPort = `127.0.0.1:${closed.addr.port}`;
        const unreachable = createConnectWiseClient({
          clientId: CLIENT_ID,
          allowlist: [hostPort],
          requestsPerMinute: 600,
          deadlineMs: 50,
          backoffBaseMs: 5,
        });
        const site = `http://${hostPort}`;
        await attempt(errors, () => unreachable.probe({ ...credentials, siteUrl: site }));
      },
    );
  } finally {
    await reset();
  }
  assert.ok(errors.length >= 6, `only ${errors.length} errors: ${errors.join("\n")}`);
  assert.ok(records.length >= 20, `only ${records.length} log records`);
  assert.ok(records.some((r) => r.level === "warning"), "retries and give-ups are logged");
  for (const secret of [PRIVATE_KEY, AUTHORIZATION, BASE64]) {
    for (const record of records) {
      assert.ok(!text(record).includes(secret), `log leaks: ${text(record)}`);
    }
    for (const error of errors) assert.ok(!error.includes(secret), `error leaks: ${error}`);
  }
});
