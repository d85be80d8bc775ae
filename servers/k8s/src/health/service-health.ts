import type { V1Endpoints, V1Service } from '@kubernetes/client-node';
import { decide, type Finding, finding, type HealthReport } from './verdict.js';

/** A Service is as healthy as its endpoints: a Service with no ready endpoint drops every request. */
export function serviceHealth(service: V1Service, endpoints: V1Endpoints | undefined): HealthReport {
  const spec = service.spec;
  if (!spec) return decide([finding('Unknown', 'the service has no spec')]);
  if (spec.type === 'ExternalName') {
    return decide([
      finding('Healthy', `ExternalName alias of ${spec.externalName ?? '?'}: no endpoints needed`),
    ]);
  }
  const findings: Finding[] = [endpointFinding(service, endpoints)];
  if (spec.type === 'LoadBalancer' && !service.status?.loadBalancer?.ingress?.length) {
    findings.push(
      finding('Degraded', 'LoadBalancer has no external address yet (pending in the cloud provider)'),
    );
  }
  return decide(findings);
}

function endpointFinding(service: V1Service, endpoints: V1Endpoints | undefined): Finding {
  const selector = Object.entries(service.spec?.selector ?? {})
    .map(([key, value]) => `${key}=${value}`)
    .join(',');
  const subsets = endpoints?.subsets ?? [];
  const ready = new Set(subsets.flatMap((subset) => (subset.addresses ?? []).map((item) => item.ip)));
  const notReady = new Set(
    subsets.flatMap((subset) => (subset.notReadyAddresses ?? []).map((item) => item.ip)),
  );
  const counts = `${ready.size} ready, ${notReady.size} not ready endpoint(s)`;
  if (ready.size === 0) {
    const why = selector
      ? notReady.size > 0
        ? `pods matching ${selector} exist but none is ready`
        : `no running pod matches the selector ${selector}`
      : 'it has no selector and nobody filled its Endpoints';
    return finding('Unhealthy', `${counts}: ${why}; traffic to it fails`);
  }
  if (notReady.size > 0) return finding('Degraded', counts);
  return finding('Healthy', counts);
}
