/**
 * Per server: the env variables that change what it answers to `initialize` and the list requests,
 * and the values of them the build records those answers for (record-handshake.ts). The stdio front
 * gives a recorded answer only when every listed variable has the value it was recorded with (unset
 * and empty alike); anything else waits for the loaded server. test/stdio-front.test.ts fails when a
 * variable that changes the answers is missing here.
 */
export interface HandshakeInputs {
  inputs: readonly string[];
  recordedEnvs: readonly Record<string, string>[];
}

/** Writes off, as most clients run; and on, as README's write-enabled snippet runs. */
const writesOffAndOn: readonly Record<string, string>[] = [{}, { SRE_ALLOW_WRITES: 'true' }];

export const handshakeInputs: Record<string, HandshakeInputs> = {
  k8s: { inputs: ['SRE_ALLOW_WRITES', 'SRE_K8S_TOOLSETS', 'SRE_MAX_REPLICAS'], recordedEnvs: writesOffAndOn },
  'aws-cost': { inputs: ['SRE_ALLOW_WRITES'], recordedEnvs: writesOffAndOn },
  'aws-core': { inputs: ['SRE_ALLOW_WRITES'], recordedEnvs: writesOffAndOn },
};
