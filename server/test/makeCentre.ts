import { type ApiClient, createUser, type Harness, login } from "./harness.js"

/**
 * A service centre organisation in `status` (its verification details filled in), with one signed-in
 * user of each of `roles` (`<role>@<slug>.example`, signing in with `password`).
 */
export const makeCentre = async (
  h: Harness,
  slug: string,
  status: string,
  roles: ReadonlyArray<string>,
  password: string,
): Promise<{ readonly org: string; readonly clients: ReadonlyArray<ApiClient> }> => {
  const org = (
    await h.fleet.db.system.query<{ id: string }>(
      "INSERT INTO organisations (name, slug, kind) VALUES ($1, $2, 'service_centre') RETURNING id",
      [`Centre ${slug}`, slug],
    )
  ).rows[0]?.id as string
  await h.fleet.db.system.query(
    "INSERT INTO service_centres (org_id, country, address, phone, tax_id, status) VALUES ($1, 'KZ', 'Almaty', '+77010000000', $2, $3)",
    [org, `TAX-${slug}`, status],
  )
  const clients: ApiClient[] = []
  for (const role of roles) {
    await createUser(h.fleet, org, role, `${role}@${slug}.example`, password)
    clients.push(await login(h.fleet, `${role}@${slug}.example`, password))
  }
  return { org, clients }
}
