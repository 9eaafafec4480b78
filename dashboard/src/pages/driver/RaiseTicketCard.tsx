import { endpoints, TICKET_TYPES, type TicketType } from "@fleetcore/contract"
import { useQueryClient } from "@tanstack/solid-query"
import { Schema } from "effect"
import { LifeBuoy } from "lucide-solid"
import { createSignal } from "solid-js"
import { useApi } from "../../api/ApiContext"
import { useI18n } from "../../i18n/I18nContext"
import { uploadDocument } from "../../ui/documents/uploadDocument"
import { createSchemaForm } from "../../ui/form/createSchemaForm"
import { FormError } from "../../ui/form/FormError"
import { SelectField } from "../../ui/form/SelectField"
import { SubmitButton } from "../../ui/form/SubmitButton"
import { TextAreaField } from "../../ui/form/TextAreaField"
import { TextField } from "../../ui/form/TextField"
import { showToast } from "../../ui/toast"
import { ticketTypeLabel } from "../tickets/ticketLabels"
import { PhotoField } from "./PhotoField"

const within = (max: number, optional: boolean, message: string) =>
  Schema.String.check(
    Schema.makeFilter<string>(
      (s) => (optional && s.trim() === "") || (s.trim().length >= 1 && s.trim().length <= max),
      {
        message,
      },
    ),
  )

const RaiseForm = Schema.Struct({
  type: Schema.Literals(TICKET_TYPES),
  title: within(200, false, "title"),
  description: within(4000, true, "description"),
})
type RaiseValues = (typeof RaiseForm)["Encoded"]

const EMPTY: RaiseValues = { type: "breakdown", title: "", description: "" }

/**
 * "Raise a ticket" from the phone: the type, a few words, details, and a photo from the camera.
 * The server fills in the vehicle's last position; the photo is uploaded to the new ticket (kind
 * photo). A refused photo keeps the raised ticket and says so.
 */
export const RaiseTicketCard = (props: { readonly vehicleId: string }) => {
  const { t } = useI18n()
  const api = useApi()
  const queryClient = useQueryClient()
  const [photo, setPhoto] = createSignal<File | null>(null)
  const form = createSchemaForm({
    schema: RaiseForm,
    defaultValues: EMPTY,
    onSubmit: async (v) => {
      const description = v.description.trim()
      const ticket = await api.call(endpoints.tickets.create, {
        body: {
          type: v.type,
          title: v.title.trim(),
          vehicleId: props.vehicleId,
          ...(description === "" ? {} : { description }),
        },
      })
      const file = photo()
      let photoError: string | null = null
      if (file !== null) {
        try {
          await uploadDocument(
            file,
            { entityType: "ticket", entityId: ticket.id, kind: "photo", expiresOn: "" },
            { onProgress: () => undefined, refresh: api.refresh },
          )
        } catch (error) {
          photoError = error instanceof Error ? error.message : String(error)
        }
      }
      if (photoError === null) showToast("success", t("tickets.raised", { number: ticket.number }))
      else showToast("error", t("tickets.photoFailed", { message: photoError }))
      form.form.reset()
      setPhoto(null)
      await queryClient.invalidateQueries({ queryKey: [endpoints.tickets.list.id] })
    },
  })
  return (
    <section class="panel driver-card" data-testid="driver-raise-ticket">
      <h2 class="driver-card__title">
        <LifeBuoy size={18} aria-hidden="true" />
        {t("tickets.raise")}
      </h2>
      <p class="muted">{t("tickets.raiseHint")}</p>
      <form class="form" onSubmit={form.handleSubmit} novalidate>
        <form.form.Field name="type">
          {(field) => (
            <SelectField<TicketType>
              field={field}
              label={t("tickets.type")}
              testId="raise-ticket-type"
              options={TICKET_TYPES.map((type) => ({ value: type, label: ticketTypeLabel(t, type) }))}
              {...form.serverProps("type")}
            />
          )}
        </form.form.Field>
        <form.form.Field name="title">
          {(field) => (
            <TextField
              field={field}
              label={t("tickets.ticketTitle")}
              placeholder={t("tickets.titlePlaceholder")}
              autocomplete="off"
              invalid={t("tickets.titleInvalid")}
              data-testid="raise-ticket-title"
              {...form.serverProps("title")}
            />
          )}
        </form.form.Field>
        <form.form.Field name="description">
          {(field) => (
            <TextAreaField
              field={field}
              label={t("tickets.descriptionLabel")}
              rows={3}
              maxLength={4000}
              testId="raise-ticket-description"
              {...form.serverProps("description")}
            />
          )}
        </form.form.Field>
        <PhotoField
          label={t("tickets.photo")}
          choose={t("tickets.choosePhoto")}
          name="ticket-photo"
          file={photo()}
          onChange={setPhoto}
        />
        <FormError error={form.formError()} />
        <SubmitButton
          submitting={form.submitting()}
          label={t("tickets.raiseSubmit")}
          submittingLabel={t("tickets.raising")}
          testId="raise-ticket-submit"
        />
      </form>
    </section>
  )
}
