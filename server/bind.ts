/**
 * Where the server may listen. Loopback (127.0.0.1, the default) is reachable from this machine
 * only. Any other address exposes upload and delete to the network, so without API_KEY the start
 * is refused with one line saying how to proceed, unless the operator explicitly accepts it.
 */
import { isLoopbackHost } from '../core/cidr.js';
import type { AppConfig } from '../core/config.js';
import { AppError } from '../core/errors.js';

export function checkBindAddress(config: Pick<AppConfig, 'host' | 'apiKey' | 'allowRemoteWithoutKey'>): void {
  if (isLoopbackHost(config.host) || config.apiKey || config.allowRemoteWithoutKey) return;
  throw new AppError(
    'INSECURE_BIND',
    `Refusing to listen on ${config.host} without API_KEY (anyone on the network could upload and delete documents): set API_KEY=<secret>, or HOST=127.0.0.1, or ALLOW_REMOTE_WITHOUT_KEY=true to accept that.`,
  );
}
