import { mkdirSync } from 'node:fs';
import { chromium } from 'playwright-core';
import type { TestProject } from 'vitest/node';
import { CHROMIUM, CHROMIUM_FLAGS, SHOTS } from './helpers/browser-launch.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    chromiumWs: string;
  }
}

/**
 * Once per run of the browser lane: one Debian Chromium that every browser test file connects
 * to (each file opens its own contexts, so nothing is shared between files but the process).
 */
export default async function setup(project: TestProject) {
  mkdirSync(SHOTS, { recursive: true });
  const server = await chromium.launchServer({ executablePath: CHROMIUM, args: CHROMIUM_FLAGS });
  project.provide('chromiumWs', server.wsEndpoint());
  return () => server.close();
}
