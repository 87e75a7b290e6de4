import { appendFileSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { storageStamp, storageUnchangedSince, type StorageLocation } from './template-usage.js';

describe('storageUnchangedSince', () => {
  let directory: string;
  let sqlite: StorageLocation;

  beforeEach(() => {
    directory = mkdtempSync(join(tmpdir(), 'ohf-usage-'));
    sqlite = { strategy: 'sqlite', path: join(directory, 'request_database.db') };
    writeFileSync(sqlite.path!, 'database pages');
  });

  afterEach(() => rmSync(directory, { recursive: true, force: true }));

  it('holds while the database file is untouched and its write-ahead log is absent or empty', () => {
    const before = storageStamp(sqlite);
    expect(storageUnchangedSince(sqlite, before)).toBe(true);
    // Opening the database creates an empty log; a reader leaves it empty.
    writeFileSync(`${sqlite.path}-wal`, '');
    expect(storageUnchangedSince(sqlite, before)).toBe(true);
    expect(storageUnchangedSince(sqlite, storageStamp(sqlite))).toBe(true);
  });

  it('fails once anything was written: frames in the log, or a checkpoint that changed the file', () => {
    const before = storageStamp(sqlite);
    writeFileSync(`${sqlite.path}-wal`, 'a frame');
    expect(storageUnchangedSince(sqlite, before)).toBe(false);
    // A log that already held frames may hold anyone's writes: never unchanged.
    expect(storageUnchangedSince(sqlite, storageStamp(sqlite))).toBe(false);
    rmSync(`${sqlite.path}-wal`);
    const checkpointed = storageStamp(sqlite);
    appendFileSync(sqlite.path!, ' and one more');
    expect(storageUnchangedSince(sqlite, checkpointed)).toBe(false);
    const touched = storageStamp(sqlite);
    utimesSync(sqlite.path!, new Date(2030, 0, 1), new Date(2030, 0, 1));
    expect(storageUnchangedSince(sqlite, touched)).toBe(false);
  });

  it('compares a JSON document file as it is, and never trusts a database server', () => {
    const json: StorageLocation = { strategy: 'json', path: join(directory, 'requests.json') };
    writeFileSync(json.path!, '{}');
    const before = storageStamp(json);
    expect(storageUnchangedSince(json, before)).toBe(true);
    appendFileSync(json.path!, ' ');
    expect(storageUnchangedSince(json, before)).toBe(false);
    expect(storageUnchangedSince({ strategy: 'postgres' }, storageStamp({ strategy: 'postgres' }))).toBe(false);
  });
});
