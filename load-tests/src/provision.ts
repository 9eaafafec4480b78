/** Logs in and makes sure `count` simulator vehicles with devices exist; returns fresh secrets. */
export const provisionDevices = async (options: {
  readonly api: string
  readonly email: string
  readonly password: string
  readonly count: number
  readonly prefix: string
}): Promise<{ token: string; devices: Array<{ deviceId: string; secret: string; vehicleId: string }> }> => {
  const login = await fetch(`${options.api}/api/v1/auth/login`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ email: options.email, password: options.password }),
  })
  if (login.status !== 200) throw new Error(`login failed: ${login.status} ${await login.text()}`)
  const { accessToken } = (await login.json()) as { accessToken: string }
  const call = async <T>(
    method: string,
    path: string,
    body?: unknown,
  ): Promise<{ status: number; body: T }> => {
    const res = await fetch(`${options.api}${path}`, {
      method,
      headers: { authorization: `Bearer ${accessToken}`, "content-type": "application/json" },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    })
    const text = await res.text()
    return { status: res.status, body: (text ? JSON.parse(text) : null) as T }
  }
  const existing = await call<{ items: Array<{ id: string; name: string; deviceId: string | null }> }>(
    "GET",
    // The unpaged snapshot of every vehicle (the vehicles list pages by 50).
    "/api/v1/live/vehicles",
  )
  const byName = new Map(existing.body.items.map((v) => [v.name, v]))
  const devices: Array<{ deviceId: string; secret: string; vehicleId: string }> = []
  for (let i = 1; i <= options.count; i++) {
    const n = String(i).padStart(4, "0")
    const name = `${options.prefix.toUpperCase()}-${n}`
    const deviceId = `${options.prefix.toLowerCase()}-${n}`
    let vehicle = byName.get(name)
    if (vehicle === undefined) {
      const created = await call<{ id: string; name: string; deviceId: string | null }>(
        "POST",
        "/api/v1/vehicles",
        { name },
      )
      if (created.status !== 201) throw new Error(`cannot create ${name}: ${JSON.stringify(created.body)}`)
      vehicle = created.body
    }
    const device = await call<{ secret: string; error?: { code: string } }>("POST", "/api/v1/devices", {
      id: deviceId,
      vehicleId: vehicle.id,
    })
    if (device.status === 201) devices.push({ deviceId, secret: device.body.secret, vehicleId: vehicle.id })
    else if (device.status === 409 && device.body.error?.code === "FLEET_DEVICE_EXISTS") {
      // Secrets are shown once: issue a new one for an existing device.
      const rotated = await call<{ secret: string }>("POST", `/api/v1/devices/${deviceId}/secret`)
      if (rotated.status !== 200)
        throw new Error(`cannot rotate ${deviceId}: ${JSON.stringify(rotated.body)}`)
      devices.push({ deviceId, secret: rotated.body.secret, vehicleId: vehicle.id })
    } else throw new Error(`cannot provision ${deviceId}: ${device.status} ${JSON.stringify(device.body)}`)
  }
  return { token: accessToken, devices }
}
