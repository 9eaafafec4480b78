import { type Accessor, type JSX, Match, Switch } from "solid-js"
import { ApiError } from "../api/ApiError"
import { useI18n } from "../i18n/I18nContext"
import { EmptyState } from "./EmptyState"
import { ErrorState } from "./ErrorState"
import { Spinner } from "./Spinner"

/** The part of a TanStack query a record page reads. */
interface RecordQuery<T> {
  readonly isLoading: boolean
  readonly isError: boolean
  readonly error: unknown
  readonly data: T | undefined
  readonly refetch: () => unknown
}

/**
 * One record's page body in its four states: loading, not found (the API's 404: unknown, or
 * another organisation's, which look the same), any other error with a retry, and the record.
 */
export const RecordState = <T,>(props: {
  readonly query: RecordQuery<T>
  readonly notFound: {
    readonly testId: string
    readonly icon: JSX.Element
    readonly title: string
    readonly description: string
    readonly action?: JSX.Element
  }
  readonly children: (record: Accessor<NonNullable<T>>) => JSX.Element
}) => {
  const { t } = useI18n()
  const notFound = () => props.query.error instanceof ApiError && props.query.error.status === 404
  return (
    <Switch>
      <Match when={props.query.isLoading}>
        <Spinner label={t("states.loading")} />
      </Match>
      <Match when={notFound()}>
        <div data-testid={props.notFound.testId}>
          <EmptyState
            icon={props.notFound.icon}
            title={props.notFound.title}
            description={props.notFound.description}
            action={props.notFound.action}
          />
        </div>
      </Match>
      <Match when={props.query.isError}>
        <ErrorState error={props.query.error} retry={() => void props.query.refetch()} />
      </Match>
      <Match when={props.query.data}>{(record) => props.children(record)}</Match>
    </Switch>
  )
}
