/** What an AWS answer must contain: literal text, or an amount summed from the fake's own ledger. */
import { type CostExplorerFake, sumLedger } from '../../../test/fakes/cost-explorer/index.ts';
import type { ExpectedValue } from '../task.ts';

/** `$1,234.56` or `$1,235`, from micro-dollars. */
function dollars(micros: number, whole: boolean): string {
  const value = micros / 1e6;
  return `$${value.toLocaleString('en-US', { minimumFractionDigits: whole ? 0 : 2, maximumFractionDigits: whole ? 0 : 2 })}`;
}

export function expectedText(
  value: Exclude<ExpectedValue, { pattern: string }>,
  fake: CostExplorerFake,
): string {
  if (typeof value === 'string') return value;
  const { start, end, service, untagged } = value.ledger;
  const micros = sumLedger(fake.ledger, {
    start,
    end,
    where: (row) => (!service || row.item.service === service) && (!untagged || !row.item.tags[untagged]),
  });
  return dollars(micros, value.format === 'whole-dollars');
}

/** The expected values `text` lacks, each described. */
export function missingValues(text: string, values: ExpectedValue[], fake: CostExplorerFake): string[] {
  return values.flatMap((value) => {
    if (typeof value === 'object' && 'pattern' in value) {
      return new RegExp(value.pattern, 'im').test(text) ? [] : [`/${value.pattern}/`];
    }
    const wanted = expectedText(value, fake);
    return text.toLowerCase().includes(wanted.toLowerCase()) ? [] : [wanted];
  });
}
