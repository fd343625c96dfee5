// The hand-checked fixture workspace (test/fixtures/metrics/delivery), loaded as the CLI loads it.
import * as path from 'node:path';
import type { WorkspaceIndex } from '../../../server/core/workspace-index';
import { loadWorkspaceWith } from '../../helpers/index-folder';

export const FIXTURES = path.join(__dirname, '..', '..', 'fixtures', 'metrics');
export const DELIVERY = path.join(FIXTURES, 'delivery');

export function deliveryIndex(extra: Record<string, string> = {}): WorkspaceIndex {
  return loadWorkspaceWith(DELIVERY, extra);
}

/** The oldest commit of orders-db-1-4's range, as the fixture's comments say: 25 November 12:00 UTC. */
export const ORDERS_DB_OLDEST_COMMIT = Date.parse('2026-11-25T12:00:00Z');

export const HOUR = 3_600_000;
export const MINUTE = 60_000;
