import type { CompanyMapping } from "../../domain/company_mapping.ts";
import type { ProductMapping } from "../../domain/product_mapping.ts";
import type { Statement } from "../../domain/statement.ts";
import type { Deps } from "../ports/deps.ts";
import { periodStatement } from "./period_reads.ts";
import { syncLines, type SyncLineView } from "../lines/line_views.ts";

/** An agreement as a person reads it: its name and its company's. */
export interface AgreementName {
  readonly name: string;
  readonly companyName: string | null;
}

/** Names kept by the company and product mappings: nothing is read from ConnectWise. */
export interface KnownNames {
  /** null when no mapping of the agreement kept a name. */
  agreement(agreementId: number): AgreementName | null;
  /** The catalog identifier of a mapped product. */
  product(productId: number | null): string | null;
}

/** One pass, no further read. */
export function namesFrom(
  companyMappings: readonly CompanyMapping[],
  productMappings: readonly ProductMapping[],
): KnownNames {
  const agreements = new Map<number, AgreementName>();
  for (const m of companyMappings) {
    if (m.agreementName === undefined || agreements.has(m.agreementId)) continue;
    agreements.set(m.agreementId, { name: m.agreementName, companyName: m.companyName ?? null });
  }
  const products = new Map<number, string>();
  for (const m of productMappings) {
    for (const slot of [m.license, m.server]) {
      if (slot) products.set(slot.productId, slot.identifier);
    }
  }
  return {
    agreement: (id) => agreements.get(id) ?? null,
    product: (id) => (id === null ? null : products.get(id) ?? null),
  };
}

/** Two store reads. */
export async function knownNames(deps: Deps, mspId: string): Promise<KnownNames> {
  const [companyMappings, productMappings] = await Promise.all([
    deps.store.companyMappings.list(mspId),
    deps.store.productMappings.list(mspId),
  ]);
  return namesFrom(companyMappings, productMappings);
}

/** A sync line with the names a person reads. */
export interface NamedSyncLine extends SyncLineView {
  readonly companyName: string | null;
  readonly productIdentifier: string | null;
}

/** An agreement no mapping names any more keeps the name it was last read with. */
export async function namedSyncLines(deps: Deps, mspId: string): Promise<NamedSyncLine[]> {
  const [lines, names] = await Promise.all([syncLines(deps, mspId), knownNames(deps, mspId)]);
  return lines.map((line) => {
    const agreement = names.agreement(line.agreementId);
    return {
      ...line,
      agreementName: agreement?.name ?? line.agreementName,
      companyName: agreement?.companyName ?? null,
      productIdentifier: names.product(line.productId),
    };
  });
}

/** A statement line with the names a person reads. */
export interface NamedStatement extends Statement {
  /** null when the organization is not known any more. */
  readonly organizationName: string | null;
  readonly agreementName: string | null;
  readonly companyName: string | null;
}

export async function namedStatement(
  deps: Deps,
  input: { mspId: string; period: string },
): Promise<NamedStatement[]> {
  const [statements, organizations, mappings, products] = await Promise.all([
    periodStatement(deps, input),
    deps.store.organizations.list(input.mspId),
    deps.store.companyMappings.list(input.mspId),
    deps.store.productMappings.list(input.mspId),
  ]);
  const names = namesFrom(mappings, products);
  const mappingOf = new Map(mappings.map((m) => [m.organizationId, m]));
  const nameOf = new Map(organizations.map((o) => [o.id, o.name]));
  return statements.map((s) => {
    const mapping = mappingOf.get(s.organizationId);
    const agreement = mapping ? names.agreement(mapping.agreementId) : null;
    return {
      ...s,
      organizationName: nameOf.get(s.organizationId) ?? null,
      agreementName: agreement?.name ?? null,
      companyName: agreement?.companyName ?? null,
    };
  });
}
