import assert from "node:assert/strict";
import fc from "fast-check";
import { getLogger, type LogRecord, reset } from "@logtape/logtape";
import { configureLogging } from "../../../../adapters/logging/configure_logging.ts";
import { ACCESS_MESSAGE, accessRecord } from "../../../../adapters/http/middleware/access_log.ts";
import { jsonLines } from "../../../../adapters/logging/json_lines.ts";

Deno.test("access log: the record built whole is the one logger.info makes of the template", async () => {
  const records: LogRecord[] = [];
  // The service's own logging setup (redaction, trace ids), capturing instead of printing.
  await configureLogging({ level: "debug", json: true, sink: (r) => records.push(r) });
  try {
    const logger = getLogger(["psa-sync", "http"]);
    const properties = fc.record({
      method: fc.constantFrom("GET", "POST", "PUT", "DELETE"),
      path: fc.string({ maxLength: 40 }),
      status: fc.integer({ min: 100, max: 599 }),
      durationMs: fc.double({ min: 0, max: 1e6, noNaN: true }),
      mspId: fc.option(fc.string({ maxLength: 10 }), { nil: null }),
      requestId: fc.option(fc.uuid(), { nil: undefined }),
    });
    fc.assert(
      fc.property(properties, (p) => {
        records.length = 0;
        logger.info(ACCESS_MESSAGE, { ...p });
        logger.emit(accessRecord(logger.category, "info", { ...p }));
        const [viaInfo, built] = records;
        assert.deepEqual(built.message, viaInfo.message);
        assert.deepEqual(built.properties, viaInfo.properties);
        assert.deepEqual(built.category, viaInfo.category);
        assert.equal(built.rawMessage, viaInfo.rawMessage);
        const line = (r: LogRecord) => jsonLines({ ...r, timestamp: 0 });
        assert.equal(line(built), line(viaInfo));
      }),
      { numRuns: 500 },
    );
  } finally {
    await reset();
  }
});
