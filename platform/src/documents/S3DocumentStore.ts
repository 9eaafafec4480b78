import type { Readable } from "node:stream"
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

/** Documents in an S3 bucket (the scale-out mode); downloads go straight to S3 by presigned URLs. */
export const makeS3DocumentStore = (
  options: S3DocumentStoreOptions,
): DocumentStore & { close: () => void } => {
  // The AWS SDK is loaded when an S3 store is made (the scale-out mode), not by every server.
  const sdk = (async () => {
    const [s3, { getSignedUrl }] = await Promise.all([
      import("@aws-sdk/client-s3"),
      import("@aws-sdk/s3-request-presigner"),
    ])
    const client = new s3.S3Client({
      region: options.region,
      forcePathStyle: options.forcePathStyle,
      ...(options.endpoint === undefined ? {} : { endpoint: options.endpoint }),
      ...(options.credentials === undefined ? {} : { credentials: { ...options.credentials } }),
    })
    return { s3, client, getSignedUrl }
  })()
  // A failed load surfaces in each call that awaits it, not as an unhandled rejection.
  sdk.catch(() => undefined)
  const Bucket = options.bucket
  return {
    kind: "s3",
    put: async (key, bytes, mimeType) => {
      assertStorageKey(key)
      const { client, s3 } = await sdk
      // S3 acknowledges a PutObject once the object is stored durably.
      await client.send(new s3.PutObjectCommand({ Bucket, Key: key, Body: bytes, ContentType: mimeType }))
    },
    get: async (key) => {
      assertStorageKey(key)
      const { client, s3 } = await sdk
      try {
        const out = await client.send(new s3.GetObjectCommand({ Bucket, Key: key }))
        return { body: out.Body as Readable, size: out.ContentLength ?? 0 }
      } catch (error) {
        if (error instanceof s3.NoSuchKey || (error as { name?: unknown }).name === "NoSuchKey") return null
        throw error
      }
    },
    delete: async (key) => {
      assertStorageKey(key)
      const { client, s3 } = await sdk
      await client.send(new s3.DeleteObjectCommand({ Bucket, Key: key }))
    },
    presignedUrl: async (key, presign) => {
      assertStorageKey(key)
      const { client, s3, getSignedUrl } = await sdk
      return getSignedUrl(
        client,
        new s3.GetObjectCommand({
          Bucket,
          Key: key,
          ResponseContentDisposition: presign.contentDisposition,
          ResponseContentType: presign.contentType,
        }),
        { expiresIn: presign.expiresInS },
      )
    },
    close: () => void sdk.then(({ client }) => client.destroy()),
  }
}
