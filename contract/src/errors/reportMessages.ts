import type { Messages } from "./messages.js"

/** The messages of the reports area's codes (spread into ERROR_MESSAGES). */
export const REPORT_MESSAGES = {
  FLEET_REPORT_NOT_FOUND: {
    en: "No such report.",
    ru: "Такого отчёта нет.",
    kk: "Мұндай есеп жоқ.",
    tr: "Böyle bir rapor yok.",
  },
  FLEET_REPORT_FILTER_NOT_FOUND: {
    en: "The report's filter {field} names nothing you can see.",
    ru: "Фильтр отчёта {field} не указывает ни на что доступное вам.",
    kk: "Есептің {field} сүзгісі сізге қолжетімді ештеңені көрсетпейді.",
    tr: "Raporun {field} filtresi görebildiğiniz hiçbir şeyi göstermiyor.",
  },
  FLEET_REPORT_PERIOD_INVALID: {
    en: "The report's period is not valid: {detail}",
    ru: "Период отчёта неверен: {detail}",
    kk: "Есеп кезеңі жарамсыз: {detail}",
    tr: "Rapor dönemi geçersiz: {detail}",
  },
} as const satisfies Record<string, Messages>
