#!/usr/bin/env node
import { openStdioFront } from '@sre-agent/shared/stdio-front';

// Over stdio, the handshake recorded at build (handshake.json beside the bundle) is answered before the
// SDK, zod and the tools load; they load right after, and answer everything else (stdio-front.ts).
const front = openStdioFront({ handshakeFile: new URL('./handshake.json', import.meta.url) });
await front?.loadDue;
const [{ runServer }, { k8sServerOptions }] = await Promise.all([
  import('@sre-agent/shared'),
  import('./server-options.js'),
]);
await runServer({ ...k8sServerOptions, ...(front ? { stdio: () => front.handOver() } : {}) });
