import type { mileageEn } from "./en"

export const mileageKk: typeof mileageEn = {
  mileage: {
    dailyTitle: "Күн бойынша жүріс, соңғы 14 күн",
    day: "Күн",
    distance: "Жүріс",
    flagged: "Одометр белгіленген",
    flaggedBadge: "GPS {{ km }}",
    flaggedHint:
      "Одометр белгіленді (қатып қалды, бұралды, кері айналды немесе секірді): күндік жүрістің осы бөлігі GPS бойынша есептелді.",
    flaggedSummary: "Осы күндерде {{ km }} одометр белгіленгендіктен GPS бойынша есептелді",
    empty: "Соңғы 14 күнде жүріс жоқ",
  },
}
