/**
 * The WHERE clause of a filtered list, built from the filters a request set, with every value a
 * positional parameter (never spliced into the SQL).
 */
export const makeSqlFilter = () => {
  const conditions: string[] = []
  const args: unknown[] = []
  return {
    args,
    /** Adds `condition`, whose one `?` stands for `value`. */
    add: (condition: string, value: unknown): void => {
      args.push(value)
      conditions.push(condition.replace("?", `$${args.length}`))
    },
    /** Binds one more parameter (a limit, an offset) and returns its placeholder. */
    param: (value: unknown): string => {
      args.push(value)
      return `$${args.length}`
    },
    /** `WHERE … AND …`, or nothing when no filter was set. */
    where: (): string => (conditions.length > 0 ? `WHERE ${conditions.join(" AND ")}` : ""),
  }
}
