import { Copy, Download } from "lucide-solid"
import { For } from "solid-js"
import { useI18n } from "../../i18n/I18nContext"
import { showToast } from "../../ui/toast"

/** Recovery codes, shown once: copy them or download them as a text file. */
export const RecoveryCodes = (props: {
  readonly codes: ReadonlyArray<string>
  readonly onDone: () => void
}) => {
  const { t } = useI18n()
  const text = () => `${props.codes.join("\n")}\n`
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(text())
      showToast("success", t("totp.copied"))
    } catch {
      showToast("error", t("totp.copyFailed"))
    }
  }
  const download = () => {
    const url = URL.createObjectURL(new Blob([text()], { type: "text/plain" }))
    const link = document.createElement("a")
    link.href = url
    link.download = "fleetcore-recovery-codes.txt"
    link.click()
    URL.revokeObjectURL(url)
  }
  return (
    <div class="recovery" data-testid="recovery-codes">
      <p class="notice">{t("totp.recoveryText")}</p>
      <ol class="recovery__codes">
        <For each={props.codes}>
          {(code) => (
            <li class="mono" data-testid="recovery-code">
              {code}
            </li>
          )}
        </For>
      </ol>
      <div class="form__actions">
        <button type="button" class="button" onClick={copy}>
          <Copy size={16} aria-hidden="true" />
          {t("totp.copy")}
        </button>
        <button type="button" class="button" onClick={download}>
          <Download size={16} aria-hidden="true" />
          {t("totp.download")}
        </button>
        <button
          type="button"
          class="button button--primary"
          data-testid="recovery-done"
          onClick={() => props.onDone()}
        >
          {t("totp.savedThem")}
        </button>
      </div>
    </div>
  )
}
