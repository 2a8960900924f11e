/** The Node implementation of the engine's Loopback port (test-run callbacks on 127.0.0.1). */
export { createNodeLoopback } from './node-loopback.js';
export { escapeHtml, renderReply } from './render.js';
