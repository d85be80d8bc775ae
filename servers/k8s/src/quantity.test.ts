import { describe, expect, it } from 'vitest';
import { cpuMillicores, memoryBytes, parseQuantity } from './quantity.js';

describe('quantities', () => {
  it('reads CPU in cores, millicores and the nanocores metrics-server writes', () => {
    expect(cpuMillicores('250m')).toBe(250);
    expect(cpuMillicores('1.5')).toBe(1_500);
    expect(cpuMillicores('12345678n')).toBe(12.345678);
    expect(cpuMillicores('120000000n')).toBe(120);
    expect(cpuMillicores(2)).toBe(2_000);
  });

  it('reads memory in binary and decimal units and exponents', () => {
    expect(memoryBytes('512Mi')).toBe(512 * 2 ** 20);
    expect(memoryBytes('20480Ki')).toBe(20 * 2 ** 20);
    expect(memoryBytes('1G')).toBe(1e9);
    expect(memoryBytes('1e9')).toBe(1e9);
    expect(memoryBytes('128974848')).toBe(128_974_848);
  });

  it('is undefined for anything that is not a quantity', () => {
    for (const bad of ['', 'lots', '1Xi', '1.2.3', undefined]) expect(parseQuantity(bad)).toBeUndefined();
  });
});
