import { describe, expect, it } from 'vitest';
import { createCallGate } from './call-gate.js';

const tick = (ms = 5) => new Promise((resolve) => setTimeout(resolve, ms));

describe('createCallGate', () => {
  it('runs shared calls side by side and an exclusive one alone, first come first served', async () => {
    const gate = createCallGate();
    const log: string[] = [];
    const call = (label: string, exclusive: boolean) =>
      gate.run(exclusive, async () => {
        log.push(`${label}+`);
        await tick();
        log.push(`${label}-`);
      });
    await Promise.all([call('r1', false), call('r2', false), call('w', true), call('r3', false)]);
    // Both reads overlap; the write waits for them and runs alone; the read after it waits for it.
    expect(log).toEqual(['r1+', 'r2+', 'r1-', 'r2-', 'w+', 'w-', 'r3+', 'r3-']);
  });

  it('frees the gate when a call fails', async () => {
    const gate = createCallGate();
    await expect(gate.run(true, () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    expect(await gate.run(true, async () => 'next')).toBe('next');
  });
});
