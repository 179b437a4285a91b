import { expect } from 'chai';
import { bindNamed } from '../../../src/infrastructure/persistence/named-params';

describe('named SQL parameters', () => {
  it('numbers placeholders by first use, binds only the names used and leaves casts alone', () => {
    const bound = bindNamed(
      `SELECT :b::int, :a::text, :b, 'x'::text, to_char(now(), 'HH24:MI'), :unknown, ::x`,
      { a: 'A', b: 2, unused: 3 },
    );
    expect(bound).to.deep.equal({
      sql: `SELECT $1::int, $2::text, $1, 'x'::text, to_char(now(), 'HH24:MI'), :unknown, ::x`,
      params: [2, 'A'],
    });
  });
});
