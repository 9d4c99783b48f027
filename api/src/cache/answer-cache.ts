/** One reused answer: the JSON body as sent and its entity tag. */
export interface CachedAnswer {
  body: string;
  etag: string;
}

interface Entry extends CachedAnswer {
  version: number;
  bytes: number;
}

/** What an entry costs besides its body and key (map slot, object, tag), as a round figure. */
const ENTRY_OVERHEAD_BYTES = 160;

interface Flight {
  version: number;
  promise: Promise<CachedAnswer>;
}

/** The next computation of a key, shared by every request that waits for it. */
interface Queued extends Flight {
  compute: () => Promise<CachedAnswer>;
  resolve: (answer: CachedAnswer) => void;
  reject: (error: unknown) => void;
}

/**
 * The answers of one process: one entry per request key, stored with the data version of the
 * tables it read, least recently used first out once `budgetBytes` is spent. An entry serves a
 * request that read its version or an older one (never an answer older than what was read).
 *
 * One computation per key at a time: a request that finds its key being computed at its version
 * or a newer one shares that computation; one that finds an older version being computed waits
 * for it and then shares the next computation with every other request that came meanwhile, run
 * by the one that read the newest version and stored under that version. Under a stream of
 * writes, a dashboard is computed at most once at a time instead of once per request.
 */
export class AnswerCache {
  private readonly entries = new Map<string, Entry>();
  private readonly running = new Map<string, Flight>();
  private readonly queued = new Map<string, Queued>();
  private used = 0;
  hits = 0;
  misses = 0;
  /** Parts of answers (answerPart) reused and computed. */
  partHits = 0;
  partMisses = 0;

  constructor(readonly budgetBytes: number) {}

  get bytes(): number {
    return this.used;
  }

  get size(): number {
    return this.entries.size;
  }

  /** The answer for `key` at `version` or newer, computed by `compute` unless reused. */
  async answer(
    key: string,
    version: string,
    compute: () => Promise<CachedAnswer>,
    options: { part?: boolean } = {},
  ): Promise<CachedAnswer> {
    if (this.budgetBytes <= 0) return compute();
    const v = Number(version);
    const hit = this.entries.get(key);
    if (hit && hit.version >= v) {
      if (options.part) this.partHits++;
      else this.hits++;
      this.entries.delete(key);
      this.entries.set(key, hit);
      return hit;
    }
    if (options.part) this.partMisses++;
    else this.misses++;
    const flight = this.running.get(key);
    if (!flight) return this.start(key, v, compute);
    if (flight.version >= v) return flight.promise;
    let next = this.queued.get(key);
    if (!next) {
      let resolve!: Queued['resolve'];
      let reject!: Queued['reject'];
      const promise = new Promise<CachedAnswer>((res, rej) => ((resolve = res), (reject = rej)));
      next = { version: v, compute, promise, resolve, reject };
      this.queued.set(key, next);
    } else if (v > next.version) {
      next.version = v;
      next.compute = compute;
    }
    return next.promise;
  }

  clear(): void {
    this.entries.clear();
    this.used = 0;
  }

  private start(key: string, version: number, compute: () => Promise<CachedAnswer>) {
    const promise = compute().then((answer) => {
      this.store(key, version, answer);
      return answer;
    });
    const flight: Flight = { version, promise };
    this.running.set(key, flight);
    const done = () => {
      if (this.running.get(key) === flight) this.running.delete(key);
      const next = this.queued.get(key);
      if (!next) return;
      this.queued.delete(key);
      this.start(key, next.version, next.compute).then(next.resolve, next.reject);
    };
    promise.then(done, done);
    return promise;
  }

  private store(key: string, version: number, answer: CachedAnswer) {
    const old = this.entries.get(key);
    if (old && old.version > version) return;
    const bytes = 2 * (answer.body.length + key.length + answer.etag.length) + ENTRY_OVERHEAD_BYTES;
    if (old) {
      this.used -= old.bytes;
      this.entries.delete(key);
    }
    if (bytes > this.budgetBytes) return;
    this.entries.set(key, { ...answer, version, bytes });
    this.used += bytes;
    for (const [oldest, entry] of this.entries) {
      if (this.used <= this.budgetBytes) break;
      this.entries.delete(oldest);
      this.used -= entry.bytes;
    }
  }
}
