import { describe, expect, it } from 'vitest';
import { scaleOutcomeText, scalePreview } from './scale.js';

const plan = { namespace: 'payments', name: 'checkout', context: 'prod', current: 3, target: 0, readyNow: 3 };

describe('scalePreview', () => {
  it('names the change and the context, and warns on 0 and on scale-down', () => {
    expect(scalePreview(plan)).toBe(
      'payments/checkout: 3 -> 0 replicas (context prod)\nWarning: scaling to 0 stops every pod of checkout; it serves no traffic until scaled up again.',
    );
    expect(scalePreview({ ...plan, target: 2, readyNow: 1 })).toBe(
      'payments/checkout: 3 -> 2 replicas (context prod)\nScaling down removes 1 pod(s); 1 are ready now.',
    );
    expect(scalePreview({ ...plan, target: 5 })).toBe('payments/checkout: 3 -> 5 replicas (context prod)');
  });
});

describe('scalePreview with a HorizontalPodAutoscaler', () => {
  it('warns that the HPA overrides a manual scale, naming its min and max', () => {
    const autoscalers = [{ name: 'checkout-hpa', min: 2, max: 9 }];
    expect(scalePreview({ ...plan, target: 5, autoscalers }).split('\n')).toEqual([
      'payments/checkout: 3 -> 5 replicas (context prod)',
      'Warning: HorizontalPodAutoscaler checkout-hpa (min 2, max 9) manages checkout and will override this manual scale within seconds, setting replicas back to what its metrics ask for between 2 and 9. To change the range, edit the HPA instead.',
    ]);
    expect(scaleOutcomeText('applied', { ...plan, autoscalers }, 0)).toMatch(
      / Note: HorizontalPodAutoscaler checkout-hpa will override this count within seconds\.$/,
    );
  });

  it('passes on why the HPA check could not be made', () => {
    const autoscalerNote = 'Could not check for a HorizontalPodAutoscaler on checkout: RBAC refused.';
    expect(scalePreview({ ...plan, target: 5, autoscalers: [], autoscalerNote })).toBe(
      `payments/checkout: 3 -> 5 replicas (context prod)\n${autoscalerNote}`,
    );
  });
});

describe('scaleOutcomeText', () => {
  it('says what happened, and that nothing changed when it did not', () => {
    expect(scaleOutcomeText('applied', plan, 0)).toMatch(
      /^Scaled payments\/checkout from 3 to 0 replica\(s\) \(context prod\)\./,
    );
    expect(scaleOutcomeText('declined', plan)).toContain('Nothing changed.');
    expect(scaleOutcomeText('unchanged', { ...plan, target: 3 })).toBe(
      'payments/checkout already has 3 replica(s) (context prod); nothing to change.',
    );
  });
});
