import assert from "node:assert/strict";
import { backoffMs } from "../../../application/retry/backoff.ts";
import {
  MAX_RETRY_AFTER_MS,
  mayRetry,
  retryAfterMs,
  waitAsked,
} from "../../../adapters/connectwise/backoff.ts";
import { inIds, productTextSearch, quoted } from "../../../adapters/connectwise/conditions.ts";
import { nextLink } from "../../../adapters/connectwise/link_header.ts";
import { createRateLimiter } from "../../../adapters/connectwise/rate_limiter.ts";

Deno.test("Retry-After: seconds or an HTTP date; absent or unreadable gives null", () => {
  assert.equal(retryAfterMs("2", 0), 2000);
  assert.equal(retryAfterMs("Thu, 01 Jan 1970 00:00:05 GMT", 1000), 4000);
  assert.equal(retryAfterMs(null, 0), null);
  assert.equal(retryAfterMs("soon", 0), null);
});

Deno.test("backoff: equal jitter, at least half of min(cap, base * 2^attempt) and below it", () => {
  const options = { baseMs: 100, capMs: 1000, random: () => 0.999 };
  assert.deepEqual([0, 1, 2, 3, 4, 5].map((a) => backoffMs(a, options)), [
    99,
    199,
    399,
    799,
    999,
    999,
  ]);
  assert.deepEqual(
    [0, 1, 2, 3, 4, 5].map((a) => backoffMs(a, { ...options, random: () => 0 })),
    [50, 100, 200, 400, 500, 500],
  );
});

Deno.test("which outcomes are retried: transient ones; a POST only when it was surely not applied", () => {
  for (const status of [0, 408, 429, 500, 502, 503, 504]) {
    assert.ok(mayRetry("GET", status), `GET ${status}`);
  }
  for (const status of [400, 401, 403, 404, 409, 422, 302]) {
    assert.ok(!mayRetry("PATCH", status), `${status}`);
  }
  assert.deepEqual([0, 408, 429, 500, 502, 503, 504].filter((s) => mayRetry("POST", s)), [
    408,
    429,
    503,
  ]);
});

Deno.test("Link header: the rel=next target among others", () => {
  const header = '<https://x/a?page=1>; rel="first", <https://x/a?pageId=9&pageSize=2>; rel="next"';
  assert.equal(nextLink(header), "https://x/a?pageId=9&pageSize=2");
  assert.equal(nextLink('<https://x/a?page=1>; rel="prev"'), null);
  assert.equal(nextLink(null), null);
});

Deno.test('conditions: strings quoted with \\ and " escaped; ids checked', () => {
  assert.equal(quoted('a"b\\c'), '"a\\"b\\\\c"');
  assert.equal(productTextSearch("NL"), 'identifier contains "NL" or description contains "NL"');
  assert.equal(inIds("types/id", [1, 2]), "types/id in (1,2)");
  assert.throws(() => inIds("types/id", [1.5]), /not an id/);
  assert.throws(() => quoted("a\u0000"), { code: "invalid-search-text" });
});

Deno.test("rate limiter: a burst, then one token per 60000/rpm ms; keys are separate", () => {
  let now = 0;
  const limiter = createRateLimiter(60, { burst: 2, now: () => now });
  assert.deepEqual([1, 2, 3, 4].map(() => limiter.reserve("a")), [0, 0, 1000, 2000]);
  assert.equal(limiter.reserve("b"), 0);
  now = 10_000;
  assert.equal(limiter.reserve("a"), 0, "refilled after the waits");
});

Deno.test("rate limiter: a pause ConnectWise asked for holds every call of that key, no other", () => {
  let now = 0;
  const limiter = createRateLimiter(60, { burst: 5, now: () => now });
  limiter.pause("a", 30_000);
  assert.equal(limiter.pausedUntil("a"), 30_000);
  assert.equal(limiter.reserve("a"), 30_000, "waits for the pause, not for a token");
  assert.equal(limiter.reserve("b"), 0, "another MSP goes on");
  limiter.pause("a", 10_000);
  assert.equal(limiter.pausedUntil("a"), 30_000, "a shorter pause never shortens a longer one");
  now = 30_000;
  assert.equal(limiter.pausedUntil("a"), 0);
  assert.equal(limiter.reserve("a"), 0);
});

Deno.test("wait asked: Retry-After first, else the seconds ConnectWise's 429 body names, at most 10 minutes", () => {
  const answer = (headers: Record<string, string>, text = "") => ({
    headers: new Headers(headers),
    text,
  });
  const body = JSON.stringify({
    error: "ConnectWiseAPI",
    message: "Too many requests. Please try again in 30 seconds.",
  });
  assert.equal(waitAsked(answer({ "retry-after": "45" }, body), 0), 45_000);
  assert.equal(waitAsked(answer({}, body), 0), 30_000);
  assert.equal(waitAsked(answer({}, "{}"), 0), null);
  assert.equal(waitAsked(answer({ "retry-after": "86400" }), 0), MAX_RETRY_AFTER_MS);
});
