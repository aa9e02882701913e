/**
 * The `ringfence` command line. Commands that manage state (keys, models,
 * audit) open the same store as the gateway, so their changes apply to a
 * running gateway on its next request.
 */
import { ConfigError } from '../config/load.ts';
import { runAudit } from './commands/audit.ts';
import { runConfig } from './commands/config.ts';
import { runKeys } from './commands/keys.ts';
import { runModels } from './commands/models.ts';
import { runScan } from './commands/scan.ts';
import { runServe } from './commands/serve.ts';
import { printLine, UsageError, type CommandIo } from './output.ts';

export const USAGE = `Usage: ringfence <command> [options]

Commands:
  serve [--config FILE] [--port N] [--host H] [--workers N]   start the gateway
  config check [--config FILE]                                 validate configuration
  keys create --name NAME [--models A,B] [--region R] [--rpm N] [--label K=V]… [--allow-direct]
  keys list | keys revoke ID
  models list                                                  aliases, targets, suspensions
  models suspend PATTERN --reason TEXT                         kill switch (target, model or glob)
  models resume PATTERN
  audit verify [--checkpoint SEQ:HASH]… | audit head | audit tail [-n N]
  audit query [--key ID] [--alias A] [--outcome O] [--type T] [--since T] [--until T] [--limit N]
  scan [TEXT | --file FILE] [--surface S] [--json]             run the detectors on a text (stdin by default)
  scan --jsonl [--file FILE] [--surface S]                     JSON lines {id,text,surface} in, verdicts out
                                                               scan exits 0 clean, 1 flagged; S: input|tool_output|output

Every command takes --config FILE (default: $RINGFENCE_CONFIG, else ./ringfence.yaml, else built-in defaults)
and --json for machine-readable output where it prints data.`;

export async function runCli(argv: readonly string[], io: CommandIo): Promise<number> {
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case 'serve':
        await runServe(rest, io);
        return 0;
      case 'config':
        return await runConfig(rest, io);
      case 'keys':
        return await runKeys(rest, io);
      case 'models':
        return await runModels(rest, io);
      case 'audit':
        return await runAudit(rest, io);
      case 'scan':
        return await runScan(rest, io);
      case undefined:
      case 'help':
      case '--help':
      case '-h':
        printLine(io.stdout, USAGE);
        return command === undefined ? 2 : 0;
      default:
        throw new UsageError(`unknown command "${command}"`);
    }
  } catch (error) {
    if (error instanceof UsageError) {
      printLine(io.stderr, `ringfence: ${error.message}\n\n${USAGE}`);
      return 2;
    }
    if (error instanceof ConfigError) {
      printLine(io.stderr, error.message);
      return 1;
    }
    throw error;
  }
}
