// servers/lazy-ajv-plugin.ts swaps the MCP SDK's Ajv validator for a stand-in that loads Ajv at its
// first use: bundled, the validator must answer exactly as the SDK's own does, both when our code
// makes one and when the SDK's Server falls back to its default.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { AjvJsonSchemaValidator } from '@modelcontextprotocol/sdk/validation/ajv';
import { build } from 'esbuild';
import { afterAll, describe, expect, it } from 'vitest';
import { lazyAjv } from '../servers/lazy-ajv-plugin.ts';

const schema = {
  type: 'object',
  properties: { confirm: { type: 'boolean' }, at: { type: 'string', format: 'date-time' } },
  required: ['confirm'],
} as const;
const answers = [{ confirm: true }, { confirm: 'yes' }, { confirm: true, at: 'noon' }, {}];

const scratch = mkdtempSync(join(tmpdir(), 'lazy-ajv-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('the lazy Ajv stand-in in the server bundles', () => {
  it('validates elicitation answers as the SDK does, made directly or as the Server default', async () => {
    const outfile = join(scratch, 'check.mjs');
    await build({
      stdin: {
        contents: `
          import { AjvJsonSchemaValidator } from '@modelcontextprotocol/sdk/validation/ajv';
          import { Server } from '@modelcontextprotocol/sdk/server/index.js';
          const schema = ${JSON.stringify(schema)};
          const answers = ${JSON.stringify(answers)};
          const direct = new AjvJsonSchemaValidator().getValidator(schema);
          const fallback = new Server({ name: 'x', version: '1' })._jsonSchemaValidator.getValidator(schema);
          process.stdout.write(JSON.stringify([answers.map(direct), answers.map(fallback)]));
        `,
        resolveDir: fileURLToPath(new URL('..', import.meta.url)),
        loader: 'js',
      },
      outfile,
      bundle: true,
      platform: 'node',
      format: 'esm',
      conditions: ['module'],
      mainFields: ['module', 'main'],
      logLevel: 'silent',
      plugins: [lazyAjv],
      banner: {
        js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);",
      },
    });
    const bundled = JSON.parse(execFileSync(process.execPath, [outfile], { encoding: 'utf8' }));
    const expected = answers.map(new AjvJsonSchemaValidator().getValidator(schema));
    expect(expected.map((result) => result.valid)).toEqual([true, false, false, false]);
    expect(bundled).toEqual([expected, expected]);
  });
});
