/**
 * The one BatonClient of the web app: same origin as the page (the server serves the app).
 * @module
 */
import { BatonClient } from '@baton/client';

/** Creates the client used by the queries; `baseUrl` defaults to the page's origin. */
export function createWebClient(baseUrl: string = window.location.origin): BatonClient {
  return new BatonClient({ baseUrl });
}
