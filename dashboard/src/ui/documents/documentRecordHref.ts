import type { DocumentEntityType, Permission } from "@fleetcore/contract"

/**
 * The pages of records that have one, and the permission that opens each (the menu's): a vehicle's
 * and a driver's open on their documents tab; the others show their documents on the page itself.
 * A maintenance task and a service centre have no page of their own a list can open.
 */
const RECORD_PAGES: Partial<
  Record<DocumentEntityType, { readonly href: (id: string) => string; readonly access: Permission }>
> = {
  vehicle: { href: (id) => `/vehicles/${id}?tab=documents`, access: "vehicles.read" },
  driver: { href: (id) => `/drivers/${id}?tab=documents`, access: "drivers.read" },
  contract: { href: (id) => `/contracts/${id}`, access: "contracts.read" },
  penalty: { href: (id) => `/penalties/${id}`, access: "penalties.read" },
  expense: { href: (id) => `/expenses/${id}`, access: "expenses.read" },
  task: { href: (id) => `/tasks/${id}`, access: "tasks.read" },
  ticket: { href: (id) => `/tickets/${id}`, access: "tickets.read" },
}

/**
 * Where a document's record opens: its own page when the user may open it, else the record's
 * documents page (`/documents/<type>/<id>`, which anyone who may read documents opens).
 */
export const documentRecordHref = (
  entityType: DocumentEntityType,
  entityId: string,
  can: (permission: Permission) => boolean,
): string => {
  const page = RECORD_PAGES[entityType]
  return page !== undefined && can(page.access) ? page.href(entityId) : `/documents/${entityType}/${entityId}`
}
