// Everything the fault suite's runs print, kept to be scanned for secrets:
// LogTape records of in-process runs (after the service's own redaction,
// formatted as the service prints them), console output, child processes'
// stdout and stderr.
import { getTextFormatter, jsonLinesFormatter } from "@logtape/logtape";
import { configureLogging } from "../../adapters/logging/configure_logging.ts";
import type { MemberKeys } from "./site_seed.ts";

/** Text printed during a run, by source. */
export class OutputCapture {
  private readonly parts: string[] = [];

  add(source: string, text: string): void {
    this.parts.push(`[${source}] ${text}`);
  }

  text(): string {
    return this.parts.join("\n");
  }

  /** How many pieces were captured from sources starting with `source`. */
  count(source: string): number {
    return this.parts.filter((p) => p.startsWith(`[${source}`)).length;
  }
}

/**
 * Configures LogTape as the service does (psa-sync categories, redaction)
 * at `debug`, with every record going to `capture` as a JSON line and as text.
 */
export async function captureLogTape(capture: OutputCapture): Promise<void> {
  const text = getTextFormatter({ timestamp: "date-time" });
  await configureLogging({
    level: "debug",
    json: true,
    sink: (record) => {
      capture.add("logtape", jsonLinesFormatter(record));
      capture.add("logtape", text(record));
    },
  });
}

const CONSOLE_METHODS = ["log", "info", "warn", "error", "debug"] as const;

/** Copies everything written through `console` to `capture`; returns the undo. */
export function captureConsole(capture: OutputCapture): () => void {
  const originals = CONSOLE_METHODS.map((name) => [name, console[name]] as const);
  for (const [name, original] of originals) {
    console[name] = (...args: unknown[]) => {
      capture.add(`console.${name}`, args.map((a) => Deno.inspect(a, { depth: 8 })).join(" "));
      original(...args);
    };
  }
  return () => {
    for (const [name, original] of originals) console[name] = original;
  };
}

/** A secret in one of the forms it could leak in. */
export interface Secret {
  readonly label: string;
  readonly value: string;
}

function base64Of(text: string): string {
  return btoa(String.fromCharCode(...new TextEncoder().encode(text)));
}

function bytesOf(base64: string): Uint8Array {
  return Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
}

/**
 * The forms to look for: each private key (plain and URL-encoded), the
 * ConnectWise Basic credentials (`company+public:private`, its base64, the
 * header value), each bearer token (plain and as a header value), and the
 * encryption key (base64, base64url, hex).
 */
export function secretForms(input: {
  members?: readonly MemberKeys[];
  apiTokens?: readonly string[];
  encryptionKey?: string;
}): Secret[] {
  const forms: Secret[] = [];
  for (const m of input.members ?? []) {
    const user = `${m.companyId}+${m.publicKey}:${m.privateKey}`;
    forms.push(
      { label: `private key of ${m.companyId}`, value: m.privateKey },
      {
        label: `URL-encoded private key of ${m.companyId}`,
        value: encodeURIComponent(m.privateKey),
      },
      { label: `Basic credentials of ${m.companyId}`, value: user },
      { label: `base64 Basic credentials of ${m.companyId}`, value: base64Of(user) },
      { label: `Authorization header of ${m.companyId}`, value: `Basic ${base64Of(user)}` },
    );
  }
  for (const [i, token] of (input.apiTokens ?? []).entries()) {
    forms.push(
      { label: `API token #${i}`, value: token },
      { label: `Authorization header with API token #${i}`, value: `Bearer ${token}` },
    );
  }
  if (input.encryptionKey) {
    const bytes = bytesOf(input.encryptionKey);
    const url = input.encryptionKey.replaceAll("+", "-").replaceAll("/", "_").replace(/=+$/, "");
    forms.push(
      { label: "ENCRYPTION_KEY", value: input.encryptionKey },
      { label: "ENCRYPTION_KEY without padding", value: input.encryptionKey.replace(/=+$/, "") },
      { label: "ENCRYPTION_KEY as base64url", value: url },
      {
        label: "ENCRYPTION_KEY as hex",
        value: [...bytes].map((b) => b.toString(16).padStart(2, "0")).join(""),
      },
    );
  }
  return forms;
}

/** Labels of the secrets that appear in `text`. */
export function leaks(text: string, secrets: readonly Secret[]): string[] {
  return secrets.filter((s) => s.value.length >= 8 && text.includes(s.value)).map((s) => s.label);
}

/** A fresh ENCRYPTION_KEY: base64 of 32 random bytes. */
export function newEncryptionKey(): string {
  return btoa(String.fromCharCode(...crypto.getRandomValues(new Uint8Array(32))));
}

/** A fresh bearer token of `prefix` and 32 hex digits. */
export function newToken(prefix: string): string {
  const hex = [...crypto.getRandomValues(new Uint8Array(16))]
    .map((b) => b.toString(16).padStart(2, "0")).join("");
  return `${prefix}-${hex}`;
}
