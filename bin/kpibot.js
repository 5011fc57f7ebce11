#!/usr/bin/env node
// The `kpibot` command. kpibot ships TypeScript sources and runs them through tsx (a runtime dependency),
// so there is no build step between a git clone and a running service.
import { register } from 'tsx/esm/api';

register();
await import('../src/cli.ts');
