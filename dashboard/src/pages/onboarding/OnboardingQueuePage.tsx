import "./onboarding.css"
import { DRIVER_ONBOARDING_STATUSES, endpoints, VEHICLE_ONBOARDING_STATUSES } from "@fleetcore/contract"
import type { ColumnDef } from "@tanstack/solid-table"
import { createMemo, For } from "solid-js"
import { createListQuery } from "../../api/createListQuery"
import { useI18n } from "../../i18n/I18nContext"
import { PageHeader } from "../../ui/PageHeader"
import { createTableUrlState } from "../../ui/table/createTableUrlState"
import { DataTable } from "../../ui/table/DataTable"
import { FilterSelect } from "../../ui/table/FilterSelect"
import { listResultOf } from "../../ui/table/listResultOf"
import { listQueryOf } from "../../ui/table/tableUrlState"
import { OnboardingStatusBadge } from "./OnboardingStatusBadge"

type Row = (typeof endpoints.onboarding.queue.response.Encoded)["items"][number]
type Query = NonNullable<typeof endpoints.onboarding.queue.query.Encoded>

const STATUSES = [...new Set([...VEHICLE_ONBOARDING_STATUSES, ...DRIVER_ONBOARDING_STATUSES])]

/** The records awaiting an onboarding step, oldest first; filters by kind, stage and age live in the URL. */
export const OnboardingQueuePage = () => {
  const { t, format } = useI18n()
  const url = createTableUrlState({ filters: ["kind", "status", "minAgeDays"], sorts: ["since", "name"] })
  const result = createListQuery(endpoints.onboarding.queue, () => ({
    query: listQueryOf(url.state()) as Query,
  }))
  const columns = createMemo(
    (): ReadonlyArray<ColumnDef<Row, unknown>> => [
      {
        id: "kind",
        header: t("onboarding.kind"),
        cell: (c) => t(`onboarding.kind_${c.row.original.kind}`),
        meta: { width: "8rem" },
      },
      {
        id: "name",
        header: t("onboarding.name"),
        cell: (c) => <strong>{c.row.original.name}</strong>,
        meta: { sortKey: "name", hideable: false },
      },
      {
        id: "reference",
        header: t("onboarding.reference"),
        cell: (c) => c.row.original.reference ?? "",
        meta: { hideable: true },
      },
      {
        id: "status",
        header: t("onboarding.stage"),
        cell: (c) => <OnboardingStatusBadge status={c.row.original.status} />,
        meta: { width: "11rem" },
      },
      {
        id: "since",
        header: t("onboarding.age"),
        cell: (c) => (
          <time datetime={c.row.original.since} title={format().dateTime(Date.parse(c.row.original.since))}>
            {format().integer(c.row.original.ageDays)}
          </time>
        ),
        meta: { sortKey: "since", width: "9rem", align: "end" },
      },
    ],
  )
  return (
    <div class="page" data-testid="onboarding-queue">
      <PageHeader title={t("onboarding.title")} description={t("onboarding.description")} />
      <DataTable
        id="onboarding"
        label={t("onboarding.title")}
        columns={columns()}
        result={listResultOf(result)}
        url={url}
        export={{ path: endpoints.listExports.onboardingQueue.path, query: () => listQueryOf(url.state()) }}
        rowId={(row) => `${row.kind}:${row.id}`}
        rowHref={(row) => `/${row.kind}s/${row.id}?tab=onboarding`}
        searchPlaceholder={t("onboarding.search")}
        empty={{ title: t("onboarding.empty"), description: t("onboarding.emptyText") }}
        filters={
          <>
            <FilterSelect
              label={t("onboarding.kind")}
              testId="onboarding-filter-kind"
              value={url.state().filters.kind ?? ""}
              all={t("onboarding.kindAll")}
              onChange={(value) => url.setFilter("kind", value)}
            >
              <option value="vehicle">{t("onboarding.kind_vehicle")}</option>
              <option value="driver">{t("onboarding.kind_driver")}</option>
            </FilterSelect>
            <FilterSelect
              label={t("onboarding.stage")}
              testId="onboarding-filter-status"
              value={url.state().filters.status ?? ""}
              all={t("onboarding.statusAll")}
              onChange={(value) => url.setFilter("status", value)}
            >
              <For each={STATUSES}>{(s) => <option value={s}>{t(`onboarding.status_${s}`)}</option>}</For>
            </FilterSelect>
            <label class="filter">
              <span>{t("onboarding.minAge")}</span>
              <input
                class="input"
                type="number"
                min="0"
                max="9999"
                step="1"
                data-testid="onboarding-filter-age"
                value={url.state().filters.minAgeDays ?? ""}
                onChange={(event) => url.setFilter("minAgeDays", event.currentTarget.value)}
              />
            </label>
          </>
        }
      />
    </div>
  )
}
