import { statSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SqliteDatabase } from './sqlite-database.js';

describe('SqliteDatabase.write', () => {
  let directory: string;
  const opened: Database.Database[] = [];

  beforeEach(async () => {
    directory = await mkdtemp(join(tmpdir(), 'ohf-sqlite-write-'));
  });

  afterEach(async () => {
    for (const connection of opened.splice(0)) connection.close();
    await rm(directory, { recursive: true, force: true });
  });

  function open(name: string): { database: SqliteDatabase; walBytes: () => number } {
    const path = join(directory, `${name}.db`);
    const connection = new Database(path);
    opened.push(connection);
    connection.pragma('journal_mode = WAL');
    connection.pragma('wal_autocheckpoint = 0');
    connection.exec('CREATE TABLE items (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE)');
    const database = new SqliteDatabase(connection, path);
    return { database, walBytes: () => statSync(`${path}-wal`).size };
  }

  const insert = (database: SqliteDatabase, name: string) => () =>
    Number(database.statement('INSERT INTO items (name) VALUES (?)').run(name).lastInsertRowid);

  it('commits the writes asked for in the same turn together, once', async () => {
    const together = open('together');
    const before = together.walBytes();
    const ids = await Promise.all(Array.from({ length: 20 }, (_, index) => together.database.write(`item ${index}`, insert(together.database, `item-${index}`))));
    expect(ids).toEqual(Array.from({ length: 20 }, (_, index) => index + 1));
    const grouped = together.walBytes() - before;

    const alone = open('alone');
    const start = alone.walBytes();
    for (let index = 0; index < 20; index += 1) await alone.database.write(`item ${index}`, insert(alone.database, `item-${index}`));
    const oneByOne = alone.walBytes() - start;

    // Twenty commits append the table's page twenty times; one commit appends it once.
    expect(grouped * 5).toBeLessThan(oneByOne);
    expect(alone.database.connection.prepare('SELECT count(*) AS count FROM items').get()).toEqual({ count: 20 });
  });

  it('undoes and rejects only the write that failed, and commits the others', async () => {
    const { database } = open('failing');
    await database.write('first', insert(database, 'taken'));
    const results = await Promise.allSettled([
      database.write('before', insert(database, 'before')),
      database.write('duplicate', () => {
        insert(database, 'written then undone')();
        return insert(database, 'taken')();
      }),
      database.write('after', insert(database, 'after')),
    ]);
    expect(results.map((result) => result.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect((results[1] as PromiseRejectedResult).reason).toMatchObject({ message: expect.stringContaining(`duplicate in ${join(directory, 'failing.db')}`) });
    const names = database.connection.prepare('SELECT name FROM items ORDER BY id').pluck().all();
    expect(names).toEqual(['taken', 'before', 'after']);
  });

  it('commits the writes still waiting when asked to (the storage does before it closes)', async () => {
    const { database } = open('closing');
    const pending = database.write('item', insert(database, 'kept'));
    database.commitWrites();
    database.connection.close();
    opened.splice(opened.indexOf(database.connection), 1);
    await expect(pending).resolves.toBe(1);
    const reopened = new Database(join(directory, 'closing.db'), { readonly: true });
    opened.push(reopened);
    expect(reopened.prepare('SELECT name FROM items').pluck().all()).toEqual(['kept']);
  });

  it('settles a write only after its commit, so a reader on another connection sees it', async () => {
    const { database } = open('visible');
    const reader = new Database(join(directory, 'visible.db'), { readonly: true });
    opened.push(reader);
    const pending = database.write('item', insert(database, 'seen'));
    expect(reader.prepare('SELECT count(*) AS count FROM items').get()).toEqual({ count: 0 });
    await pending;
    expect(reader.prepare('SELECT name FROM items').pluck().all()).toEqual(['seen']);
  });
});
