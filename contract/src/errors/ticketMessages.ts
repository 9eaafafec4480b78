import type { Messages } from "./messages.js"

/** The messages of the driver tickets' codes (spread into ERROR_MESSAGES). */
export const TICKET_MESSAGES = {
  FLEET_TICKET_NOT_FOUND: {
    en: "No such ticket.",
    ru: "Такой заявки нет.",
    kk: "Мұндай өтінім жоқ.",
    tr: "Böyle bir talep yok.",
  },
  FLEET_TICKET_INVALID: {
    en: "Ticket {field}: {detail}",
    ru: "Заявка, поле «{field}»: {detail}",
    kk: "Өтінім, «{field}» өрісі: {detail}",
    tr: "Talep, «{field}» alanı: {detail}",
  },
  FLEET_TICKET_TRANSITION_ILLEGAL: {
    en: "The ticket cannot move to that status from its current one.",
    ru: "Заявку нельзя перевести в этот статус из текущего.",
    kk: "Өтінімді ағымдағы күйден бұл күйге ауыстыруға болмайды.",
    tr: "Talep mevcut durumundan bu duruma geçirilemez.",
  },
  FLEET_TICKET_REPAIR_EXISTS: {
    en: "A repair has already been made from this ticket.",
    ru: "По этой заявке ремонт уже создан.",
    kk: "Бұл өтінім бойынша жөндеу әлдеқашан жасалған.",
    tr: "Bu talepten zaten bir onarım oluşturuldu.",
  },
  FLEET_TICKET_TASK_EXISTS: {
    en: "A task has already been made from this ticket.",
    ru: "По этой заявке задача уже создана.",
    kk: "Бұл өтінім бойынша тапсырма әлдеқашан жасалған.",
    tr: "Bu talepten zaten bir görev oluşturuldu.",
  },
  FLEET_TICKET_CLOSED: {
    en: "The ticket is resolved or rejected; reopen it first.",
    ru: "Заявка решена или отклонена; сначала откройте её снова.",
    kk: "Өтінім шешілген немесе қабылданбаған; алдымен оны қайта ашыңыз.",
    tr: "Talep çözüldü veya reddedildi; önce yeniden açın.",
  },
} as const satisfies Record<string, Messages>
