import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { memoryLogger } from '../../core/logger.js';
import { createProgress } from '../../ingest/progress.js';

describe('progress reporter without a TTY: log lines', () => {
  it('logs start, every 10 %, and done', () => {
    const logger = memoryLogger();
    const p = createProgress({ logger, stream: new PassThrough(), tty: 'auto' });
    p.start(20, 'ingest');
    for (let i = 0; i < 20; i++) p.increment(1, `doc${i}.txt`);
    p.stop();
    const msgs = logger.lines.map((l) => l.msg);
    expect(msgs[0]).toBe('ingest: starting');
    expect(msgs[msgs.length - 1]).toBe('ingest: done');
    const steps = logger.lines.filter((l) => l.msg === 'ingest').map((l) => l.fields['percent']);
    expect(steps).toEqual([10, 20, 30, 40, 50, 60, 70, 80, 90, 100]);
    expect(logger.lines[1]?.fields).toMatchObject({ done: 2, total: 20, detail: 'doc1.txt' });
  });

  it('can log every N items instead, and copes with an empty run', () => {
    const logger = memoryLogger();
    const p = createProgress({ logger, tty: false, everyPercent: 0, everyItems: 5 });
    p.start(12, 'embed');
    p.increment(3);
    p.increment(3);
    p.increment(6);
    p.stop();
    expect(logger.lines.filter((l) => l.msg === 'embed').map((l) => l.fields['done'])).toEqual([6, 12]);

    const empty = memoryLogger();
    const q = createProgress({ logger: empty, tty: false });
    q.start(0, 'rien');
    q.stop();
    expect(empty.lines.map((l) => l.msg)).toEqual(['rien: starting', 'rien: done']);
  });
});

describe('progress reporter on a TTY: cli-progress bar', () => {
  it('draws a bar on the given stream', () => {
    const stream = Object.assign(new PassThrough(), { isTTY: true, columns: 100 });
    let out = '';
    stream.on('data', (c: Buffer) => (out += c.toString()));
    const logger = memoryLogger();
    const p = createProgress({ logger, stream });
    p.start(3, 'ingest');
    p.increment(1, 'a.txt');
    p.increment(2, 'c.txt');
    p.stop();
    expect(out).toContain('ingest [');
    expect(out).toContain('100% | 3/3 | c.txt');
    expect(logger.lines.map((l) => l.msg)).toEqual(['ingest: done']);
  });
});
