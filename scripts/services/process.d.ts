/** A TCP port that was free a moment ago on 127.0.0.1. */
export declare function freePort(): Promise<number>;
/** True when this process runs as root, where Postgres refuses to run. */
export declare function isRoot(): boolean;
/** Creates a temp folder; when `owner` is given and we are root, hands it to that OS user. */
export declare function makeTempDir(prefix: string, owner?: string): Promise<string>;
/**
 * Runs `command` to completion, as OS user `user` when we are root (via runuser), and returns
 * its stdout. Rejects with stderr in the message on a non-zero exit.
 */
export declare function runAs(user: string | undefined, command: string, args: string[]): Promise<string>;
//# sourceMappingURL=process.d.ts.map