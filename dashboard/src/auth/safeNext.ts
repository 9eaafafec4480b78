/** Where to go after sign-in: only a path of this site (never `//evil.example` or a full URL). */
export const safeNext = (next: string | undefined): string =>
  next?.startsWith("/") === true && !next.startsWith("//") && !next.startsWith("/\\") ? next : "/"
