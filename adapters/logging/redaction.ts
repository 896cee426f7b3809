import type { LogRecord, Sink } from "@logtape/logtape";
import { MASK, SENSITIVE_NAME } from "../../domain/secret_text.ts";

const MAX_DEPTH = 6;
// Records repeat the same property names and templates: decide each once (bounded, as a name or
// template could come from outside).
const MEMO_LIMIT = 10_000;
const sensitiveNames = new Map<string, boolean>();
const templates = new Map<string, string[]>();

function memo<V>(map: Map<string, V>, key: string, compute: () => V): V {
  let value = map.get(key);
  if (value === undefined) {
    value = compute();
    if (map.size < MEMO_LIMIT) map.set(key, value);
  }
  return value;
}

function isSensitive(name: string): boolean {
  return memo(sensitiveNames, name, () => SENSITIVE_NAME.test(name.replace(/[-\s]/g, "_")));
}

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
    out[key] = isSensitive(key) ? MASK : redactValue(v, depth + 1);
  }
  return out;
}

function placeholders(raw: LogRecord["rawMessage"]): string[] {
  if (typeof raw !== "string") return [];
  return memo(
    templates,
    raw,
    () => [...raw.replaceAll(/\{\{|\}\}/g, "").matchAll(/\{([^{}]*)\}/g)].map((m) => m[1].trim()),
  );
}

/** No object value (where a secret could hide) and no secret-like name: most records. */
function untouched(record: LogRecord, names: readonly string[]): boolean {
  const { message, properties } = record;
  for (let i = 1; i < message.length; i += 2) {
    const part = message[i];
    if (typeof part === "object" && part !== null) return false;
    if (isSensitive(names[(i - 1) / 2] ?? "")) return false;
  }
  for (const key in properties) {
    const value = properties[key];
    if (isSensitive(key) || (typeof value === "object" && value !== null)) return false;
  }
  return true;
}

/** The record with secret-named properties masked, in the properties and in the message. */
export function redactRecord(record: LogRecord): LogRecord {
  const names = placeholders(record.rawMessage);
  if (untouched(record, names)) return record;
  const message = record.message.map((part, i) => {
    if (i % 2 === 0) return part;
    const name = names[(i - 1) / 2] ?? "";
    return isSensitive(name) ? MASK : redactValue(part);
  });
  return {
    ...record,
    message,
    properties: redactValue(record.properties) as Record<string, unknown>,
  };
}

/** Defence in depth behind the rule that code never logs a secret in the first place. */
export function redactingSink(sink: Sink): Sink {
  return (record) => sink(redactRecord(record));
}
