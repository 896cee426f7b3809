import { Buffer } from "node:buffer";
import * as v from "valibot";
import { ACCESS_KINDS, PROBED_AREAS } from "../../domain/permissions.ts";
import type { Connection, Connections } from "../../application/ports/connections.ts";
import type { SecretCipher } from "./cipher.ts";
import { bytes, instant, parseRow, type Queryable } from "./rows.ts";

const PermissionRow = v.object({
  area: v.picklist(PROBED_AREAS),
  access: v.picklist(ACCESS_KINDS),
  granted: v.nullable(v.boolean()),
});

const ConnectionRow = v.object({
  msp_id: v.string(),
  site_url: v.string(),
  company_id: v.string(),
  public_key: v.string(),
  private_key_ciphertext: bytes,
  private_key_nonce: bytes,
  private_key_key_id: v.string(),
  codebase: v.string(),
  api_version: v.nullable(v.string()),
  permissions: v.array(PermissionRow),
  connected_at: instant,
  attention: v.nullable(v.string()),
});

/** The private key is sealed before it leaves the process, opened only for ConnectWise calls. */
export function postgresConnections(sql: Queryable, cipher: SecretCipher): Connections {
  return {
    get: async (mspId) => {
      const [found] = await sql`SELECT * FROM connections WHERE msp_id = ${mspId}`;
      if (!found) return undefined;
      const row = parseRow(ConnectionRow, found, "connections");
      const privateKey = await cipher.open({
        ciphertext: row.private_key_ciphertext,
        nonce: row.private_key_nonce,
        keyId: row.private_key_key_id,
      }, row.msp_id);
      return {
        mspId: row.msp_id,
        siteUrl: row.site_url,
        companyId: row.company_id,
        publicKey: row.public_key,
        privateKey,
        codebase: row.codebase,
        apiVersion: row.api_version,
        permissions: row.permissions,
        connectedAt: row.connected_at,
        attention: row.attention,
      } satisfies Connection;
    },
    save: async (c) => {
      const sealed = await cipher.seal(c.privateKey, c.mspId);
      const permissions = c.permissions.map(({ area, access, granted }) => ({
        area,
        access,
        granted,
      }));
      await sql`
        INSERT INTO connections (msp_id, site_url, company_id, public_key,
          private_key_ciphertext, private_key_nonce, private_key_key_id,
          codebase, api_version, permissions, connected_at, attention)
        VALUES (${c.mspId}, ${c.siteUrl}, ${c.companyId}, ${c.publicKey},
          ${Buffer.from(sealed.ciphertext)}, ${Buffer.from(sealed.nonce)}, ${sealed.keyId},
          ${c.codebase}, ${c.apiVersion}, ${sql.json(permissions)}, ${c.connectedAt},
          ${c.attention})
        ON CONFLICT (msp_id) DO UPDATE SET
          site_url = EXCLUDED.site_url, company_id = EXCLUDED.company_id,
          public_key = EXCLUDED.public_key,
          private_key_ciphertext = EXCLUDED.private_key_ciphertext,
          private_key_nonce = EXCLUDED.private_key_nonce,
          private_key_key_id = EXCLUDED.private_key_key_id,
          codebase = EXCLUDED.codebase, api_version = EXCLUDED.api_version,
          permissions = EXCLUDED.permissions,
          connected_at = EXCLUDED.connected_at, attention = EXCLUDED.attention`;
    },
    delete: async (mspId) => {
      const result = await sql`DELETE FROM connections WHERE msp_id = ${mspId}`;
      return result.count > 0;
    },
    setAttention: async (mspId, reason) => {
      await sql`UPDATE connections SET attention = ${reason} WHERE msp_id = ${mspId}`;
    },
    setCodebase: async (mspId, codebase) => {
      await sql`UPDATE connections SET codebase = ${codebase} WHERE msp_id = ${mspId}`;
    },
    setApiVersion: async (mspId, version) => {
      await sql`UPDATE connections SET api_version = ${version} WHERE msp_id = ${mspId}`;
    },
  };
}
