/**
 * The three statement triggers (insert, update, delete) of `table` that call `fn` with transition tables `newAlias` and
 * `oldAlias` (PostgreSQL allows transition tables only on a trigger of one event), and the statements that drop them, in
 * that order. The rollups of migrations 0012, 0019, 0021 and 0022 are kept this way; their SQL is the same text it was
 * when each was written out by hand.
 */
export function statementTriggers(table: string, prefix: string, fn: string, newAlias: string, oldAlias: string): { create: string[]; drop: string[] } {
  return {
    create: [
      `CREATE TRIGGER ${prefix}_insert AFTER INSERT ON ${table} REFERENCING NEW TABLE AS ${newAlias} FOR EACH STATEMENT EXECUTE FUNCTION ${fn}()`,
      `CREATE TRIGGER ${prefix}_update AFTER UPDATE ON ${table} REFERENCING OLD TABLE AS ${oldAlias} NEW TABLE AS ${newAlias} FOR EACH STATEMENT EXECUTE FUNCTION ${fn}()`,
      `CREATE TRIGGER ${prefix}_delete AFTER DELETE ON ${table} REFERENCING OLD TABLE AS ${oldAlias} FOR EACH STATEMENT EXECUTE FUNCTION ${fn}()`,
    ],
    drop: ['insert', 'update', 'delete'].map((event) => `DROP TRIGGER ${prefix}_${event} ON ${table}`),
  };
}
