import "./maintenance.css"
import { endpoints } from "@fleetcore/contract"
import { A } from "@solidjs/router"
import { For, Show } from "solid-js"
import { createListQuery } from "../../api/createListQuery"
import { useSession } from "../../auth/SessionContext"
import { useI18n } from "../../i18n/I18nContext"
import { dayIn } from "../../i18n/timeZone"
import { DocumentsPanel } from "../../ui/documents/DocumentsPanel"
import { ExportMenu } from "../../ui/table/ExportMenu"
import { formatKm, formatMoney } from "../vehicles/vehicleFormat"
import type { TaskView } from "./dueState"
import { DueLine } from "./TaskCard"

/** The decimals a quantity needs (up to 3): 4 → 0, 1.5 → 1. */
const fractionDigits = (n: number): number => (String(n).split(".")[1] ?? "").length

/** One completed service: when, at what odometer, by whom, for how much, with its parts and papers. */
const ServiceEntry = (props: { readonly task: TaskView }) => {
  const { t, format } = useI18n()
  const session = useSession()
  return (
    <article class="service-entry" data-testid="service-entry">
      <header class="service-entry__head">
        <strong>{props.task.name}</strong>
        <span class="muted">
          {props.task.completedOn ? format().day(props.task.completedOn) : ""}
          <Show when={props.task.completedOdometerKm !== null}>
            {" · "}
            {formatKm(format(), props.task.completedOdometerKm ?? 0)}
          </Show>
        </span>
        <span class="service-entry__cost" data-testid="service-cost">
          {formatMoney(format(), props.task.cost, props.task.currency)}
        </span>
      </header>
      <Show when={props.task.vendor}>
        {(vendor) => (
          <p>
            <span class="muted">{t("maintenance.vendor")}: </span>
            <span data-testid="service-vendor">{vendor()}</span>
          </p>
        )}
      </Show>
      <Show when={props.task.parts.length > 0}>
        <table class="service-parts" data-testid="service-parts">
          <thead>
            <tr>
              <th scope="col">{t("maintenance.partName")}</th>
              <th scope="col" class="num">
                {t("maintenance.partQuantity")}
              </th>
              <th scope="col" class="num">
                {t("maintenance.partCost")}
              </th>
            </tr>
          </thead>
          <tbody>
            <For each={props.task.parts}>
              {(part) => (
                <tr>
                  <td>{part.name}</td>
                  <td class="num">{format().decimal(part.quantity, fractionDigits(part.quantity))}</td>
                  <td class="num">{formatMoney(format(), part.cost, props.task.currency)}</td>
                </tr>
              )}
            </For>
          </tbody>
        </table>
      </Show>
      <Show when={props.task.notes}>{(notes) => <p class="service-entry__notes">{notes()}</p>}</Show>
      <Show when={props.task.expenseId !== null && session.can("expenses.read")}>
        <A href={`/expenses/${props.task.expenseId}`} data-testid="service-expense">
          {t("maintenance.expense")}
        </A>
      </Show>
      <Show when={session.can("documents.read")}>
        <details class="service-entry__documents">
          <summary>{t("maintenance.documents")}</summary>
          <DocumentsPanel entityType="maintenance" entityId={props.task.id} />
        </details>
      </Show>
    </article>
  )
}

/**
 * The vehicle's service book: what is open or coming (due by date and by km), then every
 * completed service, newest first, with cost, vendor, parts and documents.
 */
export const ServiceBookTab = (props: { readonly vehicleId: string }) => {
  const { t, zone } = useI18n()
  const today = dayIn(Date.now(), zone())
  const open = createListQuery(endpoints.maintenance.listTasks, () => ({
    query: { vehicleId: props.vehicleId, status: "open" as const, pageSize: "100" },
  }))
  const history = createListQuery(endpoints.maintenance.listTasks, () => ({
    query: {
      vehicleId: props.vehicleId,
      status: "completed" as const,
      sort: "-completedOn",
      pageSize: "200",
    },
  }))
  return (
    <section class="panel service-book" data-testid="service-book">
      <h2 class="service-book__title">{t("maintenance.bookOpen")}</h2>
      <ul class="service-book__open">
        <For each={open.data?.items ?? []} fallback={<li class="muted">{t("maintenance.bookOpenEmpty")}</li>}>
          {(task) => (
            <li data-testid="service-open">
              <strong>{task.name}</strong>
              <span class="badge">{t(`maintenance.status_${task.status}`)}</span>
              <DueLine task={task} today={today} />
            </li>
          )}
        </For>
      </ul>
      <div class="service-book__head">
        <h2 class="service-book__title">{t("maintenance.bookHistory")}</h2>
        <ExportMenu
          id="service-book"
          export={{
            path: endpoints.listExports.maintenanceTasks.path,
            query: () => ({ vehicleId: props.vehicleId, status: "completed", sort: "-completedOn" }),
          }}
        />
      </div>
      <For each={history.data?.items ?? []} fallback={<p class="muted">{t("maintenance.bookEmpty")}</p>}>
        {(task) => <ServiceEntry task={task} />}
      </For>
    </section>
  )
}
