import { defineConfig } from "vite"
import solid from "vite-plugin-solid"
import { fleetPlaces } from "./vite/fleetPlaces.js"
import { fleetWater } from "./vite/fleetWater.js"

const api = "http://127.0.0.1:8080"

export default defineConfig({
  plugins: [solid(), fleetPlaces(), fleetWater()],
  build: {
    outDir: "dist",
    emptyOutDir: true,
    target: "es2022",
    chunkSizeWarningLimit: 2048,
    rolldownOptions: {
      output: {
        // MapLibre's worker ships as .mjs; emit it as .js so any static server sends a JavaScript
        // MIME type (a module worker with another type fails to load).
        assetFileNames: (asset) =>
          asset.names.some((name) => name.endsWith(".mjs"))
            ? "assets/[name]-[hash].js"
            : "assets/[name]-[hash][extname]",
      },
    },
  },
  server: {
    proxy: {
      "/api": { target: api, ws: true },
      "/ingest": { target: api },
    },
  },
})
