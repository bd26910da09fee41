// Load generator for `npm run bench:portal`, run as its own process so the load does not share
// an event loop with the app or the seeding. Input: one JSON argument
// { targets: [{ name, url }], cookie, connections, durationSeconds }; output: one JSON line.
import autocannon from 'autocannon';

const input = JSON.parse(process.argv[2]);

function percentile(sorted, p) {
  if (sorted.length === 0) return null;
  const i = Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1);
  return Math.round(sorted[Math.max(0, i)] * 10) / 10;
}

async function run(target) {
  const times = [];
  let non2xx = 0;
  const instance = autocannon({
    url: target.url,
    connections: input.connections,
    duration: input.durationSeconds,
    headers: { cookie: input.cookie, accept: target.url.includes('/api/') ? 'application/json' : 'text/html' },
  });
  instance.on('response', (_client, statusCode, _bytes, responseTime) => {
    times.push(responseTime);
    if (statusCode < 200 || statusCode >= 300) non2xx++;
  });
  const result = await instance;
  times.sort((a, b) => a - b);
  return {
    name: target.name,
    path: new URL(target.url).pathname + new URL(target.url).search,
    requests: times.length,
    requestsPerSecond: Math.round(result.requests.average * 10) / 10,
    non2xx,
    errors: result.errors + result.timeouts,
    latencyMs: {
      p50: percentile(times, 50),
      p95: percentile(times, 95),
      p99: percentile(times, 99),
      max: times.length ? Math.round(times[times.length - 1]) : null,
    },
  };
}

const results = [];
for (const t of input.targets) results.push(await run(t));
console.log(JSON.stringify(results));
