import { createPlan, type Plan } from "../../domain/plan.ts";
import { createProductMapping, type ProductMapping } from "../../domain/product_mapping.ts";

/**
 * The language of docs/billing.md's examples, one statement a line (`#` starts
 * a comment). The plans block:
 *
 *   plan <id> tier <n> servers yes|no license <productId> [server <productId>]
 *
 * An example block, run top to bottom:
 *
 *   now <instant>                          the service's clock from here on
 *   final <period>                         every month up to this one is final
 *   org <id> standard|trial|nfr plan <id>  created or updated (PUT or import)
 *   map <org> agreement <id>               mapped to an agreement (or remapped)
 *   unmap <org>
 *   report <instant> <org> licenses <n> servers <n> [plan <id>] [refused <code>]
 *   figures <period> <org> plan <id> licenses <n> servers <n>
 *   connectwise <period> agreement <id> product <id> quantity <n>
 *
 * Consecutive `connectwise` lines list every addition and its quantity for
 * the period, nothing left out.
 */

/** One statement of an example, with its line in the document. */
export interface Statement {
  readonly verb: string;
  /** Words after the verb that are not `key value` pairs. */
  readonly args: readonly string[];
  readonly options: ReadonlyMap<string, string>;
  readonly line: number;
}

const KEYS = new Set([
  "tier",
  "servers",
  "license",
  "server",
  "plan",
  "agreement",
  "licenses",
  "product",
  "quantity",
  "refused",
  // invoice-example blocks (invoice_world.ts)
  "next",
  "prorate",
  "at",
  "fraction",
  "held",
  "final",
  "status",
]);

/** Splits a block into statements; `firstLine` is the block's first line in the document. */
export function parseStatements(text: string, firstLine: number): Statement[] {
  const statements: Statement[] = [];
  text.split("\n").forEach((raw, i) => {
    const words = raw.replace(/#.*$/, "").trim().split(/\s+/).filter((w) => w !== "");
    if (words.length === 0) return;
    const [verb, ...rest] = words;
    const args: string[] = [];
    const options = new Map<string, string>();
    for (let j = 0; j < rest.length; j++) {
      if (KEYS.has(rest[j]) && j + 1 < rest.length) options.set(rest[j], rest[++j]);
      else args.push(rest[j]);
    }
    statements.push({ verb, args, options, line: firstLine + i });
  });
  return statements;
}

/** The option's value, or an error naming the line. */
export function option(statement: Statement, key: string): string {
  const value = statement.options.get(key);
  if (value === undefined) {
    throw new Error(`line ${statement.line}: "${statement.verb}" needs "${key}"`);
  }
  return value;
}

/** A whole-number option. */
export function count(statement: Statement, key: string): number {
  const value = Number(option(statement, key));
  if (!Number.isInteger(value)) throw new Error(`line ${statement.line}: ${key} is not a number`);
  return value;
}

/** The n-th plain argument. */
export function arg(statement: Statement, n: number): string {
  const value = statement.args[n];
  if (value === undefined) throw new Error(`line ${statement.line}: argument ${n + 1} is missing`);
  return value;
}

/** The plans and product mappings every example shares. */
export interface Catalog {
  readonly plans: ReadonlyMap<string, Plan>;
  readonly mappings: ReadonlyMap<string, ProductMapping>;
}

/** Reads the plans block. */
export function catalog(statements: readonly Statement[]): Catalog {
  const plans = new Map<string, Plan>();
  const mappings = new Map<string, ProductMapping>();
  for (const s of statements) {
    const id = arg(s, 0);
    const plan = createPlan({
      id,
      name: id,
      tier: count(s, "tier"),
      includesServers: option(s, "servers") === "yes",
    });
    const ref = (key: string) => ({ productId: count(s, key), identifier: `${id}-${key}` });
    plans.set(id, plan);
    mappings.set(
      id,
      createProductMapping(plan, {
        license: ref("license"),
        server: s.options.has("server") ? ref("server") : null,
      }),
    );
  }
  return { plans, mappings };
}
