/**
 * Lenient body parsing, as Conductor's clients need: an empty body with `Content-Type:
 * application/json` (or with no content type) is no body; `text/plain` is a raw string; any other
 * content type is parsed as JSON when it looks like JSON and kept as a string otherwise.
 * @module
 */
import type { FastifyInstance } from 'fastify';
import { batonError } from '@baton/engine';

/**
 * Text in which JSON.parse could produce a `__proto__` key: written plainly, or with any of its
 * characters as a `\u` escape (the only escape JSON has for letters and `_`).
 */
const MAYBE_PROTO_KEY = /__proto__|\\u/;

const dropProtoKeys = (key: string, value: unknown): unknown =>
  key === '__proto__' ? undefined : value;

/**
 * Parses a JSON body, dropping `__proto__` keys so that no later merge of the body can reach a
 * prototype. The reviver that does it costs a call per value, so it runs only on text that could
 * hold such a key.
 */
export function parseJson(text: string): unknown {
  try {
    return MAYBE_PROTO_KEY.test(text) ? JSON.parse(text, dropProtoKeys) : JSON.parse(text);
  } catch (e) {
    throw batonError('REQUEST_INVALID', `Malformed JSON body: ${(e as Error).message}`, {
      validationErrors: [
        { path: 'body', message: 'Malformed JSON', invalidValue: text.slice(0, 200) },
      ],
    });
  }
}

/** Replaces the JSON parser and adds text and catch-all parsers. */
export function installBodyParsers(app: FastifyInstance): void {
  app.removeContentTypeParser('application/json');
  app.removeContentTypeParser('text/plain');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (_req, body, done) => {
    const text = body as string;
    if (text.trim() === '') return done(null, undefined);
    try {
      done(null, parseJson(text));
    } catch (e) {
      done(e as Error, undefined);
    }
  });
  app.addContentTypeParser('text/plain', { parseAs: 'string' }, (_req, body, done) => {
    const text = body as string;
    done(null, text === '' ? undefined : text);
  });
  app.addContentTypeParser('*', { parseAs: 'string' }, (_req, body, done) => {
    const text = (body as string).trim();
    if (text === '') return done(null, undefined);
    if (/^[[{"]/.test(text)) {
      try {
        return done(null, parseJson(text));
      } catch (e) {
        return done(e as Error, undefined);
      }
    }
    done(null, body);
  });
}
