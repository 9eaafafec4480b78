import { describe, expect, it } from "vitest"
import { planarMultiLineString, planarMultiPolygon, planarRing } from "./antimeridian"

describe("planarRing", () => {
  it("leaves a ring that does not cross the antimeridian alone", () => {
    const ring = [
      [10, 10],
      [20, 10],
      [20, 20],
      [10, 10],
    ]
    expect(planarRing(ring)).toEqual(ring)
  })

  it("carries a crossing ring on past 180° instead of jumping across the world", () => {
    const fiji = [
      [179, -16],
      [-179, -16],
      [-179, -17],
      [179, -17],
      [179, -16],
    ]
    expect(planarRing(fiji)).toEqual([
      [179, -16],
      [181, -16],
      [181, -17],
      [179, -17],
      [179, -16],
    ])
  })

  it("closes a ring around the south pole through the pole", () => {
    const antarctica = [
      [-180, -70],
      [-60, -65],
      [60, -68],
      [180, -70],
    ]
    expect(planarRing(antarctica)).toEqual([
      [-180, -70],
      [-60, -65],
      [60, -68],
      [180, -90],
      [-180, -90],
      [-180, -70],
    ])
  })
})

describe("planarMultiPolygon", () => {
  it("drops rings that lie on a pole", () => {
    const pole = [
      [-180, -90],
      [0, -90],
      [180, -90],
    ]
    const island = [
      [1, 1],
      [2, 1],
      [1, 2],
      [1, 1],
    ]
    expect(planarMultiPolygon({ type: "MultiPolygon", coordinates: [[pole], [island]] }).coordinates).toEqual(
      [[island]],
    )
  })
})

describe("planarMultiLineString", () => {
  it("cuts lines where they cross the antimeridian", () => {
    const line = [
      [178, 65],
      [179, 66],
      [-179, 66],
      [-178, 65],
    ]
    expect(planarMultiLineString({ type: "MultiLineString", coordinates: [line] }).coordinates).toEqual([
      [
        [178, 65],
        [179, 66],
      ],
      [
        [-179, 66],
        [-178, 65],
      ],
    ])
  })
})
