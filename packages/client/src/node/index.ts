/**
 * @baton/client/node: Node-only additions to the client. Kept out of the main entry so that the
 * browser bundle never sees undici.
 * @module
 */

export { createNodeTransport } from './node-transport.js';
export type { NodeTransport, NodeTransportOptions } from './node-transport.js';
