import type { Language } from "@fleetcore/contract"
import type { ExportDocument } from "../exports/ExportDocument.js"

const TEXTS: Readonly<
  Record<Language, { readonly attached: string; readonly schedule: string; readonly footer: string }>
> = {
  en: {
    attached: "The report is attached.",
    schedule: "Schedule",
    footer: "Sent by FleetCore on this schedule; a manager can pause or change it under Reports → Schedules.",
  },
  ru: {
    attached: "Отчёт во вложении.",
    schedule: "Расписание",
    footer:
      "Отправлено FleetCore по этому расписанию; менеджер может приостановить или изменить его в разделе «Отчёты → Расписания».",
  },
  kk: {
    attached: "Есеп тіркемеде.",
    schedule: "Кесте",
    footer:
      "FleetCore осы кесте бойынша жіберді; менеджер оны «Есептер → Кестелер» бөлімінде тоқтата немесе өзгерте алады.",
  },
  tr: {
    attached: "Rapor ektedir.",
    schedule: "Zamanlama",
    footer:
      "FleetCore tarafından bu zamanlamayla gönderildi; bir yönetici bunu Raporlar → Zamanlamalar altında duraklatabilir veya değiştirebilir.",
  },
}

/** The subject and text of a scheduled report's e-mail, in the schedule's language. */
export const scheduleMail = (
  doc: ExportDocument,
  scheduleName: string,
): { readonly subject: string; readonly text: string } => {
  const t = TEXTS[doc.language]
  return {
    subject: `${doc.title} — ${doc.orgName}`,
    text: [t.attached, "", doc.title, ...doc.notes, `${t.schedule}: ${scheduleName}`, "", t.footer].join(
      "\n",
    ),
  }
}
