import { Download, Printer } from "lucide-solid"
import QRCode from "qrcode"
import { createResource, Show } from "solid-js"
import { useI18n } from "../../i18n/I18nContext"

/**
 * A QR code (SVG, made in the browser by `qrcode`) that opens the vehicle's page, with a download
 * of the SVG and a print view holding only the code and the plate, for a sticker in the cabin.
 */
export const VehicleQrCode = (props: { readonly vehicleId: string; readonly caption: string }) => {
  const { t } = useI18n()
  const url = () => `${window.location.origin}/vehicles/${props.vehicleId}`
  const [svg] = createResource(url, (link) =>
    QRCode.toString(link, { type: "svg", margin: 1, errorCorrectionLevel: "M" }),
  )
  const download = () => {
    const code = svg()
    if (code === undefined) return
    const a = document.createElement("a")
    a.href = URL.createObjectURL(new Blob([code], { type: "image/svg+xml" }))
    a.download = `vehicle-${props.caption.replace(/[^\p{L}\p{N}-]+/gu, "_")}.svg`
    a.click()
    URL.revokeObjectURL(a.href)
  }
  const print = () => {
    const code = svg()
    const win = window.open("", "_blank", "width=420,height=520")
    if (code === undefined || win === null) return
    const doc = win.document
    doc.title = props.caption
    const figure = doc.createElement("figure")
    figure.style.cssText = "margin:24px;text-align:center;font:600 20px system-ui"
    figure.innerHTML = code
    const caption = doc.createElement("figcaption")
    caption.textContent = props.caption
    figure.append(caption)
    doc.body.append(figure)
    win.print()
  }
  return (
    <section class="panel vehicle-qr" data-testid="vehicle-qr">
      <div class="panel__header">
        <h2>{t("fleet.qrTitle")}</h2>
      </div>
      {/* The SVG is made here by `qrcode` from the page's own URL: no outside markup. */}
      <Show when={svg()}>
        {(code) => (
          <div class="vehicle-qr__code" role="img" aria-label={t("fleet.qrText")} innerHTML={code()} />
        )}
      </Show>
      <p class="muted">{t("fleet.qrText")}</p>
      <div class="form__actions">
        <button type="button" class="button" onClick={download} data-testid="vehicle-qr-download">
          <Download size={16} aria-hidden="true" />
          <span>{t("fleet.qrDownload")}</span>
        </button>
        <button type="button" class="button" onClick={print} data-testid="vehicle-qr-print">
          <Printer size={16} aria-hidden="true" />
          <span>{t("fleet.qrPrint")}</span>
        </button>
      </div>
    </section>
  )
}
