import pg from 'pg';

/** The answer of PostgreSQL to a login: 'ok', or its SQLSTATE (28P01: wrong password). */
export async function tryLogin(config: pg.ClientConfig): Promise<string> {
  const client = new pg.Client(config);
  try {
    await client.connect();
    await client.query('SELECT 1');
    return 'ok';
  } catch (error) {
    return (error as { code?: string }).code ?? String(error);
  } finally {
    await client.end().catch(() => undefined);
  }
}
