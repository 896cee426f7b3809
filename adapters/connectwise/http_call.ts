import { getLogger } from "@logtape/logtape";
import { UpstreamError } from "../../application/ports/errors.ts";
import type { SpanScope } from "../../application/ports/telemetry.ts";
import { answerError, type Need, networkError } from "./answer_errors.ts";
import { byteSize, readCapped } from "./capped_body.ts";
import { errorText } from "./error_text.ts";
import { backoffMs } from "../../application/retry/backoff.ts";
import { mayRetry, waitAsked } from "./backoff.ts";
import type { ClientRuntime } from "./client_options.ts";
import type { FetchLike } from "./pinned_fetch.ts";
import type { RateLimiter } from "./rate_limiter.ts";

const logger = getLogger(["psa-sync", "connectwise"]);

/** Who is calling: the rate-limit key, the headers and the secrets to keep out of messages. */
export interface Caller {
  readonly mspKey: string;
  /** The breaker key of the site (see site_breaker.ts). */
  readonly site: string;
  readonly mspId?: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly secrets: readonly string[];
  /** Hears the headers of every answer, whatever its status (the API version it names). */
  readonly answered?: (headers: Headers) => void;
}

/** One request: `label` (method and path, no query) names it in logs and errors. */
export interface CallSpec {
  readonly method: "GET" | "POST" | "PATCH";
  readonly url: URL;
  readonly label: string;
  readonly need: Need;
  readonly body?: unknown;
  /** How to reach the site: pinned to the guarded address; `rt.fetch` when absent. */
  readonly fetch?: FetchLike;
}

export interface CallAnswer {
  readonly status: number;
  readonly headers: Headers;
  readonly json: unknown;
}

type Outcome =
  | { kind: "answer"; status: number; headers: Headers; text: string }
  | { kind: "too-large"; status: number }
  | { kind: "network"; reason: string; timedOut: boolean };

async function exchange(rt: ClientRuntime, caller: Caller, spec: CallSpec): Promise<Outcome> {
  const headers: Record<string, string> = { ...caller.headers };
  if (spec.body !== undefined) headers["Content-Type"] = "application/json";
  try {
    const signal = rt.timeoutSignal(rt.timeoutMs);
    const response = await (spec.fetch ?? rt.fetch)(spec.url, {
      method: spec.method,
      headers,
      body: spec.body === undefined ? undefined : JSON.stringify(spec.body),
      redirect: "manual",
      signal,
    });
    // Always read the body: it frees the connection and a 4xx body explains the failure. Read as a
    // stream, cancelled past the cap: a site cannot make the process hold more.
    const body = await readCapped(response, rt.maxAnswerBytes);
    if ("tooLarge" in body) return { kind: "too-large", status: response.status };
    return { kind: "answer", status: response.status, headers: response.headers, text: body.text };
  } catch (error) {
    const timedOut = error instanceof DOMException && error.name === "TimeoutError";
    const reason = timedOut
      ? `no answer within ${rt.timeoutMs} ms`
      : errorText(error instanceof Error ? error.message : String(error), caller.secrets);
    return { kind: "network", reason, timedOut };
  }
}

/** Logs and counts a breaker's opening or closing. */
function noteOutcome(rt: ClientRuntime, site: string, failed: boolean): void {
  if (failed ? rt.breakers.failed(site, rt.now()) : rt.breakers.answered(site)) {
    rt.telemetry.sitePaused?.(site, failed);
    if (failed) {
      const { failures, retryAt } = rt.breakers.state(site, rt.now());
      logger.warn("ConnectWise site {site} gave no answer {failures} times: paused until {until}", {
        site,
        failures,
        until: retryAt?.toISOString() ?? "",
      });
    } else logger.info("ConnectWise site {site} answers again: resumed", { site });
  }
}

/** A background call to a site whose breaker is open: refused at once, retried later. */
function paused(rt: ClientRuntime, site: string, label: string): UpstreamError {
  const { failures, retryAt } = rt.breakers.state(site, rt.now());
  return new UpstreamError(
    `ConnectWise site ${site} is paused after ${failures} calls without an answer: ` +
      `${label} not sent; background calls resume at ${retryAt?.toISOString()}`,
    { status: 0, code: "connectwise-site-paused", retryable: true },
  );
}

/** Past this, a background call fails (retryable at the time asked) rather than hold a slot. */
export const BACKGROUND_MAX_WAIT_MS = 5_000;

/** The MSP was asked to wait: this call is not sent before `until`. */
function rateLimited(label: string, until: number): UpstreamError {
  const at = new Date(until);
  return new UpstreamError(
    `ConnectWise asked to wait before more calls: ${label} not sent before ${at.toISOString()}`,
    { status: 429, code: "connectwise-rate-limited", retryable: true, retryAt: at },
  );
}

/** The error, retryable again at `at` (a wait ConnectWise asked for). */
function retryableAt(error: UpstreamError, at: number): UpstreamError {
  return new UpstreamError(error.message, {
    status: error.upstreamStatus,
    code: error.code,
    retryable: true,
    retryAt: new Date(at),
  });
}

/** An answer past the byte cap: refused, never retried (the site would send it again). */
function tooLarge(rt: ClientRuntime, label: string, status: number): UpstreamError {
  logger.warn("ConnectWise answered {call} with more than {cap}; refused", {
    call: label,
    cap: byteSize(rt.maxAnswerBytes),
  });
  return new UpstreamError(
    `ConnectWise answered ${label} with more than ${byteSize(rt.maxAnswerBytes)} ` +
      "(CONNECTWISE_MAX_ANSWER_BYTES); the answer was refused",
    { status, code: "connectwise-answer-too-large" },
  );
}

function parseJson(text: string, label: string, status: number): unknown {
  if (text.trim() === "") return null;
  try {
    return JSON.parse(text);
  } catch {
    throw new UpstreamError(`ConnectWise answered ${label} with something that is not JSON`, {
      status,
      code: "connectwise-invalid-answer",
    });
  }
}

/**
 * Sends one request under the MSP's rate limit, with a timeout per exchange, and retries transient
 * failures until the call's deadline: after a wait ConnectWise asked for (`Retry-After`, or the
 * seconds its 429 body names), which pauses every call of that MSP and no other's, else after
 * exponential backoff with equal jitter (`application/retry/backoff.ts`). A background call does
 * not sleep through a long wait: it fails, retryable at the time asked. Throws the mapped
 * UpstreamError; never a credential in it. The call is one span (method, route template, host, last
 * status, attempts: never a header or a query).
 */
export function call(
  rt: ClientRuntime,
  limiter: RateLimiter,
  caller: Caller,
  spec: CallSpec,
): Promise<CallAnswer> {
  const attributes = {
    msp_id: caller.mspId ?? "",
    "http.request.method": spec.method,
    "url.template": spec.label,
    "server.address": spec.url.hostname,
  };
  return rt.telemetry.span(
    `connectwise ${spec.label}`,
    attributes,
    (span) => callWithRetries(rt, limiter, caller, { ...spec, span }),
  );
}

async function callWithRetries(
  rt: ClientRuntime,
  limiter: RateLimiter,
  caller: Caller,
  spec: CallSpec & { span: SpanScope },
): Promise<CallAnswer> {
  const deadline = rt.now() + rt.deadlineMs;
  const log = { msp: caller.mspId, call: spec.label };
  for (let attempt = 1;; attempt++) {
    if (rt.background && !rt.breakers.allows(caller.site, rt.now())) {
      throw paused(rt, caller.site, spec.label);
    }
    const pausedUntil = limiter.pausedUntil(caller.mspKey);
    if (rt.background && pausedUntil - rt.now() > BACKGROUND_MAX_WAIT_MS) {
      throw rateLimited(spec.label, pausedUntil);
    }
    const queued = limiter.reserve(caller.mspKey);
    if (queued > 0) await rt.sleep(queued);
    const started = rt.now();
    const outcome = await exchange(rt, caller, spec);
    noteOutcome(rt, caller.site, outcome.kind === "network");
    const status = outcome.kind === "network" ? 0 : outcome.status;
    const result = outcome.kind === "network" ? outcome.reason : String(status);
    const labels = { msp_id: caller.mspId ?? "", method: spec.method, route: spec.label, status };
    rt.telemetry.exchange(labels, (rt.now() - started) / 1000);
    spec.span.set({ "connectwise.status": status, attempts: attempt });
    logger.debug("ConnectWise {call}: {result} in {ms} ms (attempt {attempt})", {
      ...log,
      result,
      attempt,
      ms: rt.now() - started,
    });
    if (outcome.kind === "answer") caller.answered?.(outcome.headers);
    if (outcome.kind === "too-large") throw tooLarge(rt, spec.label, status);
    if (outcome.kind === "answer" && status >= 200 && status < 300) {
      const json = parseJson(outcome.text, spec.label, status);
      return { status, headers: outcome.headers, json };
    }
    const fail = () =>
      outcome.kind === "answer"
        ? answerError(spec.label, outcome, { ...spec, secrets: caller.secrets, attempts: attempt })
        : networkError(spec.label, outcome.reason, attempt);
    if (!mayRetry(spec.method, status)) throw fail();
    // A write that timed out may still be applied later, after a resend: it fails as retryable,
    // and the agreement's next push reads before it writes.
    if (outcome.kind === "network" && outcome.timedOut && spec.method !== "GET") throw fail();
    const asked = outcome.kind === "answer" ? waitAsked(outcome, rt.now()) : null;
    // A 429 is about the MSP's member, not this call: every call of the MSP waits.
    if (status === 429 && asked !== null) limiter.pause(caller.mspKey, rt.now() + asked);
    const backoff = { baseMs: rt.backoffBaseMs, capMs: rt.backoffCapMs, random: rt.random };
    const wait = asked ?? backoffMs(attempt - 1, backoff);
    const tooLong = rt.now() + wait > deadline ||
      (rt.background && asked !== null && asked > BACKGROUND_MAX_WAIT_MS);
    if (tooLong) {
      logger.warn("ConnectWise {call} gave up after {attempt} attempts (last: {result})", {
        ...log,
        result,
        attempt,
      });
      // Every retried status is transient, so the error says retryable; when.
      throw asked === null ? fail() : retryableAt(fail(), rt.now() + asked);
    }
    logger.info("ConnectWise {call}: {result}; retrying in {wait} ms", {
      ...log,
      result,
      wait,
      attempt,
    });
    await rt.sleep(wait);
  }
}
