/** The shared shape of the load-test commands: refuse bad flags with the usage, exit code 2. */
export const makeCommandLine = (command: string, usage: string) => {
  const fail = (message: string): never => {
    console.error(`${command}: ${message}\n\n${usage}`)
    process.exit(2)
  }
  return {
    fail,
    /** The numeric flag `--name` from parseArgs' string values, within [min, max]. */
    number: (values: Readonly<Record<string, unknown>>, name: string, min: number, max: number): number => {
      const n = Number(values[name])
      return Number.isFinite(n) && n >= min && n <= max
        ? n
        : fail(`--${name} must be between ${min} and ${max}`)
    },
  }
}
