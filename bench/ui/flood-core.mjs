// A stand-in core for the logs-flood benchmark: one project with five services whose
// logs arrive at a fixed rate, sent as logs.batch events with the real flow control
// (at most 4 unacknowledged batches; lines wait in a backlog, as in the core's ring).
import { EventEmitter } from 'node:events';

const SERVICES = ['api', 'worker', 'db', 'cache', 'proxy'];
const project = { projectId: 'flood', name: 'flood', workingDir: '/bench/flood', configFiles: [], profiles: [], services: SERVICES, warnings: [] };

export function createFloodCore({ linesPerSecond, tickMs = 10, maxUnacked = 4, maxBatch = 5000 }) {
  const bus = new EventEmitter();
  const stats = { generated: 0, sent: 0, batches: 0, acked: 0, backlogMax: 0 };
  let subscription;
  let timer;
  let backlog = 0;
  let seq = 0;

  const line = () => {
    seq++;
    const service = SERVICES[seq % SERVICES.length];
    const level = seq % 17 === 0 ? '\u001b[31mERROR\u001b[0m' : seq % 5 === 0 ? '\u001b[33mWARN\u001b[0m' : '\u001b[32mINFO\u001b[0m';
    return { service, stream: seq % 23 === 0 ? 'stderr' : 'stdout', ts: Date.now(), text: `${level} request ${seq} handled in ${seq % 97} ms path=/api/v1/items/${seq % 1000} user=${seq % 313}` };
  };

  const pump = () => {
    if (!subscription) return;
    while (backlog > 0 && subscription.nextBatch - 1 - subscription.acked < maxUnacked) {
      const n = Math.min(backlog, maxBatch);
      backlog -= n;
      const lines = Array.from({ length: n }, line);
      stats.sent += n;
      stats.batches++;
      bus.emit('*', 'logs.batch', { subscriptionId: subscription.id, batchId: subscription.nextBatch++, lines });
    }
  };

  const start = () => {
    const perTick = (linesPerSecond * tickMs) / 1000;
    let carry = 0;
    const began = Date.now();
    let ticks = 0;
    timer = setInterval(() => {
      // Catch up on late ticks so the offered rate stays at linesPerSecond.
      const due = Math.floor((Date.now() - began) / tickMs) - ticks;
      for (let i = 0; i < due; i++) {
        ticks++;
        carry += perTick;
        const n = Math.floor(carry);
        carry -= n;
        backlog += n;
        stats.generated += n;
      }
      stats.backlogMax = Math.max(stats.backlogMax, backlog);
      pump();
    }, tickMs);
  };

  const answers = {
    'projects.list': () => [project],
    'projects.get': () => ({ ...project, model: { services: Object.fromEntries(SERVICES.map((s) => [s, { image: 'busybox:latest' }])) }, dependencies: {} }),
    'state.snapshot': () => ({
      projectId: 'flood',
      engine: 'up',
      services: SERVICES.map((service) => ({ service, state: 'running', containers: [{ id: service, name: `flood-${service}-1`, number: 1, state: 'running', startedAt: new Date().toISOString(), ports: [], image: 'busybox:latest' }] })),
    }),
    'logs.subscribe': () => {
      subscription = { id: 'flood-sub', nextBatch: 1, acked: 0 };
      return { subscriptionId: subscription.id };
    },
    'logs.ack': (input) => {
      if (subscription && input.batchId > subscription.acked) {
        stats.acked += input.batchId - subscription.acked;
        subscription.acked = input.batchId;
      }
      pump();
      return null;
    },
    'logs.unsubscribe': () => {
      subscription = undefined;
      return null;
    },
  };

  return {
    stats,
    start,
    stop: () => clearInterval(timer),
    events: { onAny: (listener) => (bus.on('*', listener), () => bus.off('*', listener)) },
    async call(name, input) {
      const answer = answers[name];
      return answer ? { ok: true, value: answer(input) } : { ok: false, error: { code: 'unknown_call', message: `The flood bench does not answer ${name}` } };
    },
  };
}
