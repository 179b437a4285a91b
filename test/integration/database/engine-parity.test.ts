import { expect } from 'chai';
import { describeOnEngines } from '../../support/test-database';

describeOnEngines('database adapter', (t) => {
  it('returns the same JavaScript types on both engines', async () => {
    const [row] = await t.db.query(
      `SELECT 42::int8 AS big, count(*) AS n, 1234567.89::numeric(14,2) AS money,
              DATE '2024-02-29' AS day, TIMESTAMPTZ '2024-03-01 00:00:00+00' AS at,
              TIMESTAMP '9999-12-31' AS open_end, true AS flag, 7::int AS small,
              ARRAY[1, NULL, 3]::int8[] AS bigs, ARRAY[DATE '2024-01-31']::date[] AS days,
              ARRAY[1.50]::numeric[] AS amounts, '{}'::int8[] AS none
         FROM generate_series(1, 3)`,
    );
    expect(row).to.deep.equal({
      big: 42,
      n: 3,
      money: '1234567.89',
      day: '2024-02-29',
      at: new Date('2024-03-01T00:00:00Z'),
      open_end: new Date('9999-12-31T00:00:00Z'),
      flag: true,
      small: 7,
      bigs: [1, null, 3],
      days: ['2024-01-31'],
      amounts: ['1.50'],
      none: [],
    });
  });

  it('refuses a bigint it cannot represent exactly', async () => {
    let message = '';
    try {
      await t.db.query(`SELECT 9007199254740993::int8 AS too_big`);
    } catch (error) {
      message = String(error);
    }
    expect(message).to.match(/exceeds the JavaScript safe integer range/);
  });

  it('reports affected rows and rolls back a failed transaction', async () => {
    await t.db.execute(`CREATE TABLE etl.adapter_probe (id int PRIMARY KEY, note text)`);
    const inserted = await t.db.execute(
      `INSERT INTO etl.adapter_probe SELECT g, 'n' || g FROM generate_series(1, 5) g`,
    );
    expect(inserted.rowCount).to.equal(5);
    let failed = false;
    try {
      await t.db.transaction(async (tx) => {
        await tx.execute(`UPDATE etl.adapter_probe SET note = 'changed'`);
        await tx.execute(`INSERT INTO etl.adapter_probe VALUES (1, 'duplicate')`);
      });
    } catch {
      failed = true;
    }
    expect(failed).to.equal(true);
    const rows = await t.db.query<{ n: number }>(
      `SELECT count(*) AS n FROM etl.adapter_probe WHERE note = 'changed'`,
    );
    expect(rows[0]?.n).to.equal(0);
  });

  it('bulk-loads row-aligned chunks with COPY', async () => {
    await t.db.execute(`CREATE TABLE etl.copy_probe (id int, label text, amount numeric(14,2))`);
    async function* chunks(): AsyncGenerator<Buffer> {
      yield Buffer.from('1,"a, quoted ""label""",10.50\n2,plain,0\n');
      yield Buffer.from('3,"multi\nline",99999.99\n');
    }
    const copied = await t.db.copyFrom(
      `COPY etl.copy_probe (id, label, amount) FROM STDIN WITH (FORMAT csv)`,
      chunks(),
    );
    expect(copied).to.equal(3);
    const rows = await t.db.query(`SELECT id, label, amount FROM etl.copy_probe ORDER BY id`);
    expect(rows).to.deep.equal([
      { id: 1, label: 'a, quoted "label"', amount: '10.50' },
      { id: 2, label: 'plain', amount: '0.00' },
      { id: 3, label: 'multi\nline', amount: '99999.99' },
    ]);
  });
});
