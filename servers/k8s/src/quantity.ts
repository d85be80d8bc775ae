/**
 * Kubernetes resource quantities ("250m", "1.5", "2Gi", "128974848", "1e9"), and what
 * metrics-server writes ("1234567n" nanocores, "20480Ki").
 */
const suffixes: Record<string, number> = {
  n: 1e-9,
  u: 1e-6,
  m: 1e-3,
  '': 1,
  k: 1e3,
  K: 1e3,
  M: 1e6,
  G: 1e9,
  T: 1e12,
  P: 1e15,
  E: 1e18,
  Ki: 2 ** 10,
  Mi: 2 ** 20,
  Gi: 2 ** 30,
  Ti: 2 ** 40,
  Pi: 2 ** 50,
  Ei: 2 ** 60,
};

/** The quantity as a plain number (cores, bytes); undefined when it is not a quantity. */
export function parseQuantity(quantity: string | number | undefined): number | undefined {
  if (typeof quantity === 'number') return quantity;
  const match = /^([+-]?[0-9.]+(?:[eE][+-]?[0-9]+)?)(n|u|m|k|K|M|G|T|P|E|Ki|Mi|Gi|Ti|Pi|Ei)?$/.exec(
    quantity?.trim() ?? '',
  );
  if (!match) return undefined;
  const value = Number(match[1]);
  const factor = suffixes[match[2] ?? ''];
  return Number.isFinite(value) && factor !== undefined ? value * factor : undefined;
}

export function cpuMillicores(quantity: string | number | undefined): number | undefined {
  const cores = parseQuantity(quantity);
  // Nanocore precision, as the API has, so 120000000n is 120m and not 120.00000000000001m.
  return cores === undefined ? undefined : Math.round(cores * 1e9) / 1e6;
}

export function memoryBytes(quantity: string | number | undefined): number | undefined {
  return parseQuantity(quantity);
}

export function formatMi(bytes: number): string {
  return `${Math.round(bytes / 2 ** 20)}Mi`;
}
