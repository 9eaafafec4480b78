/** The daily distance of a vehicle, and which of it GPS counted because the odometer was flagged. */
export const mileageEn = {
  mileage: {
    dailyTitle: "Distance per day, last 14 days",
    day: "Day",
    distance: "Distance",
    flagged: "Odometer flagged",
    flaggedBadge: "GPS {{ km }}",
    flaggedHint:
      "The odometer was flagged (frozen, tampered, rolled back or jumped): this much of the day's distance comes from GPS.",
    flaggedSummary: "{{ km }} of these days counted from GPS because the odometer was flagged",
    empty: "No distance in the last 14 days",
  },
}
