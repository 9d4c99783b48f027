import { AnswerCache } from './answer-cache';
import { answerKey, matchesTag, normalisedQuery } from './answer-key';

const answer = (body: string) => async () => ({ body, etag: `"${body.length}"` });

describe('AnswerCache', () => {
  it('keeps answers within its byte budget, least recently used out first', async () => {
    const cache = new AnswerCache(2_500);
    const body = 'x'.repeat(400); // ~1 KiB each with key and overhead
    await cache.answer('a', '1', answer(body));
    await cache.answer('b', '1', answer(body));
    await cache.answer('a', '1', answer('never computed')); // a is now the most recent
    await cache.answer('c', '1', answer(body));
    expect(cache.bytes).toBeLessThanOrEqual(2_500);
    expect(cache.size).toBe(2);
    const compute = jest.fn(answer(body));
    await cache.answer('a', '1', compute);
    expect(compute).not.toHaveBeenCalled();
    await cache.answer('b', '1', compute);
    expect(compute).toHaveBeenCalledTimes(1);
  });

  it('serves an entry at its version (or to a request that read an older one), never an older answer', async () => {
    const cache = new AnswerCache(1 << 20);
    await cache.answer('a', '9', answer('old'));
    await cache.answer('b', '9', answer('other key'));
    expect((await cache.answer('a', '10', answer('new'))).body).toBe('new');
    expect(cache.size).toBe(2);
    // A slow request that read the older version cannot replace the newer answer.
    await cache.answer('a', '9', answer('late'));
    expect((await cache.answer('a', '10', answer('never'))).body).toBe('new');
    // Another key keeps its answer: its tables did not change.
    expect((await cache.answer('b', '9', answer('never'))).body).toBe('other key');
  });

  it('computes concurrent misses of one key once', async () => {
    const cache = new AnswerCache(1 << 20);
    const compute = jest.fn(answer('shared'));
    const bodies = await Promise.all([1, 2, 3].map(() => cache.answer('k', '1', compute)));
    expect(compute).toHaveBeenCalledTimes(1);
    expect(bodies.map((b) => b.body)).toEqual(['shared', 'shared', 'shared']);
  });

  it('computes a key once at a time: later versions wait and share the next computation', async () => {
    const cache = new AnswerCache(1 << 20);
    let finish!: () => void;
    const slow = jest.fn(
      () =>
        new Promise<{ body: string; etag: string }>(
          (r) => (finish = () => r({ body: 'v1', etag: '' })),
        ),
    );
    const first = cache.answer('k', '1', slow);
    const computeV2 = jest.fn(answer('v2'));
    const computeV3 = jest.fn(answer('v3'));
    const waiting = [
      cache.answer('k', '2', computeV2),
      cache.answer('k', '3', computeV3),
      cache.answer('k', '1', answer('never')),
    ];
    // Nothing newer starts while version 1 is computed.
    await Promise.resolve();
    expect(computeV3).not.toHaveBeenCalled();
    finish();
    expect((await first).body).toBe('v1');
    const [two, three, one] = await Promise.all(waiting);
    // Version 1's request shared the running computation; 2 and 3 shared one at the newest.
    expect(one.body).toBe('v1');
    expect([three.body, two.body]).toEqual(['v3', 'v3']);
    expect(computeV3).toHaveBeenCalledTimes(1);
    expect(computeV2).not.toHaveBeenCalled();
    // Stored under version 3: a request that read 3 reuses it, one that read 4 computes.
    expect((await cache.answer('k', '3', answer('never'))).body).toBe('v3');
    expect((await cache.answer('k', '4', answer('v4'))).body).toBe('v4');
  });

  it('a failed computation fails its own requests and lets the next one run', async () => {
    const cache = new AnswerCache(1 << 20);
    let fail!: (e: Error) => void;
    const failing = cache.answer('k', '1', () => new Promise((_, reject) => (fail = reject)));
    const next = cache.answer('k', '2', answer('v2'));
    fail(new Error('statement timeout'));
    await expect(failing).rejects.toThrow('statement timeout');
    expect((await next).body).toBe('v2');
    expect((await cache.answer('k', '1', answer('never'))).body).toBe('v2');
  });

  it('with a budget of 0 computes every time', async () => {
    const cache = new AnswerCache(0);
    const compute = jest.fn(answer('x'));
    await cache.answer('k', '1', compute);
    await cache.answer('k', '1', compute);
    expect(compute).toHaveBeenCalledTimes(2);
  });
});

describe('answer keys and tags', () => {
  it('orders query parameters, keeping repeated values in order', () => {
    expect(normalisedQuery('/x?b=2&a=1&a=0')).toBe('a=1&a=0&b=2');
    expect(normalisedQuery('/x')).toBe('');
  });

  it('separates scopes, languages and days, not staff members of one role', () => {
    const base = {
      url: '/api/v1/dashboard/summary?currency=USD',
      now: new Date('2026-01-01T12:00Z'),
    };
    const staff = answerKey({ ...base, user: { id: '1', role: 'staff', organisationId: null } });
    const other = answerKey({ ...base, user: { id: '2', role: 'staff', organisationId: null } });
    const partner = answerKey({ ...base, user: { id: '3', role: 'partner', organisationId: 'o' } });
    const english = answerKey({
      ...base,
      user: { id: '1', role: 'staff', organisationId: null },
      acceptLanguage: 'en-GB',
    });
    const tomorrow = answerKey({
      ...base,
      now: new Date('2026-01-02T12:00Z'),
      user: { id: '1', role: 'staff', organisationId: null },
    });
    expect(other).toBe(staff);
    expect(new Set([staff, partner, english, tomorrow]).size).toBe(4);
  });

  it('matches If-None-Match with or without W/ and the action version prefix', () => {
    expect(matchesTag('"12-abc"', '12-abc')).toBe(true);
    expect(matchesTag('W/"12-abc"', '12-abc')).toBe(true);
    expect(matchesTag('"3.12-abc"', '12-abc')).toBe(true);
    expect(matchesTag('"x", "12-abc"', '12-abc')).toBe(true);
    expect(matchesTag('"13-abc"', '12-abc')).toBe(false);
    expect(matchesTag(undefined, '12-abc')).toBe(false);
  });
});
