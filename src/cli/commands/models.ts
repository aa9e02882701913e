/** `ringfence models list|suspend|resume`: the kill switch from the command line. */
import { buildCatalog } from '../../config/catalog.ts';
import { suspensionInputSchema } from '../../gateway/admin-inputs.ts';
import { compileSuspensions } from '../../routing/suspension-matcher.ts';
import { commandConfig, parseCommand, withStore } from '../command-args.ts';
import { printJson, printLine, printTable, UsageError, type CommandIo } from '../output.ts';

export async function runModels(args: readonly string[], io: CommandIo): Promise<number> {
  const { values, positionals } = parseCommand(args, { reason: { type: 'string' } });
  const [action, pattern] = positionals;
  const config = commandConfig(values.config, io);
  switch (action) {
    case 'list': {
      const suspensions = await withStore(config, (store) => store.suspensions.list());
      const matcher = compileSuspensions(suspensions);
      const catalog = buildCatalog(config, io.environment);
      const rows: string[][] = [];
      const json: Record<string, unknown[]> = {};
      for (const [alias, targets] of catalog.aliases) {
        json[alias] = targets.map((target, index) => {
          const suspension = matcher.match(target);
          rows.push([
            index === 0 ? alias : '',
            target.id,
            suspension === undefined ? 'active' : `SUSPENDED: ${suspension.reason}`,
          ]);
          return { target: target.id, suspended: suspension?.reason ?? null };
        });
      }
      if (values.json) printJson(io.stdout, { aliases: json, suspensions });
      else {
        printTable(io.stdout, ['ALIAS', 'TARGET', 'STATUS'], rows);
        printLine(io.stdout);
        printTable(
          io.stdout,
          ['SUSPENDED PATTERN', 'SOURCE', 'SINCE', 'REASON'],
          suspensions.map((suspension) => [
            suspension.pattern,
            suspension.source,
            new Date(suspension.createdAt).toISOString(),
            suspension.reason,
          ]),
        );
      }
      return 0;
    }
    case 'suspend': {
      const parsed = suspensionInputSchema.safeParse({ pattern, reason: values.reason });
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        throw new UsageError(
          `${issue?.path[0] === 'reason' ? '--reason' : 'PATTERN'} ${issue?.message ?? 'is invalid'}; usage: ringfence models suspend PATTERN --reason TEXT`,
        );
      }
      await withStore(config, async (store) => {
        await store.suspensions.suspend(parsed.data.pattern, parsed.data.reason, 'cli');
        await store.audit.append({
          type: 'admin.suspension',
          data: {
            action: 'suspend',
            actor: 'cli',
            pattern: parsed.data.pattern,
            reason: parsed.data.reason,
          },
        });
      });
      printLine(io.stdout, `Suspended ${parsed.data.pattern}: ${parsed.data.reason}`);
      return 0;
    }
    case 'resume': {
      if (pattern === undefined) throw new UsageError('usage: ringfence models resume PATTERN');
      const resumed = await withStore(config, async (store) => {
        const done = await store.suspensions.resume(pattern);
        if (done)
          await store.audit.append({
            type: 'admin.suspension',
            data: { action: 'resume', actor: 'cli', pattern },
          });
        return done;
      });
      if (!resumed) {
        printLine(io.stderr, `No admin suspension for ${pattern}.`);
        return 1;
      }
      printLine(io.stdout, `Resumed ${pattern}.`);
      return 0;
    }
    default:
      throw new UsageError('usage: ringfence models list|suspend|resume');
  }
}
