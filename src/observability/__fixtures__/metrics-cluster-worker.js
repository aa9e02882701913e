/* global process */
// A stand-in cluster worker for cluster-metrics-ipc.test.ts, in plain
// JavaScript because workers run without the test runner's TypeScript
// transform. It speaks the metrics protocol by hand: answers `collect` with
// a one-counter snapshot worth $VALUE, asks for the merged text when told
// to, and hands the reply back to the test. It says `ready` once listening:
// messages that arrive before the listener exists are dropped.
const value = Number(process.env.VALUE);

process.on('message', (message) => {
  if (message === null || typeof message !== 'object') return;
  if (message.test === 'ask') {
    process.send({ ringfence: 'metrics', op: 'request', id: 7, timeoutMs: 5000 });
    return;
  }
  if (message.ringfence !== 'metrics') return;
  if (message.op === 'collect') {
    process.send({
      ringfence: 'metrics',
      op: 'snapshot',
      id: message.id,
      snapshot: {
        version: 1,
        metrics: [
          {
            type: 'counter',
            name: 'ringfence_test_total',
            help: 'Test.',
            labelNames: [],
            series: [{ labels: [], value }],
          },
        ],
      },
    });
  } else if (message.op === 'reply') {
    process.send({ test: 'reply', id: message.id, text: message.text });
  }
});

process.send({ test: 'ready' });
