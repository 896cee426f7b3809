import type { LogRecord, Sink } from "@logtape/logtape";

/** Property names whose values are never written to a log. */
export const SENSITIVE_NAME =
  /authorization|private_?key|password|passwd|secret|token|api_?key|cookie|credential|encryption_?key/i;

const MASK = "[REDACTED]";
const MAX_DEPTH = 6;

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== "object" || value === null) return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/** A copy of `value` with every property named like a secret masked, at any depth. */
export function redactValue(value: unknown, depth = 0): unknown {
  if (depth > MAX_DEPTH) return value;
  if (Array.isArray(value)) return value.map((v) => redactValue(v, depth + 1));
  if (!isPlainObject(value)) return value;
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) {
    out[key] = SENSITIVE_NAME.test(key.replace(/[-\s]/g, "_")) ? MASK : redactValue(v, depth + 1);
  }
  return out;
}

function placeholders(raw: LogRecord["rawMessage"]): string[] {
  if (typeof raw !== "string") return [];
  return [...raw.replaceAll(/\{\{|\}\}/g, "").matchAll(/\{([^{}]*)\}/g)].map((m) => m[1].trim());
}

/** The record with secret-named properties masked, in the properties and in the message. */
export function redactRecord(record: LogRecord): LogRecord {
  const names = placeholders(record.rawMessage);
  const message = record.message.map((part, i) => {
    if (i % 2 === 0) return part;
    const name = names[(i - 1) / 2] ?? "";
    return SENSITIVE_NAME.test(name.replace(/[-\s]/g, "_")) ? MASK : redactValue(part);
  });
  return {
    ...record,
    message,
    properties: redactValue(record.properties) as Record<string, unknown>,
  };
}

/**
 * Wraps a sink so that nothing named like a secret reaches it: defence in
 * depth behind the rule that code never logs secrets in the first place.
 */
export function redactingSink(sink: Sink): Sink {
  return (record) => sink(redactRecord(record));
}
