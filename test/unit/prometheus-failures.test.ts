// How HttpPrometheus tells failures apart when the Prometheus is a fetch function (no socket):
// TLS failures, each with the remedy that fixes it, and an answer too large to read, which is
// counted as it streams in and never read past the limit.
import { describe, expect, test } from 'vitest';
import { HttpPrometheus, PrometheusError } from '../../actions/src/adapters/prometheus.js';

const ADDRESS = 'https://127.0.0.1:9443';

/** What Node's fetch throws when the connection fails: TypeError('fetch failed') caused by the socket's error. */
function fetchFailed(cause: Record<string, unknown>): typeof fetch {
  return (async () => {
    throw new TypeError('fetch failed', { cause: Object.assign(new Error(String(cause.message ?? cause.code)), cause) });
  }) as typeof fetch;
}

async function failure(prometheus: HttpPrometheus): Promise<PrometheusError> {
  const error = await prometheus.query({ address: ADDRESS, query: 'up' }).then(() => undefined, (e: unknown) => e);
  expect(error).toBeInstanceOf(PrometheusError);
  return error as PrometheusError;
}

describe('TLS failures say what would fix them', () => {
  test.each([
    {
      name: 'a trusted certificate for other names (as Node reports it: code, reason, host, cert)',
      cause: {
        code: 'ERR_TLS_CERT_ALTNAME_INVALID',
        message: "Hostname/IP does not match certificate's altnames: IP: 127.0.0.1 is not in the cert's list: 10.9.9.9",
        reason: "IP: 127.0.0.1 is not in the cert's list: 10.9.9.9",
        host: '127.0.0.1',
        cert: { subjectaltname: 'DNS:prom.example, IP Address:10.9.9.9' },
      },
      message: `Could not reach Prometheus at ${ADDRESS} for the query "up": its TLS certificate does not name this host (ERR_TLS_CERT_ALTNAME_INVALID); it names DNS:prom.example, IP Address:10.9.9.9; use an address with a name the certificate names`,
    },
    {
      name: 'a certificate for other names, without the certificate at hand',
      cause: { code: 'ERR_TLS_CERT_ALTNAME_INVALID' },
      message: `Could not reach Prometheus at ${ADDRESS} for the query "up": its TLS certificate does not name this host (ERR_TLS_CERT_ALTNAME_INVALID); use an address with a name the certificate names`,
    },
    {
      name: 'an expired certificate',
      cause: { code: 'CERT_HAS_EXPIRED' },
      message: `Could not reach Prometheus at ${ADDRESS} for the query "up": its TLS certificate has expired or is not valid yet (CERT_HAS_EXPIRED); the server needs a current certificate, or this machine's clock is wrong`,
    },
    {
      name: 'a certificate not valid yet',
      cause: { code: 'CERT_NOT_YET_VALID' },
      message: `Could not reach Prometheus at ${ADDRESS} for the query "up": its TLS certificate has expired or is not valid yet (CERT_NOT_YET_VALID); the server needs a current certificate, or this machine's clock is wrong`,
    },
    {
      name: 'a self-signed certificate: its CA is what is missing',
      cause: { code: 'DEPTH_ZERO_SELF_SIGNED_CERT' },
      message: `Could not reach Prometheus at ${ADDRESS} for the query "up": its TLS certificate is not trusted here (DEPTH_ZERO_SELF_SIGNED_CERT); name the PEM file of its CA in NODE_EXTRA_CA_CERTS`,
    },
  ])('$name: not retryable', async ({ cause, message }) => {
    const error = await failure(new HttpPrometheus({ fetch: fetchFailed(cause) }));
    expect(error).toMatchObject({ kind: 'unreachable', retryable: false });
    expect(error.message).toBe(message);
  });

  test('a connection reset is a passing failure', async () => {
    const error = await failure(new HttpPrometheus({ fetch: fetchFailed({ code: 'ECONNRESET' }) }));
    expect(error).toMatchObject({ kind: 'unreachable', retryable: true });
    expect(error.message).toBe(`Could not reach Prometheus at ${ADDRESS} for the query "up" (ECONNRESET); a retry may help`);
  });
});

describe('an answer over the limit is not read past it', () => {
  const CHUNK = 64 * 1024;
  const LIMIT = 1024 * 1024;

  /**
   * A body of spaces after a JSON start, 8 times the limit (endless, as far as the limit goes; a
   * reader without one reaches the end instead of hanging), counting the bytes it hands out and
   * whether it was cancelled.
   */
  function endless(status: number): { prometheus: HttpPrometheus; pulled: () => number; cancelled: () => boolean } {
    let pulled = 0;
    let cancelled = false;
    const prometheus = new HttpPrometheus({
      maxResponseBytes: LIMIT,
      fetch: (async () => {
        const body = new ReadableStream<Uint8Array>({
          start(controller) {
            controller.enqueue(new TextEncoder().encode('{"status":"success","data":{"resultType":"vector","result":['));
          },
          pull(controller) {
            if (pulled >= 8 * LIMIT) return controller.close();
            pulled += CHUNK;
            controller.enqueue(new Uint8Array(CHUNK).fill(32));
          },
          cancel() {
            cancelled = true;
          },
        });
        return new Response(body, { status, headers: { 'content-type': 'application/json' } });
      }) as typeof fetch,
    });
    return { prometheus, pulled: () => pulled, cancelled: () => cancelled };
  }

  test.each([
    { status: 200, kind: 'response', retryable: false },
    { status: 503, kind: 'http', retryable: true },
  ])('HTTP $status: a $kind error; the body is cancelled within a few chunks of the limit', async ({ status, kind, retryable }) => {
    const { prometheus, pulled, cancelled } = endless(status);
    const error = await failure(prometheus);
    expect(error).toMatchObject({ kind, retryable, status });
    expect(cancelled()).toBe(true);
    expect(pulled()).toBeGreaterThanOrEqual(LIMIT);
    expect(pulled()).toBeLessThanOrEqual(LIMIT + 4 * CHUNK);
  });

  test('the message says the answer was too large and how to narrow the query', async () => {
    const error = await failure(endless(200).prometheus);
    expect(error.message).toBe(
      `Prometheus at ${ADDRESS} answered the query "up" with more than 1 MiB, the most Ferry reads; narrow the query (fewer series, e.g. aggregated with sum by (…); a shorter range or a longer step)`,
    );
  });
});
