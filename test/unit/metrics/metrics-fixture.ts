// The hand-checked fixture workspace (test/fixtures/metrics/delivery), loaded as the CLI loads it.
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { WorkspaceIndex } from '../../../server/core/workspace-index';

export const FIXTURES = path.join(__dirname, '..', '..', 'fixtures', 'metrics');
export const DELIVERY = path.join(FIXTURES, 'delivery');

export function deliveryIndex(extra: Record<string, string> = {}): WorkspaceIndex {
  const index = new WorkspaceIndex();
  for (const name of readdirSync(DELIVERY))
    index.set(pathToFileURL(path.join(DELIVERY, name)).href, readFileSync(path.join(DELIVERY, name), 'utf8'));
  for (const [name, text] of Object.entries(extra)) index.set(pathToFileURL(path.join(DELIVERY, name)).href, text);
  return index;
}

/** The oldest commit of orders-db-1-4's range, as the fixture's comments say: 25 November 12:00 UTC. */
export const ORDERS_DB_OLDEST_COMMIT = Date.parse('2026-11-25T12:00:00Z');

export const HOUR = 3_600_000;
export const MINUTE = 60_000;
