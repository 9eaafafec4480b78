/** An ILIKE pattern matching text that contains `q` literally (its `%`, `_` and `\` escaped). */
export const contains = (q: string): string => `%${q.replace(/[\\%_]/g, "\\$&")}%`
