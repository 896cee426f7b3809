import assert from "node:assert/strict";
import { UpstreamError } from "../../../application/ports/errors.ts";
import { seededRandom } from "../../connectwise_simulator/sim_faults.ts";
import { withSimulator } from "./http_fixture.ts";
import { fakeClock, gatedClock, handTimeouts } from "../../support/timers.ts";

const PATCH_ADDITION = "PATCH /finance/agreements/{id}/additions/{id}";
const POST_ADDITION = "POST /finance/agreements/{id}/additions";
const TYPES = "GET /company/companies/types";

Deno.test("a 429 with Retry-After: 2 makes the client wait at least 2 s, then it succeeds", async () => {
  const clock = fakeClock();
  await withSimulator({ client: clock }, async ({ sim, session }) => {
    sim.faults.enqueue({ status: 429, retryAfter: 2 }, { template: "/company/companies/types" });
    assert.equal((await session.companies.types()).length, 2);
    assert.equal(sim.counters.attempted(TYPES), 2);
    assert.ok(clock.waits.some((ms) => ms >= 2000), `waits: ${clock.waits}`);
  });
});

Deno.test("a 429 with Retry-After: 1 holds the retry until the client's one wait of 1 s ends", async () => {
  const clock = gatedClock();
  await withSimulator({ client: clock }, async ({ sim, session }) => {
    sim.faults.enqueue({ status: 429, retryAfter: 1 }, { template: "/company/companies/types" });
    const types = session.companies.types();
    await clock.sleeping();
    assert.equal(sim.counters.attempted(TYPES), 1, "no second attempt while the wait runs");
    assert.deepEqual(clock.waits, [1000]);
    clock.release();
    assert.equal((await types).length, 2);
    assert.equal(sim.counters.attempted(TYPES), 2, "the retry came after the wait");
    assert.deepEqual(clock.waits, [1000], "one wait, the one asked for");
  });
});

Deno.test("with 30% injected 503s (seeded), 100 quantity writes end in exactly 100 effective writes", async () => {
  const clock = fakeClock();
  const client = { ...clock, random: seededRandom(3), backoffBaseMs: 200 };
  await withSimulator({ client }, async ({ sim, session }) => {
    sim.faults.setRate(0.3, { status: 503 }, { seed: 42, match: { method: "PATCH" } });
    for (let i = 1; i <= 100; i++) {
      assert.equal((await session.additions.setQuantity(100, 501, i)).quantity, i);
    }
    assert.equal(sim.counters.effective(PATCH_ADDITION), 100);
    assert.ok(sim.counters.attempted(PATCH_ADDITION) > 110, "some writes needed retries");
    assert.equal(sim.counters.attempted(PATCH_ADDITION) - 100, sim.faults.played);
    assert.equal(sim.state.additions.find((a) => a.id === 501)?.quantity, 100);
  });
});

Deno.test("a 400 is not retried (exactly 1 call) and its error body is summarized", async () => {
  await withSimulator({}, async ({ sim, session }) => {
    const body = {
      code: "InvalidObject",
      message: "Addition object is invalid",
      errors: [{ code: "InvalidField", message: "quantity must be positive", field: "quantity" }],
    };
    sim.faults.enqueue({ status: 400, body });
    await assert.rejects(
      session.additions.create(100, {
        productId: 21,
        quantity: 1,
        effectiveDate: new Date("2026-12-01T00:00:00Z"),
      }),
      (e) => {
        assert.ok(e instanceof UpstreamError);
        assert.equal(e.upstreamStatus, 400);
        assert.equal(e.retryable, false);
        assert.equal(
          e.message,
          "ConnectWise refused POST /finance/agreements/{id}/additions (400): quantity must be positive",
        );
        assert.deepEqual(e.upstreamCodes, ["InvalidObject", "InvalidField"]);
        return true;
      },
    );
    assert.equal(sim.counters.attempted(POST_ADDITION), 1);
  });
});

Deno.test("a POST that met a 502 is not repeated (it may have been applied), but a 503 is", async () => {
  await withSimulator({ client: fakeClock() }, async ({ sim, session }) => {
    sim.faults.enqueue({ status: 502 }, { method: "POST" });
    await assert.rejects(
      session.additions.create(100, {
        productId: 21,
        quantity: 1,
        effectiveDate: new Date("2026-12-01T00:00:00Z"),
      }),
      {
        upstreamStatus: 502,
        retryable: true,
      },
    );
    assert.equal(sim.counters.attempted(POST_ADDITION), 1);
    sim.faults.enqueue({ status: 503 }, { method: "POST" });
    await session.additions.create(100, {
      productId: 21,
      quantity: 1,
      effectiveDate: new Date("2026-12-01T00:00:00Z"),
    });
    assert.equal(sim.counters.attempted(POST_ADDITION), 3);
    assert.equal(sim.counters.effective(POST_ADDITION), 1);
  });
});

Deno.test("retries stop at the deadline with the last status, marked retryable", async () => {
  const clock = fakeClock();
  const client = { ...clock, deadlineMs: 20_000, backoffBaseMs: 1000 };
  await withSimulator({ client }, async ({ sim, session }) => {
    sim.faults.setRate(1, { status: 504 }, { match: { template: "/company/companies/types" } });
    const started = clock.now();
    await assert.rejects(session.companies.types(), (e) => {
      assert.ok(e instanceof UpstreamError);
      assert.equal(e.upstreamStatus, 504);
      assert.equal(e.retryable, true);
      assert.match(e.message, /\(504\) after \d+ attempts/);
      return true;
    });
    assert.ok(clock.now() - started <= 20_000, "never waits past the deadline");
    assert.ok(sim.counters.attempted(TYPES) > 3);
  });
});

Deno.test("a timeout and a dropped connection are retried, then the call succeeds", async () => {
  const hand = handTimeouts();
  const client = { ...fakeClock(), timeoutSignal: hand.timeoutSignal, backoffBaseMs: 10 };
  await withSimulator({ client, sim: { sleep: hand.hold } }, async ({ sim, session }) => {
    try {
      sim.faults.enqueue({ delayMs: 400 }, { template: "/company/companies/types" });
      sim.faults.enqueue({ drop: true }, { template: "/company/companies/types" });
      const types = session.companies.types();
      await hand.holding();
      assert.equal(sim.counters.attempted(TYPES), 1);
      hand.armed[0].fire(); // the held exchange times out
      assert.equal((await types).length, 2);
      assert.equal(sim.counters.attempted(TYPES), 3);
      assert.equal(hand.armed.length, 3, "each attempt has its own timeout");
    } finally {
      hand.release();
    }
  });
});

Deno.test("a write that timed out is not sent again in the same call: it fails as retryable", async () => {
  const hand = handTimeouts();
  const client = { ...fakeClock(), timeoutSignal: hand.timeoutSignal, backoffBaseMs: 10 };
  await withSimulator({ client, sim: { sleep: hand.hold } }, async ({ sim, session }) => {
    try {
      sim.faults.enqueue({ delayMs: 400 }, { method: "PATCH" });
      const write = session.additions.setQuantity(100, 501, 7);
      await hand.holding();
      hand.armed.at(-1)!.fire();
      await assert.rejects(write, (e: unknown) => {
        assert.ok(e instanceof UpstreamError && e.retryable, String(e));
        assert.match(e.message, /no answer within 30000 ms/);
        return true;
      });
      assert.equal(sim.counters.attempted(PATCH_ADDITION), 1);
    } finally {
      hand.release();
    }
  });
});

Deno.test("401 -> AuthenticationFailed, 404 -> connectwise-not-found, a redirect is not followed", async () => {
  await withSimulator({}, async ({ sim, session }) => {
    sim.faults.enqueue({ status: 401 });
    await assert.rejects(session.companies.types(), { code: "connectwise-authentication-failed" });
    sim.faults.enqueue({ status: 404 });
    await assert.rejects(session.companies.types(), {
      code: "connectwise-not-found",
      upstreamStatus: 404,
    });
    sim.faults.enqueue({ status: 302 });
    await assert.rejects(session.companies.types(), { upstreamStatus: 302, message: /redirect/ });
    assert.equal(sim.counters.attempted(TYPES), 3);
  });
});

Deno.test("the per-MSP rate limiter spaces calls; another MSP is not slowed", async () => {
  const clock = fakeClock();
  await withSimulator(
    { client: { ...clock, requestsPerMinute: 60, burst: 1 } },
    async ({ cw, session, connection }) => {
      await session.companies.types();
      await session.companies.statuses();
      await session.companies.types();
      assert.deepEqual(clock.waits, [1000, 1000]);
      const other = cw.session({ ...connection, companyId: "other" });
      await assert.rejects(other.companies.types(), { code: "connectwise-authentication-failed" });
      assert.deepEqual(clock.waits, [1000, 1000], "a new MSP starts with a full bucket");
    },
  );
});

Deno.test("the simulator's per-member limit answers 429 and the client honours its Retry-After", async () => {
  const clock = fakeClock();
  await withSimulator(
    { sim: { rateLimitPerMinute: 2, now: clock.now }, client: clock },
    async ({ sim, session }) => {
      await session.companies.types();
      await session.companies.types();
      await session.companies.types();
      assert.equal(sim.counters.attempted(TYPES), 4);
      assert.equal(sim.counters.requests.filter((r) => r.status === 429).length, 1);
      assert.ok(clock.waits.some((ms) => ms >= 59_000), `waits: ${clock.waits}`);
    },
  );
});
