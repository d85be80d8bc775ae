import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createMcpServer } from '../create-mcp-server.js';
import { defineTool } from '../tool.js';
import { ToolError } from '../tool-error.js';
import { UsageError } from './cli-args.js';
import { runToolCommand, type ToolCommandIo } from './tool-command.js';

const readOnly = { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false };

const listPods = defineTool({
  name: 'list_pods',
  description: 'Lists pods. More words here.',
  input: {
    namespace: z.string().describe('namespace'),
    limit: z.number().int().min(1).max(50).optional().describe('at most this many'),
    wide: z.boolean().optional().describe('more columns'),
    labels: z.array(z.string()).optional().describe('label selectors'),
    output: z.enum(['text', 'json']).optional().describe('text or json'),
  },
  annotations: { title: 'List pods', ...readOnly },
  async handler(args) {
    if (args.namespace === 'nope')
      throw new ToolError('Namespace "nope" not found.', 'Call list_namespaces.');
    const seen = { namespace: args.namespace, limit: args.limit, wide: args.wide, labels: args.labels };
    return args.output === 'json'
      ? { json: seen }
      : { text: `pods in ${args.namespace}: ${JSON.stringify(seen)}` };
  },
});

let replicas = 1;
const scale = defineTool({
  name: 'scale_thing',
  description: 'Scales, after asking',
  input: { replicas: z.number().int().describe('replicas') },
  annotations: {
    title: 'Scale',
    readOnlyHint: false,
    destructiveHint: true,
    idempotentHint: true,
    openWorldHint: false,
  },
  async handler(args, context) {
    const outcome = await context.confirm(`thing: ${replicas} -> ${args.replicas} replicas`);
    context.audit({
      target: 'thing',
      arguments: args,
      outcome: outcome === 'confirmed' ? 'applied' : 'declined',
    });
    if (outcome !== 'confirmed' && outcome !== 'not-required') {
      throw new ToolError(`Not applied (${outcome}).`, 'Ask a human to approve it.');
    }
    replicas = args.replicas;
    return { text: `thing scaled to ${replicas}` };
  },
});

async function run(argv: string[], options: { env?: Record<string, string>; answer?: boolean } = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const audit: string[] = [];
  const asked: string[] = [];
  const io: ToolCommandIo = {
    stdout: (text) => out.push(text),
    stderr: (text) => err.push(text),
    ask:
      options.answer === undefined
        ? undefined
        : async (message) => {
            asked.push(message);
            return options.answer === true;
          },
    user: 'alice',
  };
  const code = await runToolCommand({
    name: 'sre-test-mcp',
    version: '9.9.9',
    argv,
    env: options.env ?? {},
    io,
    setup:
      ({ config, logger }) =>
      () =>
        createMcpServer({
          name: 'sre-test-mcp',
          version: '9.9.9',
          instructions: 'test',
          tools: [listPods, scale],
          config,
          logger,
          writeAudit: (line) => audit.push(line),
        }),
  }).catch((error: unknown) => {
    if (error instanceof UsageError) return { usage: error.message };
    throw error;
  });
  return { code, stdout: out.join(''), stderr: err.join(''), audit, asked };
}

describe('call', () => {
  it('reads --arg values as the schema wants them and prints the text', async () => {
    const result = await run([
      'call',
      'list_pods',
      '--arg',
      'namespace=shop',
      '--arg',
      'limit=5',
      '--arg',
      'wide=true',
      '--arg',
      'labels=app=web,tier=front',
    ]);
    expect(result.code).toBe(0);
    expect(result.stdout).toBe(
      'pods in shop: {"namespace":"shop","limit":5,"wide":true,"labels":["app=web","tier=front"]}\n',
    );
  });

  it('takes --json, with --arg winning, and a JSON array for a list', async () => {
    const result = await run([
      'call',
      'list_pods',
      '--json',
      '{"namespace":"a","limit":2}',
      '--arg',
      'namespace=b',
      '--arg',
      'labels=["x,y"]',
    ]);
    expect(result.stdout).toContain('"namespace":"b","limit":2');
    expect(result.stdout).toContain('"labels":["x,y"]');
  });

  it('--output json asks the tool for its JSON form and prints one parseable document', async () => {
    const result = await run(['call', 'list_pods', '--arg', 'namespace=shop', '--output', 'json']);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual({ namespace: 'shop' });
  });

  it('exits 1 with the text on stderr when the tool reports an error, and when validation fails', async () => {
    const missing = await run(['call', 'list_pods', '--arg', 'namespace=nope']);
    expect(missing).toMatchObject({ code: 1, stdout: '' });
    expect(missing.stderr).toContain('Namespace "nope" not found');
    const invalid = await run(['call', 'list_pods', '--arg', 'namespace=a', '--arg', 'limit=500']);
    expect(invalid.code).toBe(1);
    expect(invalid.stderr).toMatch(/limit/);
  });

  it('bad usage names the closest tool or argument and the right form', async () => {
    expect((await run(['call', 'list_pod'])).code).toEqual({
      usage: expect.stringContaining('did you mean "list_pods"'),
    });
    expect((await run(['call', 'list_pods', '--arg', 'namespace'])).code).toEqual({
      usage: expect.stringContaining('--arg takes key=value'),
    });
    expect((await run(['call', 'list_pods', '--arg', 'namspace=a'])).code).toEqual({
      usage: expect.stringContaining('did you mean "namespace"'),
    });
    expect((await run(['call', 'list_pods', '--arg', 'namespace=a', '--arg', 'limit=many'])).code).toEqual({
      usage: expect.stringContaining('"limit" wants a number'),
    });
    expect((await run(['call', 'scale_thing'])).code).toEqual({
      usage: expect.stringContaining('offered only with writes enabled'),
    });
  });
});

describe('writes from the shell', () => {
  it('asks on the terminal; yes applies and is audited as the CLI user', async () => {
    replicas = 1;
    const result = await run(['call', 'scale_thing', '--allow-writes', '--arg', 'replicas=3'], {
      answer: true,
    });
    expect(result).toMatchObject({
      code: 0,
      stdout: 'thing scaled to 3\n',
      asked: ['thing: 1 -> 3 replicas'],
    });
    expect(JSON.parse(result.audit[0] ?? '{}').audit).toMatchObject({
      client: 'cli:alice/9.9.9',
      outcome: 'applied',
    });
  });

  it('no applies nothing', async () => {
    replicas = 1;
    const result = await run(['call', 'scale_thing', '--allow-writes', '--arg', 'replicas=3'], {
      answer: false,
    });
    expect(result.code).toBe(1);
    expect(replicas).toBe(1);
  });

  it('without a terminal it refuses unless --yes, and --yes needs writes enabled', async () => {
    replicas = 1;
    const refused = await run(['call', 'scale_thing', '--allow-writes', '--arg', 'replicas=3']);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('add --yes');
    expect(replicas).toBe(1);
    const approved = await run(['call', 'scale_thing', '--allow-writes', '--yes', '--arg', 'replicas=4']);
    expect(approved.code).toBe(0);
    expect(replicas).toBe(4);
    expect(approved.stderr).toContain('approved by --yes');
    expect((await run(['call', 'scale_thing', '--yes', '--arg', 'replicas=5'])).code).toEqual({
      usage: expect.stringContaining('add --allow-writes'),
    });
  });
});

describe('tools', () => {
  it('lists one line per tool and says how many write tools are hidden', async () => {
    const hidden = await run(['tools']);
    expect(hidden.stdout).toBe('list_pods  List pods\n');
    expect(hidden.stderr).toContain('1 tool(s) that change things are hidden');
    const all = await run(['tools'], { env: { SRE_ALLOW_WRITES: 'true' } });
    expect(all.stdout).toBe('list_pods    List pods\nscale_thing  [write] Scale\n');
    expect(all.stderr).toBe('');
  });
});
