import type { Finding } from '../finding.js';
import { conditionLine, refOf } from '../object-helpers.js';
import type { Analyzer } from '../snapshot.js';
import { evidenceLine } from '../snapshot-index.js';

const dnsNames = new Set(['coredns', 'kube-dns']);

/**
 * The cluster DNS (CoreDNS or kube-dns in kube-system) without an available replica. Ranked
 * above everything: it explains "could not resolve host" in every workload's logs at once.
 */
export const clusterDnsAnalyzer: Analyzer = {
  name: 'cluster-dns',
  analyze(snapshot) {
    const findings: Finding[] = [];
    for (const deployment of snapshot.deployments) {
      const metadata = deployment.metadata;
      if (metadata?.namespace !== 'kube-system') continue;
      if (!dnsNames.has(metadata.name ?? '') && metadata.labels?.['k8s-app'] !== 'kube-dns') continue;
      const desired = deployment.spec?.replicas ?? 1;
      const available = deployment.status?.availableReplicas ?? 0;
      const condition = deployment.status?.conditions?.find((item) => item.type === 'Available');
      if (desired > 0 && available > 0 && condition?.status !== 'False') continue;
      const object = refOf('Deployment', deployment);
      findings.push({
        severity: 'critical',
        object,
        cause: 'ClusterDNSUnavailable',
        summary:
          desired === 0
            ? `cluster DNS ${object.name} is scaled to 0: name resolution fails in every pod.`
            : `cluster DNS ${object.name} has ${available}/${desired} replicas available: name resolution fails or is degraded in every pod.`,
        evidence: [
          `replicas: ${desired} desired, ${deployment.status?.readyReplicas ?? 0} ready, ${available} available`,
          ...(condition ? [evidenceLine(conditionLine(condition))] : []),
        ],
        next:
          desired === 0
            ? `scale_deployment namespace=kube-system deployment_name=${object.name} replicas=2`
            : `get_deployment_details namespace=kube-system deployment_name=${object.name} (why its pods are not ready)`,
      });
    }
    return findings;
  },
};
