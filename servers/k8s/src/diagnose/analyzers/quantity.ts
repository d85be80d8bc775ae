/** Bytes in a Kubernetes memory quantity ("256Mi", "1G", "128974848", "1e9"); undefined when unreadable. */
export function memoryBytes(quantity: string | undefined): number | undefined {
  if (!quantity) return undefined;
  const match = /^([0-9.]+(?:e[0-9]+)?)(Ki|Mi|Gi|Ti|Pi|Ei|k|K|M|G|T|P|E|m)?$/.exec(quantity.trim());
  if (!match) return undefined;
  const factors: Record<string, number> = {
    Ki: 2 ** 10,
    Mi: 2 ** 20,
    Gi: 2 ** 30,
    Ti: 2 ** 40,
    Pi: 2 ** 50,
    Ei: 2 ** 60,
    k: 1e3,
    K: 1e3,
    M: 1e6,
    G: 1e9,
    T: 1e12,
    P: 1e15,
    E: 1e18,
    m: 1e-3,
  };
  return Number(match[1]) * (match[2] ? (factors[match[2]] ?? 1) : 1);
}

export function formatMi(bytes: number): string {
  return `${Math.round(bytes / 2 ** 20)}Mi`;
}
