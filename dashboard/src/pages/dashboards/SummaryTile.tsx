import { A } from "@solidjs/router"
import type { JSX } from "solid-js"
import { Show } from "solid-js"
import { useI18n } from "../../i18n/I18nContext"

/**
 * One figure of a record's summary: a label, the value, a muted line under it; a tone when it asks
 * for action (late work, critical alerts); the whole tile opens `href` when given.
 */
export const SummaryTile = (props: {
  readonly testId: string
  readonly label: string
  readonly value: JSX.Element
  readonly sub?: JSX.Element
  readonly tone?: "warning" | "danger" | undefined
  readonly href?: string
}) => {
  const body = (
    <>
      <span class="summary-tile__label">{props.label}</span>
      <strong class="summary-tile__value" data-testid={`${props.testId}-value`}>
        {props.value}
      </strong>
      <Show when={props.sub}>
        <span class="summary-tile__sub">{props.sub}</span>
      </Show>
    </>
  )
  return (
    <Show
      when={props.href}
      fallback={
        <div class="summary-tile" data-tone={props.tone} data-testid={props.testId}>
          {body}
        </div>
      }
    >
      {(href) => (
        <A
          href={href()}
          class="summary-tile summary-tile--link"
          data-tone={props.tone}
          data-testid={props.testId}
        >
          {body}
        </A>
      )}
    </Show>
  )
}

/** Open work (tickets, tasks): how many, how many late (the warning tone when any is). */
export const OpenWorkTile = (props: {
  readonly testId: string
  readonly label: string
  readonly work: { readonly open: number; readonly overdue: number }
  readonly href?: string
}) => {
  const { t, format } = useI18n()
  return (
    <SummaryTile
      testId={props.testId}
      label={props.label}
      value={format().integer(props.work.open)}
      sub={
        props.work.overdue > 0
          ? t("dashboards.late", { count: format().integer(props.work.overdue) })
          : undefined
      }
      tone={props.work.overdue > 0 ? "warning" : undefined}
      {...(props.href === undefined ? {} : { href: props.href })}
    />
  )
}

/** A record's documents expiring within 30 days, and those expired (the danger tone). */
export const ExpiringDocumentsTile = (props: {
  readonly documents: { readonly expiring: number; readonly expired: number }
  readonly href: string
}) => {
  const { t, format } = useI18n()
  const d = () => props.documents
  return (
    <SummaryTile
      testId="summary-documents"
      label={t("dashboards.documentsExpiring")}
      value={format().integer(d().expiring)}
      sub={d().expired > 0 ? t("dashboards.expired", { count: format().integer(d().expired) }) : undefined}
      tone={d().expired > 0 ? "danger" : d().expiring > 0 ? "warning" : undefined}
      href={props.href}
    />
  )
}
