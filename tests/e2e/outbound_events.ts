import {
  createPlatformWebhook,
  SIGNATURE_HEADER,
} from "../../adapters/webhook/platform_webhook.ts";
import { deliverEvents } from "../../application/events/deliver_events.ts";
import type { Deps } from "../../application/ports/deps.ts";
import { verifySignature } from "../support/webhook_receiver.ts";

const SECRET = "e2e-webhook-secret-0123";

/** What the platform stand-in received for one `organization.created` event. */
export interface Announced {
  readonly msp: string;
  readonly id: string;
  readonly name: string;
  readonly validSignature: boolean;
}

/**
 * Delivers the outbox through the real webhook adapter to a platform
 * stand-in on 127.0.0.1 that checks each signature; answers what it got.
 */
export async function deliverCreatedOrganizations(deps: Deps): Promise<Announced[]> {
  const received: Announced[] = [];
  const server = Deno.serve({ hostname: "127.0.0.1", port: 0, onListen: () => {} }, async (req) => {
    const body = await req.text();
    const event = JSON.parse(body);
    received.push({
      msp: event.msp,
      id: event.organization.id,
      name: event.organization.name,
      validSignature: await verifySignature(req.headers.get(SIGNATURE_HEADER) ?? "", body, [
        SECRET,
      ]),
    });
    return new Response(null, { status: 202 });
  });
  try {
    const url = `http://127.0.0.1:${server.addr.port}/events`;
    const result = await deliverEvents(deps, createPlatformWebhook({ url, secrets: [SECRET] }));
    if (result.failed > 0) throw new Error(`${result.failed} event(s) were not acknowledged`);
    return received;
  } finally {
    await server.shutdown();
  }
}
