/** `ringfence keys create|list|revoke`. */
import { keyInputSchema, toNewKey } from '../../gateway/admin-inputs.ts';
import { commandConfig, parseCommand, withStore } from '../command-args.ts';
import { printJson, printLine, printTable, UsageError, type CommandIo } from '../output.ts';

export async function runKeys(args: readonly string[], io: CommandIo): Promise<number> {
  const { values, positionals } = parseCommand(args, {
    name: { type: 'string' },
    models: { type: 'string' },
    region: { type: 'string' },
    rpm: { type: 'string' },
    label: { type: 'string', multiple: true },
    'allow-direct': { type: 'boolean' },
  });
  const [action, id] = positionals;
  const config = commandConfig(values.config, io);
  switch (action) {
    case 'create': {
      const parsed = keyInputSchema.safeParse({
        name: values.name,
        ...(values.models === undefined
          ? {}
          : { models: values.models.split(',').map((model) => model.trim()) }),
        ...(values.region === undefined ? {} : { region: values.region }),
        ...(values.rpm === undefined ? {} : { rpm: Number(values.rpm) }),
        ...(values.label === undefined ? {} : { labels: parseLabels(values.label) }),
        ...(values['allow-direct'] === undefined ? {} : { allowDirect: values['allow-direct'] }),
      });
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        throw new UsageError(
          `--${String(issue?.path[0] ?? 'name')}: ${issue?.message ?? 'invalid'}`,
        );
      }
      const created = await withStore(config, async (store) => {
        const result = await store.keys.create(toNewKey(parsed.data));
        await store.audit.append({
          type: 'admin.key',
          keyId: result.record.id,
          data: { action: 'create', actor: 'cli', name: result.record.name },
        });
        return result;
      });
      if (values.json) printJson(io.stdout, { key: created.secret, record: created.record });
      else {
        printLine(io.stdout, created.secret);
        printLine(
          io.stderr,
          `Created ${created.record.id} (${created.record.name}). The key is shown once: store it now.`,
        );
      }
      return 0;
    }
    case 'list': {
      const keys = await withStore(config, (store) => store.keys.list());
      if (values.json) printJson(io.stdout, keys);
      else {
        printTable(
          io.stdout,
          ['ID', 'NAME', 'PREFIX', 'MODELS', 'REGION', 'RPM', 'STATUS'],
          keys.map((key) => [
            key.id,
            key.name,
            key.prefix,
            key.models.join(','),
            key.region || '-',
            key.rpm === undefined ? '-' : String(key.rpm),
            key.revokedAt === undefined ? 'active' : 'revoked',
          ]),
        );
      }
      return 0;
    }
    case 'revoke': {
      if (id === undefined) throw new UsageError('usage: ringfence keys revoke ID');
      const revoked = await withStore(config, async (store) => {
        const done = await store.keys.revoke(id);
        if (done)
          await store.audit.append({
            type: 'admin.key',
            keyId: id,
            data: { action: 'revoke', actor: 'cli' },
          });
        return done;
      });
      if (!revoked) {
        printLine(io.stderr, `No active key ${id}.`);
        return 1;
      }
      printLine(io.stdout, `Revoked ${id}.`);
      return 0;
    }
    default:
      throw new UsageError('usage: ringfence keys create|list|revoke');
  }
}

function parseLabels(labels: readonly string[]): Record<string, string> {
  const result: Record<string, string> = {};
  for (const label of labels) {
    const equals = label.indexOf('=');
    if (equals <= 0) throw new UsageError(`--label must be KEY=VALUE (got "${label}")`);
    result[label.slice(0, equals)] = label.slice(equals + 1);
  }
  return result;
}
