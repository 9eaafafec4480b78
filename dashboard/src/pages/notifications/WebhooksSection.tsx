import {
  endpoints,
  type NotificationDeliveryAttempt,
  type NotificationWebhook,
  urlOf,
} from "@fleetcore/contract"
import { keepPreviousData, useQuery, useQueryClient } from "@tanstack/solid-query"
import type { ColumnDef } from "@tanstack/solid-table"
import { Plus, ScrollText, Trash2 } from "lucide-solid"
import { createMemo, createSignal, Show } from "solid-js"
import { useApi } from "../../api/ApiContext"
import { createListQuery } from "../../api/createListQuery"
import { useI18n } from "../../i18n/I18nContext"
import { ConfirmDialog } from "../../ui/ConfirmDialog"
import { FormError } from "../../ui/form/FormError"
import { StatusBadge } from "../../ui/StatusBadge"
import { fixedTableState } from "../../ui/table/createTableUrlState"
import { DataTable } from "../../ui/table/DataTable"
import { listResultOf } from "../../ui/table/listResultOf"
import { showToast } from "../../ui/toast"
import { CheckField, InputField, typesOf } from "./PlainFields"

type Webhook = typeof NotificationWebhook.Encoded
type Attempt = typeof NotificationDeliveryAttempt.Encoded

/** A webhook's delivery log: every attempt, newest first, with the delivery's state now. */
const DeliveryLog = (props: { readonly webhook: Webhook }) => {
  const { t, format } = useI18n()
  const api = useApi()
  const log = useQuery(() => ({
    queryKey: [endpoints.notifications.deliveries.id, props.webhook.id] as const,
    queryFn: ({ signal }) =>
      api.call(
        endpoints.notifications.deliveries,
        { params: { id: props.webhook.id }, query: { pageSize: "50" } },
        signal,
      ),
    placeholderData: keepPreviousData,
    refetchInterval: 10_000,
  }))
  const columns = createMemo(
    (): ReadonlyArray<ColumnDef<Attempt, unknown>> => [
      {
        id: "at",
        header: t("notifications.colAt"),
        cell: (c) => format().dateTime(Date.parse(c.row.original.at)),
        meta: { width: "12rem" },
      },
      { id: "event", header: t("notifications.colTitle"), cell: (c) => c.row.original.eventTitle },
      {
        id: "attempt",
        header: t("notifications.attempt"),
        cell: (c) => format().integer(c.row.original.attempt),
        meta: { width: "6rem" },
      },
      {
        id: "result",
        header: t("notifications.result"),
        cell: (c) => {
          const a = c.row.original
          const state =
            a.ok || a.deliveryStatus === "sent"
              ? ""
              : a.deliveryStatus === "pending" && a.nextAttemptAt !== null
                ? ` · ${t("notifications.retryAt", { at: format().dateTime(Date.parse(a.nextAttemptAt)) })}`
                : a.deliveryStatus === "failed"
                  ? ` · ${t("notifications.gaveUp")}`
                  : ""
          return (
            <span class="notification-cell">
              <StatusBadge
                tone={a.ok ? "success" : "danger"}
                testId="delivery-result"
                status={a.ok ? "ok" : "failed"}
                label={`${a.ok ? t("notifications.delivered") : t("notifications.failed")}${a.statusCode === null ? "" : ` · ${a.statusCode}`}`}
              />
              <Show when={!a.ok}>
                <span class="muted">
                  {a.error}
                  {state}
                </span>
              </Show>
            </span>
          )
        },
      },
      {
        id: "duration",
        header: t("notifications.duration"),
        cell: (c) => `${format().integer(c.row.original.durationMs)} ms`,
        meta: { width: "6rem", align: "end" },
      },
    ],
  )
  return (
    <section class="panel delivery-log" data-testid="delivery-log">
      <h3>{t("notifications.deliveries", { name: props.webhook.name })}</h3>
      <DataTable
        id="deliveries"
        label={t("notifications.showLog")}
        columns={columns()}
        result={listResultOf(log)}
        url={fixedTableState(50)}
        rowId={(row) => row.id}
        export={{
          path: urlOf(endpoints.listExports.webhookDeliveries, { params: { id: props.webhook.id } }),
          query: () => ({}),
        }}
        compact
        empty={{ title: t("notifications.deliveriesEmpty") }}
      />
    </section>
  )
}

/** Adding a webhook: name, URL, signing secret (write-only), optional types. */
const WebhookForm = (props: { readonly onDone: () => void }) => {
  const { t } = useI18n()
  const api = useApi()
  const queryClient = useQueryClient()
  const [name, setName] = createSignal("")
  const [url, setUrl] = createSignal("")
  const [secret, setSecret] = createSignal("")
  const [types, setTypes] = createSignal("")
  const [enabled, setEnabled] = createSignal(true)
  const [error, setError] = createSignal<unknown>()
  const submit = async (event: SubmitEvent) => {
    event.preventDefault()
    setError(undefined)
    try {
      await api.call(endpoints.notifications.createWebhook, {
        body: {
          name: name().trim(),
          url: url().trim(),
          secret: secret(),
          types: typesOf(types()),
          enabled: enabled(),
        },
      })
      await queryClient.invalidateQueries({ queryKey: [endpoints.notifications.webhooks.id] })
      showToast("success", t("notifications.webhookCreated"))
      props.onDone()
    } catch (e) {
      setError(() => e)
    }
  }
  return (
    <form class="form panel" onSubmit={submit} novalidate data-testid="webhook-form">
      <div class="form--pair form--top">
        <InputField
          label={t("notifications.webhookName")}
          name="name"
          value={name()}
          onValue={setName}
          data-testid="webhook-name"
        />
        <InputField
          label={t("notifications.webhookUrl")}
          name="url"
          value={url()}
          onValue={setUrl}
          placeholder="https://example.com/fleet"
          data-testid="webhook-url"
        />
      </div>
      <div class="form--pair form--top">
        <InputField
          type="password"
          label={t("notifications.webhookSecret")}
          name="secret"
          value={secret()}
          onValue={setSecret}
          autocomplete="off"
          hint={t("notifications.webhookSecretHint")}
          data-testid="webhook-secret"
        />
        <InputField
          label={t("notifications.types")}
          name="types"
          value={types()}
          onValue={setTypes}
          hint={t("notifications.typesHint")}
        />
      </div>
      <CheckField
        label={t("notifications.webhookEnabled")}
        checked={enabled()}
        onChecked={setEnabled}
        testId="webhook-enabled"
      />
      <FormError error={error()} />
      <div class="form__actions">
        <button type="button" class="button" onClick={() => props.onDone()}>
          {t("notifications.cancel")}
        </button>
        <button type="submit" class="button button--primary" data-testid="webhook-save">
          {t("notifications.add")}
        </button>
      </div>
    </form>
  )
}

/** The organisation's webhooks: add, delete, and each one's delivery log. */
export const WebhooksSection = () => {
  const { t, format } = useI18n()
  const api = useApi()
  const queryClient = useQueryClient()
  const list = createListQuery(endpoints.notifications.webhooks, () => ({ query: {} }))
  const [adding, setAdding] = createSignal(false)
  const [shown, setShown] = createSignal<Webhook | null>(null)
  const [deleting, setDeleting] = createSignal<Webhook | null>(null)
  const columns = createMemo(
    (): ReadonlyArray<ColumnDef<Webhook, unknown>> => [
      {
        id: "name",
        header: t("notifications.webhookName"),
        cell: (c) => <strong>{c.row.original.name}</strong>,
      },
      {
        id: "url",
        header: t("notifications.webhookUrl"),
        cell: (c) => <code class="truncate">{c.row.original.url}</code>,
      },
      {
        id: "enabled",
        header: t("notifications.webhookEnabled"),
        cell: (c) => (c.row.original.enabled ? "✓" : "—"),
        meta: { width: "6rem" },
      },
      {
        id: "createdAt",
        header: t("notifications.webhookAdded"),
        cell: (c) => format().dateTime(Date.parse(c.row.original.createdAt)),
        meta: { width: "12rem" },
      },
      {
        id: "actions",
        header: "",
        cell: (c) => (
          <span class="check-row">
            <button
              type="button"
              class="button"
              data-testid="webhook-log"
              onClick={() => setShown(c.row.original)}
            >
              <ScrollText size={16} aria-hidden="true" />
              <span>{t("notifications.showLog")}</span>
            </button>
            <button
              type="button"
              class="button button--danger-outline button--icon"
              aria-label={t("notifications.webhookDelete")}
              data-testid="webhook-delete"
              onClick={() => setDeleting(c.row.original)}
            >
              <Trash2 size={16} aria-hidden="true" />
            </button>
          </span>
        ),
        meta: { width: "14rem", align: "end" },
      },
    ],
  )
  return (
    <section class="channel-grid" data-testid="webhooks">
      <div class="check-row">
        <h2>{t("notifications.webhooks")}</h2>
        <Show when={!adding()}>
          <button
            type="button"
            class="button button--primary"
            data-testid="webhook-new"
            onClick={() => setAdding(true)}
          >
            <Plus size={16} aria-hidden="true" />
            <span>{t("notifications.webhookNew")}</span>
          </button>
        </Show>
      </div>
      <p class="muted">{t("notifications.webhooksText")}</p>
      <Show when={adding()}>
        <WebhookForm onDone={() => setAdding(false)} />
      </Show>
      <DataTable
        id="webhooks"
        label={t("notifications.webhooks")}
        columns={columns()}
        result={listResultOf(list)}
        url={fixedTableState(200)}
        rowId={(row) => row.id}
        export={{ path: endpoints.listExports.notificationWebhooks.path, query: () => ({}) }}
        compact
        empty={{ title: t("notifications.webhooksEmpty") }}
      />
      <Show when={shown()} keyed>
        {(hook) => <DeliveryLog webhook={hook} />}
      </Show>
      <ConfirmDialog
        open={deleting() !== null}
        onOpenChange={(open) => {
          if (!open) setDeleting(null)
        }}
        title={t("notifications.webhookDeleteTitle", { name: deleting()?.name ?? "" })}
        description={t("notifications.webhookDeleteText")}
        confirmLabel={t("notifications.webhookDelete")}
        destructive
        onConfirm={async () => {
          const hook = deleting()
          if (hook === null) return
          await api.call(endpoints.notifications.deleteWebhook, { params: { id: hook.id } })
          if (shown()?.id === hook.id) setShown(null)
          await queryClient.invalidateQueries({ queryKey: [endpoints.notifications.webhooks.id] })
          showToast("success", t("notifications.webhookDeleted"))
          setDeleting(null)
        }}
      />
    </section>
  )
}
