import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Debian's Chromium with the flags a headless test run needs (no sandbox, no background traffic). */
export const CHROMIUM = '/usr/bin/chromium';
export const CHROMIUM_FLAGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
/** Screenshots of the browser tests, to look at after a run. */
export const SHOTS = join(tmpdir(), 'kassi-screenshots');
