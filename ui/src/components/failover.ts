// Twilio's failover rule for origination URLs and BYOC targets, as a picture needs it: priority
// is the order (lowest first, the next group is tried only when every URI of the one before
// failed), weight is the share of calls among enabled URIs of the same priority.

export interface Route {
  name?: string | null
  sip_url: string
  priority: number
  weight: number
  enabled?: boolean
}

export interface Tier {
  priority: number
  /** 1-based position in the failover order. */
  rank: number
  routes: { route: Route; index: number; share: number }[]
}

/** Enabled routes grouped by priority (ascending), each with its share of its group's calls. */
export function failoverTiers(routes: Route[]): Tier[] {
  const groups = new Map<number, { route: Route; index: number }[]>()
  routes.forEach((route, index) => {
    if (route.enabled === false) return
    const g = groups.get(route.priority) ?? []
    g.push({ route, index })
    groups.set(route.priority, g)
  })
  return [...groups.entries()]
    .sort((a, b) => a[0] - b[0])
    .map(([priority, list], i) => {
      const total = list.reduce((s, r) => s + Math.max(0, r.route.weight), 0)
      return {
        priority,
        rank: i + 1,
        routes: list
          .map((r) => ({ ...r, share: total > 0 ? Math.max(0, r.route.weight) / total : 1 / list.length }))
          .sort((a, b) => b.share - a.share || a.index - b.index),
      }
    })
}

/** "50%", "33%", "100%". */
export function percent(share: number): string {
  return `${Math.round(share * 100)}%`
}
