import { Schema } from "effect"
import { endpoint } from "../endpoint.js"

const Check = Schema.Struct({
  name: Schema.Literals(["postgres", "clickhouse"]),
  ok: Schema.Boolean,
  error: Schema.optionalKey(Schema.String),
})

export const system = {
  health: endpoint({
    id: "system.health",
    method: "get",
    path: "/healthz",
    tag: "system",
    summary: "The process answers",
    access: "public",
    response: Schema.Struct({ status: Schema.Literal("ok"), version: Schema.String }),
  }),
  ready: endpoint({
    id: "system.ready",
    method: "get",
    path: "/readyz",
    tag: "system",
    summary: "The process can serve: its stores answer (503 when one does not)",
    access: "public",
    response: Schema.Struct({
      status: Schema.Literals(["ready", "not ready"]),
      checks: Schema.Array(Check),
    }),
    errors: [{ status: 503, code: "not ready", description: "the same body, with the failing check" }],
  }),
  metrics: endpoint({
    id: "system.metrics",
    method: "get",
    path: "/metrics",
    tag: "system",
    summary: "Prometheus metrics (a bearer token from FLEET_METRICS_TOKEN, or loopback only)",
    access: "public",
    contentType: "text/plain",
    errors: [{ status: 401, code: "FLEET_AUTH_REQUIRED" }],
  }),
  config: endpoint({
    id: "system.config",
    method: "get",
    path: "/api/v1/config",
    tag: "system",
    summary: "What the dashboard needs before sign-in: the map style and the version",
    access: "public",
    response: Schema.Struct({ mapStyleUrl: Schema.NullOr(Schema.String), version: Schema.String }),
  }),
  openapi: endpoint({
    id: "system.openapi",
    method: "get",
    path: "/api/v1/openapi.json",
    tag: "system",
    summary: "This document: every endpoint, OpenAPI 3.1",
    access: "public",
    response: Schema.Record(Schema.String, Schema.Unknown),
  }),
  reference: endpoint({
    id: "system.reference",
    method: "get",
    path: "/api/v1/docs",
    tag: "system",
    summary: "A browsable reference of the API",
    access: "public",
    contentType: "text/html",
  }),
}
