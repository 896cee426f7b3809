/** The permission areas of a ConnectWise security role that the service needs. */
export const PERMISSION_AREAS = [
  "Company Maintenance",
  "Table Setup",
  "Product Catalog",
  "Agreements",
] as const;

export type PermissionArea = typeof PERMISSION_AREAS[number];

export const ACCESS_KINDS = ["inquire", "add", "edit"] as const;

/** One permission the API member needs, and whether it was found granted. */
export interface Permission {
  readonly area: PermissionArea;
  readonly access: typeof ACCESS_KINDS[number];
  /** null when it cannot be probed without writing (checked on the first write). */
  readonly granted: boolean | null;
}

/** The read permissions that connecting probes, one read each. */
export const PROBED_AREAS: readonly PermissionArea[] = PERMISSION_AREAS;

/** The write permissions that only a write can reveal. */
export const UNPROBED_PERMISSIONS: readonly Permission[] = [
  { area: "Product Catalog", access: "add", granted: null },
  { area: "Agreements", access: "add", granted: null },
  { area: "Agreements", access: "edit", granted: null },
];

export function permissionReport(granted: ReadonlyMap<PermissionArea, boolean>): Permission[] {
  return [
    ...PROBED_AREAS.map((area) => ({
      area,
      access: "inquire" as const,
      granted: granted.get(area) ?? false,
    })),
    ...UNPROBED_PERMISSIONS,
  ];
}

export function missingAreas(report: readonly Permission[]): PermissionArea[] {
  return report.filter((p) => p.access === "inquire" && p.granted === false).map((p) => p.area);
}
