import { describe, expect, it } from 'vitest';
import { isPlatformError } from './platform-errors.ts';

describe('platform errors', () => {
  it('recognises our infrastructure being away, through wrapped causes', () => {
    expect(
      isPlatformError(Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' })),
    ).toBe(true);
    expect(
      isPlatformError(
        Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01' }),
      ),
    ).toBe(true);
    expect(isPlatformError(Object.assign(new Error('the database system is starting up'), { code: '57P03' }))).toBe(
      true,
    );
    expect(isPlatformError(new Error('wrapped', { cause: new Error('Connection terminated unexpectedly') }))).toBe(
      true,
    );
    expect(isPlatformError(new Error('Knex: Timeout acquiring a connection. The pool is probably full.'))).toBe(true);
  });

  it('leaves errors about the work itself alone', () => {
    expect(isPlatformError(Object.assign(new Error('duplicate key value'), { code: '23505' }))).toBe(false);
    expect(
      isPlatformError(Object.assign(new Error('insert or update violates foreign key constraint'), { code: '23503' })),
    ).toBe(false);
    expect(isPlatformError(new Error('input does not match its schema'))).toBe(false);
    expect(isPlatformError(undefined)).toBe(false);
  });
});
