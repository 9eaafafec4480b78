import { useI18n } from "../../i18n/I18nContext"
import { dayIn, dayStartIso } from "../../i18n/timeZone"
import type { TableUrlState } from "../../ui/table/createTableUrlState"

/** The day in `zone` a URL instant falls on, for a date input. */
const dayOf = (instant: string | undefined, zone: string): string => {
  if (instant === undefined || instant === "") return ""
  const ms = Date.parse(instant)
  return Number.isNaN(ms) ? "" : dayIn(ms, zone)
}

/**
 * From and to days, kept in the URL as instants (the endpoints take instants): from the start of the
 * first day to the start of the day after the last, in the zone the UI speaks.
 */
export const PeriodFilter = (props: { readonly url: TableUrlState; readonly testId: string }) => {
  const { t, zone } = useI18n()
  const input = (name: "from" | "to") => {
    const shown = () => {
      const day = dayOf(props.url.state().filters[name], zone())
      if (name === "from" || day === "") return day
      // "to" is kept as the start of the day after the last one shown.
      return dayOf(dayStartIso(day, zone(), -1), zone())
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
            props.url.setFilter(name, dayStartIso(day, zone(), name === "to" ? 1 : 0) ?? "")
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
