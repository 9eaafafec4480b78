import { endpoints, MAX_LOGO_BYTES } from "@fleetcore/contract"
import { useQueryClient } from "@tanstack/solid-query"
import { ImageUp, Trash2 } from "lucide-solid"
import { createSignal, Show } from "solid-js"
import { useApi } from "../../api/ApiContext"
import { ApiError } from "../../api/ApiError"
import { errorMessage } from "../../api/errorMessage"
import type { I18n } from "../../i18n/createI18n"
import { useI18n } from "../../i18n/I18nContext"
import { ConfirmDialog } from "../../ui/ConfirmDialog"
import { showToast } from "../../ui/toast"
import { invalidateOrganisations } from "../organisations/organisationQueries"
import { uploadLogo } from "./uploadLogo"

/** Why a logo was refused, in the user's words for the two a user can fix. */
const logoError = (t: I18n["t"], error: unknown): string =>
  error instanceof ApiError && error.code === "FLEET_LOGO_TOO_LARGE"
    ? t("exports.logoTooLarge")
    : error instanceof ApiError && error.code === "FLEET_LOGO_TYPE_REFUSED"
      ? t("exports.logoWrongType")
      : errorMessage(t, error)

/**
 * The organisation's logo on its settings page: a preview of the stored PNG (its size in pixels),
 * upload or replace (PNG or JPEG, at most 1 MB; the server checks the content and shrinks it), and
 * remove after a confirmation. Every PDF the organisation exports carries it.
 */
export const OrganisationLogoPanel = (props: { readonly name: string; readonly logoUrl: string | null }) => {
  const { t } = useI18n()
  const api = useApi()
  const queryClient = useQueryClient()
  const [busy, setBusy] = createSignal(false)
  const [size, setSize] = createSignal<{ width: number; height: number } | null>(null)
  const [removing, setRemoving] = createSignal(false)
  let input: HTMLInputElement | undefined

  const upload = async (file: File) => {
    if (file.size > MAX_LOGO_BYTES) {
      showToast("error", t("exports.logoFailed"), t("exports.logoTooLarge"))
      return
    }
    setBusy(true)
    try {
      const logo = await uploadLogo(file, api.refresh)
      setSize({ width: logo.width, height: logo.height })
      await invalidateOrganisations(queryClient)
      showToast("success", t("exports.logoSaved"))
    } catch (error) {
      showToast("error", t("exports.logoFailed"), logoError(t, error))
    } finally {
      setBusy(false)
      if (input) input.value = ""
    }
  }
  const remove = async () => {
    await api.call(endpoints.organisationLogo.delete, {})
    setSize(null)
    await invalidateOrganisations(queryClient)
    showToast("success", t("exports.logoRemoved"))
  }

  return (
    <section class="panel org-logo" data-testid="org-logo" aria-labelledby="org-logo-title">
      <h2 id="org-logo-title" class="org-logo__title">
        {t("exports.logoTitle")}
      </h2>
      <p class="muted org-logo__description">{t("exports.logoDescription")}</p>
      <Show
        when={props.logoUrl}
        fallback={
          <p class="org-logo__empty muted" data-testid="org-logo-none">
            {t("exports.logoNone")}
          </p>
        }
      >
        {(url) => (
          <figure class="org-logo__preview">
            <img
              src={url()}
              alt={t("exports.logoAlt", { name: props.name })}
              data-testid="org-logo-preview"
              onLoad={(e) =>
                setSize({ width: e.currentTarget.naturalWidth, height: e.currentTarget.naturalHeight })
              }
            />
            <Show when={size()}>
              {(s) => (
                <figcaption class="muted">
                  {t("exports.logoSize", { width: s().width, height: s().height })}
                </figcaption>
              )}
            </Show>
          </figure>
        )}
      </Show>
      <div class="org-logo__actions">
        <input
          ref={input}
          type="file"
          accept="image/png,image/jpeg"
          class="visually-hidden"
          tabIndex={-1}
          aria-hidden="true"
          data-testid="org-logo-file"
          onChange={(e) => {
            const file = e.currentTarget.files?.[0]
            if (file) void upload(file)
          }}
        />
        <button
          type="button"
          class="button"
          data-testid="org-logo-upload"
          disabled={busy()}
          aria-busy={busy()}
          onClick={() => input?.click()}
        >
          <ImageUp size={16} aria-hidden="true" />
          <span>
            {busy()
              ? t("exports.logoUploading")
              : props.logoUrl
                ? t("exports.logoReplace")
                : t("exports.logoUpload")}
          </span>
        </button>
        <Show when={props.logoUrl}>
          <button
            type="button"
            class="button button--danger-outline"
            data-testid="org-logo-remove"
            disabled={busy()}
            onClick={() => setRemoving(true)}
          >
            <Trash2 size={16} aria-hidden="true" />
            <span>{t("exports.logoRemove")}</span>
          </button>
        </Show>
      </div>
      <ConfirmDialog
        open={removing()}
        onOpenChange={setRemoving}
        title={t("exports.logoRemoveTitle")}
        description={t("exports.logoRemoveText")}
        confirmLabel={t("exports.logoRemove")}
        destructive
        onConfirm={remove}
      />
    </section>
  )
}
