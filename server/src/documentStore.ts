import { join } from "node:path"
import { type DocumentStore, makeLocalDocumentStore, makeS3DocumentStore } from "@fleetcore/platform"
import { Option, Redacted } from "effect"
import type { DocumentsS3Config } from "./AppConfig.js"

/**
 * The documents' storage: S3 when `FLEET_DOCUMENTS_S3_BUCKET` is set (keys from the redacted
 * `FLEET_DOCUMENTS_S3_ACCESS_KEY_ID` / `_SECRET_ACCESS_KEY`, else the AWS SDK's default chain),
 * otherwise the folder `documents` under the data dir. `close` releases the S3 client's sockets.
 */
export const documentStoreOf = (
  s3: Option.Option<DocumentsS3Config>,
  dataDir: string,
): { readonly store: DocumentStore; readonly close: () => void } => {
  if (Option.isNone(s3)) return { store: makeLocalDocumentStore(join(dataDir, "documents")), close: () => {} }
  const c = s3.value
  const keys = Option.all([c.accessKeyId, c.secretAccessKey])
  if (Option.isSome(c.accessKeyId) !== Option.isSome(c.secretAccessKey)) {
    throw new Error(
      "set both FLEET_DOCUMENTS_S3_ACCESS_KEY_ID and FLEET_DOCUMENTS_S3_SECRET_ACCESS_KEY, or neither",
    )
  }
  const store = makeS3DocumentStore({
    bucket: c.bucket,
    region: c.region,
    forcePathStyle: c.forcePathStyle,
    ...Option.match(c.endpoint, { onNone: () => ({}), onSome: (endpoint) => ({ endpoint }) }),
    ...Option.match(keys, {
      onNone: () => ({}),
      onSome: ([id, secret]) => ({
        credentials: { accessKeyId: Redacted.value(id), secretAccessKey: Redacted.value(secret) },
      }),
    }),
  })
  return { store, close: store.close }
}
