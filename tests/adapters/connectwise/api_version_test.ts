// Issue 22, item 8: the `api-current-version` ConnectWise answers is read on
// every answer; a change is logged once and handed to the session's notes once.
import assert from "node:assert/strict";
import { configure, type LogRecord, reset } from "@logtape/logtape";
import type { SiteNotes } from "../../../application/ports/connectwise.ts";
import { apiVersionOf } from "../../../adapters/connectwise/api_version.ts";
import { type HttpHarness, withSimulator } from "./http_fixture.ts";

function noted(h: HttpHarness, apiVersion: string | null) {
  const versions: string[] = [];
  const notes: SiteNotes = {
    codebaseMoved: () => Promise.resolve(),
    apiVersionChanged: (version) => (versions.push(version), Promise.resolve()),
  };
  return { versions, session: h.cw.session({ ...h.connection, apiVersion }, notes) };
}

async function capturing(records: LogRecord[]) {
  await configure({
    reset: true,
    sinks: { capture: (record) => records.push(record) },
    loggers: [
      { category: ["psa-sync"], sinks: ["capture"], lowestLevel: "debug" },
      { category: ["logtape", "meta"], sinks: [], lowestLevel: "error" },
    ],
  });
}

const changes = (records: LogRecord[]) =>
  records.filter((r) => String(r.rawMessage).includes("answers API version"))
    .map((r) => `${r.properties.previous} -> ${r.properties.version}`);

Deno.test("api version: the probe answers the version ConnectWise names, null when it names none", async () => {
  await withSimulator({}, async ({ cw, credentials }) => {
    assert.equal((await cw.probe(credentials)).apiVersion, "2025.1");
  });
  await withSimulator({ sim: { apiVersion: null } }, async ({ cw, credentials }) => {
    assert.equal((await cw.probe(credentials)).apiVersion, null);
  });
});

Deno.test("api version: a change is logged once and noted once, whatever the calls and sessions", async () => {
  const records: LogRecord[] = [];
  await capturing(records);
  try {
    await withSimulator({}, async (h) => {
      const first = noted(h, "2025.1");
      await first.session.companies.types();
      assert.deepEqual(first.versions, [], "the version the connection knows is no change");
      h.sim.upgrade({ apiVersion: "2025.2" });
      await first.session.companies.types();
      await first.session.companies.statuses();
      // A session opened from the connection as it was read before the change.
      const second = noted(h, "2025.1");
      await second.session.catalog.search("VPN");
      assert.deepEqual([first.versions, second.versions], [["2025.2"], []]);
      assert.deepEqual(changes(records), ["2025.1 -> 2025.2"]);
      h.sim.upgrade({ apiVersion: "2025.3" });
      await second.session.companies.types();
      assert.deepEqual(second.versions, ["2025.3"]);
      assert.deepEqual(changes(records), ["2025.1 -> 2025.2", "2025.2 -> 2025.3"]);
    });
  } finally {
    await reset();
  }
});

Deno.test("api version: a connection that knew none keeps the first one seen, without a change logged", async () => {
  const records: LogRecord[] = [];
  await capturing(records);
  try {
    await withSimulator({}, async (h) => {
      const { versions, session } = noted(h, null);
      await session.companies.types();
      await session.companies.types();
      assert.deepEqual(versions, ["2025.1"]);
      assert.deepEqual(changes(records), []);
    });
  } finally {
    await reset();
  }
});

Deno.test("api version: an error answer names it too", async () => {
  await withSimulator({}, async (h) => {
    const { versions, session } = noted(h, "2025.1");
    h.sim.upgrade({ apiVersion: "2025.2" });
    await assert.rejects(session.additions.setQuantity(100, 999, 1), {
      code: "connectwise-not-found",
    });
    assert.deepEqual(versions, ["2025.2"]);
  });
});

Deno.test("api version: a note that fails does not fail the call", async () => {
  await withSimulator({}, async (h) => {
    const notes: SiteNotes = {
      codebaseMoved: () => Promise.resolve(),
      apiVersionChanged: () => Promise.reject(new Error("database gone")),
    };
    const session = h.cw.session({ ...h.connection, apiVersion: "2025.0" }, notes);
    assert.equal((await session.companies.types()).length, 2);
  });
});

Deno.test("api version: a header that is not one short plain word is ignored", () => {
  const of = (value: string) => apiVersionOf(new Headers({ "api-current-version": value }));
  assert.equal(of("2025.1"), "2025.1");
  assert.equal(of(" v2025.2 "), "v2025.2");
  assert.equal(of(""), null);
  assert.equal(of("x".repeat(33)), null);
  assert.equal(of("2025.1 <script>"), null);
  assert.equal(apiVersionOf(new Headers()), null);
});
