/**
 * Who is asking, for conversations: the client id the chat page sends (`X-Client-Id`, a random
 * id it keeps in the browser) and the network address (client-ip.ts, trusted proxies only). A
 * malformed id is refused rather than ignored, so a client never silently loses its list.
 */
import type { Context } from 'hono';
import { CLIENT_ID_PATTERN, type ClientRef } from '../answer/index.js';
import { AppError } from '../core/errors.js';
import { clientIp } from './middleware/client-ip.js';
import type { AppEnv } from './types.js';

export const CLIENT_ID_HEADER = 'X-Client-Id';

export function clientOf(c: Context<AppEnv>): ClientRef {
  const raw = c.req.header(CLIENT_ID_HEADER);
  const address = clientIp(c, { trustProxy: c.var.deps.config.trustProxy });
  if (raw === undefined || raw === '') return { id: null, address };
  if (!CLIENT_ID_PATTERN.test(raw)) throw new AppError('CLIENT_ID_REQUIRED', `${CLIENT_ID_HEADER} must be 16 to 64 letters, digits, "-" or "_".`);
  return { id: raw, address };
}

/** The conversation routes need an identified client. */
export function identifiedClient(c: Context<AppEnv>): ClientRef {
  const client = clientOf(c);
  if (!client.id) throw new AppError('CLIENT_ID_REQUIRED', `Conversations belong to a client: send the ${CLIENT_ID_HEADER} header.`);
  return client;
}
