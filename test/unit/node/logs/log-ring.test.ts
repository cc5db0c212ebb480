import { describe, expect, it } from 'vitest';
import { BLOCK_LINES, LogRing } from '../../../../electron/core/logs/log-ring';
import { STDERR, STDOUT } from '../../../../electron/core/logs/log-demux';
import { compileSearch } from '../../../../electron/core/logs/log-search';

function filled(bound: number, count: number): LogRing {
  const ring = new LogRing(bound);
  for (let i = 0; i < count; i++) ring.push(i % 7 === 0 ? STDERR : STDOUT, `line ${i}`, 1000 + i, i);
  return ring;
}

describe('LogRing', () => {
  it('holds every line below the bound', () => {
    const ring = filled(10_000, 2500);
    expect(ring.size).toBe(2500);
    expect(ring.text(0)).toBe('line 0');
    expect(ring.text(2499)).toBe('line 2499');
    expect(ring.text(BLOCK_LINES)).toBe(`line ${BLOCK_LINES}`);
    expect(ring.stream(7)).toBe(STDERR);
    expect(ring.ts(5)).toBe(1005);
  });

  it('keeps exactly the newest `bound` lines', () => {
    const ring = filled(3000, 10_000);
    expect(ring.size).toBe(3000);
    expect(ring.start).toBe(7000);
    expect(ring.end).toBe(10_000);
    expect(ring.text(ring.start)).toBe('line 7000');
    expect(ring.text(9999)).toBe('line 9999');
    expect(ring.seq(8000)).toBe(8000);
  });

  it('works with a bound smaller than a block', () => {
    const ring = filled(5, 3000);
    expect(ring.size).toBe(5);
    expect([...Array(5).keys()].map((i) => ring.text(ring.start + i))).toEqual(['line 2995', 'line 2996', 'line 2997', 'line 2998', 'line 2999']);
  });

  it('finds the first line at a time', () => {
    const ring = filled(10_000, 5000);
    expect(ring.indexAtTime(1000 + 4321)).toBe(4321);
    expect(ring.indexAtTime(0)).toBe(0);
    expect(ring.indexAtTime(1e12)).toBe(5000);
  });
});

describe('search over a ring', () => {
  const ring = new LogRing(100_000);
  const texts = ['GET /api 200', 'get /health 200', 'POST /api 500', 'error: boom', 'Error: Bang'];
  for (let i = 0; i < 3000; i++) ring.push(STDOUT, `${texts[i % texts.length]} #${i}`, i, i);

  const count = (query: string, regex: boolean, caseSensitive: boolean) => {
    const hits: number[] = [];
    compileSearch({ query, regex, caseSensitive })(ring, (abs) => hits.push(abs));
    return hits;
  };

  it('finds substrings with and without case', () => {
    expect(count('GET', false, true)).toHaveLength(600);
    expect(count('GET', false, false)).toHaveLength(1200);
    expect(count('#2999', false, true)).toEqual([2999]);
  });

  it('never matches across two lines', () => {
    expect(count('#0\nget', false, true)).toEqual([]);
  });

  it('finds regular expressions, case toggled', () => {
    expect(count('^error: \\w+', true, true)).toHaveLength(600);
    expect(count('^error: \\w+', true, false)).toHaveLength(1200);
    expect(count(' 5\\d\\d ', true, true)).toHaveLength(600);
  });

  it('tests lines one by one where a regex match would span a line break', () => {
    const r = new LogRing(10_000);
    const lines = ['alpha', 'beta gamma', 'x', 'y z', 'end'];
    for (let i = 0; i < 2100; i++) r.push(STDOUT, lines[i % lines.length] as string, i, i);
    const hits = (query: string) => {
      const out: number[] = [];
      compileSearch({ query, regex: true, caseSensitive: true })(r, (abs) => out.push(abs));
      return out;
    };
    const naive = (query: string) => {
      const re = new RegExp(query);
      const out: number[] = [];
      for (let abs = r.start; abs < r.end; abs++) if (re.test(r.text(abs))) out.push(abs);
      return out;
    };
    // \s and [^x] could cross from one line into the next: they must not.
    for (const query of ['a\\s+\\w', '\\w\\s\\w', 'a[^q]+b', '^$', '^', 'a$', '^y', 'x*', 'mm(?=a)', 'd$']) {
      expect(hits(query), query).toEqual(naive(query));
    }
    expect(hits("^")).toHaveLength(2100);
  });

  it('rejects a bad regular expression with a clear message', () => {
    expect(() => compileSearch({ query: '(unclosed', regex: true, caseSensitive: false })).toThrow(/Invalid regular expression \/\(unclosed\//);
  });

  it('only sees lines still held', () => {
    const small = filled(100, 5000);
    const hits: number[] = [];
    compileSearch({ query: 'line 4', regex: false, caseSensitive: true })(small, (abs) => hits.push(abs));
    expect(hits.every((abs) => abs >= small.start)).toBe(true);
    expect(hits).toHaveLength(100);
  });
});
