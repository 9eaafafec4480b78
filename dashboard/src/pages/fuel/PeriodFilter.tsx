import { useI18n } from "../../i18n/I18nContext"
import { localDay } from "../../ui/localDay"
import type { TableUrlState } from "../../ui/table/createTableUrlState"

/** The local day a URL instant falls on, for a date input. */
const dayOf = (instant: string | undefined): string => {
  if (instant === undefined || instant === "") return ""
  const d = new Date(instant)
  return Number.isNaN(d.getTime()) ? "" : localDay(d)
}

/**
 * From and to days, kept in the URL as instants (the endpoints take instants): from the start of the
 * first day to the start of the day after the last, in the browser's time zone.
 */
export const PeriodFilter = (props: { readonly url: TableUrlState; readonly testId: string }) => {
  const { t } = useI18n()
  const input = (name: "from" | "to") => {
    const shown = () => {
      const day = dayOf(props.url.state().filters[name])
      if (name === "from" || day === "") return day
      const last = new Date(`${day}T00:00:00`)
      last.setDate(last.getDate() - 1)
      return dayOf(last.toISOString())
    }
    return (
      <label class="filter">
        <span>{t(`fuelPage.${name}`)}</span>
        <input
          type="date"
          class="input"
          data-testid={`${props.testId}-filter-${name}`}
          value={shown()}
          onChange={(e) => {
            const day = e.currentTarget.value
            if (day === "") return props.url.setFilter(name, "")
            const start = new Date(`${day}T00:00:00`)
            if (name === "to") start.setDate(start.getDate() + 1)
            props.url.setFilter(name, start.toISOString())
          }}
        />
      </label>
    )
  }
  return (
    <>
      {input("from")}
      {input("to")}
    </>
  )
}
