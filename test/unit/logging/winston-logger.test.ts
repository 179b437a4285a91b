import { expect } from 'chai';
import { Writable } from 'node:stream';
import { WinstonLogger } from '../../../src/infrastructure/logging/winston-logger';

function capture(): { stream: Writable; lines: () => Array<Record<string, unknown>> } {
  const chunks: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      chunks.push(chunk.toString());
      done();
    },
  });
  return {
    stream,
    lines: () =>
      chunks
        .join('')
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l) as Record<string, unknown>),
  };
}

describe('WinstonLogger', () => {
  it('writes JSON lines and a batch child logger carries load_id on every line', () => {
    const out = capture();
    const logger = WinstonLogger.create('info', out.stream);
    logger.child({ load_id: 7 }).info('stage finished', { stage: 'facts', seconds: 1.5 });
    logger.debug('hidden below the level');
    const lines = out.lines();
    expect(lines).to.have.length(1);
    expect(lines[0]).to.include({
      level: 'info',
      message: 'stage finished',
      load_id: 7,
      stage: 'facts',
      seconds: 1.5,
    });
    expect(lines[0]).to.have.property('timestamp');
  });

  it('masks passwords of connection strings in messages and fields', () => {
    const out = capture();
    WinstonLogger.create('info', out.stream).error(
      'cannot connect to postgres://etl:hunter2@db:5432/aca',
      {
        url: 'postgresql://etl:hunter2@db/aca',
      },
    );
    const text = JSON.stringify(out.lines());
    expect(text).to.not.contain('hunter2');
    expect(text).to.contain('postgres://etl:***@db:5432/aca');
    expect(text).to.contain('postgresql://etl:***@db/aca');
  });
});
