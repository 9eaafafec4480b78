import type { Messages } from "./messages.js"

/** The messages of scheduled reports' and list exports' codes (spread into ERROR_MESSAGES). */
export const SCHEDULE_MESSAGES = {
  FLEET_SCHEDULE_NOT_FOUND: {
    en: "No such report schedule.",
    ru: "Такого расписания отчёта нет.",
    kk: "Мұндай есеп кестесі жоқ.",
    tr: "Böyle bir rapor zamanlaması yok.",
  },
  FLEET_SCHEDULE_INVALID: {
    en: "The report schedule is not valid: {detail}",
    ru: "Расписание отчёта неверно: {detail}",
    kk: "Есеп кестесі жарамсыз: {detail}",
    tr: "Rapor zamanlaması geçersiz: {detail}",
  },
  FLEET_SCHEDULE_CREATOR_CANNOT_SEE: {
    en: "The schedule's creator may no longer see this report; the run was not sent.",
    ru: "Создатель расписания больше не может видеть этот отчёт; запуск не отправлен.",
    kk: "Кестені жасаушы бұл есепті енді көре алмайды; іске қосу жіберілмеді.",
    tr: "Zamanlamayı oluşturan kişi bu raporu artık göremiyor; çalıştırma gönderilmedi.",
  },
} as const satisfies Record<string, Messages>
