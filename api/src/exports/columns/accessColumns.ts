import { coded, count, field, instant, type ListColumn, nested } from "./ListColumn.js"

const visit: ReadonlyArray<ListColumn> = [
  instant("openedAt"),
  field("vehicleName"),
  field("vehiclePlate"),
  field("centreName"),
  coded("status", "visitStatus"),
  field("odometerKm", "distance"),
  field("complaint"),
  field("total", "money"),
  field("currency"),
  instant("completedAt"),
  instant("confirmedAt"),
  instant("disputedAt"),
  field("disputeReason"),
  coded("disputeOutcome", "disputeOutcome"),
]

/** A request for access as the fleet sees it (the vehicle, when the centre found one, masked). */
const request: ReadonlyArray<ListColumn> = [
  instant("createdAt"),
  field("centreName"),
  nested("vehicle", "make", "brand"),
  nested("vehicle", "model", "model"),
  nested("vehicle", "year", "year"),
  field("vehicleName"),
  field("vehiclePlate"),
  coded("scope", "accessScope"),
  field("message"),
  coded("status", "requestStatus"),
  field("reason"),
  instant("decidedAt"),
]

const grant: ReadonlyArray<ListColumn> = [
  nested("vehicle", "name", "vehicleName"),
  nested("vehicle", "plate", "vehiclePlate"),
  field("orgName"),
  field("centreName"),
  coded("scope", "accessScope"),
  coded("source", "grantSource"),
  instant("validFrom"),
  instant("validUntil"),
  instant("revokedAt"),
]

/**
 * The exported columns of service centres' work with the fleet: change proposals, visits and their
 * disputes, invite codes, requests and grants of access, and the moderators' queue of centres.
 */
export const ACCESS_COLUMNS = {
  vehicleChangeRequests: [
    instant("createdAt"),
    field("vehicleName"),
    field("vehiclePlate"),
    coded("proposerKind", "proposerKind"),
    field("centreName"),
    field("proposedByName"),
    count("changes"),
    field("comment"),
    coded("status", "changeStatus"),
    field("reason"),
    instant("decidedAt"),
  ],
  serviceVisits: visit,
  visitDisputes: [...visit, field("disputeNote"), instant("settledAt")],
  accessInvites: [
    instant("createdAt"),
    count("vehicleIds"),
    coded("scope", "accessScope"),
    instant("expiresAt"),
    instant("grantValidUntil"),
    coded("status", "inviteStatus"),
    instant("redeemedAt"),
    instant("revokedAt"),
  ],
  accessRequests: request,
  accessGrants: grant,
  centreRequests: request,
  centreGrants: grant,
  centreModeration: [
    field("name"),
    field("legalName"),
    field("taxId"),
    field("registrationNumber"),
    field("country"),
    field("address"),
    field("phone"),
    field("website"),
    coded("status", "centreStatus"),
    field("statusReason"),
    instant("submittedAt"),
    instant("approvedAt"),
  ],
} as const satisfies Readonly<Record<string, ReadonlyArray<ListColumn>>>
