/**
 * A real IMAP server for the mailbox tests: Debian's Dovecot (`dovecot-imapd`, installed by
 * scripts/ensure-system-deps.sh), started on a free loopback port with a throwaway
 * configuration, passwd file and maildir under a temp folder, and stopped after the tests.
 * Runs as the current user when that is not root (Dovecot's own processes then need no
 * privilege); as root it uses the package's unprivileged `dovecot` and `dovenull` users.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, chownSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, connect } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';

export interface Dovecot {
  host: string;
  port: number;
  user: string;
  password: string;
  /** imap://user@127.0.0.1:port/INBOX */
  url: string;
  /** Dovecot's log, to see why a test failed. */
  log(): string;
  stop(): Promise<void>;
}

const DOVECOT = '/usr/sbin/dovecot';

export async function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolvePort(port));
    });
  });
}

async function waitForPort(port: number, child: ChildProcess, log: () => string): Promise<void> {
  for (let i = 0; i < 200; i++) {
    if (child.exitCode !== null) throw new Error(`dovecot exited (${child.exitCode}): ${log()}`);
    const open = await new Promise<boolean>((resolveOpen) => {
      const socket = connect(port, '127.0.0.1');
      socket.once('connect', () => {
        socket.destroy();
        resolveOpen(true);
      });
      socket.once('error', () => resolveOpen(false));
    });
    if (open) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`dovecot did not listen on ${port}: ${log()}`);
}

function idOf(kind: '-u' | '-g', name: string): number {
  return Number(execFileSync('id', [kind, name], { encoding: 'utf8' }).trim());
}

export async function startDovecot(): Promise<Dovecot> {
  const dir = mkdtempSync(join(tmpdir(), 'faxdesk-dovecot-'));
  const port = await freePort();
  const user = 'fax';
  const password = 'secret-test-password';
  const root = process.getuid?.() === 0;
  const me = userInfo();
  const internalUser = root ? 'dovecot' : me.username;
  const loginUser = root ? 'dovenull' : me.username;
  const mailUid = root ? idOf('-u', 'dovecot') : me.uid;
  const mailGid = root ? idOf('-g', 'dovecot') : me.gid;
  const mail = join(dir, 'mail');
  const run = join(dir, 'run');
  mkdirSync(mail);
  mkdirSync(join(run, 'state'), { recursive: true });
  if (root) {
    chmodSync(dir, 0o755); // Dovecot's unprivileged users read the passwd file and reach the maildir
    chownSync(mail, mailUid, mailGid);
  }
  writeFileSync(join(dir, 'users'), `${user}:{PLAIN}${password}::::::\n`);
  const config = `
base_dir = ${run}
state_dir = ${run}/state
instance_name = faxdesk-test-${port}
protocols = imap
listen = 127.0.0.1
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login
first_valid_uid = 1
last_valid_uid = 0
default_internal_user = ${internalUser}
default_internal_group = ${root ? 'dovecot' : String(me.gid)}
default_login_user = ${loginUser}
log_path = ${dir}/dovecot.log
mail_location = maildir:${mail}/%u
passdb {
  driver = passwd-file
  args = scheme=PLAIN ${dir}/users
}
userdb {
  driver = static
  args = uid=${mailUid} gid=${mailGid} home=${mail}/%u
}
service imap-login {
  inet_listener imap {
    address = 127.0.0.1
    port = ${port}
  }
  inet_listener imaps {
    port = 0
  }
  chroot =
}
service anvil {
  chroot =
}
`;
  writeFileSync(join(dir, 'dovecot.conf'), config);
  let output = '';
  const child = spawn(DOVECOT, ['-F', '-c', join(dir, 'dovecot.conf')], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
  child.once('error', (error) => (output += String(error)));
  await waitForPort(port, child, () => output);
  return {
    host: '127.0.0.1',
    port,
    user,
    password,
    url: `imap://${user}@127.0.0.1:${port}/INBOX`,
    log: () => {
      try {
        return readFileSync(join(dir, 'dovecot.log'), 'utf8');
      } catch {
        return output;
      }
    },
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        await exited;
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
