import { endpoints } from "@fleetcore/contract"
import { useQueryClient } from "@tanstack/solid-query"
import type { ColumnDef } from "@tanstack/solid-table"
import { Link2, Unlink } from "lucide-solid"
import { createMemo, createSignal, For, Show } from "solid-js"
import { useApi } from "../../api/ApiContext"
import { createListQuery } from "../../api/createListQuery"
import { errorMessage } from "../../api/errorMessage"
import { useSession } from "../../auth/SessionContext"
import { useI18n } from "../../i18n/I18nContext"
import { fixedTableState } from "../../ui/table/createTableUrlState"
import { DataTable } from "../../ui/table/DataTable"
import { listResultOf } from "../../ui/table/listResultOf"
import { showToast } from "../../ui/toast"
import type { DriverDetailView } from "./driverForm"
import { invalidateDrivers } from "./driverQueries"

type Card = (typeof endpoints.fuel.listCards.response.Encoded)["items"][number]

/** The fuel cards issued to the driver (seed 003 step 3.2); managers bind and unbind cards here. */
export const DriverFuelCardsTab = (props: { readonly driver: DriverDetailView }) => {
  const { t, format } = useI18n()
  const api = useApi()
  const session = useSession()
  const queryClient = useQueryClient()
  const cards = createListQuery(endpoints.fuel.listCards, () => ({
    query: { driverId: props.driver.id, pageSize: "200" },
  }))
  const mayManage = () => session.can("fuel.manage")
  const active = createListQuery(endpoints.fuel.listCards, () => ({
    query: { active: "true" as const, pageSize: "200" },
    enabled: mayManage(),
  }))
  const unbound = () => (active.data?.items ?? []).filter((c) => c.driverId === null)
  const [chosen, setChosen] = createSignal("")
  const bind = async (cardId: string, driverId: string | null) => {
    try {
      await api.call(endpoints.fuel.updateCard, { params: { id: cardId }, body: { driverId } })
      await invalidateDrivers(queryClient)
      setChosen("")
      showToast("success", driverId === null ? t("drivers.cardUnbound") : t("drivers.cardBound"))
    } catch (error) {
      showToast("error", t("drivers.cardBindFailed"), errorMessage(t, error))
    }
  }
  const columns = createMemo(
    (): ReadonlyArray<ColumnDef<Card, unknown>> => [
      { id: "name", header: t("drivers.cardName"), cell: (c) => <strong>{c.row.original.name}</strong> },
      {
        id: "number",
        header: t("drivers.cardNumber"),
        cell: (c) => (c.row.original.numberLast4 === null ? "—" : `•••• ${c.row.original.numberLast4}`),
        meta: { width: "8rem" },
      },
      {
        id: "limit",
        header: t("drivers.cardMonthlyLimit"),
        cell: (c) =>
          c.row.original.monthlyLimit === null
            ? "—"
            : format().money(c.row.original.monthlyLimit, c.row.original.currency),
        meta: { width: "10rem", align: "end" },
      },
      {
        id: "active",
        header: t("drivers.status"),
        cell: (c) =>
          c.row.original.active ? (
            <span class="badge badge--success">{t("drivers.cardActive")}</span>
          ) : (
            <span class="badge badge--danger">{t("drivers.cardBlocked")}</span>
          ),
        meta: { width: "8rem" },
      },
      {
        id: "actions",
        header: "",
        cell: (c) => (
          <Show when={mayManage()}>
            <button
              type="button"
              class="button button--small"
              data-testid="driver-card-unbind"
              onClick={() => void bind(c.row.original.id, null)}
            >
              <Unlink size={14} aria-hidden="true" />
              <span>{t("drivers.cardUnbind")}</span>
            </button>
          </Show>
        ),
        meta: { width: "9rem", align: "end" },
      },
    ],
  )
  return (
    <section class="panel">
      <div class="panel__header">
        <h2>{t("drivers.cardsTitle")}</h2>
      </div>
      <DataTable
        id="driver-cards"
        label={t("drivers.cardsTitle")}
        columns={columns()}
        result={listResultOf(cards)}
        url={fixedTableState(200)}
        export={{ path: endpoints.listExports.fuelCards.path, query: () => ({ driverId: props.driver.id }) }}
        rowId={(row) => row.id}
        compact={true}
        empty={{ title: t("drivers.noCards"), description: t("drivers.noCardsText") }}
      />
      <Show when={mayManage() && unbound().length > 0}>
        <div class="driver-bind">
          <label class="form-field">
            <span>{t("drivers.cardBindLabel")}</span>
            <select
              class="select"
              data-testid="driver-card-select"
              value={chosen()}
              onChange={(event) => setChosen(event.currentTarget.value)}
            >
              <option value="">{t("drivers.cardChoose")}</option>
              <For each={unbound()}>
                {(card) => (
                  <option value={card.id}>
                    {card.name}
                    {card.numberLast4 === null ? "" : ` (•••• ${card.numberLast4})`}
                  </option>
                )}
              </For>
            </select>
          </label>
          <button
            type="button"
            class="button"
            data-testid="driver-card-bind"
            disabled={chosen() === ""}
            onClick={() => void bind(chosen(), props.driver.id)}
          >
            <Link2 size={16} aria-hidden="true" />
            <span>{t("drivers.cardBind")}</span>
          </button>
        </div>
      </Show>
    </section>
  )
}
