/**
 * An error that leaves the process over HTTP: a stable machine-readable code (documented in
 * docs/errors.md), a human message, the HTTP status and, when known, the field at fault. `detail`
 * is why that field was refused, without naming it (a form shows it under the field's own label).
 */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly field: string | null = null,
    readonly headers: Readonly<Record<string, string>> = {},
    readonly detail: string | null = null,
  ) {
    super(message)
    this.name = "HttpError"
  }

  /** The same error told in other words (another language): status, code, field and headers kept. */
  withMessage(message: string, detail: string | null): HttpError {
    return new HttpError(this.status, this.code, message, this.field, this.headers, detail)
  }

  toBody() {
    return {
      error: {
        code: this.code,
        message: this.message,
        ...(this.field === null ? {} : { field: this.field }),
        ...(this.detail === null ? {} : { detail: this.detail }),
      },
    }
  }
}
