// Splitting pasted lists (IP addresses, CIDR blocks, phone numbers, SIP URIs, usernames) into
// items. Pure text handling, no rules: each item is then checked by Rust (`checkItems`).
//
// Accepts commas, semicolons, tabs, spaces and newlines as separators, CSV with quoted cells,
// and drops a header line ("Phone Number", "ip") and duplicates (first kept).

/**
 * The items in `text`, in order, trimmed, without empties or repeats. A number written with
 * spaces inside ("+44 20 7946 0958") stays one item when the cell holds nothing else. A first
 * line without digits is a header: it is dropped, and when one of its columns is named like a
 * list ("Phone Number", "IP", "Username") only that column is read from the other lines.
 */
export function splitPasted(text: string): string[] {
  const out: string[] = []
  const seen = new Set<string>()
  const lines = text
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l.length > 0)
  let column: number | null = null
  if (lines.length > 0 && !/\d/.test(lines[0])) {
    const head = cells(lines[0])
    if (head.some(isHeaderWord)) {
      lines.shift()
      const i = head.findIndex(isHeaderWord)
      if (head.length > 1 && i >= 0) column = i
    }
  }
  for (const line of lines) {
    const all = cells(line)
    const picked = column === null ? all : all[column] !== undefined ? [all[column]] : []
    for (const cell of picked) {
      for (const item of splitCell(cell)) {
        if (!seen.has(item)) {
          seen.add(item)
          out.push(item)
        }
      }
    }
  }
  return out
}

const HEADER_WORDS = new Set(['number', 'phone numbers', 'sip uri', 'sip url', 'ip address', 'ip addresses', 'numbers', 'phone', 'phonenumber', 'phone_number', 'phone number', 'e164', 'did', 'dids', 'ip', 'ips', 'address', 'addresses', 'cidr', 'uri', 'url', 'username', 'usernames', 'user'])

function isHeaderWord(item: string): boolean {
  return HEADER_WORDS.has(item.toLowerCase().replace(/\s+/g, ' '))
}

/** The cells of one CSV-ish line: commas, semicolons and tabs split; quotes group. */
function cells(line: string): string[] {
  const out: string[] = []
  let cur = ''
  let quoted = false
  for (let i = 0; i < line.length; i++) {
    const ch = line[i]
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') {
        cur += '"'
        i++
      } else if (ch === '"') quoted = false
      else cur += ch
    } else if (ch === '"') quoted = true
    else if (ch === ',' || ch === ';' || ch === '\t') {
      out.push(cur)
      cur = ''
    } else cur += ch
  }
  out.push(cur)
  return out.map((c) => c.trim()).filter((c) => c.length > 0)
}

/**
 * A cell split on spaces, unless it reads as one phone number written with spaces, dashes,
 * dots or brackets ("+1 (415) 555-0100"), which stays whole for Rust to normalise.
 */
function splitCell(cell: string): string[] {
  if (/^\+?[\d\s().-]+$/.test(cell) && /\d/.test(cell) && (cell.startsWith('+') || /[()-]/.test(cell)) && !/\d\s+\+/.test(cell)) {
    return [cell.replace(/\s+/g, ' ')]
  }
  return cell.split(/\s+/).filter((s) => s.length > 0)
}
