import { describe, expect, it } from 'vitest';
import { formatHealth } from './health.js';

describe('formatHealth', () => {
  it('keeps the verdict and reasons outside the fence and the cluster messages inside', () => {
    const text = formatHealth({
      kind: 'deployment',
      namespace: 'shop',
      name: 'web',
      report: {
        verdict: 'Unhealthy',
        reasons: ['rollout stuck: Progressing=False (ProgressDeadlineExceeded)'],
        details: [
          'rollout stuck: Progressing=False (ProgressDeadlineExceeded): ReplicaSet "web-1" has timed out',
        ],
      },
      next: ['get_deployment_details web'],
    });
    const lines = text.split('\n');
    expect(lines.slice(0, 4)).toEqual([
      'deployment shop/web: Unhealthy',
      'Reasons (worst first):',
      '- rollout stuck: Progressing=False (ProgressDeadlineExceeded)',
      'What the cluster says:',
    ]);
    expect(lines[4]).toMatch(/^<untrusted-data id="\w+" source="status messages of deployment shop\/web">$/);
    expect(lines.at(-1)).toBe('Next: get_deployment_details web.');
  });

  it('has no fence and no next steps for a healthy cluster-scoped object', () => {
    const text = formatHealth({
      kind: 'node',
      namespace: undefined,
      name: 'worker-1',
      report: { verdict: 'Healthy', reasons: ['Ready=True'], details: [] },
      next: ['get_events'],
    });
    expect(text).toBe('node worker-1: Healthy\nReasons (worst first):\n- Ready=True');
  });
});
