import "./telegram.css"
import { endpoints } from "@fleetcore/contract"
import { useQuery, useQueryClient } from "@tanstack/solid-query"
import { Link2, Link2Off, Send } from "lucide-solid"
import QRCode from "qrcode"
import { createEffect, createResource, createSignal, Match, Show, Switch } from "solid-js"
import { useApi } from "../../api/ApiContext"
import { errorMessage } from "../../api/errorMessage"
import { useI18n } from "../../i18n/I18nContext"
import { ConfirmDialog } from "../../ui/ConfirmDialog"
import { showToast } from "../../ui/toast"

interface Issued {
  readonly code: string
  readonly expiresAt: string
  readonly deepLink: string | null
}

/**
 * The profile's Telegram link: whether the organisation's bot is set up, the linked account, a
 * one-time code (with the bot's deep link and its QR code for a phone) while linking, and unlinking.
 * While a code is shown the link status is asked every 3 s, so the page sees the bot take it.
 */
export const TelegramSection = () => {
  const { t, format } = useI18n()
  const api = useApi()
  const queryClient = useQueryClient()
  const [issued, setIssued] = createSignal<Issued | null>(null)
  const [busy, setBusy] = createSignal(false)
  const [error, setError] = createSignal<unknown>()
  const [unlinkOpen, setUnlinkOpen] = createSignal(false)
  const status = useQuery(() => ({
    queryKey: [endpoints.telegram.status.id] as const,
    queryFn: ({ signal }) => api.call(endpoints.telegram.status, {}, signal),
    refetchInterval: issued() === null ? false : 3000,
  }))
  const [qr] = createResource(
    () => issued()?.deepLink ?? false,
    (link) => QRCode.toDataURL(link, { margin: 1, width: 180, errorCorrectionLevel: "M" }),
  )
  // The bot took the code: the status says linked, and the code is put away.
  createEffect(() => {
    if (issued() !== null && status.data?.linked === true) {
      setIssued(null)
      showToast("success", t("telegram.linkedToast"))
    }
  })

  const link = async () => {
    setBusy(true)
    setError(undefined)
    try {
      setIssued(await api.call(endpoints.telegram.linkCode, {}))
    } catch (cause) {
      setError(() => cause)
    } finally {
      setBusy(false)
    }
  }

  return (
    <section class="panel" data-testid="telegram-section">
      <div class="panel__header">
        <h2>{t("telegram.section")}</h2>
        <p class="muted">{t("telegram.sectionText")}</p>
      </div>
      <Show when={status.data}>
        {(s) => (
          <Switch>
            <Match when={!s().available && !s().linked}>
              <p class="notice" data-testid="telegram-unavailable">
                {t("telegram.unavailable")}
              </p>
            </Match>
            <Match when={s().linked}>
              <p data-testid="telegram-linked">
                {t("telegram.linkedAs", {
                  account: s().telegramUsername === null ? "Telegram" : `@${s().telegramUsername}`,
                  date: format().dateTime(Date.parse(s().linkedAt ?? "")),
                })}
              </p>
              <div class="form__actions">
                <button
                  type="button"
                  class="button button--danger-outline"
                  data-testid="telegram-unlink"
                  onClick={() => setUnlinkOpen(true)}
                >
                  <Link2Off size={16} aria-hidden="true" />
                  {t("telegram.unlink")}
                </button>
              </div>
            </Match>
            <Match when={issued()}>
              {(code) => (
                <div class="telegram-code" data-testid="telegram-code-panel">
                  <h3>{t("telegram.codeTitle")}</h3>
                  <p class="telegram-code__value" data-testid="telegram-code">
                    {code().code}
                  </p>
                  <p class="muted">
                    {t("telegram.codeText", {
                      code: code().code,
                      time: format().dateTime(Date.parse(code().expiresAt)),
                    })}
                  </p>
                  <Show when={code().deepLink}>
                    {(href) => (
                      <>
                        <a
                          class="button button--primary"
                          href={href()}
                          target="_blank"
                          rel="noopener noreferrer"
                          data-testid="telegram-open-bot"
                        >
                          <Send size={16} aria-hidden="true" />
                          {t("telegram.openBot")}
                        </a>
                        <Show when={qr()}>
                          {(src) => (
                            <figure class="telegram-code__qr">
                              <img src={src()} width="180" height="180" alt={href()} />
                              <figcaption class="muted">{t("telegram.scan")}</figcaption>
                            </figure>
                          )}
                        </Show>
                      </>
                    )}
                  </Show>
                  <p class="muted" role="status">
                    {t("telegram.waiting")}
                  </p>
                </div>
              )}
            </Match>
            <Match when={true}>
              <div class="form__actions">
                <button
                  type="button"
                  class="button button--primary"
                  disabled={busy()}
                  data-testid="telegram-link"
                  onClick={() => void link()}
                >
                  <Link2 size={16} aria-hidden="true" />
                  {t("telegram.link")}
                </button>
              </div>
            </Match>
          </Switch>
        )}
      </Show>
      <Show when={error() !== undefined}>
        <p class="error-banner" role="alert">
          {errorMessage(t, error())}
        </p>
      </Show>
      <ConfirmDialog
        open={unlinkOpen()}
        onOpenChange={setUnlinkOpen}
        title={t("telegram.unlinkTitle")}
        destructive
        confirmLabel={t("telegram.unlink")}
        description={<p>{t("telegram.unlinkText")}</p>}
        onConfirm={async () => {
          const next = await api.call(endpoints.telegram.unlink, {})
          queryClient.setQueryData([endpoints.telegram.status.id], next)
          showToast("success", t("telegram.unlinked"))
        }}
      />
    </section>
  )
}
