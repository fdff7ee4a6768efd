import { randomUUID } from 'node:crypto';
import type { IdGenerator } from '@baton/engine';

/** Random (version 4) UUIDs from `crypto.randomUUID`, Conductor's id format. */
export class UuidIdGenerator implements IdGenerator {
  newId(): string {
    return randomUUID();
  }
}
