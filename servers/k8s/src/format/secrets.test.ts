import { describe, expect, it } from 'vitest';
import { configMapRow, listKeys } from './configmaps.js';
import { secretRow } from './secrets.js';

const now = new Date('2026-03-01T12:00:00Z');
const metadata = { name: 'db', namespace: 'shop', creationTimestamp: new Date('2026-01-01T12:00:00Z') };
const b64 = (text: string) => Buffer.from(text).toString('base64');

describe('secretRow', () => {
  it('shows name, type, key count, age and key sizes, never a value', () => {
    const row = secretRow(
      { metadata, type: 'Opaque', data: { password: b64('SHOULD-NEVER-LEAK'), user: b64('app') } },
      now,
    );
    expect(row.cells).toEqual(['db', 'Opaque', '2', '59d', 'password(17B),user(3B)']);
    expect(JSON.stringify(row)).not.toContain('SHOULD-NEVER-LEAK');
    expect(JSON.stringify(row)).not.toContain(b64('SHOULD-NEVER-LEAK'));
    expect(secretRow({ metadata }, now).cells).toEqual(['db', 'Opaque', '0', '59d', '<none>']);
  });
});

describe('configMapRow', () => {
  it('counts data and binaryData keys and lists their names only', () => {
    const row = configMapRow(
      { metadata, data: { 'app.yaml': 'port: 8080', LOG_LEVEL: 'info' }, binaryData: { logo: 'AAAA' } },
      now,
    );
    expect(row.cells).toEqual(['db', '3', '59d', 'LOG_LEVEL,app.yaml,logo']);
    expect(JSON.stringify(row)).not.toContain('8080');
  });

  it('bounds long key lists', () => {
    const keys = Array.from({ length: 50 }, (_, index) => `key-number-${index}`);
    expect(listKeys(keys)).toMatch(/,\+\d+ more$/);
    expect(listKeys(keys).length).toBeLessThan(150);
  });
});
