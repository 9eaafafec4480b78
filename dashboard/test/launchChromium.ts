import { type Browser, chromium } from "playwright-core"

// Headless Chromium has no GPU here: WebGL (MapLibre, deck.gl) runs on SwiftShader.
const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--use-angle=swiftshader",
  "--enable-unsafe-swiftshader",
]

/** The machine's Chromium (/usr/bin/chromium), headless, for the dashboard's browser tests. */
export const launchChromium = (): Promise<Browser> =>
  chromium.launch({ executablePath: "/usr/bin/chromium", args: CHROMIUM_ARGS })
