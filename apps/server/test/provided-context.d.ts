// The URLs scripts/test-services.ts provides to the int project (mirrors its declaration).
import 'vitest';

declare module 'vitest' {
  export interface ProvidedContext {
    databaseUrl: string;
    redisUrl: string;
  }
}
