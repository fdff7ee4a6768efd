/**
 * The values `scripts/test-services.ts` provides to the int project, typed for `inject()` here
 * (the declaration in scripts/ is outside this package's TypeScript project).
 * @module
 */
import type {} from 'vitest';

declare module 'vitest' {
  export interface ProvidedContext {
    databaseUrl: string;
    redisUrl: string;
  }
}
