// Cash-out signals in voucher redemptions (套现风险): patterns an office should look at before it
// settles. None proves abuse; each is a reason to check the service records. Read from the
// indexer's `redemptions` table (provider, resident, time; day and hour in China Standard Time).

export interface Redemption {
  redemption: number;
  provider: string;
  resident: number;
  timestamp_ms: number | null;
  day: string | null;
  hour: number | null;
}

export type SignalKind = 'oddHour' | 'overCapacity' | 'burst';

export interface Signal {
  kind: SignalKind;
  provider: string;
  day: string;
  /** How many redemptions the signal covers. */
  count: number;
  /** The redemptions, for the office to look up. */
  redemptions: number[];
  /** For `overCapacity`, the capacity stated; for `burst`, the minutes the redemptions fell in. */
  limit?: number;
}

export interface Rules {
  /** Hours (0–23, China time) at which a service is unusual: from `oddFrom` to `oddTo` (exclusive), wrapping midnight. */
  oddFrom: number;
  oddTo: number;
  /** Services per day each provider said it can deliver (by address); none: not checked. */
  capacity: Record<string, number>;
  /** At least `burstResidents` different residents with one provider within `burstMinutes`. */
  burstResidents: number;
  burstMinutes: number;
}

export const DEFAULT_RULES: Rules = { oddFrom: 22, oddTo: 6, capacity: {}, burstResidents: 5, burstMinutes: 10 };

const isOdd = (hour: number, r: Rules) => (r.oddFrom <= r.oddTo ? hour >= r.oddFrom && hour < r.oddTo : hour >= r.oddFrom || hour < r.oddTo);

/** The signals in `rows` under `rules`: most redemptions first, then by day, kind and provider. */
export function signals(rows: Redemption[], rules: Rules = DEFAULT_RULES): Signal[] {
  const out: Signal[] = [];
  const byProviderDay = new Map<string, Redemption[]>();
  for (const r of rows) {
    if (r.day === null) continue;
    const key = `${r.provider}\u0000${r.day}`;
    byProviderDay.set(key, [...(byProviderDay.get(key) ?? []), r]);
  }
  for (const list of byProviderDay.values()) {
    const { provider, day } = list[0] as Redemption & { day: string };
    const odd = list.filter((r) => r.hour !== null && isOdd(r.hour, rules));
    if (odd.length) out.push({ kind: 'oddHour', provider, day, count: odd.length, redemptions: odd.map((r) => r.redemption) });
    const cap = rules.capacity[provider];
    if (cap !== undefined && list.length > cap) out.push({ kind: 'overCapacity', provider, day, count: list.length, redemptions: list.map((r) => r.redemption), limit: cap });
    // The largest set of different residents inside any window of `burstMinutes`.
    const timed = list.filter((r) => r.timestamp_ms !== null).sort((a, b) => a.timestamp_ms! - b.timestamp_ms!);
    let best: Redemption[] = [];
    let start = 0;
    for (let end = 0; end < timed.length; end++) {
      while (timed[end].timestamp_ms! - timed[start].timestamp_ms! > rules.burstMinutes * 60_000) start++;
      const window = timed.slice(start, end + 1);
      if (new Set(window.map((r) => r.resident)).size > new Set(best.map((r) => r.resident)).size) best = window;
    }
    const residents = new Set(best.map((r) => r.resident)).size;
    if (residents >= rules.burstResidents) out.push({ kind: 'burst', provider, day, count: best.length, redemptions: best.map((r) => r.redemption), limit: rules.burstMinutes });
  }
  return out.sort((a, b) => b.count - a.count || a.day.localeCompare(b.day) || a.kind.localeCompare(b.kind) || a.provider.localeCompare(b.provider));
}
