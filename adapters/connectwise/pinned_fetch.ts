import { Buffer } from "node:buffer";
import type { IncomingMessage } from "node:http";
import { Agent, request } from "node:https";

/** A fetch of the shape the client uses (URL, method, headers, string body, signal). */
export type FetchLike = (input: string | URL, init?: RequestInit) => Promise<Response>;

/** Idle connections kept per pinned address; every one of them leads to that address. */
const agents = new Map<string, Agent>();

function agentFor(address: string): Agent {
  let agent = agents.get(address);
  if (!agent) {
    agent = new Agent({ keepAlive: true, maxSockets: 16, maxFreeSockets: 4, timeout: 30_000 });
    agents.set(address, agent);
  }
  return agent;
}

/** At shutdown, and in tests. */
export function closePinnedConnections(): void {
  for (const agent of agents.values()) agent.destroy();
  agents.clear();
}

function headersOf(raw: Record<string, string | string[] | undefined>): Headers {
  const headers = new Headers();
  for (const [name, value] of Object.entries(raw)) {
    for (const v of Array.isArray(value) ? value : value === undefined ? [] : [value]) {
      headers.append(name, v);
    }
  }
  return headers;
}

const NULL_BODY = new Set([101, 204, 205, 304]);

/** Reads the socket only as fast as it is consumed, so the caller's byte cap bounds memory. */
function streamOf(res: IncomingMessage, signal?: AbortSignal): ReadableStream<Uint8Array> {
  let done = false;
  return new ReadableStream<Uint8Array>({
    start(controller) {
      const fail = (error: unknown) => {
        if (!done) (done = true, controller.error(error));
      };
      res.on("data", (chunk: Buffer) => {
        if (done) return;
        controller.enqueue(new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength));
        if ((controller.desiredSize ?? 0) <= 0) res.pause();
      });
      res.on("end", () => {
        if (!done) (done = true, controller.close());
      });
      res.on("error", fail);
      res.on("close", () => fail(signal?.aborted ? signal.reason : new Error("connection closed")));
      signal?.addEventListener("abort", () => fail(signal.reason), { once: true });
    },
    pull() {
      res.resume();
    },
    cancel() {
      done = true;
      res.destroy();
    },
  }, { highWaterMark: 4 });
}

/**
 * Connects to `address`, whatever DNS says now: Deno's fetch resolves again per request, so a name
 * that showed the guard a public address could rebind to 127.0.0.1. TLS still checks the host name.
 */
export function pinnedFetch(address: string, tls: { ca?: string } = {}): FetchLike {
  const family = address.includes(":") ? 6 : 4;
  const lookup = (
    _host: string,
    options: { all?: boolean } | number | undefined,
    callback: (...args: unknown[]) => void,
  ) =>
    typeof options === "object" && options?.all
      ? callback(null, [{ address, family }])
      : callback(null, address, family);
  return (input, init = {}) =>
    new Promise<Response>((resolve, reject) => {
      const url = new URL(String(input));
      if (url.protocol !== "https:") {
        reject(new TypeError(`A pinned request must use https, not ${url.protocol}`));
        return;
      }
      const signal = init.signal ?? undefined;
      if (signal?.aborted) return reject(signal.reason);
      const req = request({
        host: url.hostname,
        servername: url.hostname,
        port: url.port === "" ? 443 : Number(url.port),
        path: `${url.pathname}${url.search}`,
        method: init.method ?? "GET",
        headers: Object.fromEntries(new Headers(init.headers)),
        lookup: lookup as never,
        agent: tls.ca ? false : agentFor(address),
        ca: tls.ca,
      }, (res) => {
        const status = res.statusCode ?? 0;
        if (NULL_BODY.has(status)) {
          res.resume();
          resolve(new Response(null, { status, headers: headersOf(res.headers) }));
          return;
        }
        resolve(new Response(streamOf(res, signal), { status, headers: headersOf(res.headers) }));
      });
      signal?.addEventListener("abort", () => {
        req.destroy();
        reject(signal.reason);
      }, { once: true });
      req.on("error", reject);
      if (init.body !== undefined && init.body !== null) req.write(String(init.body));
      req.end();
    });
}
