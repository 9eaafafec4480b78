import "../organisations/adminPages.css"
import "./tickets.css"
import { A, useParams } from "@solidjs/router"
import { ArrowLeft, MapPin, SearchX } from "lucide-solid"
import { Show } from "solid-js"
import { useSession } from "../../auth/SessionContext"
import { useI18n } from "../../i18n/I18nContext"
import { DocumentsPanel } from "../../ui/documents/DocumentsPanel"
import { PageHeader } from "../../ui/PageHeader"
import { RecordState } from "../../ui/RecordState"
import { TicketActions } from "./TicketActions"
import { TicketCommentForm } from "./TicketCommentForm"
import { TicketTimeline } from "./TicketTimeline"
import { TicketStatusBadge, ticketTypeLabel } from "./ticketLabels"
import { createTicketQuery, type TicketView } from "./ticketQueries"

const BackLink = () => {
  const { t } = useI18n()
  return (
    <A href="/tickets" class="button button--ghost" data-testid="ticket-back">
      <ArrowLeft size={16} aria-hidden="true" />
      <span>{t("tickets.back")}</span>
    </A>
  )
}

/** The point on OpenStreetMap (no key, opens on any phone). */
const mapHref = (lat: number, lon: number): string =>
  `https://www.openstreetmap.org/?mlat=${lat}&mlon=${lon}#map=17/${lat}/${lon}`

/** Where the ticket was raised: the coordinates, where they came from, and a link to the map. */
const TicketLocation = (props: { readonly ticket: TicketView }) => {
  const { t, format } = useI18n()
  return (
    <Show
      when={props.ticket.lat !== null && props.ticket.lon !== null}
      fallback={<span class="muted">{t("tickets.noLocation")}</span>}
    >
      <span data-testid="ticket-location">
        {format().position(props.ticket.lat ?? 0, props.ticket.lon ?? 0)}{" "}
        <span class="muted">
          (
          {props.ticket.locationSource === "vehicle"
            ? t("tickets.fromVehicle", {
                time:
                  props.ticket.locatedAt === null
                    ? ""
                    : format().dateTime(Date.parse(props.ticket.locatedAt)),
              })
            : t("tickets.givenLocation")}
          )
        </span>{" "}
        <a
          href={mapHref(props.ticket.lat ?? 0, props.ticket.lon ?? 0)}
          target="_blank"
          rel="noopener noreferrer"
          class="icon-label"
          data-testid="ticket-map-link"
        >
          <MapPin size={14} aria-hidden="true" />
          {t("tickets.openMap")}
        </a>
      </span>
    </Show>
  )
}

/**
 * One ticket: what, which vehicle and driver, where, the SLA, its photos, its history, a comment
 * box, and (for the office) assign / move / make a repair. The driver sees the same page without
 * the office's actions.
 */
export const TicketPage = () => {
  const { t, format } = useI18n()
  const session = useSession()
  const params = useParams<{ id: string }>()
  const query = createTicketQuery(() => params.id)
  return (
    <div class="page">
      <RecordState
        query={query}
        notFound={{
          testId: "ticket-not-found",
          icon: <SearchX size={22} />,
          title: t("tickets.notFound"),
          description: t("tickets.notFoundText"),
          action: <BackLink />,
        }}
      >
        {(ticket) => (
          <>
            <PageHeader
              title={`${t("tickets.numberValue", { number: ticket().number })} ${ticket().title}`}
              description={ticketTypeLabel(t, ticket().type)}
              actions={<BackLink />}
            />
            <div class="ticket-layout">
              <div class="ticket-column">
                <section class="panel">
                  <dl class="facts" data-testid="ticket-facts">
                    <dt>{t("tickets.status")}</dt>
                    <dd>
                      <TicketStatusBadge status={ticket().status} />
                    </dd>
                    <dt>{t("tickets.slaDue")}</dt>
                    <dd classList={{ "ticket-sla--overdue": ticket().overdue }} data-testid="ticket-sla">
                      {format().dateTime(Date.parse(ticket().slaDueAt))}
                      <Show when={ticket().overdue}> · {t("tickets.overdue")}</Show>
                    </dd>
                    <dt>{t("tickets.vehicle")}</dt>
                    <dd>
                      <A href={`/vehicles/${ticket().vehicleId}`}>
                        {ticket().vehicleName} <span class="muted">{ticket().vehiclePlate ?? ""}</span>
                      </A>
                    </dd>
                    <dt>{t("tickets.driver")}</dt>
                    <dd>{ticket().driverName ?? t("tickets.noDriver")}</dd>
                    <dt>{t("tickets.raisedBy")}</dt>
                    <dd>
                      {ticket().raisedByName ?? t("tickets.someone")} ·{" "}
                      {format().dateTime(Date.parse(ticket().createdAt))}
                    </dd>
                    <dt>{t("tickets.assignee")}</dt>
                    <dd data-testid="ticket-assignee-name">{ticket().assigneeName ?? t("tickets.nobody")}</dd>
                    <dt>{t("tickets.location")}</dt>
                    <dd>
                      <TicketLocation ticket={ticket()} />
                    </dd>
                    <dt>{t("tickets.repair")}</dt>
                    <dd>
                      <Show
                        when={ticket().maintenanceTaskId}
                        fallback={<span class="muted">{t("tickets.noRepair")}</span>}
                      >
                        <A
                          href={`/vehicles/${ticket().vehicleId}?tab=maintenance`}
                          data-testid="ticket-repair"
                        >
                          {t("tickets.openRepair")}
                        </A>
                      </Show>
                    </dd>
                    <Show when={ticket().description}>
                      {(text) => (
                        <>
                          <dt>{t("tickets.descriptionLabel")}</dt>
                          <dd class="ticket-description">{text()}</dd>
                        </>
                      )}
                    </Show>
                  </dl>
                </section>
                <DocumentsPanel entityType="ticket" entityId={ticket().id} />
              </div>
              <div class="ticket-column">
                <Show when={session.can("tickets.manage")}>
                  <TicketActions ticket={ticket()} />
                </Show>
                <section class="panel">
                  <h2>{t("tickets.timeline")}</h2>
                  <TicketTimeline events={ticket().events} />
                  <Show when={session.can("tickets.raise")}>
                    <TicketCommentForm ticketId={ticket().id} />
                  </Show>
                </section>
              </div>
            </div>
          </>
        )}
      </RecordState>
    </div>
  )
}
