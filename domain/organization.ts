import { DomainError } from "./errors.ts";

/** Every license type; the one list that schemas and SQL checks are fed from. */
export const LICENSE_TYPES = ["standard", "trial", "nfr"] as const;

/** `standard` is billed; `trial` and `nfr` (not for resale) never are. */
export type LicenseType = typeof LICENSE_TYPES[number];

/** The MSP's customer inside the platform. */
export interface Organization {
  readonly id: string;
  readonly name: string;
  readonly planId: string;
  readonly licenseType: LicenseType;
}

export function createOrganization(org: Organization): Organization {
  if (org.name.trim() === "") {
    throw new DomainError("invalid-organization", `Organization "${org.id}" needs a name`);
  }
  if (!LICENSE_TYPES.includes(org.licenseType)) {
    throw new DomainError("invalid-license-type", `License type "${org.licenseType}" is unknown`);
  }
  return { ...org, name: org.name.trim() };
}

export function billability(
  org: Organization,
): { billed: true } | { billed: false; reason: string } {
  if (org.licenseType === "standard") return { billed: true };
  const what = org.licenseType === "trial" ? "a trial" : "an NFR (not-for-resale)";
  return { billed: false, reason: `organization "${org.id}" is on ${what} license: not billed` };
}

/** Lower-case, accents and punctuation removed, single spaces: for suggesting matches. */
export function normalizeName(name: string): string {
  // Letters of every script are kept: dropping non-Latin ones would make "Компания 1" and "Фирма 1"
  // both "1", a false match.
  return name
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^\p{L}\p{M}\p{N}]+/gu, " ")
    .trim();
}

/** The one organization whose normalised name equals the company's; never applied by itself. */
export function suggestOrganization(
  companyName: string,
  organizations: readonly Organization[],
): string | null {
  const wanted = normalizeName(companyName);
  if (wanted === "") return null;
  const matches = organizations.filter((o) => normalizeName(o.name) === wanted);
  return matches.length === 1 ? matches[0].id : null;
}
