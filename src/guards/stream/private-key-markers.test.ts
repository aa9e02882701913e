import { describe, expect, it } from 'vitest';
import { findUnterminatedPrivateKey } from './private-key-markers.ts';

describe('findUnterminatedPrivateKey', () => {
  it('finds a BEGIN marker that no END marker follows', () => {
    const text = 'see: -----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXk';
    expect(findUnterminatedPrivateKey(text, 0)).toBe(5);
  });

  it('ignores closed blocks, and finds an open one after them', () => {
    const closed = '-----BEGIN RSA PRIVATE KEY-----\nAAA\n-----END RSA PRIVATE KEY-----';
    expect(findUnterminatedPrivateKey(closed, 0)).toBeUndefined();
    const open = '-----BEGIN PGP PRIVATE KEY BLOCK-----\nxyz';
    expect(findUnterminatedPrivateKey(`${closed}\n${open}`, 0)).toBe(closed.length + 1);
  });

  it('does not take a public key or certificate for a private key', () => {
    expect(findUnterminatedPrivateKey('-----BEGIN PUBLIC KEY-----\nMIIB', 0)).toBeUndefined();
    expect(findUnterminatedPrivateKey('-----BEGIN CERTIFICATE-----\nMIIB', 0)).toBeUndefined();
  });

  it('starts searching at the given offset', () => {
    const text = '-----BEGIN PRIVATE KEY-----\nAAAA';
    expect(findUnterminatedPrivateKey(text, 1)).toBeUndefined();
  });
});
