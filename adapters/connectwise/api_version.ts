import { getLogger } from "@logtape/logtape";
import * as v from "valibot";
import { errorText } from "./error_text.ts";

const logger = getLogger(["psa-sync", "connectwise"]);

export const API_VERSION_HEADER = "api-current-version";

/** A version as ConnectWise names it (`2025.1`): one short plain word, or it is ignored. */
const ApiVersion = v.pipe(v.string(), v.trim(), v.regex(/^[0-9A-Za-z][0-9A-Za-z._-]{0,31}$/));

/** Null when the answer names none, or nothing readable. */
export function apiVersionOf(headers: Headers): string | null {
  const parsed = v.safeParse(ApiVersion, headers.get(API_VERSION_HEADER) ?? "");
  return parsed.success ? parsed.output : null;
}

/** The API version last seen per MSP key in this process, shared by every Api. */
export type SeenVersions = Map<string, string>;

export interface VersionWatch {
  /** The version of the last answer that named one, else the connection's. */
  latest(): string | null;
  /** For `Caller.answered`: reads the version of an answer. */
  answered(headers: Headers): void;
  /** Resolves once every change heard so far has been handed to `changed`. */
  settled(): Promise<void>;
}

/**
 * A change is logged and handed to `changed` once, however many answers or sessions carry it; a
 * failure of `changed` is logged, never the call's.
 */
export function watchVersion(
  seen: SeenVersions,
  who: { key: string; site: string; mspId?: string; known: string | null },
  changed?: (version: string) => Promise<void>,
): VersionWatch {
  let latest = who.known;
  let pending = Promise.resolve();
  return {
    latest: () => latest,
    settled: () => pending,
    answered(headers) {
      const version = apiVersionOf(headers);
      if (version === null) return;
      latest = version;
      const before = seen.get(who.key) ?? who.known;
      if (version === before) return;
      seen.set(who.key, version);
      if (before !== null) {
        logger.info("ConnectWise {site} answers API version {version} now (was {previous})", {
          msp: who.mspId,
          site: who.site,
          version,
          previous: before,
        });
      }
      if (!changed) return;
      pending = pending.then(() => changed(version)).catch((error) =>
        logger.warn("The API version {version} of {site} was not kept ({reason})", {
          msp: who.mspId,
          site: who.site,
          version,
          reason: errorText(error instanceof Error ? error.message : String(error)),
        })
      );
    },
  };
}
