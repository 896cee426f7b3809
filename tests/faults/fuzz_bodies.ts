// Request bodies for the route fuzz: plausible ones per operation (valid or
// nearly so, to get past validation into the use cases), mutated ones, any
// JSON, text that is not JSON, deep nesting, and bodies over the 1 MiB limit.
import fc from "fast-check";
import type { Operation } from "../adapters/http/operations.ts";
import { CREDENTIALS } from "../support/fixtures.ts";

const planId = fc.constantFrom("lite", "core", "premium", "gold", "", "LITE");
const licenseType = fc.constantFrom("standard", "trial", "nfr", "free");
const count = fc.oneof(
  { weight: 8, arbitrary: fc.integer({ min: 0, max: 60 }) },
  { weight: 1, arbitrary: fc.integer() },
  { weight: 1, arbitrary: fc.double() },
);
const orgId = fc.constantFrom("a-o1", "a-o2", "b-o1", "b-o2", "nobody");
const instant = fc.oneof(
  {
    weight: 6,
    arbitrary: fc.date({
      min: new Date("2026-11-01T00:00:00Z"),
      max: new Date("2026-11-10T12:00:00Z"),
      noInvalidDate: true,
    }).map((d) => d.toISOString()),
  },
  fc.date({
    min: new Date("2026-08-01T00:00:00Z"),
    max: new Date("2026-11-10T12:04:00Z"),
    noInvalidDate: true,
  })
    .map((d) => d.toISOString()),
  fc.constantFrom(
    "2026-11-10T12:30:00Z",
    "2026-11-09T00:00:00+02:00",
    "2026-11-09",
    "yesterday",
    "",
  ),
);
const slot = fc.oneof(
  fc.record({ productId: fc.constantFrom(11, 21, 22, 31, 32, 999, -1) }),
  fc.record({
    create: fc.record({
      identifier: fc.string({ maxLength: 30 }),
      description: fc.string({ maxLength: 30 }),
      price: fc.option(fc.double(), { nil: undefined }),
      cost: fc.option(fc.integer(), { nil: undefined }),
    }, { requiredKeys: ["identifier", "description"] }),
  }),
);

/** A plausible body per operation, keyed `METHOD /path`. */
const PLAUSIBLE: Record<string, fc.Arbitrary<unknown>> = {
  "PUT /v1/plans/{plan}": fc.record({
    name: fc.string({ maxLength: 12 }),
    tier: fc.oneof(fc.integer({ min: 0, max: 9 }), fc.integer()),
    includesServers: fc.boolean(),
  }),
  "PUT /v1/msps/{msp}/connectwise": fc.oneof(
    { weight: 3, arbitrary: fc.constant(CREDENTIALS) },
    fc.record({
      siteUrl: fc.constantFrom(
        CREDENTIALS.siteUrl,
        "http://na.myconnectwise.net",
        "https://127.0.0.1",
        "https://169.254.169.254",
        "https://user:pw@na.myconnectwise.net",
        "https://na.myconnectwise.net/path",
        "not a url",
      ),
      companyId: fc.constantFrom(CREDENTIALS.companyId, "other", ""),
      publicKey: fc.constantFrom(CREDENTIALS.publicKey, "wrong"),
      privateKey: fc.constantFrom(CREDENTIALS.privateKey, "wrong", ""),
    }),
  ),
  "PUT /v1/msps/{msp}/product-mappings/{plan}": fc.record({ license: slot, server: slot }, {
    requiredKeys: ["license"],
  }),
  "PUT /v1/msps/{msp}/organizations/{org}": fc.record({
    name: fc.string({ maxLength: 20 }),
    planId,
    licenseType,
  }),
  "POST /v1/msps/{msp}/company-mappings": fc.record({
    items: fc.array(
      fc.oneof(
        fc.record({
          companyId: fc.constantFrom(100, 200, 300, 7),
          agreementId: fc.constantFrom(1000, 2000, 2001, 3000, 9),
          organizationId: orgId,
        }),
        fc.record({
          companyId: fc.constantFrom(100, 200, 300),
          agreementId: fc.constantFrom(1000, 2000, 3000),
          createOrganization: fc.record({
            name: fc.string({ maxLength: 10 }),
            licenseType,
            planId,
          }),
        }),
      ),
      { maxLength: 4 },
    ),
  }),
  "POST /v1/msps/{msp}/organizations/{org}/usage": fc.oneof(
    {
      weight: 3,
      arbitrary: fc.record({
        eventId: fc.uuid(),
        occurredAt: fc.date({
          min: new Date("2026-10-01T00:00:00Z"),
          max: new Date("2026-11-10T12:00:00Z"),
          noInvalidDate: true,
        }).map((d) => d.toISOString()),
        licenses: fc.nat(60),
        servers: fc.nat(9),
        planId: fc.option(fc.constantFrom("lite", "core", "premium"), { nil: undefined }),
      }, { requiredKeys: ["eventId", "occurredAt", "licenses", "servers"] }),
    },
    fc.record({
      eventId: fc.oneof(
        fc.string({ minLength: 1, maxLength: 12 }),
        fc.constantFrom("e1", "e2", ""),
      ),
      occurredAt: instant,
      licenses: count,
      servers: count,
      planId: fc.option(planId, { nil: undefined }),
    }, { requiredKeys: ["eventId", "occurredAt", "licenses", "servers"] }),
  ),
};

const ONE_MIB = 1024 * 1024;

/** A body for `op` as sent on the wire (undefined: none). */
export function bodyFor(op: Operation): fc.Arbitrary<string | undefined> {
  const plausible = PLAUSIBLE[`${op.method} ${op.path}`] ?? fc.constant({});
  const mutated = plausible.chain((sample) => {
    if (typeof sample !== "object" || sample === null) return fc.constant(sample);
    const fields = sample as Record<string, unknown>;
    const keys = Object.keys(fields);
    if (keys.length === 0) return fc.constant(sample);
    return fc.tuple(fc.constantFrom(...keys), fc.jsonValue()).map(([k, v]) => ({
      ...fields,
      [k]: v,
    }));
  });
  return fc.oneof(
    { weight: 8, arbitrary: plausible.map((b) => JSON.stringify(b)) },
    { weight: 3, arbitrary: mutated.map((b) => JSON.stringify(b)) },
    { weight: 2, arbitrary: fc.jsonValue().map((v) => JSON.stringify(v)) },
    { weight: 2, arbitrary: fc.string({ maxLength: 30 }) },
    {
      weight: 1,
      arbitrary: fc.constantFrom("{", "[1,", '{"a":}', "null", "", "\u0000", "{}".repeat(3)),
    },
    { weight: 1, arbitrary: fc.constant(undefined) },
    {
      weight: 1,
      arbitrary: fc.integer({ min: 1, max: 4000 }).map((d) => "[".repeat(d) + "]".repeat(d)),
    },
    {
      weight: 1,
      arbitrary: fc.constantFrom(ONE_MIB - 64, ONE_MIB + 1).map((n) =>
        JSON.stringify({ name: "x".repeat(n), planId: "core", licenseType: "standard" })
      ),
    },
  );
}
