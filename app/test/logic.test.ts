// The screens' own logic: survey answers checked against the questions' kinds before a call is
// built; where the page finds its chain spec; transaction states in plain words.
import { describe, expect, it } from 'vitest';
import { toCallAnswers } from '../src/screens/surveys';
import { chainSpecUrl } from '../src/chain';
import { describe as describeTx, nextNonce, forgetNonce } from '../src/tx';
import { setLang } from '../src/i18n';

const questions: any[] = [
  { type: 'SingleChoice', value: { counts: [0, 0, 0] } },
  { type: 'MultipleChoice', value: { counts: [0, 0, 0, 0], max_choices: 2 } },
  { type: 'Rating', value: { count: 0, sum: 0n, histogram: [0, 0, 0, 0, 0] } },
];

describe('survey answers', () => {
  it('become the call\u2019s answers, one per question, of the question\u2019s kind', () => {
    const out = toCallAnswers(questions, [{ kind: 'Choice', value: 2 }, { kind: 'Choices', value: [0, 3] }, { kind: 'Rating', value: 5 }]);
    expect(out).toEqual([{ type: 'Choice', value: 2 }, { type: 'Choices', value: Uint8Array.from([0, 3]) }, { type: 'Rating', value: 5 }]);
  });
  it('are refused when incomplete, out of range, too many, or of the wrong kind', () => {
    expect(toCallAnswers(questions, [{ kind: 'Choice', value: 2 }, null, { kind: 'Rating', value: 5 }])).toBeNull();
    expect(toCallAnswers(questions, [{ kind: 'Choice', value: 3 }, { kind: 'Choices', value: [0] }, { kind: 'Rating', value: 5 }])).toBeNull();
    expect(toCallAnswers(questions, [{ kind: 'Choice', value: 0 }, { kind: 'Choices', value: [0, 1, 2] }, { kind: 'Rating', value: 5 }])).toBeNull();
    expect(toCallAnswers(questions, [{ kind: 'Choice', value: 0 }, { kind: 'Choices', value: [] }, { kind: 'Rating', value: 5 }])).toBeNull();
    expect(toCallAnswers(questions, [{ kind: 'Choice', value: 0 }, { kind: 'Choices', value: [1] }, { kind: 'Rating', value: 6 }])).toBeNull();
    expect(toCallAnswers(questions, [{ kind: 'Rating', value: 1 }, { kind: 'Choices', value: [1] }, { kind: 'Rating', value: 1 }])).toBeNull();
    expect(toCallAnswers(questions, [{ kind: 'Choice', value: 0 }])).toBeNull();
  });
});

describe('chain spec location', () => {
  it('is chain-spec.json beside the page, or ?spec=', () => {
    expect(chainSpecUrl({ search: '', href: 'http://x/app/index.html' } as Location)).toBe('http://x/app/chain-spec.json');
    expect(chainSpecUrl({ search: '?spec=http://y/s.json', href: 'http://x/' } as Location)).toBe('http://y/s.json');
  });
});

describe('transaction states', () => {
  it('are plain words in each language', () => {
    setLang('zh');
    expect(describeTx({ phase: 'submitted' })).toBe('已提交，等待打包进区块…');
    expect(describeTx({ phase: 'finalized', block: 9, blockHash: '0x', events: [] })).toBe('已最终确认（第 9 块）。');
    setLang('en');
    expect(describeTx({ phase: 'inBlock', block: 8, blockHash: '0x' })).toBe('In block 8; waiting for finality…');
    expect(describeTx({ phase: 'failed', reason: 'You are not a resident.' })).toBe('Not done: You are not a resident.');
    setLang('zh');
  });
});

describe('nonces', () => {
  it('follow the chain, and a second tap before the first is in a block takes the next one', () => {
    expect(nextNonce('a', 0)).toBe(0);
    expect(nextNonce('a', 0)).toBe(1);
    expect(nextNonce('a', 5)).toBe(5);
    expect(nextNonce('b', 3)).toBe(3);
    // The pool refused nonce 6: it is free again.
    expect(nextNonce('a', 5)).toBe(6);
    forgetNonce('a', 6);
    expect(nextNonce('a', 6)).toBe(6);
  });
});
