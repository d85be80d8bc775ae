/**
 * Orders the calls on one MCP connection: shared calls run side by side, an exclusive call runs alone
 * (it waits for those in flight, and later calls wait for it), first come first served. A confirmed
 * write runs exclusively so that an elicitation arriving meanwhile can only be its own: MCP does not
 * say which call a server's request belongs to (over stdio, nothing ties them).
 */
export interface CallGate {
  run<T>(exclusive: boolean, fn: () => Promise<T>): Promise<T>;
}

export function createCallGate(): CallGate {
  let shared = 0;
  let exclusiveHeld = false;
  const queue: Array<{ exclusive: boolean; start: () => void }> = [];
  const pump = () => {
    for (let next = queue[0]; next; next = queue[0]) {
      if (exclusiveHeld || (next.exclusive && shared > 0)) return;
      if (next.exclusive) exclusiveHeld = true;
      else shared += 1;
      queue.shift();
      next.start();
    }
  };
  return {
    async run(exclusive, fn) {
      await new Promise<void>((start) => {
        queue.push({ exclusive, start });
        pump();
      });
      try {
        return await fn();
      } finally {
        if (exclusive) exclusiveHeld = false;
        else shared -= 1;
        pump();
      }
    },
  };
}
