/** `ringfence audit verify|head|tail|query`: read and check the audit log. */
import { formatAuditHead, parseAuditHead } from '../../audit/audit-head.ts';
import type { AuditEntry, AuditQuery } from '../../store/types.ts';
import { commandConfig, parseCommand, withStore } from '../command-args.ts';
import { printJson, printLine, UsageError, type CommandIo } from '../output.ts';

export async function runAudit(args: readonly string[], io: CommandIo): Promise<number> {
  const { values, positionals } = parseCommand(args, {
    n: { type: 'string', short: 'n' },
    key: { type: 'string' },
    alias: { type: 'string' },
    outcome: { type: 'string' },
    type: { type: 'string' },
    request: { type: 'string' },
    since: { type: 'string' },
    until: { type: 'string' },
    limit: { type: 'string' },
    checkpoint: { type: 'string', multiple: true },
  });
  const config = commandConfig(values.config, io);
  switch (positionals[0]) {
    case 'verify': {
      const checkpoints = (values.checkpoint ?? []).map((text) => {
        const head = parseAuditHead(text);
        if (head === undefined)
          throw new UsageError(
            `--checkpoint must be SEQ:HASH as printed by "audit head" (got "${text}")`,
          );
        return head;
      });
      const report = await withStore(config, (store) => store.audit.verify({ checkpoints }));
      if (values.json) printJson(io.stdout, report);
      else if (report.ok) {
        printLine(
          io.stdout,
          `OK: ${report.entries} entries, chain intact up to #${report.headSeq}.`,
        );
      } else {
        printLine(
          io.stdout,
          `TAMPERED: ${report.problems.length} problem(s) in ${report.entries} entries:`,
        );
        for (const problem of report.problems) {
          printLine(io.stdout, `  #${problem.seq} ${problem.kind}: ${problem.detail}`);
        }
      }
      return report.ok ? 0 : 1;
    }
    case 'head': {
      // The chain head anchor: record it outside this machine; later,
      // `audit verify --checkpoint SEQ:HASH` proves the log was not rewritten since.
      const head = await withStore(config, (store) => store.audit.head());
      if (values.json) printJson(io.stdout, head);
      else printLine(io.stdout, formatAuditHead(head));
      return 0;
    }
    case 'tail':
    case 'query': {
      const query: AuditQuery = {
        ...(values.key === undefined ? {} : { keyId: values.key }),
        ...(values.alias === undefined ? {} : { alias: values.alias }),
        ...(values.outcome === undefined ? {} : { outcome: values.outcome }),
        ...(values.type === undefined ? {} : { type: values.type }),
        ...(values.request === undefined ? {} : { requestId: values.request }),
        ...(values.since === undefined ? {} : { since: parseTime(values.since, 'since') }),
        ...(values.until === undefined ? {} : { until: parseTime(values.until, 'until') }),
        newestFirst: true,
        limit: parseCount(values.n ?? values.limit ?? (positionals[0] === 'tail' ? '20' : '100')),
      };
      const entries = await withStore(config, (store) => store.audit.query(query));
      // Oldest first on screen, like `tail`.
      const ordered = [...entries].reverse();
      if (values.json) printJson(io.stdout, ordered);
      else for (const entry of ordered) printLine(io.stdout, formatEntry(entry));
      return 0;
    }
    default:
      throw new UsageError('usage: ringfence audit verify|head|tail|query');
  }
}

function formatEntry(entry: AuditEntry): string {
  const parts = [
    `#${entry.seq}`,
    new Date(entry.ts).toISOString(),
    entry.type,
    entry.requestId ?? '-',
    `key=${entry.keyId ?? '-'}`,
    `model=${entry.alias ?? '-'}`,
  ];
  if (entry.outcome !== undefined) parts.push(`outcome=${entry.outcome}`);
  const status = entry.data['status'];
  if (typeof status === 'number') parts.push(`status=${status}`);
  const target = entry.data['target'];
  if (typeof target === 'string') parts.push(`target=${target}`);
  return parts.join(' ');
}

/** ISO 8601 or milliseconds since the epoch. */
function parseTime(value: string, name: string): number {
  const number = /^\d{1,16}$/.test(value) ? Number(value) : Date.parse(value);
  if (!Number.isFinite(number))
    throw new UsageError(`--${name} must be an ISO time or epoch milliseconds`);
  return number;
}

function parseCount(value: string): number {
  const number = Number(value);
  if (!Number.isInteger(number) || number < 1 || number > 100_000) {
    throw new UsageError('the count must be a whole number from 1 to 100000');
  }
  return number;
}
