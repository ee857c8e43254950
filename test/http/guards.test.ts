import { describe, expect, it } from 'vitest';
import { tokenPrecheck } from '../../src/bot/adapter.js';
import { isJsonContentType, isLoopback, isLoopbackHost } from '../../src/http/server.js';

const b64url = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');
const NOW = Date.parse('2026-11-23T10:00:00Z');

describe('request guards', () => {
  it('When a content type is JSON (with or without parameters, any case), then it passes; forms, text and missing types do not', () => {
    for (const ok of ['application/json', 'application/json; charset=utf-8', 'Application/JSON']) expect(isJsonContentType(ok), ok).toBe(true);
    for (const bad of [undefined, '', 'application/x-www-form-urlencoded', 'text/plain', 'multipart/form-data; boundary=x', 'application/jsonp', 'text/json'])
      expect(isJsonContentType(bad), String(bad)).toBe(false);
  });

  it('When an address is loopback (IPv4, IPv6 or IPv4-mapped), then it is local; anything else is not', () => {
    for (const local of ['127.0.0.1', '127.8.9.10', '::1', '::ffff:127.0.0.1']) expect(isLoopback(local), local).toBe(true);
    for (const remote of [undefined, '', '192.0.2.2', '::ffff:192.0.2.2', 'fd00::2', '128.0.0.1', '127.0.0.1.example.no']) expect(isLoopback(remote), String(remote)).toBe(false);
  });

  it('When a Host header names this machine, then it is local; any other name is not', () => {
    for (const local of ['127.0.0.1:3978', 'localhost', 'LOCALHOST:80', '[::1]:3978']) expect(isLoopbackHost(local), local).toBe(true);
    for (const other of [undefined, '', 'angriper.example:3978', '127.0.0.1.nip.io', 'localhost.angriper.example', '0.0.0.0:3978']) expect(isLoopbackHost(other), String(other)).toBe(false);
  });

  it('When a token is unsigned, malformed or long expired, then it is refused before the library sees it; a plausible one is left to the library', () => {
    const payload = b64url({ iss: 'https://api.botframework.com', exp: NOW / 1000 + 3600 });
    expect(tokenPrecheck('', NOW)).toBeUndefined();
    expect(tokenPrecheck(`Bearer ${b64url({ alg: 'none' })}.${payload}.`, NOW)).toBe('algorithm');
    expect(tokenPrecheck(`Bearer ${b64url({ alg: 'HS256' })}.${payload}.c2ln`, NOW)).toBe('algorithm');
    expect(tokenPrecheck(`Bearer ${b64url({ alg: 'RS256' })}.${payload}.`, NOW)).toBe('algorithm');
    expect(tokenPrecheck('Bearer not.a.jwt', NOW)).toBe('format');
    expect(tokenPrecheck('Basic dXNlcjpwYXNz', NOW)).toBe('format');
    expect(tokenPrecheck(`Bearer ${b64url({ alg: 'RS256' })}.${b64url({ exp: NOW / 1000 - 3600 })}.c2ln`, NOW)).toBe('expired');
    // Within the library's five minutes of clock tolerance: the library decides.
    expect(tokenPrecheck(`Bearer ${b64url({ alg: 'RS256' })}.${b64url({ exp: NOW / 1000 - 60 })}.c2ln`, NOW)).toBeUndefined();
    expect(tokenPrecheck(`Bearer ${b64url({ alg: 'RS256', kid: 'k' })}.${payload}.c2ln`, NOW)).toBeUndefined();
  });
});
