declare module "virtual:fleet-water" {
  /** The URL of the offline basemap's lakes and rivers asset (see dashboard/vite/fleetWater.ts). */
  const url: string
  export default url
}
