import { z } from "@hono/zod-openapi";

const ID = /^[A-Za-z0-9._-]{1,64}$/;
const PERIOD = /^\d{4}-(0[1-9]|1[0-2])$/;

/** A platform id (MSP, organization, plan): 1 to 64 characters of `A-Za-z0-9._-`. */
export const Id = z.string().regex(ID, "must be 1 to 64 characters of A-Za-z0-9._-");

// Control characters (C0 and DEL) have no place in a name, an event id or a key, and Postgres
// refuses NUL in text: refused at the edge, naming the field, never a 500.
// deno-lint-ignore no-control-regex -- matching control characters is the point
const NO_CONTROL = /^[^\u0000-\u001f\u007f]*$/;

/** A name, an eventId or a key: 1 to `max` characters, no control character. */
export function plainText(max: number, options: { trim?: boolean } = {}) {
  const text = options.trim ? z.string().trim() : z.string();
  return text.min(1).max(max).regex(NO_CONTROL, "must not contain control characters");
}

function idParam(name: string, example: string) {
  return Id.openapi({ param: { name, in: "path" }, example });
}

const msp = idParam("msp", "msp-42");
const org = idParam("org", "org-7");
const plan = idParam("plan", "core");
const period = z.string().regex(PERIOD, "must be a month written YYYY-MM").openapi({
  param: { name: "period", in: "path" },
  example: "2026-11",
});

// ConnectWise ids in a path: positive integers.
function cwIdParam(name: string, example: number) {
  return z.coerce.number().int().positive().openapi({ param: { name, in: "path" }, example });
}

/** `{msp}`, `{agreementId}` and `{productId}`: one sync line. */
export const MspLineParams = z.object({
  msp,
  agreementId: cwIdParam("agreementId", 1000),
  productId: cwIdParam("productId", 21),
});
export const MspParams = z.object({ msp });
export const MspOrgParams = z.object({ msp, org });
export const MspPlanParams = z.object({ msp, plan });
export const MspPeriodParams = z.object({ msp, period });
export const PlanParams = z.object({ plan });
export const PeriodParams = z.object({ period });
