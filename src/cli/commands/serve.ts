import { serve } from '../../main.ts';
import { createLogger } from '../../observability/logger.ts';
import { parseCommand } from '../command-args.ts';
import { UsageError, type CommandIo } from '../output.ts';

export async function runServe(args: readonly string[], io: CommandIo): Promise<void> {
  const { values } = parseCommand(args, {
    port: { type: 'string' },
    host: { type: 'string' },
    workers: { type: 'string' },
  });
  const port = optionalInteger(values.port, 'port', 0, 65_535);
  const workers = optionalInteger(values.workers, 'workers', 1, 256);
  await serve({
    configFile: values.config,
    environment: io.environment,
    makeLogger: (level) => createLogger({ level, destination: io.stderr }),
    ...(port === undefined ? {} : { port }),
    ...(workers === undefined ? {} : { workers }),
    ...(values.host === undefined ? {} : { host: values.host }),
    print: (text) => io.stdout.write(`${text}\n`),
  });
}

function optionalInteger(
  value: string | undefined,
  name: string,
  min: number,
  max: number,
): number | undefined {
  if (value === undefined) return undefined;
  const number = Number(value);
  if (!Number.isInteger(number) || number < min || number > max) {
    throw new UsageError(`--${name} must be a whole number from ${min} to ${max}`);
  }
  return number;
}
