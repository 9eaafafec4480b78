import type { DocumentEntityType } from "@fleetcore/contract"

/** The pages of records that have one: a vehicle's and a driver's open on their documents tab. */
const RECORD_PAGES: Partial<Record<DocumentEntityType, (id: string) => string>> = {
  vehicle: (id) => `/vehicles/${id}?tab=documents`,
  driver: (id) => `/drivers/${id}?tab=documents`,
  contract: (id) => `/contracts/${id}`,
  penalty: (id) => `/penalties/${id}`,
  expense: (id) => `/expenses/${id}`,
  task: (id) => `/tasks/${id}`,
  ticket: (id) => `/tickets/${id}`,
}

/** Where a document's record opens: its own page, else the record's documents page (`/documents/<type>/<id>`). */
export const documentRecordHref = (entityType: DocumentEntityType, entityId: string): string =>
  RECORD_PAGES[entityType]?.(entityId) ?? `/documents/${entityType}/${entityId}`
