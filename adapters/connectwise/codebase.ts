import { getLogger } from "@logtape/logtape";
import { CompanyInfo, parseAnswer } from "./answer_schemas.ts";
import { byteSize, readCapped } from "./capped_body.ts";
import { errorText } from "./error_text.ts";
import type { ClientRuntime } from "./client_options.ts";
import type { FetchLike } from "./pinned_fetch.ts";

const logger = getLogger(["psa-sync", "connectwise"]);

/** `companyinfo` is a few hundred bytes; more is not an answer worth reading. */
const COMPANY_INFO_BYTES = 64 * 1024;

/** The codebase used when discovery fails, as ConnectWise documents. */
export const FALLBACK_CODEBASE = "v4_6_release/";

/** A codebase is one path segment and a slash; anything else could point the API elsewhere. */
export function isCodebase(text: string): boolean {
  return /^[A-Za-z0-9_.-]+\/$/.test(text) && !/^\.+\/$/.test(text);
}

/** `GET {origin}/login/companyinfo/{companyId}`, no credentials; throws saying why it failed. */
export async function readCodebase(
  rt: ClientRuntime,
  origin: string,
  companyId: string,
  send: FetchLike = rt.fetch,
): Promise<string> {
  const label = "GET /login/companyinfo/{companyId}";
  const url = `${origin}/login/companyinfo/${encodeURIComponent(companyId)}`;
  const response = await send(url, {
    headers: { clientId: rt.clientId, Accept: "application/json" },
    redirect: "manual",
    signal: rt.timeoutSignal(rt.timeoutMs),
  });
  const body = await readCapped(response, COMPANY_INFO_BYTES);
  if ("tooLarge" in body) throw new Error(`an answer over ${byteSize(COMPANY_INFO_BYTES)}`);
  if (response.status !== 200) throw new Error(`status ${response.status}`);
  const { Codebase } = parseAnswer(CompanyInfo, JSON.parse(body.text), label);
  if (!isCodebase(Codebase)) throw new Error(`unusable Codebase "${Codebase.slice(0, 40)}"`);
  return Codebase;
}

/** Bounded and clean for a log or a message. */
export function discoveryFailure(error: unknown): string {
  return errorText(error instanceof Error ? error.message : String(error));
}

/** Any failure falls back to `v4_6_release/`, logged so a wrong guess can be traced. */
export async function discoverCodebase(
  rt: ClientRuntime,
  origin: string,
  companyId: string,
  send: FetchLike = rt.fetch,
): Promise<string> {
  try {
    return await readCodebase(rt, origin, companyId, send);
  } catch (error) {
    logger.warn("ConnectWise codebase discovery failed ({reason}); using {codebase}", {
      reason: discoveryFailure(error),
      codebase: FALLBACK_CODEBASE,
    });
    return FALLBACK_CODEBASE;
  }
}
