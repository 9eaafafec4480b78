import { Schema } from "effect"
import { endpoint } from "../endpoint.js"
import { listOf, listQuery } from "../list.js"
import { IsoDateTime, Uuid } from "../schemas.js"
import { DisplayName, IdParams, Locale, OrgCurrency, TimeZone, Units } from "./common.js"

export const ORG_STATUSES = ["active", "suspended"] as const
/** A fleet keeps vehicles; a service centre (issue 16) works on other fleets' vehicles it was given. */
export const ORG_KINDS = ["fleet", "service_centre"] as const

/** How an organisation keeps its books and shows its data. */
export const OrganisationSettings = Schema.Struct({
  currency: OrgCurrency,
  timezone: TimeZone,
  language: Locale,
  units: Units,
  /** Days the audit log keeps entries (two years by default). */
  auditRetentionDays: Schema.Int.check(Schema.isBetween({ minimum: 30, maximum: 3650 })),
  /** The local hour (0–23, the organisation's time zone) the daily checks run at (8 by default). */
  dailyChecksHour: Schema.Int.check(Schema.isBetween({ minimum: 0, maximum: 23 })),
}).annotate({ identifier: "OrganisationSettings" })

/** Settings to change: the keys sent are merged into the stored ones, the others are kept. */
export const OrganisationSettingsPatch = Schema.Struct({
  currency: Schema.optionalKey(OrganisationSettings.fields.currency),
  timezone: Schema.optionalKey(OrganisationSettings.fields.timezone),
  language: Schema.optionalKey(OrganisationSettings.fields.language),
  units: Schema.optionalKey(OrganisationSettings.fields.units),
  auditRetentionDays: Schema.optionalKey(OrganisationSettings.fields.auditRetentionDays),
  dailyChecksHour: Schema.optionalKey(OrganisationSettings.fields.dailyChecksHour),
}).annotate({ identifier: "OrganisationSettingsPatch" })

export const Organisation = Schema.Struct({
  id: Uuid,
  name: Schema.String,
  slug: Schema.String,
  description: Schema.NullOr(Schema.String),
  status: Schema.Literals(ORG_STATUSES),
  kind: Schema.Literals(ORG_KINDS),
  settings: OrganisationSettings,
  userCount: Schema.Int,
  vehicleCount: Schema.Int,
  createdAt: IsoDateTime,
  /** Relative URL of the logo drawn on every PDF (it changes with each upload); null without one. */
  logoUrl: Schema.NullOr(Schema.String),
}).annotate({ identifier: "Organisation" })

const Description = Schema.NullOr(Schema.String.check(Schema.isMaxLength(2000)))

const CreateOrganisation = Schema.Struct({
  name: DisplayName,
  description: Schema.optionalKey(Description),
  settings: Schema.optionalKey(OrganisationSettingsPatch),
})

const UpdateOrganisation = Schema.Struct({
  name: Schema.optionalKey(DisplayName),
  description: Schema.optionalKey(Description),
  status: Schema.optionalKey(Schema.Literals(ORG_STATUSES)),
  settings: Schema.optionalKey(OrganisationSettingsPatch),
})

const notFound = [{ status: 404, code: "FLEET_ORGANISATION_NOT_FOUND" }]

export const organisations = {
  list: endpoint({
    id: "organisations.list",
    method: "get",
    path: "/api/v1/organisations",
    tag: "organisations",
    summary: "The installation's organisations",
    access: "organisations.manage",
    query: listQuery(["name", "createdAt"], {
      status: Schema.optionalKey(Schema.Literals(ORG_STATUSES)),
      kind: Schema.optionalKey(Schema.Literals(ORG_KINDS)),
    }),
    response: listOf(Organisation),
  }),
  create: endpoint({
    id: "organisations.create",
    method: "post",
    path: "/api/v1/organisations",
    tag: "organisations",
    summary: "Create an organisation",
    access: "organisations.manage",
    body: CreateOrganisation,
    response: Organisation,
    status: 201,
    errors: [{ status: 409, code: "FLEET_ORGANISATION_EXISTS" }],
  }),
  get: endpoint({
    id: "organisations.get",
    method: "get",
    path: "/api/v1/organisations/:id",
    tag: "organisations",
    summary: "One organisation",
    access: "organisations.manage",
    params: IdParams,
    response: Organisation,
    errors: notFound,
  }),
  update: endpoint({
    id: "organisations.update",
    method: "patch",
    path: "/api/v1/organisations/:id",
    tag: "organisations",
    summary: "Rename, suspend or reactivate an organisation, or change its settings",
    description: "A suspended organisation's users cannot sign in and its devices cannot send data.",
    access: "organisations.manage",
    params: IdParams,
    body: UpdateOrganisation,
    response: Organisation,
    errors: [
      ...notFound,
      { status: 409, code: "FLEET_ORGANISATION_EXISTS" },
      { status: 409, code: "FLEET_ORGANISATION_OWN" },
    ],
  }),
  current: endpoint({
    id: "organisation.get",
    method: "get",
    path: "/api/v1/organisation",
    tag: "organisations",
    summary: "The caller's organisation and its settings",
    access: "signedIn",
    response: Organisation,
  }),
  updateCurrent: endpoint({
    id: "organisation.update",
    method: "patch",
    path: "/api/v1/organisation",
    tag: "organisations",
    summary: "Rename the caller's organisation or change its settings",
    access: "organisation.settings",
    body: Schema.Struct({
      name: Schema.optionalKey(DisplayName),
      description: Schema.optionalKey(Description),
      settings: Schema.optionalKey(OrganisationSettingsPatch),
    }),
    response: Organisation,
    errors: [{ status: 409, code: "FLEET_ORGANISATION_EXISTS" }],
  }),
} as const
