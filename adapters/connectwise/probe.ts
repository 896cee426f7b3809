import * as v from "valibot";
import { PermissionMissing } from "../../application/ports/errors.ts";
import type { Probe } from "../../application/ports/connectwise.ts";
import { type PermissionArea, permissionReport, PROBED_AREAS } from "../../domain/permissions.ts";
import { parseAnswer, SystemInfo } from "./answer_schemas.ts";
import type { Api } from "./api.ts";

/** One cheap read per probed area. */
const PROBES: Record<PermissionArea, string> = {
  "Company Maintenance": "/company/companies",
  "Table Setup": "/company/companies/types",
  "Product Catalog": "/procurement/catalog",
  "Agreements": "/finance/agreements",
};

async function granted(api: Api, area: PermissionArea): Promise<boolean> {
  try {
    const rows = await api.get(PROBES[area], { area, access: "inquire" }, {
      pageSize: "1",
      fields: "id",
    });
    parseAnswer(v.array(v.unknown()), rows, `GET ${PROBES[area]}`);
    return true;
  } catch (error) {
    if (error instanceof PermissionMissing) return false;
    throw error;
  }
}

/** Authentication (`GET /system/info`), then one read per probed area: a 403 is "not granted". */
export async function probeConnectWise(api: Api): Promise<Probe> {
  await api.codebase();
  try {
    parseAnswer(
      SystemInfo,
      await api.get("/system/info", { area: "Table Setup", access: "inquire" }),
      "GET /system/info",
    );
  } catch (error) {
    // A 403 here still proves the credentials; the areas below say what is missing.
    if (!(error instanceof PermissionMissing)) throw error;
  }
  const answers = await Promise.all(
    PROBED_AREAS.map(async (area) => [area, await granted(api, area)] as const),
  );
  // Asked last: the codebase may have been found again, the version is the latest answer's.
  return {
    codebase: await api.codebase(),
    apiVersion: api.apiVersion(),
    permissions: permissionReport(new Map(answers)),
  };
}
