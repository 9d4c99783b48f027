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

/**
 * The answers of one process: one entry per request key, stored with the data version of the
 * tables it read, least recently used first out once `budgetBytes` is spent. An entry serves
 * only a request that read the same version; a newer version computes the answer again and
 * replaces it (an older, slower computation never replaces a newer one). Concurrent misses of
 * one key and version share one computation.
 */
export class AnswerCache {
  private readonly entries = new Map<string, Entry>();
  private readonly pending = new Map<string, Promise<CachedAnswer>>();
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
    const v = Number(version);
    const hit = this.entries.get(key);
    if (hit && hit.version === v) {
      this.hits++;
      this.entries.delete(key);
      this.entries.set(key, hit);
      return hit;
    }
    this.misses++;
    const id = `${version}\u0000${key}`;
    const running = this.pending.get(id);
    if (running) return running;
    const promise = compute().then(
      (answer) => {
        this.pending.delete(id);
        this.store(key, v, answer);
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
