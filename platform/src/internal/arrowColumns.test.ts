import { expect, it } from "vitest"
import { type ArrowArray, arrowColumns } from "./arrowColumns.js"

const buffer = (array: ArrowArray | undefined, index: number): Buffer => {
  const found = array?.buffers[index]
  if (found == null) throw new Error(`no buffer ${index}`)
  return found
}

it("encodes numbers with NaN as NULL in the validity bitmap, and no bitmap without NULLs", () => {
  const { arrays } = arrowColumns([
    {
      name: "speed",
      kind: "float64",
      values: new Float64Array([1.5, Number.NaN, 3, Number.NaN, 5, 6, 7, 8, 9]),
    },
    { name: "lat", kind: "float64", values: new Float64Array([1, 2]) },
  ])
  const [speed, lat] = arrays
  expect(speed?.format).toBe("g")
  expect(speed?.length).toBe(9)
  expect(speed?.nullCount).toBe(2)
  // Bit i set = row i has a value: rows 0, 2, 4–8.
  expect([...buffer(speed, 0)]).toEqual([0b11110101, 0b1])
  const speeds = buffer(speed, 1)
  expect(new Float64Array(speeds.buffer, speeds.byteOffset, 9)[2]).toBe(3)
  expect(lat?.nullCount).toBe(0)
  expect(lat?.buffers[0]).toBeNull()
})

it("encodes text as UTF-8 bytes with byte offsets", () => {
  const { arrays } = arrowColumns([{ name: "device_id", kind: "string", values: ["a", "Алматы", ""] }])
  const [text] = arrays
  expect(text?.format).toBe("u")
  const offsets = buffer(text, 1)
  expect([...new Int32Array(offsets.buffer, offsets.byteOffset, 4)]).toEqual([0, 1, 13, 13])
  expect(buffer(text, 2).toString("utf8")).toBe("aАлматы")
})

it("selects times from epoch milliseconds and JSON values by their type", () => {
  const { select } = arrowColumns([
    { name: "time", kind: "millis", values: new Float64Array([1]) },
    { name: "dtc", kind: "json", type: "Array(String)", values: ["[]"] },
    { name: "lat", kind: "float64", values: new Float64Array([1]) },
  ])
  expect(select).toBe(
    "fromUnixTimestamp64Milli(toInt64(time), 'UTC'), JSONExtract(assumeNotNull(dtc), 'Array(String)'), lat",
  )
})

it("refuses a column name or type that is not plain (they are spliced into the INSERT)", () => {
  expect(() => arrowColumns([{ name: "x; DROP TABLE t", kind: "string", values: [""] }])).toThrow(
    /not a plain column name/,
  )
  expect(() => arrowColumns([{ name: "x", kind: "json", type: "String') --", values: [""] }])).toThrow(
    /not a plain ClickHouse type/,
  )
})
