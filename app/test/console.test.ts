// The office console's pure parts: CSV in (BOM, GBK, quotes) and out (Excel), ID numbers and the
// salted hashes, the roster's problem rows, chunk sizes, and the cash-out signals.

import { describe, expect, it } from 'vitest';
import { csvCell, decodeCsvBytes, parseCsv, toCsv } from '../src/console/csv';
import { householdHash, idCheckChar, idNumberProblem, normaliseId, personHash } from '../src/console/identity';
import { applyChain, chunkSize, readRoster, toSend } from '../src/console/roster';
import { signals, DEFAULT_RULES } from '../src/console/suspicious';
import { innerFailure, multisigAddress } from '../src/console/acting';

const ALICE = '5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY';
const BOB = '5FHneW46xGXgs5mUiveU4sbTyGBzmstUspZC92UhjJM694ty';
const CHARLIE = '5FLSigC9HGRKVhB9FiEo4Y3koPsNmBmLJbpXg2mp1hXcS59Y';
const id = (first17: string) => first17 + idCheckChar(first17);
const ID1 = id('11010519491231002');
const ID2 = id('44030419900101123');

describe('CSV in', () => {
  it('reads UTF-8 with and without a BOM, and GBK from a Chinese Excel', () => {
    const text = '身份证号,户号,账户地址\r\n';
    const utf8 = new TextEncoder().encode(text);
    expect(decodeCsvBytes(utf8)).toEqual({ text, encoding: 'utf-8' });
    expect(decodeCsvBytes(Uint8Array.of(0xef, 0xbb, 0xbf, ...utf8))).toEqual({ text, encoding: 'utf-8-bom' });
    // "身份证号" in GBK.
    const gbk = Uint8Array.of(0xc9, 0xed, 0xb7, 0xdd, 0xd6, 0xa4, 0xba, 0xc5, 0x2c, 0x61);
    expect(decodeCsvBytes(gbk)).toEqual({ text: '身份证号,a', encoding: 'gbk' });
  });

  it('refuses a spreadsheet saved as .xlsx with a named reason', () => {
    expect(() => decodeCsvBytes(Uint8Array.of(0x50, 0x4b, 3, 4, 0, 0))).toThrow('csv.binary');
  });

  it('parses quotes, commas and line breaks inside quotes, CRLF, and skips blank lines', () => {
    const rows = parseCsv('a,"b, c","d ""e"""\r\n\r\n"multi\nline",x\n');
    expect(rows).toEqual([{ line: 1, cells: ['a', 'b, c', 'd "e"'] }, { line: 3, cells: ['multi\nline', 'x'] }]);
    expect(parseCsv('x\ty\n1\t2').map((r) => r.cells)).toEqual([['x', 'y'], ['1', '2']]);
    expect(() => parseCsv('"open')).toThrow('csv.quote');
  });
});

describe('CSV out', () => {
  it('starts with a BOM, ends lines with CRLF, quotes what needs it and defuses formulas', () => {
    const csv = toCsv(['名称', 'n'], [['长者助餐, 午餐', 3], ['=HYPERLINK("x")', -1]]);
    expect(csv.startsWith('\uFEFF名称,n\r\n')).toBe(true);
    expect(csv).toContain('"长者助餐, 午餐",3\r\n');
    expect(csv).toContain(`"'=HYPERLINK(""x"")",-1\r\n`);
    expect(csvCell(null)).toBe('');
    // What is written reads back.
    const back = parseCsv(decodeCsvBytes(new TextEncoder().encode(csv)).text).map((r) => r.cells);
    expect(back[1]).toEqual(['长者助餐, 午餐', '3']);
  });
});

describe('ID numbers and hashes', () => {
  it('normalises full-width input and checks the check character and the birth date', () => {
    expect(normaliseId(' １１０１０５ 19491231002x')).toBe('11010519491231002X');
    expect(idNumberProblem(ID1)).toBeNull();
    expect(idNumberProblem(ID1.slice(0, 17) + (ID1[17] === '0' ? '1' : '0'))).toBe('checksum');
    expect(idNumberProblem('110105194913310020')).toBe('birth');
    expect(idNumberProblem('12345')).toBe('length');
  });

  it('hashes with the salt: same person same hash, another salt another hash, person ≠ household', () => {
    expect(personHash('s1', ID1)).toBe(personHash('s1', ` ${ID1.toLowerCase()} `));
    expect(personHash('s1', ID1)).not.toBe(personHash('s2', ID1));
    expect(personHash('s1', '123')).not.toBe(householdHash('s1', '123'));
    expect(personHash('s1', ID1)).toMatch(/^0x[0-9a-f]{64}$/);
  });
});

describe('roster', () => {
  const community = { id: 0, name: '向阳社区' };
  const rows = parseCsv([
    '身份证号,户号,账户地址,社区',
    `${ID1},H001,${ALICE},向阳社区`,
    `${ID1},H001,${BOB},向阳社区`,
    `12345,H002,${CHARLIE},`,
    `${ID2},,not-an-address,`,
    `${ID2},,${CHARLIE},河畔社区`,
  ].join('\n'));

  it('names every problem row and keeps the good ones to send', () => {
    const roster = readRoster(rows, 'salt', community);
    expect(roster.header).toBe(true);
    expect(roster.rows.map((r) => [r.line, r.problems])).toEqual([
      [2, []],
      [3, ['duplicateId']],
      [4, ['badId']],
      [5, ['badAddress']],
      [6, ['wrongCommunity', 'duplicateId', 'duplicateAddress']],
    ]);
    expect(roster.rows[0].householdHash).toBe(householdHash('salt', 'H001'));
    expect(roster.rows[3].householdHash).toBeUndefined();
    expect(toSend(roster).map((r) => r.line)).toEqual([2]);
  });

  it('reads a file without a header in the documented column order', () => {
    const roster = readRoster(parseCsv(`${ID1},H001,${ALICE}`), 'salt', community);
    expect(roster.header).toBe(false);
    expect(roster.rows[0].address).toBe(ALICE);
  });

  it('marks rows from the chain: registered here, elsewhere, someone else, the person under another account', () => {
    const roster = readRoster(parseCsv(`${ID1},,${ALICE}\n${ID2},,${BOB}`), 'salt', community);
    const [a, b] = roster.rows;
    applyChain(a, { resident: { id: 7, community: 0, person_hash: a.personHash, registered_at: 41 } }, 0);
    expect(a.registered).toEqual({ earlier: true, block: 41 });
    expect(toSend(roster).map((r) => r.line)).toEqual([2]);
    applyChain(b, { person: { id: 3, account: CHARLIE } }, 0);
    expect(b.problems).toEqual(['personOtherAccount']);
    const c = readRoster(parseCsv(`${ID1},,${ALICE}`), 'salt', community).rows[0];
    applyChain(c, { resident: { id: 7, community: 1, person_hash: c.personHash } }, 0);
    expect(c.problems).toEqual(['accountResidentElsewhere']);
    const d = readRoster(parseCsv(`${ID1},,${ALICE}`), 'salt', community).rows[0];
    applyChain(d, { resident: { id: 7, community: 0, person_hash: '0x00' } }, 0);
    expect(d.problems).toEqual(['accountIsResident']);
    // A retired person (no current account) may be registered again.
    const e = readRoster(parseCsv(`${ID1},,${ALICE}`), 'salt', community).rows[0];
    applyChain(e, { person: { id: 3 } }, 0);
    expect(e.problems).toEqual([]);
  });

  it('sizes chunks by both weight dimensions, at least one, at most the cap', () => {
    const w = (r: number, p: number) => ({ ref_time: BigInt(r), proof_size: BigInt(p) });
    expect(chunkSize(w(100, 0), w(10, 1), w(2100, 1_000_000))).toBe(95);
    expect(chunkSize(w(100, 0), w(10, 100), w(2100, 1000))).toBe(5);
    expect(chunkSize(w(100, 0), w(10_000, 1), w(2100, 1000))).toBe(1);
    expect(chunkSize(w(0, 0), w(1, 1), w(10 ** 9, 10 ** 9))).toBe(1000);
  });
});

describe('cash-out signals', () => {
  const at = (h: number, m: number) => Date.UTC(2026, 11, 1, h - 8, m);
  const r = (redemption: number, provider: string, resident: number, h: number, m: number) => ({ redemption, provider, resident, timestamp_ms: at(h, m), day: '2026-12-01', hour: h });

  it('finds odd hours, days beyond capacity and bursts of residents, and nothing in an ordinary day', () => {
    const ordinary = [r(1, BOB, 1, 9, 0), r(2, BOB, 2, 10, 0), r(3, BOB, 3, 14, 30)];
    expect(signals(ordinary)).toEqual([]);
    const burst = [0, 1, 2, 3, 4].map((i) => r(10 + i, ALICE, 10 + i, 15, i * 2));
    const night = [r(20, BOB, 1, 23, 10), r(21, BOB, 2, 3, 0)];
    const found = signals([...ordinary, ...burst, ...night], { ...DEFAULT_RULES, capacity: { [BOB]: 4 } });
    expect(found.map((s) => [s.kind, s.provider, s.count])).toEqual([
      ['burst', ALICE, 5],
      ['overCapacity', BOB, 5],
      ['oddHour', BOB, 2],
    ]);
    expect(found[2].redemptions).toEqual([20, 21]);
    // Four residents in ten minutes is under the default threshold of five.
    expect(signals(burst.slice(0, 4))).toEqual([]);
  });
});

describe('multisig', () => {
  it('derives the same account whatever the order of the signatories', () => {
    expect(multisigAddress(2, [ALICE, BOB, CHARLIE])).toBe(multisigAddress(2, [CHARLIE, ALICE, BOB]));
    expect(multisigAddress(2, [ALICE, BOB, CHARLIE])).not.toBe(multisigAddress(3, [ALICE, BOB, CHARLIE]));
  });
});

describe('calls inside a proxy or a multisig', () => {
  const failed = { type: 'Module', value: { type: 'Vouchers', value: { type: 'AlreadySettled' } } };
  const ev = (pallet: string, name: string, result?: unknown) => ({ type: pallet, value: { type: name, value: result === undefined ? {} : { result } } });
  it('finds the error of a call that failed inside a proxy or a multisig', () => {
    expect(innerFailure([ev('System', 'ExtrinsicSuccess'), ev('Proxy', 'ProxyExecuted', { success: false, value: failed })])).toEqual(failed);
    expect(innerFailure([ev('Multisig', 'MultisigExecuted', { success: false, value: failed })])).toEqual(failed);
  });
  it('finds none when the call succeeded or ran directly', () => {
    expect(innerFailure([ev('Proxy', 'ProxyExecuted', { success: true, value: undefined }), ev('Vouchers', 'Settled')])).toBeNull();
    expect(innerFailure([ev('Multisig', 'NewMultisig'), ev('System', 'ExtrinsicSuccess')])).toBeNull();
    expect(innerFailure(undefined)).toBeNull();
  });
});
