import type { Period } from "../../domain/period.ts";
import type { Statement } from "../../domain/statement.ts";
import { plansById } from "../figures/plans.ts";
import type { Repositories } from "../ports/store.ts";
import { figuresOf } from "../figures/period_figures.ts";

/**
 * Organizations per chunk: a chunk's statements are one multi-row write, and at most one chunk per
 * finalizing MSP is in memory at a time.
 */
export const STATEMENT_CHUNK = 500;

/**
 * Lazy: each chunk is one page of organizations and one read of their period inputs, read only as
 * the chunks are. Organizations with no usage before the period's end have no statement.
 */
export async function* statementChunks(
  repos: Repositories,
  input: { mspId: string; period: Period; finalizedAt: Date | null; chunkSize?: number },
): AsyncGenerator<Statement[]> {
  const { mspId, period, finalizedAt } = input;
  const limit = input.chunkSize ?? STATEMENT_CHUNK;
  const plans = await plansById(repos);
  let after: string | null = null;
  for (;;) {
    const organizations = await repos.organizations.page(mspId, { after, limit });
    if (organizations.length === 0) return;
    const ids = organizations.map((o) => o.id);
    const inputs = await repos.usage.periodInputs(mspId, period, ids);
    const byId = new Map(inputs.map((i) => [i.organizationId, i]));
    yield organizations.map((o) => figuresOf(o, byId.get(o.id), plans))
      .filter((o) => o.usageBefore)
      .map(({ organization, figures }) => ({
        organizationId: organization.id,
        period,
        ...figures,
        final: finalizedAt !== null,
        finalizedAt,
      }));
    if (organizations.length < limit) return;
    after = organizations[organizations.length - 1].id;
  }
}
