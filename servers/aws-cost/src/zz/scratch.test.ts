import { it } from 'vitest';
import { startCostHarness } from '../../../../test/fakes/cost-explorer/mcp-harness.ts';

it('prints', async () => {
  const h = await startCostHarness();
  const calls: [string, Record<string, unknown>][] = JSON.parse(process.env.CALLS ?? '[]');
  for (const [name, args] of calls) {
    const out = await h.call(name, args);
    console.log(
      `\n##### ${name} ${JSON.stringify(args)} isError=${out.isError} bytes=${out.text.length} images=${out.images.length}\n${out.text}`,
    );
  }
  await h.close();
});
