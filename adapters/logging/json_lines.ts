import { jsonLinesFormatter, type LogRecord } from "@logtape/logtape";

// What LogTape's JSON lines formatter escapes in a line (C1 control characters).
const CONTROL = /[\u007f-\u009f]/g;

function escapeControl(json: string): string {
  return json.replace(CONTROL, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
}

function isPlainValue(value: unknown): boolean {
  const type = typeof value;
  return type === "string" || type === "number" || type === "boolean";
}

/** Every interpolated value and property a string, number, boolean or null. */
function isFlat(record: LogRecord): boolean {
  const { message, properties } = record;
  for (let i = 1; i < message.length; i += 2) if (!isPlainValue(message[i])) return false;
  for (const key in properties) {
    const value = properties[key];
    if (value !== null && !isPlainValue(value)) return false;
  }
  return true;
}

/** So a message reads `on http://0.0.0.0:8000`, not `on http://"0.0.0.0":8000`. */
export function withPlainStrings(record: LogRecord): LogRecord {
  const { message } = record;
  const plain: unknown[] = [message[0]];
  for (let i = 1; i < message.length; i += 2) {
    if (typeof message[i] === "string") {
      plain[plain.length - 1] = `${plain.at(-1)}${message[i]}${message[i + 1]}`;
    } else plain.push(message[i], message[i + 1]);
  }
  return { ...record, message: plain };
}

/**
 * LogTape's `jsonLinesFormatter` line for line (a test compares them), written directly for flat
 * records, without the replacer JSON.stringify would call for every key; others go to LogTape.
 */
export function jsonLines(record: LogRecord): string {
  if (!isFlat(record)) return jsonLinesFormatter(withPlainStrings(record));
  const { message } = record;
  let rendered = message[0] as string;
  for (let i = 1; i < message.length; i++) {
    const part = message[i];
    rendered += i % 2 === 0 || typeof part === "string" ? part as string : JSON.stringify(part);
  }
  const level = record.level === "warning" ? "WARN" : record.level.toUpperCase();
  const line = `{"@timestamp":${JSON.stringify(new Date(record.timestamp).toISOString())}` +
    `,"level":${JSON.stringify(level)},"message":${JSON.stringify(rendered)}` +
    `,"logger":${JSON.stringify(record.category.join("."))}` +
    `,"properties":${JSON.stringify(record.properties)}}`;
  return `${escapeControl(line)}\n`;
}
