/**
 * Body parsing: JSON only as `application/json` (an empty body is no body, as Conductor's clients
 * need), `text/plain` as a raw string (for the routes whose body is a string); a non-empty body of
 * any other content type, or of none, is refused with 415 `CONTENT_TYPE_UNSUPPORTED`, so that a
 * cross-site form post cannot be read as JSON. A JSON body nesting deeper than `MAX_JSON_DEPTH`
 * is refused before it is parsed, so no schema validation or recursive walk ever sees it.
 * @module
 */
import type { FastifyInstance } from 'fastify';
import { MAX_JSON_DEPTH, batonError, tooDeepMessage } from '@baton/engine';

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
  if (exceedsTextDepth(text, MAX_JSON_DEPTH)) {
    const message = tooDeepMessage('body');
    throw batonError('REQUEST_INVALID', message, {
      validationErrors: [{ path: 'body', message, invalidValue: text.slice(0, 200) }],
    });
  }
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

/**
 * True when the JSON text opens more than `max` nested objects or arrays, counted on the text
 * (brackets inside strings are skipped) so that nothing recursive runs on a hostile body.
 */
export function exceedsTextDepth(text: string, max: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c)
        i++; // backslash: skip the escaped character
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x7b || c === 0x5b) {
      if (++depth > max) return true;
    } else if (c === 0x7d || c === 0x5d) depth--;
  }
  return false;
}

/** A non-empty body of a content type no route reads. */
function unsupported(contentType: string | undefined): Error {
  const shown = contentType === undefined || contentType === '' ? 'none' : contentType;
  const message = `Content-Type ${shown} is not accepted: send JSON as application/json`;
  return batonError('CONTENT_TYPE_UNSUPPORTED', message, {
    validationErrors: [
      { path: 'headers.content-type', message, invalidValue: shown.slice(0, 200) },
    ],
  });
}

/** Replaces the JSON and text parsers; any other content type with a body is refused. */
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
  app.addContentTypeParser('*', { parseAs: 'string' }, (req, body, done) => {
    if ((body as string).trim() === '') return done(null, undefined);
    done(unsupported(req.headers['content-type']), undefined);
  });
}
