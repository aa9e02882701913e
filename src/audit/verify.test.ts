import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import type { AuditHead } from './audit-head.ts';
import { chainHash, GENESIS_HASH } from './hash-chain.ts';
import type { ChainRow } from './hash-chain.ts';
import { verifyAuditChain } from './verify.ts';

function buildChain(count: number): ChainRow[] {
  const rows: ChainRow[] = [];
  let prevHash = GENESIS_HASH;
  for (let seq = 1; seq <= count; seq++) {
    const content = {
      seq,
      ts: 1_000 + seq,
      type: seq % 2 === 0 ? 'request.outcome' : 'request.intent',
      requestId: `req_${Math.ceil(seq / 2)}`,
      keyId: 'key_1',
      alias: undefined,
      outcome: seq % 2 === 0 ? 'complete' : undefined,
      dataJson: `{"n":${seq}}`,
    };
    const hash = chainHash(prevHash, content);
    rows.push({ ...content, prevHash, hash });
    prevHash = hash;
  }
  return rows;
}

function headOf(rows: readonly ChainRow[]): AuditHead {
  const last = rows.at(-1);
  return last === undefined ? { seq: 0, hash: GENESIS_HASH } : { seq: last.seq, hash: last.hash };
}

function kinds(report: ReturnType<typeof verifyAuditChain>): string[] {
  return report.problems.map((problem) => `${problem.kind}@${problem.seq}`);
}

/** Moves the content of `from` to position `to`, keeping the hash columns where they are. */
function withContentOf(target: ChainRow, source: ChainRow): ChainRow {
  return { ...source, seq: target.seq, prevHash: target.prevHash, hash: target.hash };
}

describe('verifyAuditChain', () => {
  it('accepts an intact chain and an empty one', () => {
    const rows = buildChain(20);
    expect(verifyAuditChain(rows, headOf(rows))).toEqual({
      ok: true,
      entries: 20,
      headSeq: 20,
      problems: [],
    });
    expect(verifyAuditChain([], headOf([])).ok).toBe(true);
  });

  it('reports an entry whose data was edited, and only that entry', () => {
    const rows = buildChain(10);
    const original = rows[4] as ChainRow;
    rows[4] = { ...original, dataJson: '{"n":999}' };
    expect(kinds(verifyAuditChain(rows, headOf(buildChain(10))))).toEqual(['edited@5']);
  });

  it('reports an edit whose hash was recomputed as a broken link at the next entry', () => {
    const rows = buildChain(10);
    const original = rows[4] as ChainRow;
    const edited = { ...original, dataJson: '{"n":999}' };
    rows[4] = { ...edited, hash: chainHash(edited.prevHash, edited) };
    expect(kinds(verifyAuditChain(rows, headOf(buildChain(10))))).toEqual(['broken-link@6']);
  });

  it('reports a deleted middle entry and a deleted range at their first seq', () => {
    const rows = buildChain(12);
    const anchor = headOf(rows);
    const remaining = rows.filter((row) => row.seq !== 4 && (row.seq < 8 || row.seq > 10));
    const report = verifyAuditChain(remaining, anchor);
    expect(kinds(report)).toEqual(['deleted@4', 'deleted@8']);
    expect(report.problems[1]?.detail).toBe('entries 8..10 are missing');
  });

  it('reports deleted first entries', () => {
    const rows = buildChain(5);
    expect(kinds(verifyAuditChain(rows.slice(2), headOf(rows)))).toEqual(['deleted@1']);
  });

  it('reports two whole rows swapped as reordered at both positions, with no other problem', () => {
    const rows = buildChain(10);
    const anchor = headOf(rows);
    const third = rows[2] as ChainRow;
    const seventh = rows[6] as ChainRow;
    rows[2] = { ...seventh, seq: 3 };
    rows[6] = { ...third, seq: 7 };
    const report = verifyAuditChain(rows, anchor);
    expect(kinds(report)).toEqual(['reordered@3', 'reordered@7']);
    expect(report.problems[0]?.detail).toBe('entry 7 was found at seq 3');
  });

  it('reports adjacent rows swapped as reordered', () => {
    const rows = buildChain(6);
    const anchor = headOf(rows);
    const [second, third] = [rows[1] as ChainRow, rows[2] as ChainRow];
    rows[1] = { ...third, seq: 2 };
    rows[2] = { ...second, seq: 3 };
    expect(kinds(verifyAuditChain(rows, anchor))).toEqual(['reordered@2', 'reordered@3']);
  });

  it('reports the first and last rows swapped as reordered, the anchor included', () => {
    const rows = buildChain(5);
    const anchor = headOf(rows);
    const [first, last] = [rows[0] as ChainRow, rows[4] as ChainRow];
    rows[0] = { ...last, seq: 1 };
    rows[4] = { ...first, seq: 5 };
    expect(kinds(verifyAuditChain(rows, anchor))).toEqual(['reordered@1', 'reordered@5']);
  });

  it('reports a block of rows rotated by one as reordered at every moved position', () => {
    const rows = buildChain(12);
    const anchor = headOf(rows);
    const block = rows.slice(3, 8); // seqs 4..8
    const rotated = [...block.slice(1), block[0] as ChainRow];
    rotated.forEach((row, offset) => (rows[3 + offset] = { ...row, seq: 4 + offset }));
    expect(kinds(verifyAuditChain(rows, anchor))).toEqual([
      'reordered@4',
      'reordered@5',
      'reordered@6',
      'reordered@7',
      'reordered@8',
    ]);
  });

  it('reports swapped contents with the hash columns left in place as reordered', () => {
    const rows = buildChain(8);
    const anchor = headOf(rows);
    const [second, sixth] = [rows[1] as ChainRow, rows[5] as ChainRow];
    rows[1] = withContentOf(second, sixth);
    rows[5] = withContentOf(sixth, second);
    const report = verifyAuditChain(rows, anchor);
    expect(kinds(report)).toEqual(['reordered@2', 'reordered@6']);
    expect(report.problems[0]?.detail).toBe('the content of entry 6 was found at seq 2');
  });

  it('reports data swapped without the timestamps as edits, since no entry is intact', () => {
    const rows = buildChain(8);
    const anchor = headOf(rows);
    const [second, sixth] = [rows[1] as ChainRow, rows[5] as ChainRow];
    rows[1] = { ...second, dataJson: sixth.dataJson };
    rows[5] = { ...sixth, dataJson: second.dataJson };
    expect(kinds(verifyAuditChain(rows, anchor))).toEqual(['edited@2', 'edited@6']);
  });

  it('reports entries deleted from the end as truncated, using the anchor', () => {
    const rows = buildChain(10);
    const report = verifyAuditChain(rows.slice(0, 7), headOf(rows));
    expect(kinds(report)).toEqual(['truncated@8']);
    expect(report.problems[0]?.detail).toBe(
      'entries 8..10 are missing at the end (head anchor at 10)',
    );
    expect(report.headSeq).toBe(10);
  });

  it('reports a log emptied behind the anchor as truncated from seq 1', () => {
    const rows = buildChain(3);
    expect(kinds(verifyAuditChain([], headOf(rows)))).toEqual(['truncated@1']);
  });

  it('reports a rewritten end of the log against the anchor', () => {
    const rows = buildChain(5);
    const anchor = headOf(rows);
    const last = rows[4] as ChainRow;
    const forged = { ...last, dataJson: '{"forged":true}' };
    rows[4] = { ...forged, hash: chainHash(forged.prevHash, forged) };
    expect(kinds(verifyAuditChain(rows, anchor))).toEqual(['broken-link@5']);
  });

  it('reports entries beyond the anchor and a missing anchor', () => {
    const rows = buildChain(6);
    expect(kinds(verifyAuditChain(rows, headOf(rows.slice(0, 4))))).toEqual(['broken-link@5']);
    expect(kinds(verifyAuditChain(rows, undefined))).toEqual(['broken-link@6']);
  });

  it('catches a fully rewritten log only with an external checkpoint', () => {
    const original = buildChain(6);
    const checkpoint = { seq: 4, hash: (original[3] as ChainRow).hash };
    // Rebuild the whole chain with different data, anchor included: internally consistent.
    const forged: ChainRow[] = [];
    let prevHash = GENESIS_HASH;
    for (const row of original) {
      const content = { ...row, prevHash, dataJson: row.seq === 2 ? '{"n":0}' : row.dataJson };
      const hash = chainHash(prevHash, content);
      forged.push({ ...content, hash });
      prevHash = hash;
    }
    expect(verifyAuditChain(forged, headOf(forged)).ok).toBe(true);
    expect(kinds(verifyAuditChain(forged, headOf(forged), { checkpoints: [checkpoint] }))).toEqual([
      'edited@4',
    ]);
    const beyond = { seq: 9, hash: 'a'.repeat(64) };
    expect(kinds(verifyAuditChain(original, headOf(original), { checkpoints: [beyond] }))).toEqual([
      'truncated@9',
    ]);
  });

  it('reads rows from any iterable, one at a time', () => {
    const rows = buildChain(50);
    function* stream(): Generator<ChainRow> {
      yield* rows;
    }
    expect(verifyAuditChain(stream(), headOf(rows)).entries).toBe(50);
  });

  it('classifies any single swap, edit or deletion precisely', () => {
    const chain = fc
      .integer({ min: 3, max: 30 })
      .chain((count) =>
        fc.tuple(
          fc.constant(count),
          fc.integer({ min: 1, max: count }),
          fc.integer({ min: 1, max: count }),
        ),
      );
    fc.assert(
      fc.property(chain, ([count, first, second]) => {
        const rows = buildChain(count);
        const anchor = headOf(rows);
        const [low, high] = [Math.min(first, second), Math.max(first, second)];
        if (low !== high) {
          const swapped = [...rows];
          swapped[low - 1] = { ...(rows[high - 1] as ChainRow), seq: low };
          swapped[high - 1] = { ...(rows[low - 1] as ChainRow), seq: high };
          expect(kinds(verifyAuditChain(swapped, anchor))).toEqual([
            `reordered@${low}`,
            `reordered@${high}`,
          ]);
        }
        const edited = rows.map((row) => (row.seq === low ? { ...row, dataJson: '{}' } : row));
        expect(kinds(verifyAuditChain(edited, anchor))).toEqual([`edited@${low}`]);
        const deleted = rows.filter((row) => row.seq !== low);
        expect(kinds(verifyAuditChain(deleted, anchor))).toEqual([
          low === count ? `truncated@${low}` : `deleted@${low}`,
        ]);
      }),
      { numRuns: 150 },
    );
  });

  it('caps the problems listed but still reports failure', () => {
    const rows = buildChain(30).map((row) => ({ ...row, dataJson: '{}' }));
    const report = verifyAuditChain(rows, headOf(buildChain(30)), { maxProblems: 5 });
    expect(report.ok).toBe(false);
    expect(report.problems).toHaveLength(5);
  });
});
