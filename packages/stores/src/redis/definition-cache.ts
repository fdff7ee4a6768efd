/**
 * Workflow definitions in the Redis execution store. An execution's definition is frozen at the
 * start and almost never changes (restart may replace it), so it is stored once, in its own
 * fields of the execution hash (`definition` JSON and `defHash`, a hash of that JSON), instead of
 * inside the workflow JSON written by every save. Readers keep the parsed definitions by hash:
 * every execution of one definition shares one deeply frozen object, which also keeps the
 * engine's per-definition caches warm.
 * @module
 */
import { createHash } from 'node:crypto';
import { deepFreeze, isDeeplyFrozen, type WorkflowDef } from '@baton/engine';

/** A definition as written to Redis. */
export interface EncodedDefinition {
  hash: string;
  json: string;
}

/** Least-recently-used cache of parsed, frozen definitions by content hash. */
export class DefinitionCache {
  private readonly byHash = new Map<string, WorkflowDef>();
  /** Objects this cache handed out, with their hash: frozen, so their content is that hash's. */
  private readonly handedOut = new WeakMap<object, string>();
  /**
   * Encodings of deeply frozen definitions (the engine shares one per stored definition between
   * the starts of that definition), which their content can never outgrow.
   */
  private readonly encoded = new WeakMap<object, EncodedDefinition>();

  constructor(private readonly capacity = 1_000) {}

  /** The hash of `def` when it is an object this cache handed out (so certainly unchanged). */
  hashOf(def: WorkflowDef | null | undefined): string | undefined {
    return def !== null && typeof def === 'object' ? this.handedOut.get(def) : undefined;
  }

  /** Serialises and hashes `def` (once per deeply frozen object). */
  encode(def: WorkflowDef | null | undefined): EncodedDefinition {
    const known = def !== null && typeof def === 'object' ? this.encoded.get(def) : undefined;
    if (known !== undefined) return known;
    const json = JSON.stringify(def ?? null);
    const encoded = { hash: hashOf(json), json };
    if (def !== null && typeof def === 'object' && isDeeplyFrozen(def)) {
      this.encoded.set(def, encoded);
    }
    return encoded;
  }

  /** The cached definition with `hash`, or undefined. */
  get(hash: string): WorkflowDef | undefined {
    const def = this.byHash.get(hash);
    if (def !== undefined) {
      this.byHash.delete(hash);
      this.byHash.set(hash, def);
    }
    return def;
  }

  /** Parses `json` (stored under `hash`), freezes and caches it. */
  decode(hash: string, json: string): WorkflowDef {
    const cached = this.get(hash);
    if (cached !== undefined) return cached;
    const def = deepFreeze(JSON.parse(json) as WorkflowDef);
    if (def !== null && typeof def === 'object') this.handedOut.set(def, hash);
    this.byHash.set(hash, def);
    if (this.byHash.size > this.capacity) {
      const oldest = this.byHash.keys().next();
      if (!oldest.done) this.byHash.delete(oldest.value);
    }
    return def;
  }
}

function hashOf(json: string): string {
  return createHash('sha1').update(json).digest('base64url');
}
