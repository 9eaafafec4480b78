import type { Readable } from "node:stream"
import {
  DeleteObjectCommand,
  GetObjectCommand,
  NoSuchKey,
  PutObjectCommand,
  S3Client,
} from "@aws-sdk/client-s3"
import { getSignedUrl } from "@aws-sdk/s3-request-presigner"
import { assertStorageKey, type DocumentStore } from "./DocumentStore.js"

export interface S3DocumentStoreOptions {
  readonly bucket: string
  readonly region: string
  /** An S3-compatible server's URL; the AWS endpoint of `region` when absent. */
  readonly endpoint?: string
  /** Path-style addressing (`endpoint/bucket/key`), which most S3-compatible servers need. */
  readonly forcePathStyle: boolean
  /** Static keys; the AWS SDK's default chain (environment, instance role) when absent. */
  readonly credentials?: { readonly accessKeyId: string; readonly secretAccessKey: string }
}

const isNotFound = (error: unknown): boolean =>
  error instanceof NoSuchKey || (error as { name?: unknown }).name === "NoSuchKey"

/** Documents in an S3 bucket (the scale-out mode); downloads go straight to S3 by presigned URLs. */
export const makeS3DocumentStore = (
  options: S3DocumentStoreOptions,
): DocumentStore & { close: () => void } => {
  const client = new S3Client({
    region: options.region,
    forcePathStyle: options.forcePathStyle,
    ...(options.endpoint === undefined ? {} : { endpoint: options.endpoint }),
    ...(options.credentials === undefined ? {} : { credentials: { ...options.credentials } }),
  })
  const Bucket = options.bucket
  return {
    kind: "s3",
    put: async (key, bytes, mimeType) => {
      assertStorageKey(key)
      // S3 acknowledges a PutObject once the object is stored durably.
      await client.send(new PutObjectCommand({ Bucket, Key: key, Body: bytes, ContentType: mimeType }))
    },
    get: async (key) => {
      assertStorageKey(key)
      try {
        const out = await client.send(new GetObjectCommand({ Bucket, Key: key }))
        return { body: out.Body as Readable, size: out.ContentLength ?? 0 }
      } catch (error) {
        if (isNotFound(error)) return null
        throw error
      }
    },
    delete: async (key) => {
      assertStorageKey(key)
      await client.send(new DeleteObjectCommand({ Bucket, Key: key }))
    },
    presignedUrl: (key, presign) => {
      assertStorageKey(key)
      return getSignedUrl(
        client,
        new GetObjectCommand({
          Bucket,
          Key: key,
          ResponseContentDisposition: presign.contentDisposition,
          ResponseContentType: presign.contentType,
        }),
        { expiresIn: presign.expiresInS },
      )
    },
    close: () => client.destroy(),
  }
}
