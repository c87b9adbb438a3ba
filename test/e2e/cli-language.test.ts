/** The command line speaks FAXDESK_LANGUAGE: its help, its own errors, parseArgs' and the configuration's. */
import { describe, expect, it } from 'vitest';
import { runFaxdesk } from './cli.ts';

describe('faxdesk in the administrator’s language', { timeout: 60_000 }, () => {
  it('French by default, with one apostrophe style', async () => {
    const help = await runFaxdesk(['help'], { FAXDESK_LANGUAGE: '' });
    expect(help.stdout).toContain('Usage :');
    expect(help.stdout).not.toContain("'");
    const bad = await runFaxdesk(['check', '--bogus'], { FAXDESK_LANGUAGE: '' });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toBe('faxdesk : Option inconnue : --bogus\nVoir « faxdesk help ».\n');
  });

  it('English with FAXDESK_LANGUAGE=en', async () => {
    const help = await runFaxdesk(['--help'], { FAXDESK_LANGUAGE: 'en' });
    expect(help.stdout).toContain('Usage:');
    expect(help.stdout).toContain('Reads and checks faxes');
    const bad = await runFaxdesk(['frob'], { FAXDESK_LANGUAGE: 'en' });
    expect(bad.stderr).toBe('faxdesk: Unknown command: frob\nSee “faxdesk help”.\n');
    const config = await runFaxdesk(['status'], { FAXDESK_LANGUAGE: 'en', FAXDESK_OCR_WORKERS: 'x' });
    expect(config.code).toBe(2);
    expect(config.stderr).toContain('Invalid configuration:\n- FAXDESK_OCR_WORKERS: a number is expected');
  });
});
