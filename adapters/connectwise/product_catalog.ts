import * as v from "valibot";
import { ProductIdentifierTaken, UpstreamError } from "../../application/ports/errors.ts";
import type { CwProduct, ProductCatalog } from "../../application/ports/connectwise.ts";
import type { Need } from "./answer_errors.ts";
import { CatalogRow, NamedRow, parseAnswer, parseRows } from "./answer_schemas.ts";
import type { Api } from "./api.ts";
import { equalsText, productTextSearch } from "./conditions.ts";

const INQUIRE: Need = { area: "Product Catalog", access: "inquire" };
const ADD: Need = { area: "Product Catalog", access: "add" };
const TABLE_SETUP: Need = { area: "Table Setup", access: "inquire" };
const PATH = "/procurement/catalog";
const FIELDS = "id,identifier,description,inactiveFlag";

function toProduct(row: v.InferOutput<typeof CatalogRow>): CwProduct {
  return {
    id: row.id,
    identifier: row.identifier,
    description: row.description,
    inactive: row.inactiveFlag,
  };
}

/** The first active row of a setup table, or a clear error naming what to set up. */
async function firstActive(api: Api, path: string, what: string, product: string) {
  const query = { conditions: "inactiveFlag=false", orderBy: "id asc", pageSize: "1" };
  const [row] = parseRows(
    NamedRow,
    await api.get(path, TABLE_SETUP, query),
    `GET ${path}`,
  );
  if (!row) {
    throw new UpstreamError(
      `Cannot create product "${product}" in ConnectWise: it has no active ${what}`,
      { status: 200, code: "connectwise-setup-missing" },
    );
  }
  return row;
}

function contains(p: CwProduct, text: string): boolean {
  const lower = text.toLowerCase();
  return p.identifier.toLowerCase().includes(lower) || p.description.toLowerCase().includes(lower);
}

/** A 400 `ObjectExists` means the identifier is in use (any case): name the product holding it. */
async function takenBy(api: Api, identifier: string, error: unknown): Promise<unknown> {
  if (
    !(error instanceof UpstreamError) || error.upstreamStatus !== 400 ||
    !error.upstreamCodes.includes("ObjectExists")
  ) return error;
  const query = { conditions: equalsText("identifier", identifier), fields: FIELDS };
  try {
    const rows = parseRows(CatalogRow, await api.list(PATH, INQUIRE, query), `GET ${PATH}`);
    const holder = rows.find((r) => r.identifier.toLowerCase() === identifier.toLowerCase());
    return holder ? new ProductIdentifierTaken(identifier, holder.id) : error;
  } catch {
    return error; // the refusal as ConnectWise said it, rather than the look-up's failure
  }
}

export function productCatalog(api: Api): ProductCatalog {
  return {
    async search(text) {
      const wanted = text?.trim() ?? "";
      const query: Record<string, string> = { fields: FIELDS };
      if (wanted) query.conditions = productTextSearch(wanted);
      const rows = parseRows(CatalogRow, await api.list(PATH, INQUIRE, query), `GET ${PATH}`);
      // Should ConnectWise read % _ [ ] in the text as wildcards, keep only literal matches.
      return rows.map(toProduct).filter((p) => contains(p, wanted));
    },
    async get(productId) {
      if (!Number.isSafeInteger(productId)) return undefined;
      const path = `/procurement/catalog/${productId}`;
      try {
        return toProduct(
          parseAnswer(CatalogRow, await api.get(path, INQUIRE), "GET /procurement/catalog/{id}"),
        );
      } catch (error) {
        if (error instanceof UpstreamError && error.code === "connectwise-not-found") {
          return undefined;
        }
        throw error;
      }
    },
    async create(product) {
      const type = await firstActive(api, "/procurement/types", "product type", product.identifier);
      const subcategory = await firstActive(
        api,
        "/procurement/subcategories/",
        "product subcategory",
        product.identifier,
      );
      const body = {
        identifier: product.identifier,
        description: product.description,
        customerDescription: product.description,
        subcategory: { id: subcategory.id },
        type: { id: type.id },
        productClass: "NonInventory",
        ...(product.price === undefined ? {} : { price: product.price }),
        ...(product.cost === undefined ? {} : { cost: product.cost }),
      };
      let answer: unknown;
      try {
        answer = await api.send("POST", "/procurement/catalog", body, ADD);
      } catch (error) {
        throw await takenBy(api, product.identifier, error);
      }
      return toProduct(parseAnswer(CatalogRow, answer, "POST /procurement/catalog"));
    },
  };
}
