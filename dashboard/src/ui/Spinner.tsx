/** A small busy indicator with an accessible label. */
export const Spinner = (props: { readonly label: string }) => (
  <span class="spinner" role="status" aria-label={props.label} />
)
