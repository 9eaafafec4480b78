import type { Plugin } from "vite"

/**
 * `import url from "virtual:<name>"`: the URL of a JSON asset `make` builds at build time from data
 * in npm packages (only what the map draws is shipped, never the package's raw data). The vite dev
 * server answers the same JSON at `/@<name>.json`. `make` runs once, on first use.
 */
export const jsonAsset = (name: string, make: () => unknown): Plugin => {
  const virtual = `virtual:${name}`
  const resolved = `\0${virtual}`
  const devPath = `/@${name}.json`
  let json: string | undefined
  const data = () => {
    json ??= JSON.stringify(make())
    return json
  }
  let build = false
  return {
    name,
    configResolved: (config) => {
      build = config.command === "build"
    },
    resolveId: (id) => (id === virtual ? resolved : undefined),
    load(id) {
      if (id !== resolved) return undefined
      if (!build) return `export default ${JSON.stringify(devPath)}`
      const ref = this.emitFile({
        type: "asset",
        name: `${name.replace(/^fleet-/u, "")}.json`,
        source: data(),
      })
      return `export default import.meta.ROLLUP_FILE_URL_${ref}`
    },
    configureServer: (server) => {
      server.middlewares.use(devPath, (_request, response) => {
        response.setHeader("content-type", "application/json")
        response.end(data())
      })
    },
  }
}
