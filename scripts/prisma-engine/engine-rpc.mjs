// Line-delimited JSON-RPC 2.0 on stdout, and the requests we send to the CLI ourselves.
import { DEBUG, debug } from './engine-log.mjs';

export const rpc = {
  nextId: 1,
  pending: new Map(),
  send(obj) {
    const line = JSON.stringify(obj);
    if (DEBUG) debug(`-> ${line.length > 2000 ? line.slice(0, 2000) + '…' : line}`);
    process.stdout.write(line + '\n');
  },
  /** A request from us to the CLI (only `print` exists). */
  request(method, params) {
    const id = `shim-${this.nextId++}`;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.send({ jsonrpc: '2.0', id, method, params });
    });
  },
};
