import type { IdGenerator } from '../ports/ids.js';

/**
 * An IdGenerator that counts: `id-1`, `id-2`, ... Deterministic ids make test expectations readable.
 */
export class SequentialIds implements IdGenerator {
  private next = 1;

  constructor(private readonly prefix = 'id-') {}

  newId(): string {
    const id = `${this.prefix}${this.next}`;
    this.next += 1;
    return id;
  }
}
