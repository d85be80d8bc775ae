// `npm run eval -- --no-model` | `npm run eval -- --model <provider:model>` [--only word,word] [--no-write]
// Runs the incident tasks of evals/tasks and writes evals/results/. See evals/README.md.
import { loadTasks } from './load-tasks.ts';
import { noModelMain } from './no-model.ts';

interface Args {
  mode: 'no-model' | 'model';
  model?: string;
  only: string[];
  write: boolean;
}

const usage =
  'usage: npm run eval -- --no-model | --model <provider:model | scripted> [--only word,word] [--no-write]';

function parseArgs(argv: string[]): Args {
  const args: Args = { mode: 'no-model', only: [], write: true };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--no-model') args.mode = 'no-model';
    else if (arg === '--model') {
      args.mode = 'model';
      args.model = argv[++i];
      if (!args.model) throw new Error(`--model needs a value. ${usage}`);
    } else if (arg.startsWith('--model=')) {
      args.mode = 'model';
      args.model = arg.slice('--model='.length);
    } else if (arg === '--only') args.only = (argv[++i] ?? '').split(',').filter(Boolean);
    else if (arg === '--no-write') args.write = false;
    else throw new Error(`unknown argument ${arg}. ${usage}`);
  }
  return args;
}

try {
  const args = parseArgs(process.argv.slice(2));
  const tasks = loadTasks(args.only);
  if (tasks.length === 0) throw new Error(`no task matches ${args.only.join(', ')}`);
  if (args.mode === 'no-model') await noModelMain(tasks, args.write);
  else {
    const { modelMain } = await import('./with-model.ts');
    await modelMain(tasks, args.model!, args.write);
  }
  // Fakes and clients may leave sockets in keep-alive; the results are written.
  process.exit(0);
} catch (error) {
  console.error((error as Error).message);
  process.exit(2);
}
