import type { V1Ingress, V1IngressServiceBackend, V1Service } from '@kubernetes/client-node';
import type { Wire } from '../../kube-client.js';
import { closestNames } from '../../suggest.js';
import type { Finding, ObjectRef } from '../finding.js';
import { canRead, nameList, refOf } from '../object-helpers.js';
import type { Analyzer } from '../snapshot.js';
import { evidenceLine } from '../snapshot-index.js';

type ServiceLike = Wire<V1Service>;

interface Backend {
  service: V1IngressServiceBackend;
  /** `rule shop.example.com /api` or `defaultBackend`, for the evidence. */
  where: string;
}

/**
 * Ingresses whose backends point nowhere: a Service that does not exist in the Ingress's
 * namespace, or a port (number or name) the Service does not expose. Both the defaultBackend and
 * every rule path are checked; resource backends are not Services and are skipped.
 */
export const ingressesAnalyzer: Analyzer = {
  name: 'ingresses',
  analyze(snapshot) {
    if (!canRead(snapshot, 'services')) return [];
    const services = new Map(
      snapshot.services.map((item) => [`${item.metadata?.namespace}/${item.metadata?.name}`, item]),
    );
    return snapshot.ingresses.flatMap((ingress) => {
      const object = refOf('Ingress', ingress);
      const inNamespace = snapshot.services
        .filter((item) => item.metadata?.namespace === object.namespace)
        .map((item) => item.metadata?.name ?? '');
      const missing: Backend[] = [];
      const badPort: { backend: Backend; service: ServiceLike }[] = [];
      for (const backend of backendsOf(ingress)) {
        const service = services.get(`${object.namespace}/${backend.service.name}`);
        if (!service) missing.push(backend);
        else if (!exposes(service, backend.service)) badPort.push({ backend, service });
      }
      const findings: Finding[] = [];
      if (missing.length) findings.push(missingFinding(object, missing, inNamespace));
      if (badPort.length) findings.push(portFinding(object, badPort));
      return findings;
    });
  },
};

function missingFinding(object: ObjectRef, missing: Backend[], inNamespace: string[]): Finding {
  const names = [...new Set(missing.map((item) => item.service.name))];
  const hints = names.flatMap((name) =>
    closestNames(name, inNamespace, 1).map((close) => `${close} (not ${name})`),
  );
  return {
    severity: 'critical',
    object,
    cause: 'IngressServiceMissing',
    summary: `backend Service${names.length === 1 ? '' : 's'} ${nameList(names, 3)} ${names.length === 1 ? 'does' : 'do'} not exist in ${object.namespace}${hints.length ? `; did you mean ${hints.join(', ')}?` : '.'}`,
    evidence: missing
      .slice(0, 6)
      .map((item) =>
        evidenceLine(`${item.where}: service ${item.service.name} port ${portText(item.service)}`),
      ),
    next: `list_services_from_namespace namespace=${object.namespace}; then fix the Ingress backend or deploy the Service`,
    related: names.map((name) => ({ kind: 'Service', namespace: object.namespace, name })),
  };
}

function portFinding(object: ObjectRef, bad: { backend: Backend; service: ServiceLike }[]): Finding {
  const first = bad[0] as (typeof bad)[number];
  const exposed = (first.service.spec?.ports ?? []).map((port) =>
    port.name ? `${port.port}/${port.name}` : String(port.port),
  );
  return {
    severity: 'critical',
    object,
    cause: 'IngressServicePortMissing',
    summary: `backend port ${portText(first.backend.service)} is not a port of Service ${first.backend.service.name} (it exposes ${nameList(exposed, 4) || 'none'}).`,
    evidence: bad
      .slice(0, 6)
      .map(({ backend }) =>
        evidenceLine(`${backend.where}: service ${backend.service.name} port ${portText(backend.service)}`),
      ),
    next: `kubectl get service ${first.backend.service.name} -n ${object.namespace} -o yaml; then fix the Ingress backend port`,
    related: [...new Set(bad.map(({ backend }) => backend.service.name))].map((name) => ({
      kind: 'Service',
      namespace: object.namespace,
      name,
    })),
  };
}

function backendsOf(ingress: Wire<V1Ingress>): Backend[] {
  const backends: Backend[] = [];
  const fallback = ingress.spec?.defaultBackend?.service;
  if (fallback) backends.push({ service: fallback, where: 'defaultBackend' });
  for (const rule of ingress.spec?.rules ?? []) {
    for (const path of rule.http?.paths ?? []) {
      if (path.backend.service)
        backends.push({
          service: path.backend.service,
          where: `rule ${rule.host ?? '*'} ${path.path ?? '/'}`,
        });
    }
  }
  return backends;
}

function exposes(service: ServiceLike, backend: V1IngressServiceBackend): boolean {
  const port = backend.port;
  if (!port || (port.number === undefined && port.name === undefined)) return true;
  return (service.spec?.ports ?? []).some((item) =>
    port.number !== undefined ? item.port === port.number : item.name === port.name,
  );
}

function portText(backend: V1IngressServiceBackend): string {
  return String(backend.port?.number ?? backend.port?.name ?? '?');
}
