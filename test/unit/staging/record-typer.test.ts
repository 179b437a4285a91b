import { expect } from 'chai';
import {
  CLAIMS_FILE,
  ENROLLMENTS_FILE,
  MEMBERS_FILE,
  PLANS_FILE,
  SeedFileSpec,
} from '../../../src/domain/seed-contract';
import { CsvRecord, CsvTokenizer } from '../../../src/domain/staging/csv-tokenizer';
import { FIELD_CANONICAL, FIELD_NULL, FIELD_OK } from '../../../src/domain/staging/field-coercer';
import { mapHeader } from '../../../src/domain/staging/header-mapping';
import { RecordIssue, RecordTyper } from '../../../src/domain/staging/record-typer';
import { SeedFileError } from '../../../src/domain/staging/seed-file-error';

const AS_OF = new Date('2025-01-01T00:00:00Z');

interface Typed {
  line: number;
  ok: boolean;
  issues: readonly RecordIssue[];
  verbatim: boolean;
  codes: number[];
  texts: Record<string, string>;
}

/** Types every data record of `csv` (first line = header) as staging would. */
function typeAll(spec: SeedFileSpec, csv: string): Typed[] {
  const tokenizer = new CsvTokenizer({ file: spec.file });
  let typer: RecordTyper | undefined;
  const out: Typed[] = [];
  const onRecord = (record: CsvRecord): void => {
    if (!typer) {
      typer = new RecordTyper(spec, mapHeader(spec, record.fieldTexts()), AS_OF);
      return;
    }
    const ok = typer.type(record);
    const texts: Record<string, string> = {};
    typer.header.names.forEach((name, i) => {
      if (typer?.codes[i] === FIELD_CANONICAL) texts[name] = typer.texts[i] ?? '';
    });
    out.push({
      line: record.line,
      ok,
      issues: typer.issues,
      verbatim: ok && typer.verbatim,
      codes: Array.from(typer.codes),
      texts,
    });
  };
  tokenizer.push(Buffer.from(csv), onRecord);
  tokenizer.end(onRecord);
  return out;
}

const CLAIM_HEADER =
  'claim_id,member_id,provider_id,plan_id,service_date,claim_amount,allowed_amount,paid_amount,status,diagnosis_code,procedure_code';

describe('RecordTyper', () => {
  it('marks a clean record verbatim, so it can be copied as read', () => {
    const [row] = typeAll(
      CLAIMS_FILE,
      `${CLAIM_HEADER}\nC1,M1,V1,P1,2024-02-10,200.00,150.00,120.00,approved,E11.9,99213\n`,
    );
    expect(row).to.deep.include({ ok: true, verbatim: true, issues: [], texts: {} });
  });

  it('rewrites re-spelled, trimmed, blank and quoted-empty values', () => {
    const [row] = typeAll(
      CLAIMS_FILE,
      `${CLAIM_HEADER},is_oon,drug\nC1, M1 ,V1,P1,2024-02-10,200.00,150.00,120.00,APPROVED,"E11.9",99213,"",\n`,
    );
    expect(row).to.deep.include({ ok: true, verbatim: false });
    expect(row?.texts).to.deep.equal({ member_id: 'M1', status: 'approved' });
    expect(row?.codes.slice(-2)).to.deep.equal([FIELD_NULL, FIELD_NULL]);
    expect(row?.codes[9]).to.equal(FIELD_OK);
  });

  it('a business-rule breach (paid > allowed) is not a reject', () => {
    const [row] = typeAll(
      CLAIMS_FILE,
      `${CLAIM_HEADER}\nC1,M1,V1,P1,2024-02-10,100.00,150.00,900.00,approved,E11.9,99213\n`,
    );
    expect(row?.ok).to.equal(true);
  });

  it('reports every failing column of a record, the first one as its column', () => {
    const [row] = typeAll(
      CLAIMS_FILE,
      `${CLAIM_HEADER}\nC1,,V1,P1,2024-02-30,200.00,150.00,120.00,closed,E11.9,99213\n`,
    );
    expect(row?.ok).to.equal(false);
    expect(row?.issues).to.deep.equal([
      { column: 'member_id', reason: 'member_id: a value is required' },
      {
        column: 'service_date',
        reason: "service_date: '2024-02-30' is not a calendar date in YYYY-MM-DD form",
      },
      { column: 'status', reason: "status: 'closed' is not one of approved, denied, pending" },
    ]);
  });

  it('rejects whole records with the wrong field count, broken quoting, NUL or bad UTF-8', () => {
    const csv = Buffer.concat([
      Buffer.from(
        `plan_id,effective_year,name,metal_tier,monthly_premium,deductible,oop_max,coinsurance_rate,pcp_copay\n`,
      ),
      Buffer.from('P1,2024,Gold,Gold,1,1,1,0.1\n'),
      Buffer.from('P1,2024,"Gold"x,Gold,1,1,1,0.1,1\n'),
      Buffer.from('P1,2024,Go\0ld,Gold,1,1,1,0.1,1\n'),
      Buffer.from([0x50, 0x31, 0x2c, 0x32, 0x30, 0x32, 0x34, 0x2c, 0xe9, 0x2c]),
      Buffer.from('Gold,1,1,1,0.1,1\n'),
      Buffer.from('P1,2024,"open,Gold,1,1,1,0.1,1\n'),
    ]);
    const tokenizer = new CsvTokenizer({ file: 'plans.csv' });
    let typer: RecordTyper | undefined;
    const issues: Array<[number, readonly RecordIssue[]]> = [];
    const onRecord = (record: CsvRecord): void => {
      if (!typer)
        typer = new RecordTyper(PLANS_FILE, mapHeader(PLANS_FILE, record.fieldTexts()), AS_OF);
      else if (!typer.type(record)) issues.push([record.line, typer.issues]);
    };
    tokenizer.push(csv, onRecord);
    tokenizer.end(onRecord);
    expect(issues).to.deep.equal([
      [2, [{ column: null, reason: 'the record has 8 fields, the header has 9' }]],
      [3, [{ column: 'name', reason: 'name: text follows the closing quote' }]],
      [4, [{ column: null, reason: 'the record contains a NUL byte' }]],
      [5, [{ column: null, reason: 'the record is not valid UTF-8' }]],
      [
        6,
        [
          {
            column: 'name',
            reason: 'name: quoted field is not closed before the end of the file',
          },
        ],
      ],
    ]);
  });

  it('rejects a date of birth after as_of without showing it', () => {
    const header =
      'member_id,first_name,last_name,dob,gender,state,zip,fpl_ratio,plan_metal,plan_network_access_type,region,clinical_segment,year';
    const rows = typeAll(
      MEMBERS_FILE,
      `${header}\nM1,A,B,2025-01-01,F,WI,1,1,Gold,HMO,West,x,2024\nM2,A,B,2025-01-02,F,WI,1,1,Gold,HMO,West,x,2024\n`,
    );
    expect(rows.map((r) => [r.line, r.ok, r.issues])).to.deep.equal([
      [2, true, []],
      [
        3,
        false,
        [{ column: 'dob', reason: 'dob: the value is after the seed set as_of 2025-01-01' }],
      ],
    ]);
  });

  it('rejects an end_date before start_date; an open end is fine', () => {
    const rows = typeAll(
      ENROLLMENTS_FILE,
      'member_id,plan_id,start_date,end_date,premium_paid\n' +
        'M1,P1,2024-02-01,2024-01-31,10\n' +
        'M1,P1,2024-02-01,2024-02-01,10\n' +
        'M1,P1,2024-02-01,,10\n',
    );
    expect(rows.map((r) => [r.line, r.ok, r.issues])).to.deep.equal([
      [
        2,
        false,
        [{ column: 'end_date', reason: "end_date: '2024-01-31' is before start_date 2024-02-01" }],
      ],
      [3, true, []],
      [4, true, []],
    ]);
  });

  it('keeps columns the contract does not name as trimmed text', () => {
    const [row] = typeAll(
      CLAIMS_FILE,
      `${CLAIM_HEADER},Source_System,batch\nC1,M1,V1,P1,2024-02-10,1,1,1,denied,E,9," x ""y"" ",\n`,
    );
    expect(row?.ok).to.equal(true);
    expect(row?.texts).to.deep.equal({ source_system: 'x "y"' });
    expect(row?.codes.slice(-1)).to.deep.equal([FIELD_NULL]);
  });
});

describe('mapHeader', () => {
  it('matches names trimmed and case-insensitively, in any order', () => {
    const header = mapHeader(PLANS_FILE, [
      ' Plan_ID',
      'NAME',
      'effective_year',
      'metal_tier',
      'monthly_premium',
      'deductible',
      'oop_max',
      'coinsurance_rate',
      'pcp_copay',
      'Region',
      '',
    ]);
    expect(header.names.slice(0, 2)).to.deep.equal(['plan_id', 'name']);
    expect(header.columns.map((c) => c?.name ?? null)).to.deep.equal([
      'plan_id',
      'name',
      'effective_year',
      'metal_tier',
      'monthly_premium',
      'deductible',
      'oop_max',
      'coinsurance_rate',
      'pcp_copay',
      null,
      null,
    ]);
    expect(header.unknown).to.deep.equal(['region', 'column_11']);
    expect(header.absentOptional).to.deep.equal([]);
  });

  it('lists the optional columns a file does not have', () => {
    const header = mapHeader(ENROLLMENTS_FILE, [
      'member_id',
      'plan_id',
      'start_date',
      'premium_paid',
    ]);
    expect(header.absentOptional).to.deep.equal(['enrollment_id', 'end_date', 'csr_variant']);
  });

  it('fails on a missing required column, naming the file and the column', () => {
    expect(() => mapHeader(ENROLLMENTS_FILE, ['member_id', 'plan_id', 'premium_paid']))
      .to.throw(SeedFileError)
      .with.property(
        'message',
        'enrollments.csv, line 1, column start_date: required column is missing from the header',
      );
    expect(() => mapHeader(ENROLLMENTS_FILE, ['member_id', 'premium_paid']))
      .to.throw(SeedFileError)
      .with.property(
        'message',
        'enrollments.csv, line 1, column plan_id: required columns are missing from the header: plan_id, start_date',
      );
  });

  it('fails on a duplicated column, however it is spelled', () => {
    expect(() =>
      mapHeader(ENROLLMENTS_FILE, [
        'member_id',
        'plan_id',
        'start_date',
        'premium_paid',
        'Plan_Id',
      ]),
    )
      .to.throw(SeedFileError)
      .with.property(
        'message',
        'enrollments.csv, line 1, column plan_id: the header names this column twice (fields 2 and 5)',
      );
  });
});
