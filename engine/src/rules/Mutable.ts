/** A readonly state type while one step builds it: assigned field by field, then returned readonly. */
export type Mutable<T> = { -readonly [K in keyof T]: T[K] }
