/**
 * Command-line flags of `npm run bench`, parsed into the options every phase reads.
 * @module
 */

/** Which parts of the benchmark run. */
export type Phase = 'floor' | 'burst' | 'sustained' | 'bullmq' | 'sizes';

/** Which stores the Baton server runs on; `auto` prefers Redis+Postgres and falls back. */
export type StoreChoice = 'auto' | 'redis' | 'postgres' | 'pglite';

/** Parsed options. */
export interface BenchOptions {
  quick: boolean;
  /** The CI variant: tiny load, checks that every workflow completed and the files were written. */
  smoke: boolean;
  /** Seconds of the memory soak at the held rate; 0 = no soak. */
  soakSeconds: number;
  /** Bytes of random data in each worker's output (and so in the next task's input). */
  payloadBytes: number;
  store: StoreChoice;
  /** Server processes (`BATON_PROCESSES`); above 1 needs a Postgres store. */
  processes: number;
  /**
   * Run the sustained and burst phases against a server of one process, then of two
   * (`BATON_PROCESSES=2`), and report them side by side (`processComparison`).
   */
  compareProcesses: boolean;
  /**
   * After the measured phases, run a second server from source under `node --cpu-prof` through a
   * short sustained step and burst, and summarise its hottest functions (the measured server is
   * never profiled). Undefined: on in a full run, off in `--quick` and `--smoke`.
   */
  cpuProf: boolean | undefined;
  /** Root folder of the results; default `results` (a temp folder for `--smoke`). */
  outDir: string | undefined;
  phases: Phase[];
}

const PHASES: readonly Phase[] = ['floor', 'burst', 'sustained', 'bullmq', 'sizes'];
const STORES: readonly StoreChoice[] = ['auto', 'redis', 'postgres', 'pglite'];

/** Thrown for a flag the benchmark does not know or a bad value. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

/** What `--help` prints. */
export const USAGE = `npm run bench -- [--quick | --smoke] [--soak <seconds>] [--payload-bytes <n>]
  [--store auto|redis|postgres|pglite] [--processes <n> | --compare-processes] [--cpu-prof | --no-cpu-prof] [--out <dir>] [--only floor,burst,sustained,bullmq,sizes]`;

function toInt(flag: string, value: string | undefined, min: number, max: number): number {
  const n = Number(value);
  if (value === undefined || !Number.isInteger(n) || n < min || n > max) {
    throw new UsageError(`${flag} needs an integer between ${min} and ${max}, got ${value}`);
  }
  return n;
}

/** `--compare-processes` sets the process counts itself and needs what several processes need. */
function checkCompareProcesses(o: BenchOptions): void {
  if (!o.compareProcesses) return;
  if (o.processes !== 1) {
    throw new UsageError('--compare-processes runs 1 and then 2 processes; drop --processes');
  }
  if (o.store === 'pglite') {
    throw new UsageError(
      '--compare-processes needs a Postgres store (several processes); not --store pglite',
    );
  }
  if (!o.phases.includes('sustained') && !o.phases.includes('burst')) {
    throw new UsageError(
      '--compare-processes compares the sustained and burst phases; --only has neither',
    );
  }
  if (o.smoke) throw new UsageError('--compare-processes is not part of --smoke');
}

/** Parses `argv` (without node and the script). Accepts `--flag value` and `--flag=value`. */
export function parseArgs(argv: readonly string[]): BenchOptions {
  const options: BenchOptions = {
    quick: false,
    smoke: false,
    soakSeconds: 0,
    payloadBytes: 256,
    store: 'auto',
    processes: 1,
    compareProcesses: false,
    cpuProf: undefined,
    outDir: undefined,
    phases: [...PHASES],
  };
  const args = argv.flatMap((a) =>
    a.startsWith('--') && a.includes('=') ? a.split(/=(.*)/s, 2) : [a],
  );
  for (let i = 0; i < args.length; i += 1) {
    const flag = args[i] ?? '';
    const value = (): string | undefined => args[++i];
    switch (flag) {
      case '--quick':
        options.quick = true;
        break;
      case '--smoke':
        options.smoke = true;
        break;
      case '--cpu-prof':
        options.cpuProf = true;
        break;
      case '--no-cpu-prof':
        options.cpuProf = false;
        break;
      case '--soak':
        options.soakSeconds = toInt(flag, value(), 10, 86_400);
        break;
      case '--payload-bytes':
        options.payloadBytes = toInt(flag, value(), 0, 1_048_576);
        break;
      case '--store': {
        const v = value();
        if (!STORES.includes(v as StoreChoice)) {
          throw new UsageError(`--store must be one of ${STORES.join(', ')}, got ${v}`);
        }
        options.store = v as StoreChoice;
        break;
      }
      case '--processes':
        options.processes = toInt(flag, value(), 1, 64);
        break;
      case '--compare-processes':
        options.compareProcesses = true;
        break;
      case '--out': {
        const v = value();
        if (v === undefined || v === '') throw new UsageError('--out needs a folder');
        options.outDir = v;
        break;
      }
      case '--only': {
        const list = (value() ?? '').split(',').filter((p) => p !== '');
        const bad = list.filter((p) => !PHASES.includes(p as Phase));
        if (list.length === 0 || bad.length > 0) {
          throw new UsageError(`--only takes phases from ${PHASES.join(', ')}, got ${bad.join()}`);
        }
        options.phases = list as Phase[];
        break;
      }
      default:
        throw new UsageError(`unknown argument ${flag}\n${USAGE}`);
    }
  }
  checkCompareProcesses(options);
  return options;
}

/** Whether the run ends with the profiled server: `--cpu-prof`/`--no-cpu-prof`, else full runs only. */
export function profilesServer(
  options: Pick<BenchOptions, 'cpuProf' | 'quick' | 'smoke'>,
): boolean {
  return options.cpuProf ?? (!options.quick && !options.smoke);
}
