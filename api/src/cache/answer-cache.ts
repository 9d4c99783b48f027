/** One reused answer: the JSON body as sent and its entity tag. */
export interface CachedAnswer {
  body: string;
  etag: string;
}

interface Entry extends CachedAnswer {
  bytes: number;
}

/** What an entry costs besides its body and key (map slot, object, tag), as a round figure. */
const ENTRY_OVERHEAD_BYTES = 160;

/**
 * The answers of one process, keyed by (request key, data version), least recently used first
 * out once `budgetBytes` is spent. A newer data version empties it: older answers never match
 * again. Concurrent misses of one key share one computation.
 */
export class AnswerCache {
  private readonly entries = new Map<string, Entry>();
  private readonly pending = new Map<string, Promise<CachedAnswer>>();
  private latest = 0n;
  private used = 0;
  hits = 0;
  misses = 0;

  constructor(readonly budgetBytes: number) {}

  get bytes(): number {
    return this.used;
  }

  get size(): number {
    return this.entries.size;
  }

  /** The answer for `key` at `version`, computed by `compute` unless reused. */
  async answer(
    key: string,
    version: string,
    compute: () => Promise<CachedAnswer>,
  ): Promise<CachedAnswer> {
    if (this.budgetBytes <= 0) return compute();
    this.observe(version);
    const id = `${version}\u0000${key}`;
    const hit = this.entries.get(id);
    if (hit) {
      this.hits++;
      this.entries.delete(id);
      this.entries.set(id, hit);
      return hit;
    }
    this.misses++;
    const running = this.pending.get(id);
    if (running) return running;
    const promise = compute().then(
      (answer) => {
        this.pending.delete(id);
        this.store(id, version, answer);
        return answer;
      },
      (error: unknown) => {
        this.pending.delete(id);
        throw error;
      },
    );
    this.pending.set(id, promise);
    return promise;
  }

  clear(): void {
    this.entries.clear();
    this.used = 0;
  }

  private observe(version: string) {
    const v = BigInt(version);
    if (v > this.latest) {
      this.latest = v;
      this.clear();
    }
  }

  private store(id: string, version: string, answer: CachedAnswer) {
    if (BigInt(version) < this.latest) return;
    const bytes = 2 * (answer.body.length + id.length + answer.etag.length) + ENTRY_OVERHEAD_BYTES;
    if (bytes > this.budgetBytes) return;
    const old = this.entries.get(id);
    if (old) {
      this.used -= old.bytes;
      this.entries.delete(id);
    }
    this.entries.set(id, { ...answer, bytes });
    this.used += bytes;
    for (const [oldest, entry] of this.entries) {
      if (this.used <= this.budgetBytes) break;
      this.entries.delete(oldest);
      this.used -= entry.bytes;
    }
  }
}
