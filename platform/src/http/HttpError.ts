/**
 * An error that leaves the process over HTTP: a stable machine-readable code (documented in
 * docs/errors.md), a human message, the HTTP status and, when known, the field at fault.
 */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly field: string | null = null,
    readonly headers: Readonly<Record<string, string>> = {},
  ) {
    super(message)
    this.name = "HttpError"
  }

  toBody() {
    return {
      error: {
        code: this.code,
        message: this.message,
        ...(this.field === null ? {} : { field: this.field }),
      },
    }
  }
}
