/**
 * A small leveled logger passed down explicitly (never `console` scattered through modules).
 * Pretty lines on a TTY, JSON lines otherwise (AppConfig.logFormat / LOG_FORMAT overrides), so logs
 * are greppable in CI.
 */

export type LogLevel = 'debug' | 'info' | 'warn' | 'error' | 'silent';
const ORDER: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40, silent: 100 };

export interface Logger {
  debug(msg: string, fields?: Record<string, unknown>): void;
  info(msg: string, fields?: Record<string, unknown>): void;
  warn(msg: string, fields?: Record<string, unknown>): void;
  error(msg: string, fields?: Record<string, unknown>): void;
  child(bindings: Record<string, unknown>): Logger;
}

export interface LoggerOptions {
  level: LogLevel;
  format: 'pretty' | 'json';
  /** Where lines go; defaults to stderr so stdout stays clean for CLI output (eval tables, JSON). */
  write: (line: string) => void;
  bindings: Record<string, unknown>;
}

export const DEFAULT_LOGGER: LoggerOptions = {
  level: 'info',
  format: process.stderr.isTTY ? 'pretty' : 'json',
  write: (line) => process.stderr.write(line + '\n'),
  bindings: {},
};

export function createLogger(options: Partial<LoggerOptions> = {}): Logger {
  const opts: LoggerOptions = { ...DEFAULT_LOGGER, ...options };
  const threshold = ORDER[opts.level];
  const emit = (level: Exclude<LogLevel, 'silent'>, msg: string, fields?: Record<string, unknown>) => {
    if (ORDER[level] < threshold) return;
    const all = { ...opts.bindings, ...fields };
    if (opts.format === 'json') {
      opts.write(JSON.stringify({ time: new Date().toISOString(), level, msg, ...serialise(all) }));
    } else {
      const extra = Object.entries(serialise(all))
        .map(([k, v]) => `${k}=${typeof v === 'string' ? v : JSON.stringify(v)}`)
        .join(' ');
      opts.write(`${level.padEnd(5)} ${msg}${extra ? ' ' + extra : ''}`);
    }
  };
  return {
    debug: (m, f) => emit('debug', m, f),
    info: (m, f) => emit('info', m, f),
    warn: (m, f) => emit('warn', m, f),
    error: (m, f) => emit('error', m, f),
    child: (bindings) => createLogger({ ...opts, bindings: { ...opts.bindings, ...bindings } }),
  };
}

/** A logger that drops everything (tests, library use). */
export const silentLogger: Logger = createLogger({ level: 'silent' });

/** A logger that records lines in memory: lets tests assert on what was logged. */
export function memoryLogger(level: LogLevel = 'debug'): Logger & { lines: { level: string; msg: string; fields: Record<string, unknown> }[] } {
  const lines: { level: string; msg: string; fields: Record<string, unknown> }[] = [];
  const make = (bindings: Record<string, unknown>): Logger => {
    const push = (lvl: Exclude<LogLevel, 'silent'>) => (msg: string, fields?: Record<string, unknown>) => {
      if (ORDER[lvl] >= ORDER[level]) lines.push({ level: lvl, msg, fields: { ...bindings, ...fields } });
    };
    return {
      debug: push('debug'),
      info: push('info'),
      warn: push('warn'),
      error: push('error'),
      child: (b) => make({ ...bindings, ...b }),
    };
  };
  return Object.assign(make({}), { lines });
}

function serialise(fields: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(fields)) {
    out[k] = v instanceof Error ? { name: v.name, message: v.message } : v;
  }
  return out;
}
