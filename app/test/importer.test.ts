// The import's chain side with a scripted chain: chunks go in order, a refused chunk is read
// again and what the chain now says decides what is sent once more, and rows someone else
// registered meanwhile are counted as conflicts, not as done.

import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { RosterRow } from '../src/console/roster';

const sent: string[][] = [];
let refuse: (addresses: string[], attempt: number) => boolean = () => false;

vi.mock('../src/tx', () => ({
  send: vi.fn(async (_chain: unknown, _key: unknown, tx: { calls: { who: string }[] }, onState: (s: unknown) => void) => {
    const who = tx.calls.map((c) => c.who);
    sent.push(who);
    if (refuse(who, sent.length)) {
      onState({ phase: 'failed', reason: 'refused' });
      throw new Error('refused');
    }
    onState({ phase: 'inBlock', block: 10 + sent.length });
    return { phase: 'finalized', block: 10 + sent.length };
  }),
}));

const { runImport } = await import('../src/console/importer');

type OnChain = { account?: { id: number; community: number; person_hash: string; registered_at: number }; person?: { id: number; account?: string } };
let onChain: Record<string, OnChain> = {};

const chain = {
  api: {
    tx: {
      Community: { register_resident: (args: { who: string }) => ({ decodedCall: args }) },
      Utility: { batch_all: ({ calls }: { calls: unknown[] }) => ({ calls }) },
    },
    apis: {
      GongzhiApi: {
        roster_check: async (pairs: [string, string][]) => pairs.map(([address]) => onChain[address] ?? {}),
      },
    },
  },
} as any;

const acting = { key: { address: 'clerk' } } as any;
const row = (n: number): RosterRow => ({ line: n + 1, address: `acct${n}`, id: `id${n}`, household: '', community: '', personHash: `0x${String(n).padStart(64, '0')}`, problems: [] });

beforeEach(() => {
  sent.length = 0;
  onChain = {};
  refuse = () => false;
  const store = new Map<string, string>();
  vi.stubGlobal('localStorage', { getItem: (k: string) => store.get(k) ?? null, setItem: (k: string, v: string) => store.set(k, v) });
});

describe('runImport', () => {
  it('sends every row once, chunk by chunk, and reports the block of each', async () => {
    const rows = [0, 1, 2, 3, 4].map(row);
    const final = await runImport(chain, acting, 0, { rows, header: true }, 2, 'k', () => {});
    expect(sent).toEqual([['acct0', 'acct1'], ['acct2', 'acct3'], ['acct4']]);
    expect(final).toMatchObject({ total: 5, finalized: 5, conflicts: 0, chunks: 3 });
    expect(rows.map((r) => r.registered?.block)).toEqual([11, 11, 12, 12, 13]);
    expect(JSON.parse(localStorage.getItem('k')!)).toEqual({ 1: 11, 2: 11, 3: 12, 4: 12, 5: 13 });
  });

  it('counts rows someone else registered meanwhile as conflicts, not as done', async () => {
    const rows = [0, 1, 2, 3, 4].map(row);
    // The second chunk is refused: meanwhile acct2 was registered as in the file (an earlier
    // run's batch landing late) and acct3's account became another person's resident record.
    refuse = (_who, attempt) => attempt === 2;
    onChain = {
      acct2: { account: { id: 7, community: 0, person_hash: rows[2].personHash, registered_at: 9 } },
      acct3: { account: { id: 8, community: 0, person_hash: `0x${'ff'.repeat(32)}`, registered_at: 9 } },
    };
    const final = await runImport(chain, acting, 0, { rows, header: true }, 2, 'k', () => {});
    expect(sent).toEqual([['acct0', 'acct1'], ['acct2', 'acct3'], ['acct4']]);
    expect(final).toMatchObject({ total: 5, finalized: 4, conflicts: 1 });
    expect(rows[2].registered).toEqual({ earlier: true, block: 9 });
    expect(rows[3].problems).toEqual(['accountIsResident']);
    expect(rows[3].registered).toBeUndefined();
  });

  it('sends the rows of a refused chunk that are still free once more, alone', async () => {
    const rows = [0, 1, 2, 3, 4].map(row);
    refuse = (_who, attempt) => attempt === 2;
    // acct2's person was registered with another account meanwhile; acct3 is still free.
    onChain = { acct2: { person: { id: 5, account: 'someone-else' } } };
    const final = await runImport(chain, acting, 0, { rows, header: true }, 2, 'k', () => {});
    expect(sent).toEqual([['acct0', 'acct1'], ['acct2', 'acct3'], ['acct3'], ['acct4']]);
    expect(final).toMatchObject({ total: 5, finalized: 4, conflicts: 1 });
    expect(rows[2].problems).toEqual(['personOtherAccount']);
    expect(rows[3].registered?.block).toBe(13);
  });

  it('fails when a refused chunk is refused for another reason (nothing changed on chain)', async () => {
    const rows = [0, 1, 2].map(row);
    refuse = (who) => who.includes('acct2');
    await expect(runImport(chain, acting, 0, { rows, header: true }, 2, 'k', () => {})).rejects.toThrow('refused');
    expect(rows[2].registered).toBeUndefined();
    expect(rows[0].registered?.block).toBe(11);
  });
});
