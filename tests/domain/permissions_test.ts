import assert from "node:assert/strict";
import {
  missingAreas,
  type PermissionArea,
  permissionReport,
  PROBED_AREAS,
  UNPROBED_PERMISSIONS,
} from "../../domain/permissions.ts";

Deno.test("permissions: the four read areas are probed with inquire", () => {
  assert.deepEqual(PROBED_AREAS, [
    "Company Maintenance",
    "Table Setup",
    "Product Catalog",
    "Agreements",
  ]);
});

Deno.test("permissions: the write permissions cannot be probed and are reported as unknown", () => {
  assert.deepEqual(UNPROBED_PERMISSIONS, [
    { area: "Product Catalog", access: "add", granted: null },
    { area: "Agreements", access: "add", granted: null },
    { area: "Agreements", access: "edit", granted: null },
  ]);
});

Deno.test("permissions: the report lists each read area as granted or missing, then the unprobed writes", () => {
  const granted = new Map<PermissionArea, boolean>([
    ["Company Maintenance", true],
    ["Table Setup", false],
    ["Product Catalog", true],
  ]);
  assert.deepEqual(permissionReport(granted), [
    { area: "Company Maintenance", access: "inquire", granted: true },
    { area: "Table Setup", access: "inquire", granted: false },
    { area: "Product Catalog", access: "inquire", granted: true },
    { area: "Agreements", access: "inquire", granted: false },
    ...UNPROBED_PERMISSIONS,
  ]);
});

Deno.test("permissions: missing read areas are the inquire permissions found not granted; unprobed writes are not missing", () => {
  const report = permissionReport(new Map([["Product Catalog", true]]));
  assert.deepEqual(missingAreas(report), ["Company Maintenance", "Table Setup", "Agreements"]);
  const all = permissionReport(new Map(PROBED_AREAS.map((area) => [area, true])));
  assert.deepEqual(missingAreas(all), []);
});
