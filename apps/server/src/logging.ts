/**
 * The server's log output: readable coloured lines on a terminal (pino-pretty, in process), one
 * JSON object a line otherwise or when `LOG_FORMAT=json` asks for it. Every line the server
 * prints goes through here, so JSON output never carries a plain-text line.
 * @module
 */
import { pino, type DestinationStream, type Logger } from 'pino';
import { PinoPretty } from 'pino-pretty';
import type { LogFormat } from './config.js';

/** The format to use: the one asked for, else pretty on a terminal and JSON otherwise. */
export function resolveLogFormat(asked: LogFormat | undefined, isTTY: boolean): LogFormat {
  return asked ?? (isTTY ? 'pretty' : 'json');
}

/** Where log lines go: a synchronous pretty-printer over `out`, or `out` itself for JSON. */
export function logStream(
  format: LogFormat,
  out: NodeJS.WritableStream = process.stdout,
  colorize = process.stdout.isTTY === true,
): DestinationStream {
  if (format === 'json') return out as unknown as DestinationStream;
  return PinoPretty({
    destination: out,
    sync: true,
    colorize,
    translateTime: 'SYS:HH:MM:ss.l',
    ignore: 'pid,hostname',
    singleLine: true,
  });
}

/** Fastify's `logger` option for this format and level. */
export function fastifyLoggerOptions(
  level: string,
  format: LogFormat,
): { level: string; stream: DestinationStream } {
  return { level, stream: logStream(format) };
}

/** A logger for what happens outside the app (configuration errors, the cluster primary). */
export function createLogger(level: string, format: LogFormat): Logger {
  return pino({ level }, logStream(format));
}

/** `LOG_FORMAT` read leniently, for reporting a configuration error in the asked format. */
export function askedLogFormat(env: Record<string, string | undefined>): LogFormat | undefined {
  const v = env['LOG_FORMAT']?.trim().toLowerCase();
  return v === 'json' || v === 'pretty' ? v : undefined;
}
