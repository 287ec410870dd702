// A trunk as the topology picture needs it, built from the inventory's summary (only for the
// picture: "open in wizard" reads the real spec from Rust).
import type { Inventory } from '../bindings/Inventory'
import type { TrunkSummary } from '../bindings/TrunkSummary'
import type { Spec } from '../lib/flow'

export function trunkPicture(t: TrunkSummary, inv: Inventory): Spec {
  const numbers = new Map(inv.numbers.map((n) => [n.sid, n.phone_number]))
  return {
    kind: 'elastic_trunk',
    name: t.friendly_name,
    termination_domain: t.domain_name ?? '',
    secure: t.secure,
    cnam_lookup: false,
    transfer_mode: 'disable-all',
    transfer_caller_id: 'from-transferee',
    disaster_recovery_method: 'POST',
    recording: { mode: 'do-not-record', trim: 'do-not-trim' },
    ip_acls: inv.ip_acls.filter((l) => t.ip_acl_sids.includes(l.sid)).map((l) => ({ name: l.friendly_name, addresses: l.addresses })),
    credential_lists: inv.credential_lists
      .filter((l) => t.credential_list_sids.includes(l.sid))
      .map((l) => ({ name: l.friendly_name, usernames: l.usernames })),
    origination_urls: t.origination_urls.map((o) => ({ name: o.friendly_name, sip_url: o.sip_url, priority: o.priority, weight: o.weight, enabled: o.enabled })),
    numbers: t.number_sids.map((s) => numbers.get(s) ?? s),
  }
}
