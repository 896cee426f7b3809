import type { OutboundEvent, PlatformWebhook } from "../../application/ports/outbox.ts";

/** The header carrying `sha256=<hex HMAC-SHA256 of the raw body>`. */
export const SIGNATURE_HEADER = "X-PSA-Sync-Signature";

/** How the platform's webhook is reached. */
export interface PlatformWebhookOptions {
  /** PLATFORM_WEBHOOK_URL */
  readonly url: string;
  /** PLATFORM_WEBHOOK_SECRET: signs the body, never sent. */
  readonly secret: string;
  readonly fetch?: typeof fetch;
  /** Time allowed to one delivery; default 10 s. */
  readonly timeoutMs?: number;
}

function hex(bytes: ArrayBuffer): string {
  return Array.from(new Uint8Array(bytes), (b) => b.toString(16).padStart(2, "0")).join("");
}

/** `sha256=<hex>`: the HMAC-SHA256 of `body` with `secret`, as the signature header carries it. */
export async function signBody(secret: string, body: string): Promise<string> {
  const encoder = new TextEncoder();
  const key = await crypto.subtle.importKey(
    "raw",
    encoder.encode(secret),
    { name: "HMAC", hash: "SHA-256" },
    false,
    ["sign"],
  );
  return `sha256=${hex(await crypto.subtle.sign("HMAC", key, encoder.encode(body)))}`;
}

/**
 * Delivers outbound events to the platform: POSTs the event's payload as
 * JSON, signed with `X-PSA-Sync-Signature`, plus the event id and type
 * (the id lets the platform drop a redelivery). A non-2xx answer, a network
 * error or a timeout throws, and the outbox retries later.
 */
export function createPlatformWebhook(options: PlatformWebhookOptions): PlatformWebhook {
  const send = options.fetch ?? ((input, init) => fetch(input, init));
  return {
    async deliver(event: OutboundEvent): Promise<void> {
      const body = JSON.stringify(event.payload);
      const response = await send(options.url, {
        method: "POST",
        headers: {
          "Content-Type": "application/json",
          [SIGNATURE_HEADER]: await signBody(options.secret, body),
          "X-PSA-Sync-Event-Id": event.id,
          "X-PSA-Sync-Event-Type": event.type,
        },
        body,
        redirect: "manual",
        signal: AbortSignal.timeout(options.timeoutMs ?? 10_000),
      });
      await response.body?.cancel();
      if (response.status < 200 || response.status > 299) {
        throw new Error(
          `The platform webhook answered ${response.status} to event ${event.id} (${event.type})`,
        );
      }
    },
  };
}
