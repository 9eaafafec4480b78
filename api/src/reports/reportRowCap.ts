/**
 * The most rows a report lists (trips, mileage by day): a year of a large fleet has hundreds of
 * thousands, which no page or PDF can show. The report says how many there are (`rowsTotal`) and
 * its totals count them all; narrow the period or the filters to see the rest.
 */
export const REPORT_ROW_CAP = 1000
