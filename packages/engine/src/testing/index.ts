/**
 * @baton/engine/testing: in-memory stores, a fake clock and the store conformance suite.
 * @module
 */
export {};
