/**
 * After a refused submit, brings the form's first invalid control into view and focuses it, so
 * its message is seen and read out even when the field is scrolled away from the submit button
 * (WCAG 3.3.1, "Error Identification"). Every field control marks its error with
 * `aria-invalid="true"`, the schema's and the server's alike. Centred: no sticky bar covers it.
 */
export const revealInvalidField = (form: HTMLFormElement): void => {
  const control = form.querySelector<HTMLElement>('[aria-invalid="true"]')
  if (control === null || !control.isConnected) return
  control.scrollIntoView({ block: "center" })
  control.focus({ preventScroll: true })
}
