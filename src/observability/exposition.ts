/**
 * The Prometheus text exposition format, version 0.0.4:
 * https://prometheus.io/docs/instrumenting/exposition_formats/#text-based-format
 */
import type { MetricSnapshot, RegistrySnapshot } from './metric-snapshot.ts';

/** The `Content-Type` of a `/metrics` response. */
export const EXPOSITION_CONTENT_TYPE = 'text/plain; version=0.0.4; charset=utf-8';

export function renderExposition(snapshot: RegistrySnapshot): string {
  const lines: string[] = [];
  for (const metric of snapshot.metrics) renderMetric(metric, lines);
  return lines.length === 0 ? '' : `${lines.join('\n')}\n`;
}

function renderMetric(metric: MetricSnapshot, lines: string[]): void {
  lines.push(`# HELP ${metric.name} ${escapeHelp(metric.help)}`);
  lines.push(`# TYPE ${metric.name} ${metric.type}`);
  switch (metric.type) {
    case 'counter':
    case 'gauge':
      for (const series of metric.series) {
        const labels = renderLabels(metric.labelNames, series.labels);
        lines.push(`${metric.name}${labels} ${formatValue(series.value)}`);
      }
      return;
    case 'histogram':
      for (const series of metric.series) {
        let cumulative = 0;
        metric.buckets.forEach((bound, index) => {
          cumulative += series.counts[index] ?? 0;
          const labels = renderLabels(metric.labelNames, series.labels, formatValue(bound));
          lines.push(`${metric.name}_bucket${labels} ${formatValue(cumulative)}`);
        });
        // The +Inf bucket equals the total count by definition.
        const infinite = renderLabels(metric.labelNames, series.labels, '+Inf');
        lines.push(`${metric.name}_bucket${infinite} ${formatValue(series.count)}`);
        const labels = renderLabels(metric.labelNames, series.labels);
        lines.push(`${metric.name}_sum${labels} ${formatValue(series.sum)}`);
        lines.push(`${metric.name}_count${labels} ${formatValue(series.count)}`);
      }
      return;
  }
}

function renderLabels(
  names: readonly string[],
  values: readonly string[],
  upperBound?: string,
): string {
  const pairs = names.map((name, index) => `${name}="${escapeLabelValue(values[index] ?? '')}"`);
  if (upperBound !== undefined) pairs.push(`le="${upperBound}"`);
  return pairs.length === 0 ? '' : `{${pairs.join(',')}}`;
}

/** Label values escape backslash, double quote and line feed. */
export function escapeLabelValue(value: string): string {
  return value.replace(/[\\"\n]/g, (character) => LABEL_ESCAPES[character] ?? character);
}

/** HELP text escapes backslash and line feed (not double quote). */
export function escapeHelp(help: string): string {
  return help.replace(/[\\\n]/g, (character) => LABEL_ESCAPES[character] ?? character);
}

const LABEL_ESCAPES: Readonly<Record<string, string>> = { '\\': '\\\\', '"': '\\"', '\n': '\\n' };

/** Go-style float text: `NaN`, `+Inf` and `-Inf` spelled as the format requires. */
export function formatValue(value: number): string {
  if (Number.isNaN(value)) return 'NaN';
  if (value === Number.POSITIVE_INFINITY) return '+Inf';
  if (value === Number.NEGATIVE_INFINITY) return '-Inf';
  return String(value);
}
