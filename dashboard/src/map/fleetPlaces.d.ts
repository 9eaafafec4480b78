declare module "virtual:fleet-places" {
  /** The URL of the offline basemap's places asset (see dashboard/vite/fleetPlaces.ts). */
  const url: string
  export default url
}
