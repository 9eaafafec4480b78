/**
 * The part of pdfmake's server API (0.3) this package uses. Declared here rather than taken from
 * `@types/pdfmake`, whose `/// <reference lib="dom" />` would put the browser's globals (Blob,
 * fetch's BodyInit) into every program that compiles the API, Node's tests among them.
 */
declare module "pdfmake" {
  /** A document definition (pdfmake's docs: content, styles, pageSize…); checked by pdfmake itself. */
  export type DocumentDefinition = Readonly<Record<string, unknown>>
  export interface FontFiles {
    readonly normal: string
    readonly bold: string
    readonly italics: string
    readonly bolditalics: string
  }
  interface PdfMake {
    setFonts(fonts: Readonly<Record<string, FontFiles>>): void
    setUrlAccessPolicy(allow: (url: string) => boolean): void
    setLocalAccessPolicy(allow: (path: string) => boolean): void
    createPdf(definition: DocumentDefinition): { getBuffer(): Promise<Buffer> }
  }
  const pdfmake: PdfMake
  export default pdfmake
}
