// PURE: a pinned public key (SHA-256 of the certificate's SubjectPublicKeyInfo), as people copy
// it: `sha256/BASE64` (the HPKP and curl --pinnedpubkey form), bare base64, or 64 hex digits
// with or without colons (what `openssl ... | openssl dgst -sha256` prints).

/** The pin as base64 of the 32-byte digest, or null when the text is not a SHA-256 pin. */
export function normalizePin(text: string): string | null {
  let t = text.trim();
  if (/^sha256\//i.test(t)) t = t.slice(7);
  const hex = t.replace(/:/g, '');
  if (/^[0-9a-f]{64}$/i.test(hex)) return bytesToBase64(hex.match(/../g)!.map((h) => parseInt(h, 16)));
  if (/^[A-Za-z0-9+/]{43}=$/.test(t)) return t;
  return null;
}

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

function bytesToBase64(bytes: number[]): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const [a, b, c] = [bytes[i]!, bytes[i + 1], bytes[i + 2]];
    const n = (a << 16) | ((b ?? 0) << 8) | (c ?? 0);
    out += B64[(n >> 18) & 63]! + B64[(n >> 12) & 63]! + (b === undefined ? '=' : B64[(n >> 6) & 63]!) + (c === undefined ? '=' : B64[n & 63]!);
  }
  return out;
}
