import assert from "node:assert/strict";
import fc from "fast-check";
import { jsonLinesFormatter, type LogLevel, type LogRecord } from "@logtape/logtape";
import { jsonLines, withPlainStrings } from "../../../adapters/logging/json_lines.ts";

const text = fc.string({ unit: "binary", maxLength: 20 });
const value = fc.oneof(
  text,
  fc.double(),
  fc.integer(),
  fc.boolean(),
  fc.constant(null),
  fc.constant(undefined),
  fc.bigInt(),
  fc.dictionary(text, fc.oneof(text, fc.integer()), { maxKeys: 3 }),
  text.map((m) => new Error(m)),
);
const flatValue = fc.oneof(text, fc.double(), fc.integer(), fc.boolean());

const recordOf = (value: fc.Arbitrary<unknown>, property: fc.Arbitrary<unknown>) =>
  fc.record({
    category: fc.array(fc.string({ minLength: 1, maxLength: 8 }), { minLength: 1, maxLength: 3 }),
    level: fc.constantFrom<LogLevel>("trace", "debug", "info", "warning", "error", "fatal"),
    parts: fc.array(fc.tuple(value, text), { maxLength: 4 }),
    first: text,
    timestamp: fc.integer({ min: 0, max: 4_102_444_800_000 }),
    properties: fc.dictionary(text, property, { maxKeys: 6 }),
  }).map(({ category, level, parts, first, timestamp, properties }): LogRecord => ({
    category,
    level,
    message: [first, ...parts.flat()],
    rawMessage: "",
    timestamp,
    properties,
  }));
/** Any record, and records of strings, numbers, booleans and nulls only (written directly). */
const record = recordOf(value, value);
const flatRecord = recordOf(flatValue, fc.oneof(flatValue, fc.constant(null)));

Deno.test("JSON lines: the same line as LogTape's jsonLinesFormatter with strings written plainly, for any record", () => {
  const lines = (r: LogRecord) =>
    assert.equal(jsonLines(r), jsonLinesFormatter(withPlainStrings(r)));
  fc.assert(fc.property(record, lines), { numRuns: 3000 });
  fc.assert(fc.property(flatRecord, lines), { numRuns: 3000 });
});

Deno.test("JSON lines: a message renders its strings plainly; the properties keep the values", () => {
  const line = JSON.parse(jsonLines({
    category: ["psa-sync"],
    level: "info",
    message: ["listening on http://", "0.0.0.0", ":", 8000, " (", "embedded", " database)"],
    rawMessage: "",
    timestamp: 0,
    properties: { hostname: "0.0.0.0", port: 8000 },
  }));
  assert.equal(line.message, "listening on http://0.0.0.0:8000 (embedded database)");
  assert.deepEqual(line.properties, { hostname: "0.0.0.0", port: 8000 });
  const access = JSON.parse(jsonLines({
    category: ["psa-sync", "http"],
    level: "info",
    message: ["", "GET", " ", "/healthz", " ", 200, ""],
    rawMessage: "",
    timestamp: 0,
    properties: { error: new Error("x") }, // not flat: LogTape's own formatter
  }));
  assert.equal(access.message, "GET /healthz 200");
});

Deno.test("JSON lines: an access log record, written directly, is LogTape's line", () => {
  const access: LogRecord = {
    category: ["psa-sync", "http"],
    level: "info",
    message: ["", "POST", " ", "/v1/msps/m1/organizations/o1/usage", " ", 202, " in ", 1.4, " ms"],
    rawMessage: "{method} {path} {status} in {durationMs} ms",
    timestamp: Date.UTC(2026, 10, 30, 1, 2, 3, 456),
    properties: {
      method: "POST",
      path: "/v1/msps/m1/organizations/o1/usage\u0085",
      status: 202,
      durationMs: 1.4,
      mspId: "m1",
      requestId: null,
    },
  };
  const line = jsonLines(access);
  assert.equal(line, jsonLinesFormatter(withPlainStrings(access)));
  assert.ok(line.includes("\\u0085") && line.endsWith("}\n"));
  assert.equal(JSON.parse(line).message, "POST /v1/msps/m1/organizations/o1/usage 202 in 1.4 ms");
});
