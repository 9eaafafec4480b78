import type { Document } from "@fleetcore/contract"
import * as Dialog from "@kobalte/core/dialog"
import { Download, ExternalLink, X } from "lucide-solid"
import { Match, Show, Switch } from "solid-js"
import { useI18n } from "../../i18n/I18nContext"
import { ItemDialog } from "../ItemDialog"
import { documentDetails } from "./documentDetails"
import { ExpiryBadge } from "./ExpiryBadge"

type Doc = typeof Document.Encoded

const inlineUrl = (d: Doc) => `${d.downloadUrl}?inline=true`

/** A document shown in a dialog: an image at full size, a PDF in the browser's own viewer. */
export const DocumentPreviewDialog = (props: {
  readonly document: Doc | null
  readonly onClose: () => void
}) => {
  const { t, format } = useI18n()
  return (
    <ItemDialog item={props.document} onClose={props.onClose} testId="document-preview">
      {(d) => (
        <>
          <div class="dialog__header">
            <Dialog.Title class="dialog__title document-preview__title">{d().filename}</Dialog.Title>
            <Dialog.CloseButton class="button button--ghost button--icon" aria-label={t("common.close")}>
              <X size={18} aria-hidden="true" />
            </Dialog.CloseButton>
          </div>
          <p class="document-preview__facts muted">
            <span>{t(`documents.kind_${d().kind}`)}</span>
            <Show when={documentDetails(t, format(), d())}>{(details) => <span>{details()}</span>}</Show>
            <span>{format().fileSize(d().sizeBytes)}</span>
            <ExpiryBadge expiresOn={d().expiresOn} />
          </p>
          <div class="document-preview__body">
            <Switch fallback={<p class="muted">{t("documents.noPreview")}</p>}>
              <Match when={d().mimeType === "application/pdf"}>
                {/* An <object>, not an <iframe>: the dialog's focus trap walks into a same-origin
                    iframe's document, whose body is null for a moment while the browser builds
                    its PDF viewer, and threw there. */}
                <object
                  class="document-preview__pdf"
                  data={inlineUrl(d())}
                  type="application/pdf"
                  title={d().filename}
                  data-testid="document-preview-pdf"
                >
                  <p class="muted">{t("documents.noPreview")}</p>
                </object>
              </Match>
              <Match when={d().mimeType.startsWith("image/") && d().mimeType !== "image/heic"}>
                <img
                  class="document-preview__image"
                  src={inlineUrl(d())}
                  alt={d().filename}
                  data-testid="document-preview-image"
                />
              </Match>
            </Switch>
          </div>
          <div class="dialog__actions">
            <a class="button" href={inlineUrl(d())} target="_blank" rel="noopener">
              <ExternalLink size={16} aria-hidden="true" />
              <span>{t("documents.open")}</span>
            </a>
            <a class="button button--primary" href={d().downloadUrl} download={d().filename}>
              <Download size={16} aria-hidden="true" />
              <span>{t("documents.download")}</span>
            </a>
          </div>
        </>
      )}
    </ItemDialog>
  )
}
