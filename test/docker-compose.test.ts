// No Docker engine here: check the compose file's wiring instead of running it.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { Env } from '@ledgerflow/db';

const compose = parse(readFileSync(new URL('../docker-compose.yml', import.meta.url), 'utf8'));
const s = compose.services;

describe('docker-compose.yml', () => {
  it('has postgres, temporal on that postgres, temporal-ui, api and worker', () => {
    expect(Object.keys(s).sort()).toEqual(['api', 'postgres', 'temporal', 'temporal-ui', 'worker']);
    expect(s.postgres.image).toMatch(/^postgres:\d+/);
    expect(s.temporal.image).toMatch(/^temporalio\/auto-setup:/);
    expect(s.temporal.environment.DB).toMatch(/^postgres/);
    expect(s.temporal.environment.POSTGRES_SEEDS).toBe('postgres');
    expect(s['temporal-ui'].environment.TEMPORAL_ADDRESS).toBe('temporal:7233');
  });
  it('builds api and worker from the repo Dockerfile with their own entry points', () => {
    expect(s.api.build).toBe('.');
    expect(s.worker.build).toBe('.');
    expect(s.api.command.join(' ')).toContain('packages/api/src/server.ts');
    expect(s.worker.command.join(' ')).toContain('packages/worker/src/main.ts');
    expect(readFileSync(new URL('../Dockerfile', import.meta.url), 'utf8')).toMatch(/FROM node:24/);
  });
  it('wires api and worker to the same postgres and temporal, with env the boot schema accepts', () => {
    for (const svc of [s.api, s.worker]) {
      expect(svc.environment.DATABASE_URL).toMatch(/@postgres:5432\//);
      expect(svc.environment.TEMPORAL_ADDRESS).toBe('temporal:7233');
      expect(svc.depends_on.postgres.condition).toBe('service_healthy');
      for (const key of Object.keys(svc.environment)) expect(Object.keys(Env.properties)).toContain(key);
    }
    expect(s.api.environment.DATABASE_URL).toBe(s.worker.environment.DATABASE_URL);
  });
  it('publishes the API, Temporal and the UI on distinct ports', () => {
    const ports = [s.api, s.temporal, s['temporal-ui']].flatMap((x) => x.ports.map((p: string) => p.split(':')[0]));
    expect(new Set(ports).size).toBe(ports.length);
    expect(s.api.ports).toContain('3000:3000');
  });
});
