/** Ids reach the engine only through this port (tests use a counter, production UUIDs). */
export interface IdGenerator {
  /** A new globally unique id (workflow ids, task ids). */
  newId(): string;
}
