import { loadConfig } from '../../config/load.ts';
import { parseCommand } from '../command-args.ts';
import { printJson, printLine, UsageError, type CommandIo } from '../output.ts';

/** `ringfence config check`: validates without starting; exit 1 with every problem listed. */
export function runConfig(args: readonly string[], io: CommandIo): Promise<number> {
  const { values, positionals } = parseCommand(args, {});
  if (positionals[0] !== 'check' || positionals.length !== 1) {
    throw new UsageError('usage: ringfence config check [--config FILE]');
  }
  const { config, file } = loadConfig({ file: values.config, environment: io.environment });
  const summary = {
    file: file ?? '(built-in defaults)',
    providers: Object.keys(config.providers).sort(),
    models: Object.keys(config.models).sort(),
  };
  if (values.json) printJson(io.stdout, { ok: true, ...summary });
  else {
    printLine(io.stdout, `${summary.file}: OK`);
    printLine(io.stdout, `  providers: ${summary.providers.join(', ') || 'none'}`);
    printLine(io.stdout, `  models:    ${summary.models.join(', ') || 'none'}`);
  }
  return Promise.resolve(0);
}
