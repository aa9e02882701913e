/**
 * Server-Sent Events serialisation. `data` must not contain CR or LF when
 * written as one line; JSON text never does (JSON.stringify escapes them).
 */
export function sseData(data: string): string {
  return `data: ${data}\n\n`;
}

export function sseEvent(event: string, data: string): string {
  return `event: ${event}\ndata: ${data}\n\n`;
}
