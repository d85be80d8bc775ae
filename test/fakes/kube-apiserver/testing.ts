/** Helpers for this folder's tests: a kubeconfig-loaded real client, and ApiException unpacking. */

import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ApiException, KubeConfig } from '@kubernetes/client-node';
import { expect } from 'vitest';

export const tempDir = (): string => mkdtempSync(join(tmpdir(), 'fake-kube-'));

export const loadKubeConfig = (path: string): KubeConfig => {
  const kc = new KubeConfig();
  kc.loadFromFile(path);
  return kc;
};

/** Awaits a call expected to fail; returns the ApiException's code and its parsed Status body. */
export const failure = async (
  call: Promise<unknown>,
): Promise<{ code: number; status: Record<string, unknown> }> => {
  const err = await call.then(
    () => expect.unreachable('call should have failed'),
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(ApiException);
  const { code, body } = err as ApiException<string>;
  return { code, status: typeof body === 'string' && body ? JSON.parse(body) : {} };
};
