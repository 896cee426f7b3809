import type { Context, Hono } from "hono";
import * as v from "valibot";
import { cwError, type Sim, type SimEnv, withoutNulls } from "./sim_context.ts";
import { cwDate, dateRefusal, today } from "./sim_invoicing.ts";
import { listAnswer } from "./sim_paging.ts";

const NewAddition = v.object({
  product: v.object({ id: v.pipe(v.number(), v.integer()) }),
  billCustomer: v.picklist(["Billable", "DoNotBill", "NoCharge"]),
  quantity: v.number(),
  effectiveDate: v.optional(v.pipe(v.string(), v.isoTimestamp())),
});

const Patch = v.array(v.object({
  op: v.literal("replace"),
  // ConnectWise paths have no leading slash; a "/quantity" is a client bug worth a 400.
  path: v.pipe(v.string(), v.check((path) => !path.startsWith("/"), "no leading slash")),
  value: v.union([v.number(), v.string(), v.null()]),
}));

function issues(result: v.SafeParseResult<v.GenericSchema>) {
  return (result.issues ?? []).map((i) => ({
    code: "InvalidField",
    message: i.message,
    field: v.getDotPath(i) ?? "",
  }));
}

/** Agreements and their additions (list, get, POST, JSON-Patch). */
export function financeRoutes(api: Hono<SimEnv>, sim: Sim): void {
  const s = sim.state;
  const now = () => (sim.options.now ?? Date.now)();
  const refused = (c: Context<SimEnv>, message: string) =>
    cwError(c, 400, "agreementAddition object is invalid", [
      { code: "InvalidObject", message, field: "effectiveDate" },
    ]);
  const paging = sim.options;
  // Ids converted once, not per entry: a benchmark world holds thousands of agreements.
  const agreementOf = (id: string) => {
    const wanted = Number(id);
    return s.agreements.find((a) => a.id === wanted);
  };
  const additionOf = (agreementId: string, id: string) => {
    const [agreement, addition] = [Number(agreementId), Number(id)];
    return s.additions.find((a) => a.id === addition && a.agreementId === agreement);
  };

  api.get("/finance/agreements", (c) => listAnswer(c, s.agreements, paging));
  api.get("/finance/agreements/:id", (c) => {
    const agreement = agreementOf(c.req.param("id"));
    return agreement ? c.json(withoutNulls(agreement)) : cwError(c, 404, "Agreement not found");
  });
  api.get("/finance/agreements/:id/additions", (c) => {
    const id = c.req.param("id");
    if (!agreementOf(id)) return cwError(c, 404, "Agreement not found");
    const agreementId = Number(id);
    return listAnswer(c, s.additions.filter((a) => a.agreementId === agreementId), paging);
  });
  api.get("/finance/agreements/:id/additions/:aid", (c) => {
    const addition = additionOf(c.req.param("id"), c.req.param("aid"));
    return addition ? c.json(withoutNulls(addition)) : cwError(c, 404, "Addition not found");
  });
  api.post("/finance/agreements/:id/additions", (c) => {
    const agreementId = Number(c.req.param("id"));
    if (!agreementOf(String(agreementId))) return cwError(c, 404, "Agreement not found");
    const parsed = v.safeParse(NewAddition, c.get("record").body);
    if (!parsed.success) return cwError(c, 400, "Addition object is invalid", issues(parsed));
    const product = s.catalog.find((p) => p.id === parsed.output.product.id);
    if (!product) {
      return cwError(c, 400, "Addition object is invalid", [
        { code: "InvalidObject", message: "Product not found", field: "product" },
      ]);
    }
    // Without an effectiveDate ConnectWise dates the addition today.
    const effectiveDate = parsed.output.effectiveDate
      ? cwDate(new Date(parsed.output.effectiveDate))
      : today(now());
    const refusal = dateRefusal(agreementOf(String(agreementId))!, effectiveDate);
    if (refusal) return refused(c, refusal);
    const addition = {
      id: s.nextId++,
      agreementId,
      product: { id: product.id, identifier: product.identifier },
      quantity: parsed.output.quantity,
      billCustomer: parsed.output.billCustomer,
      cancelledDate: null,
      effectiveDate,
    };
    s.createdAt.set(addition.id, cwDate(new Date(now())));
    s.additions.push(addition);
    return c.json(withoutNulls(addition), 201);
  });
  api.patch("/finance/agreements/:id/additions/:aid", (c) => {
    const addition = additionOf(c.req.param("id"), c.req.param("aid"));
    if (!addition) return cwError(c, 404, "Addition not found");
    const parsed = v.safeParse(Patch, c.get("record").body);
    if (!parsed.success) return cwError(c, 400, "Patch is invalid", issues(parsed));
    if (c.get("falseOk")) return c.json(withoutNulls(addition));
    for (const op of parsed.output) {
      if (op.path === "quantity" && typeof op.value === "number") addition.quantity = op.value;
      else if (op.path === "cancelledDate" && typeof op.value !== "number") {
        addition.cancelledDate = op.value;
      } else if (op.path === "effectiveDate" && typeof op.value === "string") {
        const refusal = dateRefusal(agreementOf(c.req.param("id"))!, op.value);
        if (refusal) return refused(c, refusal);
        addition.effectiveDate = op.value;
      } else if (!["quantity", "cancelledDate", "effectiveDate"].includes(op.path)) {
        continue; // a path ConnectWise does not know (they are case-sensitive): 200, nothing changed
      } else {
        return cwError(c, 400, "Patch is invalid", [
          { code: "InvalidField", message: "wrong type", field: op.path },
        ]);
      }
    }
    return c.json(withoutNulls(addition));
  });
}
