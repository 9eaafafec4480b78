import type { Route } from "../routes/almaty.js"

/**
 * The A3 north of Almaty toward Kapchagay: long straight stretches between few vertices, where a
 * vehicle cruises at 80–110 km/h with kilometres between slow-downs.
 */
export const HIGHWAY_ROUTE: Route = {
  name: "A3 Almaty–Kapchagay",
  points: [
    [43.305, 76.939],
    [43.34, 76.942],
    [43.38, 76.95],
    [43.43, 76.96],
    [43.49, 76.975],
    [43.55, 76.99],
    [43.61, 77.005],
    [43.67, 77.02],
    [43.73, 77.035],
    [43.79, 77.05],
    [43.85, 77.065],
  ],
}
