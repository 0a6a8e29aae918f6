#!/usr/bin/env node
// The CLI is TypeScript run through tsx, so there is no build step between a clone and `npm start`.
import v8 from 'node:v8';
import { register } from 'tsx/esm/api';

// V8 would otherwise learn, under load, to allocate query rows and answers straight into the old
// generation (they outlive a young-generation collection while their request is in flight), where only a
// full collection frees them: 14-19% more server CPU per near-me answer (docs/benchmarks.md).
v8.setFlagsFromString('--no-allocation-site-pretenuring');
register();
await import('../src/cli/main.ts');
