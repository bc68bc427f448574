import { z } from 'zod';
import { BEST_BEFORE_CHECK_DAYS, FROZEN_SHELF_DAYS, type FoodPolicy } from './domain/food-safety.ts';
import { DONOR_SKIP_CUTOFF_MINUTES } from './domain/donors.ts';

/** The longest sign-in token lifetime `TOKEN_TTL_HOURS` may set. */
export const MAX_TOKEN_TTL_HOURS = 24 * 90;

const bool = z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1');

const schema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  /**
   * Which proxies' `X-Forwarded-For` names the client (for the per-address login limit and the
   * logs): `false` (none, the default), `true` (any), or comma-separated addresses/CIDRs.
   */
  TRUST_PROXY: z.string().trim().default('false').transform((v): boolean | string[] => {
    if (v === 'false' || v === '') return false;
    return v === 'true' || v.split(',').map((a) => a.trim()).filter(Boolean);
  }),
  HOST: z.string().min(1).default('0.0.0.0'),
  DATABASE_URL: z.url({ protocol: /^postgres(ql)?$/ }).optional(),
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(20),
  REDIS_URL: z.url({ protocol: /^rediss?$/ }).optional(),
  REDIS_PREFIX: z.string().regex(/^[A-Za-z0-9_:-]+$/).default('kassi'),
  DATA_DIR: z.string().min(1).default('./data'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  BOOTSTRAP_ADMIN_EMAIL: z.email().optional(),
  BOOTSTRAP_ADMIN_PASSWORD: z.string().min(10, 'must be at least 10 characters').optional(),
  PLANNING_CRON: z.string().regex(/^(\S+\s+){4}\S+$/, 'must be a 5-field cron expression').default('0 18 * * *'),
  OSRM_URL: z.url({ protocol: /^https?$/ }).optional(),
  /** A Nominatim search API (OpenStreetMap's or a self-hosted one) that finds a new site's coordinates from its address; unset: give them. */
  GEOCODER_URL: z.url({ protocol: /^https?$/ }).optional(),
  /**
   * Map tiles behind the plan's routes, a URL template such as
   * `https://tile.openstreetmap.org/{z}/{x}/{y}.png` on one host (no `{s}` in the host: the content
   * security policy names it); unset: the schematic map.
   */
  MAP_TILE_URL: z.string().trim()
    .refine((v) => /^https?:\/\/[^/{}]+\//.test(v) && URL.canParse(v.replace(/\{[a-z]\}/g, '0')), 'must be an http(s) URL template, e.g. https://tile.openstreetmap.org/{z}/{x}/{y}.png')
    .refine((v) => ['{z}', '{x}', '{y}'].every((p) => v.includes(p)), 'must contain {z}, {x} and {y}, e.g. https://tile.openstreetmap.org/{z}/{x}/{y}.png')
    .optional(),
  /** The tiles' attribution shown on the map (plain text); unset: OpenStreetMap's, linked to its copyright page. */
  MAP_ATTRIBUTION: z.string().trim().min(1).max(300).optional(),
  /** Wall-clock budget of the route solver for one plan. */
  PLANNING_TIME_LIMIT_MS: z.coerce.number().int().min(50).max(600_000).default(2000),
  TOKEN_TTL_HOURS: z.coerce.number().int().min(1).max(MAX_TOKEN_TTL_HOURS).default(24 * 7),
  /** Days a message's text is kept; then its title, body and data are emptied (the row stays, for counts). */
  NOTIFICATION_RETENTION_DAYS: z.coerce.number().int().min(1).max(3650).default(180),
  LOGIN_MAX_PER_ACCOUNT: z.coerce.number().int().min(1).default(10),
  LOGIN_MAX_PER_IP: z.coerce.number().int().min(1).default(100),
  BODY_LIMIT_BYTES: z.coerce.number().int().min(1024).default(1024 * 1024),
  /** Longest time a client may take to send a whole request (then 408); 0: headers within 60 s, the body unlimited. */
  REQUEST_TIMEOUT_MS: z.coerce.number().int().min(0).max(3_600_000).default(0),
  METRICS_PORT: z.coerce.number().int().min(1).max(65535).optional(),
  RUN_JOBS_IN_PROCESS: bool.optional(),
  /**
   * How long a worker's hold on a running job lasts, and how often holds are checked: a job whose
   * worker died is handed to another worker within about twice this; unset: BullMQ's 30 s.
   */
  WORKER_LOCK_DURATION_MS: z.coerce.number().int().min(1000).max(600_000).optional(),
  /** Mail server for notifications, e.g. `smtps://user:pass@smtp.example.fi:465`; unset: no email. */
  SMTP_URL: z.url({ protocol: /^smtps?$/ }).optional(),
  MAIL_FROM: z.string().min(3).default('Kassi <kassi@localhost>'),
  /** SMS gateway: receives POST JSON `{to, text}`; unset: no text messages. */
  SMS_WEBHOOK_URL: z.url({ protocol: /^https?$/ }).optional(),
  /** How often reminders and alerts are checked and messages held by quiet hours released; `off` stops it. */
  NOTIFY_CRON: z.string().regex(/^((\S+\s+){4}\S+|off)$/, 'must be a 5-field cron expression or off').default('* * * * *'),
  /** Days a lot frozen from chilled may be handed out after its freezing date (see domain/food-safety.ts). */
  FROZEN_SHELF_DAYS: z.coerce.number().int().min(1).max(365).default(FROZEN_SHELF_DAYS),
  /** Days a passed best-before check stays valid. */
  BEST_BEFORE_CHECK_DAYS: z.coerce.number().int().min(1).max(60).default(BEST_BEFORE_CHECK_DAYS),
  /** `true`: points whose organisation has no food-aid registration take no reservations (409 `point_not_registered`). */
  REQUIRE_POINT_REGISTRATION: bool.default(false),
  /** Minutes before a scheduled pickup's window starts after which its donor can no longer skip it (or undo a skip). */
  DONOR_SKIP_CUTOFF_MINUTES: z.coerce.number().int().min(0).max(7 * 24 * 60).default(DONOR_SKIP_CUTOFF_MINUTES),
  /** Requests per minute a donor's link may make to the donor API, per link and per address. */
  DONOR_RATE_PER_MIN: z.coerce.number().int().min(1).default(60),
  /** The network's name and phone, printed on bag labels. */
  NETWORK_NAME: z.string().trim().min(1).max(120).default('Kassi-ruoka-apuverkosto'),
  NETWORK_PHONE: z.string().trim().max(40).optional(),
  /** Where backups go; set, a backup is taken nightly at BACKUP_CRON (`npm run backup` uses ./backups when unset). */
  BACKUP_DIR: z.string().min(1).optional(),
  /** How many backups BACKUP_DIR keeps (the newest; older ones are removed after each backup). */
  BACKUP_KEEP: z.coerce.number().int().min(1).max(1000).default(14),
  /** When the nightly backup runs (Europe/Helsinki). */
  BACKUP_CRON: z.string().regex(/^(\S+\s+){4}\S+$/, 'must be a 5-field cron expression').default('45 1 * * *'),
  /** `test`: cheap password hashing for test runs only (see modules/users/password.ts); refused in production. */
  PASSWORD_HASHING: z.enum(['standard', 'test']).default('standard'),
});

export type Config = Readonly<z.infer<typeof schema>>;

/** Every environment variable Kassi reads (docs/configuration.md documents each). */
export const CONFIG_VARIABLES = Object.keys(schema.shape) as (keyof Config)[];

/** Thrown for a bad environment; the entry points print its one-line message and exit. */
export class ConfigError extends Error {}

/**
 * Reads the configuration from environment variables only. Empty strings count as unset,
 * so `FOO=` in an env file falls back to the default rather than failing.
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = schema.safeParse(cleaned);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new ConfigError(`Invalid environment variable ${String(issue.path[0])}: ${issue.message}`);
  }
  const cfg = parsed.data;
  if (Boolean(cfg.BOOTSTRAP_ADMIN_EMAIL) !== Boolean(cfg.BOOTSTRAP_ADMIN_PASSWORD)) {
    throw new ConfigError('Invalid environment variable BOOTSTRAP_ADMIN_PASSWORD: set both BOOTSTRAP_ADMIN_EMAIL and BOOTSTRAP_ADMIN_PASSWORD, or neither');
  }
  if (cfg.PASSWORD_HASHING === 'test' && cfg.NODE_ENV === 'production') {
    throw new ConfigError('Invalid environment variable PASSWORD_HASHING: test is for test runs only and is refused under NODE_ENV=production');
  }
  return Object.freeze(cfg);
}

/** The network's food-safety settings as the domain rules take them. */
export function foodPolicy(cfg: Config): FoodPolicy {
  return { frozenShelfDays: cfg.FROZEN_SHELF_DAYS, bestBeforeCheckDays: cfg.BEST_BEFORE_CHECK_DAYS };
}

/** The attribution the map shows when `MAP_ATTRIBUTION` is unset, and where it links. */
export const OSM_ATTRIBUTION = { text: '© OpenStreetMap contributors', url: 'https://www.openstreetmap.org/copyright' };

/** What the app needs to draw the map: the tile URL template and its attribution; all null without tiles. */
export function mapTiles(cfg: Config): { mapTileUrl: string | null; mapAttribution: string | null; mapAttributionUrl: string | null } {
  if (!cfg.MAP_TILE_URL) return { mapTileUrl: null, mapAttribution: null, mapAttributionUrl: null };
  return cfg.MAP_ATTRIBUTION
    ? { mapTileUrl: cfg.MAP_TILE_URL, mapAttribution: cfg.MAP_ATTRIBUTION, mapAttributionUrl: null }
    : { mapTileUrl: cfg.MAP_TILE_URL, mapAttribution: OSM_ATTRIBUTION.text, mapAttributionUrl: OSM_ATTRIBUTION.url };
}

/** The origin the map's tiles come from (for the content security policy's `img-src`), or null without tiles. */
export function mapTileOrigin(cfg: Config): string | null {
  return cfg.MAP_TILE_URL ? new URL(cfg.MAP_TILE_URL.replace(/\{[a-z]\}/g, '0')).origin : null;
}

/** Jobs run in the API process unless a Redis queue is configured (or it is forced). */
export function jobsInProcess(cfg: Config): boolean {
  return cfg.RUN_JOBS_IN_PROCESS ?? !cfg.REDIS_URL;
}
