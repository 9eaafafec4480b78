import type { Messages } from "./messages.js"

/** Commands to devices (issue 14, downlink): spread into ERROR_MESSAGES. */
export const COMMAND_MESSAGES = {
  FLEET_COMMAND_INVALID: {
    en: "Command {field}: {detail}",
    ru: "Команда, поле «{field}»: {detail}",
    kk: "Команда, «{field}» өрісі: {detail}",
    tr: "Komut, «{field}» alanı: {detail}",
  },
  FLEET_COMMAND_UNSUPPORTED: {
    en: "This device's protocol does not take this command.",
    ru: "Протокол этого устройства не поддерживает такую команду.",
    kk: "Бұл құрылғының хаттамасы мұндай команданы қабылдамайды.",
    tr: "Bu cihazın protokolü bu komutu desteklemiyor.",
  },
  FLEET_COMMAND_RAW_FORBIDDEN: {
    en: "Only administrators may send raw command text to a device.",
    ru: "Отправлять устройству произвольный текст команды могут только администраторы.",
    kk: "Құрылғыға еркін команда мәтінін тек әкімшілер жібере алады.",
    tr: "Bir cihaza ham komut metni yalnızca yöneticiler gönderebilir.",
  },
} as const satisfies Record<string, Messages>
