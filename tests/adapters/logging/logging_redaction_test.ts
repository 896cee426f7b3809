import assert from "node:assert/strict";
import { getLogger, type LogRecord } from "@logtape/logtape";
import { configureLogging } from "../../../adapters/logging/configure_logging.ts";
import { redactValue } from "../../../adapters/logging/redaction.ts";

Deno.test("properties named like secrets are masked at any depth", () => {
  assert.deepEqual(
    redactValue({
      Authorization: "Bearer abc",
      privateKey: "k",
      "private-key": "k",
      nested: { password: "p", list: [{ apiToken: "t", ok: 1 }], webhookSecret: "s" },
      keep: "visible",
    }),
    {
      Authorization: "[REDACTED]",
      privateKey: "[REDACTED]",
      "private-key": "[REDACTED]",
      nested: {
        password: "[REDACTED]",
        list: [{ apiToken: "[REDACTED]", ok: 1 }],
        webhookSecret: "[REDACTED]",
      },
      keep: "visible",
    },
  );
});

Deno.test("configured logging masks secrets in messages and properties, honours the level", async () => {
  const records: LogRecord[] = [];
  await configureLogging({ level: "info", json: true, sink: (r) => records.push(r) });
  const logger = getLogger(["psa-sync", "test"]);
  logger.debug("hidden {x}", { x: 1 });
  logger.info("saved {msp} with {privateKey}", { msp: "m", privateKey: "priv-SECRET" });
  assert.equal(records.length, 1);
  assert.deepEqual(records[0].message, ["saved ", "m", " with ", "[REDACTED]", ""]);
  assert.deepEqual(records[0].properties, { msp: "m", privateKey: "[REDACTED]" });
  getLogger(["elsewhere"]).error("not ours");
  assert.equal(records.length, 1, "only the psa-sync categories are configured");
});
