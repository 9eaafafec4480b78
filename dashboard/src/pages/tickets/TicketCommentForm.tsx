import { endpoints } from "@fleetcore/contract"
import { useQueryClient } from "@tanstack/solid-query"
import { Schema } from "effect"
import { useApi } from "../../api/ApiContext"
import { useI18n } from "../../i18n/I18nContext"
import { createSchemaForm } from "../../ui/form/createSchemaForm"
import { FormError } from "../../ui/form/FormError"
import { SubmitButton } from "../../ui/form/SubmitButton"
import { TextAreaField } from "../../ui/form/TextAreaField"
import { showToast } from "../../ui/toast"
import { ticketChanged } from "./ticketQueries"

const CommentForm = Schema.Struct({
  comment: Schema.String.check(
    Schema.makeFilter<string>((s) => s.trim().length >= 1 && s.trim().length <= 4000, { message: "comment" }),
  ),
})

/** A comment on a ticket (the office's or its driver's); the driver is told of the office's. */
export const TicketCommentForm = (props: { readonly ticketId: string }) => {
  const { t } = useI18n()
  const api = useApi()
  const queryClient = useQueryClient()
  const form = createSchemaForm({
    schema: CommentForm,
    defaultValues: { comment: "" },
    onSubmit: async (v) => {
      const ticket = await api.call(endpoints.tickets.comment, {
        params: { id: props.ticketId },
        body: { comment: v.comment.trim() },
      })
      await ticketChanged(queryClient, ticket)
      form.form.reset()
      showToast("success", t("tickets.commented"))
    },
  })
  return (
    <form class="form" onSubmit={form.handleSubmit} novalidate data-testid="ticket-comment-form">
      <form.form.Field name="comment">
        {(field) => (
          <TextAreaField
            field={field}
            label={t("tickets.comment")}
            rows={3}
            maxLength={4000}
            invalid={t("tickets.commentInvalid")}
            testId="ticket-comment"
            {...form.serverProps("comment")}
          />
        )}
      </form.form.Field>
      <FormError error={form.formError()} />
      <div class="form__actions">
        <SubmitButton
          submitting={form.submitting()}
          label={t("tickets.send")}
          submittingLabel={t("tickets.sending")}
          testId="ticket-comment-submit"
        />
      </div>
    </form>
  )
}
