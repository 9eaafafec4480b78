import type { Readable } from "node:stream"

/**
 * Where the bytes of documents live: a local folder in the embedded mode, S3-compatible storage at
 * scale (chosen at start-up, see `server/src/FleetCore.ts`). Keys are made by the API (never from a
 * file's name) and checked by every store with `isStorageKey`.
 */
export interface DocumentStore {
  /** "local" or "s3": for logs and the readiness report. */
  readonly kind: string
  /** Stores `bytes` under `key`, replacing nothing: a key is used once. Resolves when durable. */
  readonly put: (key: string, bytes: Buffer, mimeType: string) => Promise<void>
  /** The stored bytes as a stream, or null when nothing is stored under `key`. */
  readonly get: (key: string) => Promise<StoredObject | null>
  /** Removes what is stored under `key`; removing an absent key is not an error. */
  readonly delete: (key: string) => Promise<void>
  /**
   * A short-lived URL that downloads the object directly from the storage (S3), or null when the
   * store has none (the local folder: the API streams the bytes itself).
   */
  readonly presignedUrl: (key: string, options: PresignOptions) => Promise<string | null>
}

export interface StoredObject {
  readonly body: Readable
  readonly size: number
}

export interface PresignOptions {
  /** Sent back as the download's Content-Disposition. */
  readonly contentDisposition: string
  readonly contentType: string
  readonly expiresInS: number
}

/** Folder-like keys of lower-case letters, digits, dots and dashes; no empty, `.` or `..` segment. */
const KEY = /^[a-z0-9][a-z0-9.-]{0,99}(\/[a-z0-9][a-z0-9.-]{0,99}){0,4}$/u

export const isStorageKey = (key: string): boolean =>
  KEY.test(key) && !key.split("/").some((segment) => segment === "." || segment.includes(".."))

export const assertStorageKey = (key: string): void => {
  if (!isStorageKey(key)) throw new Error(`not a storage key: ${JSON.stringify(key)}`)
}
