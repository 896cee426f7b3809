// Issue 7, fault suite 1: a realistic month (three MSPs, shared agreements,
// trial and NFR organizations, plan changes by report and by PUT, late
// reports, a month end, a late mapping) while 20% of the ConnectWise calls
// fail (429 with Retry-After, 500/502/503, dropped connections before and
// after the write, delays, answers later than the client waits). Once it
// settles, ConnectWise holds what DOMAIN.md says.
import assert from "node:assert/strict";
import { seededRandom } from "../connectwise_simulator/sim_faults.ts";
import { creations } from "./checks.ts";
import { FAULT_KINDS } from "./faulty_site.ts";
import { faultWorld, settle } from "./fault_world.ts";
import {
  assertSettled,
  mapUnderFaults,
  monthEnd,
  otherPlan,
  reportWindow,
  setUp,
} from "./month_scenario.ts";
import {
  captureConsole,
  captureLogTape,
  leaks,
  newToken,
  OutputCapture,
  secretForms,
} from "./output_capture.ts";
import { putOrganization } from "./platform_script.ts";
import type { MemberKeys } from "./site_seed.ts";

const TOKEN = newToken("faults");
const capture = new OutputCapture();
/** The MSPs' API members, for the scan. */
const members: MemberKeys[] = [];
await captureLogTape(capture);
const at = (iso: string) => new Date(iso);

Deno.test("20% injected ConnectWise faults over a month and its end: once settled, every addition holds DOMAIN.md's quantity, once, and no line stays failed", async () => {
  const restore = captureConsole(capture);
  const random = seededRandom(20261020);
  const w = faultWorld({
    mspIds: ["north", "south", "east"],
    companies: 6,
    token: TOKEN,
    now: "2026-10-20T12:00:00Z",
  });
  members.push(...w.msps.map((m) => m.keys));
  try {
    await setUp(w, random);
    for (const msp of w.msps) msp.site.faultRate = 0.2;

    await reportWindow(w, random, {
      from: at("2026-10-01T00:00:00Z"),
      to: at("2026-10-20T11:00:00Z"),
      count: 4,
      prefix: "a",
      first: true,
    });
    await settle(w);
    await assertSettled(w, "2026-10", "first weeks");

    // Plan changes through the organization record count from the moment they arrive.
    const changedAt = w.clock.now();
    for (const msp of w.msps) {
      for (const orgId of ["o3", "o9"]) {
        await putOrganization(w.call, msp, {
          id: orgId,
          planId: otherPlan(msp, orgId, random),
          licenseType: "standard",
          at: changedAt,
        });
      }
    }
    w.clock.set("2026-10-30T12:00:00Z");
    await reportWindow(w, random, {
      from: new Date(changedAt.getTime() + 60_000),
      to: at("2026-10-30T11:00:00Z"),
      count: 3,
      prefix: "b",
    });
    await settle(w);
    await assertSettled(w, "2026-10", "last weeks");

    await monthEnd(w, random);
    const refused = await w.call<{ code: string }>(
      "POST",
      "/v1/msps/north/organizations/o1/usage",
      {
        eventId: "too-late",
        occurredAt: "2026-10-15T00:00:00Z",
        licenses: 1,
        servers: 0,
      },
      409,
    );
    assert.equal(refused.body.code, "period-finalized");

    // The next month: new reports, a plan change, and an organization mapped only now.
    w.clock.set("2026-11-10T12:00:00Z");
    await reportWindow(w, random, {
      from: at("2026-11-01T00:10:00Z"),
      to: at("2026-11-10T11:00:00Z"),
      count: 2,
      prefix: "c",
    });
    for (const msp of w.msps) {
      await putOrganization(w.call, msp, {
        id: "o9",
        planId: otherPlan(msp, "o9", random),
        licenseType: "standard",
        at: w.clock.now(),
      });
      await mapUnderFaults(w, msp);
    }
    await settle(w);
    await assertSettled(w, "2026-11", "next month");

    for (const msp of w.msps) {
      assert.equal(
        creations(msp.site).get("102:11"),
        undefined,
        `${msp.mspId}: o4's addition adopted, not created`,
      );
    }
    const played = Object.fromEntries(
      FAULT_KINDS.map((k) => [k, w.msps.reduce((n, m) => n + m.site.played[k], 0)]),
    );
    for (const kind of FAULT_KINDS) {
      assert.ok(played[kind] > 0, `fault ${kind} was played: ${JSON.stringify(played)}`);
    }
    // The call a 429 answered waits its Retry-After in full; the MSP's other calls wait out
    // what is left of that pause (less), and no call waits longer than any 429 asked.
    const hinted = w.msps.flatMap((m) => m.site.retryAfters.map((s) => s * 1000));
    const long = w.waits.filter((ms) => ms >= 1000);
    const unmatched = [...long];
    for (const ms of hinted) {
      const i = unmatched.indexOf(ms);
      assert.ok(i >= 0, `a 429 asking ${ms} ms was waited in full: ${JSON.stringify(long)}`);
      unmatched.splice(i, 1);
    }
    const longest = Math.max(...hinted);
    assert.deepEqual(unmatched.filter((ms) => ms > longest), [], "no wait beyond what was asked");
  } finally {
    restore();
    await w.close();
  }
});

Deno.test("secrets: nothing printed during the faulty run holds a private key, an Authorization value or a token", () => {
  const text = capture.text();
  assert.ok(capture.count("logtape") > 1000, "the run's records were captured");
  assert.match(text, /ConnectWise .*(retrying|did not answer|failed)/, "the faults were logged");
  assert.equal(members.length, 3, "the faulty run ran");
  const secrets = secretForms({ members, apiTokens: [TOKEN] });
  assert.deepEqual(leaks(`${text} ${members[0].privateKey}`, secrets), [
    "private key of conorth",
    "URL-encoded private key of conorth",
  ], "the scan finds a planted key");
  assert.deepEqual(leaks(text, secrets), []);
});
