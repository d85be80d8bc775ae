import type { JsonObject } from '../adk/types.js';

/**
 * A human's yes to one call: the model's call id, the tool and the arguments the human was shown. The
 * hub lets a mutating call through only with a voucher for exactly that call, and spends it on first
 * use, so one approval can never run a second call, another tool or other arguments.
 */
export interface WriteVoucher {
  callId: string;
  /** Exposed tool name, `<server>__<tool>`. */
  tool: string;
  args: JsonObject;
}

/** The vouchers already spent; a call id approved once runs once. */
export interface VoucherBook {
  /** Why the call may not run with this voucher, or undefined when it may (the voucher is then spent). */
  redeem(voucher: WriteVoucher | undefined, tool: string, args: JsonObject): string | undefined;
}

export function createVoucherBook(): VoucherBook {
  const spent = new Set<string>();
  return {
    redeem(voucher, tool, args) {
      if (!voucher) return "it needs a human's confirmation. Call it again to ask for one";
      if (voucher.tool !== tool) return `the confirmation given was for ${voucher.tool}, not this tool`;
      if (canonicalJson(voucher.args) !== canonicalJson(args)) {
        return 'its arguments differ from the ones the human confirmed. Call it again to ask for a new confirmation';
      }
      if (spent.has(voucher.callId)) return 'that confirmation was used already; one yes runs one call';
      spent.add(voucher.callId);
      return undefined;
    },
  };
}

/** JSON with object keys sorted at every level: equal for equal values, whatever the key order. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeys(value));
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value === null || typeof value !== 'object') return value;
  const entries = Object.entries(value as Record<string, unknown>).filter(([, item]) => item !== undefined);
  entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return Object.fromEntries(entries.map(([key, item]) => [key, sortKeys(item)]));
}
