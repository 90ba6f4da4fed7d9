// Preloaded (-r) into every client process a spec starts: a connection to anything but the
// loopback interface fails, and is reported on stderr as "BLOCKED <host>", so a spec can assert
// that no client phoned home.
'use strict';
// eslint-disable-next-line @typescript-eslint/no-require-imports
const net = require('node:net');

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '::1', '::ffff:127.0.0.1']);
const original = net.Socket.prototype.connect;

net.Socket.prototype.connect = function connect(...args) {
  const first = args[0];
  const options = Array.isArray(first) ? first[0] : first;
  const host =
    typeof options === 'object' && options !== null
      ? (options.host ?? (options.path ? '127.0.0.1' : 'localhost'))
      : typeof args[1] === 'string'
        ? args[1]
        : 'localhost';
  if (!LOOPBACK.has(host)) {
    process.stderr.write(`BLOCKED ${host}\n${process.env.LOOPBACK_TRACE ? new Error().stack : ''}`);
    const err = new Error(`loopback-only: connection to ${host} refused`);
    process.nextTick(() => this.destroy(err));
    return this;
  }
  return original.apply(this, args);
};
