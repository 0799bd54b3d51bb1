// SPDX-License-Identifier: Apache-2.0
import type { Command } from 'commander';
import { createAdminClient, GatewayError, loadGatewayConfig, startGateway, type AdminClientOptions } from '../../gateway/index.js';
import { VERBS } from './verbs.js';

interface ServeFlags {
  readonly config?: string;
  readonly upstream?: string;
  readonly host?: string;
  readonly port?: string;
  readonly store?: string;
  readonly redis?: string;
  readonly dataDir?: string;
}

interface AdminFlags {
  readonly url: string;
  readonly adminToken?: string;
  readonly dataDir: string;
  readonly json?: boolean;
}

function toPort(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  if (!/^\d{1,5}$/.test(text) || Number(text) > 65535) throw new GatewayError('GATEWAY_CONFIG_INVALID', `--port expects 0-65535, got ${JSON.stringify(text)}`);
  return Number(text);
}

async function serve(flags: ServeFlags): Promise<void> {
  const config = await loadGatewayConfig({
    ...(flags.config ? { file: flags.config } : {}),
    overrides: { upstream: flags.upstream, host: flags.host, port: toPort(flags.port), store: flags.store, redis: flags.redis, dataDir: flags.dataDir },
  });
  const gateway = await startGateway(config);
  process.stderr.write(`citadel gateway: OpenAI base URL ${gateway.url}; admin token in ${config.adminToken ? 'the configuration' : `${config.dataDir}/admin-token`}\n`);
  await new Promise<void>((resolve) => {
    const stop = (): void => { process.off('SIGINT', stop); process.off('SIGTERM', stop); resolve(); };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  await gateway.close();
}

function toAdminOptions(flags: AdminFlags): AdminClientOptions {
  return { url: flags.url, dataDir: flags.dataDir, ...(flags.adminToken ? { token: flags.adminToken } : {}) };
}

function print(flags: AdminFlags, value: unknown, text: string): void {
  process.stdout.write(flags.json ? `${JSON.stringify(value, null, 2)}\n` : `${text}\n`);
}

function withAdminOptions(command: Command): Command {
  return command
    .option('--url <url>', 'the gateway address', process.env['CITADEL_GATEWAY_URL'] ?? 'http://127.0.0.1:8080')
    .option('--admin-token <token>', 'admin token (default: $CITADEL_GATEWAY_ADMIN_TOKEN, else <data-dir>/admin-token)')
    .option('--data-dir <dir>', 'where the gateway keeps its admin token', '.citadel')
    .option('--json', 'print JSON');
}

function registerKeys(gateway: Command): void {
  const keys = gateway.command('keys').description('create, list and revoke virtual keys (through the admin API)');
  withAdminOptions(keys.command('create').description('issue a key; it is printed once').requiredOption('--name <name>', 'who the key is for').option('--policy <json>', 'policy overrides as JSON, e.g. {"models":["gpt-4o*"]}'))
    .action(async (flags: AdminFlags & { name: string; policy?: string }) => {
      let policy: Record<string, unknown> | undefined;
      try {
        policy = flags.policy === undefined ? undefined : JSON.parse(flags.policy) as Record<string, unknown>;
      } catch (error) {
        throw new GatewayError('GATEWAY_BAD_REQUEST', `--policy expects a JSON object, got ${JSON.stringify(flags.policy)}`, { cause: error });
      }
      const created = await (await createAdminClient(toAdminOptions(flags))).createKey(flags.name, policy);
      print(flags, created, `id ${created.id}\nkey ${created.key}\n(the key is shown once; the gateway keeps only its hash)`);
    });
  withAdminOptions(keys.command('list').description('list keys (never their secrets)')).action(async (flags: AdminFlags) => {
    const list = await (await createAdminClient(toAdminOptions(flags))).listKeys();
    print(flags, list, list.map((k) => `${k.id}  ${k.revokedAt ? 'revoked' : 'live   '}  ${k.createdAt}  ${k.name}`).join('\n') || '(no keys)');
  });
  withAdminOptions(keys.command('revoke').description('revoke a key on every replica').argument('<id>', 'key id')).action(async (id: string, flags: AdminFlags) => {
    await (await createAdminClient(toAdminOptions(flags))).revokeKey(id);
    print(flags, { id, revoked: true }, `revoked ${id}`);
  });
}

function registerBans(gateway: Command): void {
  const bans = gateway.command('bans').description('list, issue and lift temporary bans (through the admin API)');
  withAdminOptions(bans.command('list').description('active bans on every replica')).action(async (flags: AdminFlags) => {
    const list = await (await createAdminClient(toAdminOptions(flags))).listBans();
    print(flags, list, list.map((b) => `${b.subject}  until ${new Date(b.until).toISOString()}  ${b.reason}`).join('\n') || '(no bans)');
  });
  withAdminOptions(bans.command('add').description('ban a key or address').argument('<subject>', 'key:<id> or ip:<address>').requiredOption('--seconds <n>', 'ban length').option('--reason <text>', 'why'))
    .action(async (subject: string, flags: AdminFlags & { seconds: string; reason?: string }) => {
      const ban = await (await createAdminClient(toAdminOptions(flags))).ban(subject, Number(flags.seconds), flags.reason);
      print(flags, ban, `banned ${ban.subject} until ${new Date(ban.until).toISOString()}`);
    });
  withAdminOptions(bans.command('lift').description('lift a ban on every replica').argument('<subject>', 'key:<id> or ip:<address>')).action(async (subject: string, flags: AdminFlags) => {
    await (await createAdminClient(toAdminOptions(flags))).liftBan(subject);
    print(flags, { subject, lifted: true }, `lifted ${subject}`);
  });
}

/** `citadel gateway --upstream URL`: the OpenAI-compatible security proxy; `keys` and `bans` manage it. */
export function registerGateway(program: Command): void {
  const gateway = program
    .command('gateway')
    .description(VERBS.gateway.summary)
    .option('--upstream <url>', 'OpenAI-compatible upstream base URL, e.g. http://127.0.0.1:11434/v1')
    .option('--config <file>', 'YAML configuration (see README); flags and CITADEL_GATEWAY_* variables override it')
    .option('--host <host>', 'listen address (default 127.0.0.1)')
    .option('--port <port>', 'listen port (default 8080)')
    .option('--store <url>', 'sqlite:PATH (default <data-dir>/citadel.db) or postgres://...')
    .option('--redis <url>', 'redis://... to share limits, bans and revocations between replicas')
    .option('--data-dir <dir>', 'where the embedded store, admin token and ledger key live (default ./.citadel)')
    .action(serve);
  registerKeys(gateway);
  registerBans(gateway);
}
