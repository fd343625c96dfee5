// Deterministic, realistic workspaces for the benchmark and for the incremental re-parse tests:
// a calendar with freezes and recurring maintenance, runbooks spread over the calendar with
// dependencies between them, and single runbooks with thousands of steps. The same seed gives
// byte-identical files, so two runs (or two machines) measure the same input.

export const CALENDAR_FILE = 'acme.calendar.yaml';

/** mulberry32: small, fast and good enough to vary generated content. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Random = () => number;
const pick = <T>(random: Random, list: readonly T[]): T => list[Math.floor(random() * list.length)];
const between = (random: Random, low: number, high: number): number => low + Math.floor(random() * (high - low + 1));
function shuffle<T>(random: Random, list: T[]): T[] {
  for (let i = list.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [list[i], list[j]] = [list[j], list[i]];
  }
  return list;
}
const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

export interface GeneratedFile {
  /** Path relative to the workspace folder. */
  path: string;
  text: string;
}

export function calendarText(): string {
  return `# ACME release calendar: where changes may go, and when they may not.
calendar: acme
timezone: Europe/Berlin

environments:
  - name: staging
  - name: production
    maintenance-only: false
  - name: infrastructure
    production: true
    maintenance-only: true

freezes:
  - id: year-end-2026
    title: Year-end code freeze 2026
    start: 2026-12-21T00:00
    end: 2027-01-04T00:00
    environments: [production, infrastructure]
  - id: year-end-2027
    title: Year-end code freeze 2027
    start: 2027-12-20T00:00
    end: 2028-01-03T00:00
    environments: [production, infrastructure]
  - id: year-end-2028
    title: Year-end code freeze 2028
    start: 2028-12-18T00:00
    end: 2029-01-02T00:00
    environments: [production, infrastructure]
  - id: month-end-close
    title: Finance month-end close
    rrule: FREQ=MONTHLY;BYMONTHDAY=-1
    start-time: "18:00"
    duration: 30h
    environments: [production]

maintenance:
  - id: sunday-infra
    title: Sunday infrastructure window
    rrule: FREQ=WEEKLY;BYDAY=SU
    start-time: "02:00"
    duration: 4h
    environments: [infrastructure]
  - id: wednesday-db
    title: Wednesday database window
    rrule: FREQ=WEEKLY;BYDAY=WE
    start-time: "05:00"
    duration: 2h
    environments: [production]
`;
}

const TEAMS = [
  'payments',
  'storefront',
  'search',
  'identity',
  'logistics',
  'ledger',
  'platform',
  'data',
  'mobile',
  'notifications',
];
const NOUNS = [
  'api',
  'web',
  'worker',
  'gateway',
  'indexer',
  'scheduler',
  'db',
  'cache',
  'stream',
  'reports',
  'auth',
  'exporter',
];
const PEOPLE = [
  'alice',
  'bob',
  'carol',
  'dave',
  'erin',
  'frank',
  'grace',
  'heidi',
  'ivan',
  'judy',
  'mallory',
  'niaj',
  'olivia',
  'peggy',
  'rupert',
  'sybil',
  'trent',
  'victor',
  'walter',
];
const STEP_KINDS = [
  {
    id: 'canary',
    title: 'Deploy {v} to the canary pool (5% of traffic)',
    run: './scripts/deploy.sh {s} {v} --canary',
    timeout: ['10m', '15m', '20m'],
  },
  { id: 'rollout', title: 'Roll out {v} to all pods', run: './scripts/deploy.sh {s} {v}', timeout: ['15m', '20m'] },
  {
    id: 'migrate',
    title: 'Apply schema migration {m}',
    run: './scripts/migrate.sh {m}',
    timeout: ['10m', '15m', '20m'],
  },
  {
    id: 'flag-on',
    title: 'Enable the feature flag for {s}',
    run: './scripts/flags.sh enable {s}-{m}',
    timeout: ['5m'],
  },
  {
    id: 'scale-up',
    title: 'Scale {s} to the release capacity',
    run: 'kubectl scale deploy/{s} --replicas=12',
    timeout: ['5m', '10m'],
  },
  { id: 'warm-cache', title: 'Warm the cache for {s}', run: './scripts/warm.sh {s}', timeout: ['10m'] },
  {
    id: 'switch-traffic',
    title: 'Switch traffic to the new {s} deployment',
    run: './scripts/switch.sh {s} blue green',
    timeout: ['5m', '10m'],
  },
] as const;

interface RunbookPlan {
  id: string;
  service: string;
  team: string;
  environment: 'production' | 'staging' | 'infrastructure';
  start: string;
  end: string;
  dependsOn: string[];
  endMs: number;
  startMs: number;
}

/** Days on which a production change may run at 22:00-24:00 Berlin: not the month-end close, not a year-end freeze. */
function releaseDays(count: number): Date[] {
  const days: Date[] = [];
  const day = new Date(Date.UTC(2026, 0, 5));
  while (days.length < count) {
    const d = day.getUTCDate();
    const m = day.getUTCMonth();
    const lastOfMonth = new Date(Date.UTC(day.getUTCFullYear(), m + 1, 0)).getUTCDate();
    const inYearEnd = (m === 11 && d >= 17) || (m === 0 && d <= 4);
    if (d !== 1 && d !== lastOfMonth && !inYearEnd) days.push(new Date(day));
    day.setUTCDate(d + 1);
  }
  return days;
}

function isoDay(date: Date): string {
  return `${date.getUTCFullYear()}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())}`;
}

function nextSunday(date: Date): Date {
  const d = new Date(date);
  do d.setUTCDate(d.getUTCDate() + 1);
  while (d.getUTCDay() !== 0);
  return d;
}

/** `count` runbooks and one calendar; about six releases a night, each service at most once a night. */
export function generateWorkspace(count: number, seed = 1): GeneratedFile[] {
  const random = seededRandom(seed * 7919 + count);
  const perDay = 6;
  const days = releaseDays(Math.ceil(count / perDay) + 1);
  const serviceCount = Math.max(3, Math.ceil(count / 8));
  const services = Array.from({ length: serviceCount }, (_, i) => {
    const team = TEAMS[i % TEAMS.length];
    return {
      name: `${team}-${NOUNS[Math.floor(i / TEAMS.length) % NOUNS.length]}${i >= TEAMS.length * NOUNS.length ? `-${Math.floor(i / (TEAMS.length * NOUNS.length))}` : ''}`,
      team,
    };
  });
  const plans: RunbookPlan[] = [];
  const files: GeneratedFile[] = [{ path: CALENDAR_FILE, text: calendarText() }];
  for (let i = 0; i < count; i++) {
    const dayIndex = Math.floor(i / perDay);
    // Consecutive runbooks of one night get different services, so no two overlap (RB014).
    const service = services[(dayIndex * perDay + (i % perDay)) % serviceCount];
    const infrastructure = i % 10 === 9;
    const staging = !infrastructure && i % 5 === 2;
    const environment = infrastructure ? 'infrastructure' : staging ? 'staging' : 'production';
    let start: string;
    let end: string;
    let startMs: number;
    let endMs: number;
    if (infrastructure) {
      // Inside the Sunday 02:00-06:00 maintenance window; one service per runbook.
      const sunday = nextSunday(days[dayIndex]);
      const hour = 2 + (i % 3);
      start = `${isoDay(sunday)}T${pad(hour)}:00`;
      end = `${isoDay(sunday)}T${pad(hour + 1)}:00`;
      startMs = sunday.getTime() + hour * 3_600_000;
      endMs = startMs + 3_600_000;
    } else {
      const day = days[dayIndex];
      start = `${isoDay(day)}T22:00`;
      const next = new Date(day);
      next.setUTCDate(next.getUTCDate() + 1);
      end = `${isoDay(next)}T00:00`;
      startMs = day.getTime() + 22 * 3_600_000;
      endMs = startMs + 2 * 3_600_000;
    }
    const id = infrastructure ? `infra-${service.name}-${i}` : `${service.name}-${i}`;
    // Dependencies on earlier runbooks whose windows end before this one starts (RB012 holds).
    const dependsOn: string[] = [];
    const wanted = random() < 0.35 ? between(random, 1, 2) : 0;
    for (let tries = 0; dependsOn.length < wanted && tries < 6 && plans.length > 0; tries++) {
      const candidate = plans[Math.max(0, plans.length - 1 - between(random, 0, 40))];
      if (candidate.endMs + 3_600_000 <= startMs && !dependsOn.includes(candidate.id)) dependsOn.push(candidate.id);
    }
    const plan: RunbookPlan = {
      id,
      service: infrastructure ? `${service.name}-nodes-${i}` : service.name,
      team: service.team,
      environment,
      start,
      end,
      dependsOn,
      startMs,
      endMs,
    };
    plans.push(plan);
    files.push({ path: `${service.team}/${id}.runbook.yaml`, text: runbookText(plan, random, i) });
  }
  return files;
}

function runbookText(plan: RunbookPlan, random: Random, index: number): string {
  const version = `${between(random, 1, 9)}.${between(random, 0, 30)}.${between(random, 0, 9)}`;
  const migration = pad(between(random, 1, 400), 4);
  const owner = pick(random, PEOPLE);
  const onCall = pick(
    random,
    PEOPLE.filter((p) => p !== owner),
  );
  const fill = (t: string) => t.replace(/\{v\}/g, version).replace(/\{s\}/g, plan.service).replace(/\{m\}/g, migration);
  // A few files carry the slips real repositories have: a typo'd key, a forgotten rollback link.
  const slip = index % 37 === 11 ? 'typo' : index % 53 === 17 ? 'unused-rollback' : undefined;
  const lines: string[] = [];
  lines.push(`# ${plan.team} release ${index}`);
  lines.push(`runbook: ${plan.id}`);
  lines.push(`title: ${plan.service} ${version} to ${plan.environment}`);
  lines.push(`service: ${plan.service}`);
  lines.push(`version: ${version}`);
  lines.push(`environment: ${plan.environment}`);
  lines.push(`team: ${plan.team}`);
  lines.push(`owner: "@${owner}"`);
  lines.push(`on-call: "@${onCall}"`);
  if (random() < 0.5) lines.push('timezone: Europe/Berlin');
  lines.push('', 'window:', `  start: ${plan.start}`);
  if (random() < 0.7) lines.push(`  end: ${plan.end}`);
  else lines.push(`  duration: ${Math.round((plan.endMs - plan.startMs) / 3_600_000)}h`);
  lines.push(
    '',
    'change:',
    `  type: ${plan.environment === 'staging' ? 'standard' : 'normal'}`,
    `  risk: ${pick(random, ['low', 'medium', 'medium', 'high'])}`,
  );
  if (random() < 0.6) lines.push(`  ticket: acme/releases#${1000 + index}`);
  if (random() < 0.4) lines.push('  approvers: ["@acme/cab"]');
  if (plan.dependsOn.length) {
    lines.push('', 'depends-on:');
    for (const dep of plan.dependsOn) lines.push(`  - ${dep}`);
  }
  lines.push('', `notify: ["#${plan.team}-releases"${random() < 0.5 ? ', "@release-managers"' : ''}]`);
  lines.push(
    '',
    'preconditions:',
    '  - id: ci-green',
    `    check: Acceptance tests pass on tag v${version}`,
    '    command: gh run list --workflow acceptance',
  );
  if (random() < 0.5)
    lines.push('  - id: staging-soak', `    check: ${version} has run 48 hours in staging without new alerts`);

  const stepCount = plan.environment === 'infrastructure' ? between(random, 2, 4) : between(random, 3, 6);
  const kinds = shuffle(random, [...STEP_KINDS]).slice(0, stepCount);
  const rollbackIds: string[] = [];
  lines.push('', 'steps:');
  kinds.forEach((kind, k) => {
    lines.push(`  - id: ${kind.id}`, `    title: ${fill(kind.title)}`);
    if (random() < 0.25)
      lines.push(
        '    description: |',
        `      Run from the bastion host; watch the ${plan.service} dashboard.`,
        '      Stop and page the on-call if the error rate rises.',
      );
    // Timeouts that fit the window: at most six 20-minute steps in two hours, three in one.
    lines.push(
      `    run: ${fill(kind.run)}`,
      `    timeout: ${pick(random, plan.environment === 'infrastructure' ? ['5m', '10m', '15m'] : kind.timeout)}`,
    );
    const last = k === kinds.length - 1;
    if (last && random() < 0.5) lines.push('    irreversible: true');
    else {
      const rollbackId = `undo-${kind.id}`;
      rollbackIds.push(rollbackId);
      lines.push(`    ${slip === 'typo' && k === 0 ? 'rolback' : 'rollback'}: ${rollbackId}`);
    }
    if (random() < 0.4)
      lines.push('    verify:', `      - check: ${plan.service} error rate below 0.5% for 10 minutes`);
  });
  if (slip === 'unused-rollback') rollbackIds.push('undo-everything');
  lines.push(
    '',
    'rollback:',
    '  trigger: Error rate above 2% for 5 minutes, or any failed verification',
    `  decision: "@${owner}"`,
    '  steps:',
  );
  for (const rollbackId of rollbackIds) {
    lines.push(
      `    - id: ${rollbackId}`,
      `      title: Undo ${rollbackId.slice(5)} for ${plan.service}`,
      `      run: ./scripts/deploy.sh ${plan.service} previous`,
      `      timeout: ${pick(random, ['5m', '10m'])}`,
    );
  }
  lines.push('', 'verification:', '  - id: smoke', `    check: Synthetic checks for ${plan.service} succeed`);
  if (random() < 0.5)
    lines.push('  - id: dashboards', '    check: No new alerts on the service dashboard for 15 minutes');
  return `${lines.join('\n')}\n`;
}

/** One runbook with `steps` steps (about 220 bytes and 7 lines each), in staging, linting clean. */
export function generateLargeRunbook(steps: number, seed = 1): string {
  const random = seededRandom(seed * 104729 + steps);
  const lines: string[] = [];
  const minutesPerStep = 2;
  const hours = Math.ceil((steps * minutesPerStep) / 60) + 1;
  lines.push(`# A long migration: ${steps} steps.`);
  lines.push(
    `runbook: ledger-reshard-${steps}`,
    `title: Reshard the ledger into ${steps} partitions`,
    'service: ledger-db',
    'version: 4.0.0',
    'environment: staging',
    'team: ledger',
    'owner: "@alice"',
    'on-call: "@bob"',
    'timezone: Europe/Berlin',
  );
  lines.push('', 'window:', '  start: 2026-03-02T22:00', `  duration: ${hours}h`);
  lines.push('', 'change:', '  type: normal', '  risk: high', '  ticket: acme/releases#4242');
  lines.push(
    '',
    'preconditions:',
    '  - id: backup',
    '    check: A fresh backup of the ledger exists',
    '    command: ./scripts/backup.sh --verify',
  );
  const rollbackEvery = 10;
  lines.push('', 'steps:');
  for (let i = 1; i <= steps; i++) {
    const n = pad(i, 5);
    const region = pick(random, ['eu-west', 'eu-central', 'us-east', 'us-west', 'ap-south']);
    lines.push(`  - id: partition-${n}`, `    title: Move partition ${i} to ${region}`);
    if (i % 10 === 0)
      lines.push(
        '    description: |',
        `      Check replication lag on ${region} before and after the move.`,
        '      Pause if lag exceeds 30 seconds.',
      );
    lines.push(`    run: ./reshard.sh -p ${i} -t ${region}`, `    timeout: ${pick(random, ['1m', '2m'])}`);
    if (i % 25 === 0) lines.push('    irreversible: true');
    else lines.push(`    rollback: restore-group-${pad(Math.ceil(i / rollbackEvery), 4)}`);
    lines.push('    verify:', `      - check: Partition ${i} serves reads`);
  }
  lines.push(
    '',
    'rollback:',
    '  trigger: Replication lag above 60 seconds, or any failed verification',
    '  decision: "@alice"',
    '  steps:',
  );
  const groups = Math.ceil(steps / rollbackEvery);
  for (let g = 1; g <= groups; g++) {
    lines.push(
      `    - id: restore-group-${pad(g, 4)}`,
      `      title: Restore partitions ${(g - 1) * rollbackEvery + 1} to ${Math.min(steps, g * rollbackEvery)}`,
      `      run: ./scripts/reshard.sh --restore-group ${g}`,
      '      timeout: 5m',
    );
  }
  lines.push('', 'verification:', '  - id: balances', '    check: Ledger balances match the pre-migration snapshot');
  return `${lines.join('\n')}\n`;
}

export const LARGE_RUNBOOK_FILE = (steps: number) => `ledger-reshard-${steps}.runbook.yaml`;
