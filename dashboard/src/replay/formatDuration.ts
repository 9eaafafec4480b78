/** Hours and whole minutes of a duration in seconds (rounded to the minute). */
export const durationParts = (seconds: number): { readonly h: number; readonly m: number } => {
  const minutes = Math.max(0, Math.round(seconds / 60))
  return { h: Math.floor(minutes / 60), m: minutes % 60 }
}
