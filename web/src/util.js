// Helpers of the nearrt web package that need no module: base64, UTF-8,
// exact JSON parsing, and views of run results.

const textEncoder = new TextEncoder();
const textDecoder = new TextDecoder('utf-8', { fatal: true });

/** Bytes to standard base64. */
export function toBase64(bytes) {
  let s = '';
  for (let i = 0; i < bytes.length; i += 0x8000) {
    s += String.fromCharCode.apply(null, bytes.subarray(i, i + 0x8000));
  }
  return btoa(s);
}

/** Standard base64 to bytes. */
export function fromBase64(text) {
  const s = atob(text);
  const out = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) out[i] = s.charCodeAt(i);
  return out;
}

/** The UTF-8 text of `bytes`, or null if they are not valid UTF-8. */
export function utf8OrNull(bytes) {
  try {
    return textDecoder.decode(bytes);
  } catch {
    return null;
  }
}

export function toBytes(x) {
  if (x instanceof Uint8Array) return x;
  if (x instanceof ArrayBuffer) return new Uint8Array(x);
  if (ArrayBuffer.isView(x)) return new Uint8Array(x.buffer, x.byteOffset, x.byteLength);
  if (typeof x === 'string') return textEncoder.encode(x);
  return null;
}

/**
 * JSON.parse, except that integers that a double cannot hold exactly become
 * decimal strings (nearrt's JSON prints u64 gas values as plain numbers).
 */
export function parseJson(text) {
  if (!/\d{16}/.test(text)) return JSON.parse(text);
  let out = '';
  let last = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92) i++;            // backslash: skip the escaped char
      else if (c === 34) inString = false;
      continue;
    }
    if (c === 34) { inString = true; continue; }
    if (c === 45 || (c >= 48 && c <= 57)) {
      let j = i + 1;
      while (j < text.length && /[0-9.eE+-]/.test(text[j])) j++;
      const tok = text.slice(i, j);
      if (/^-?\d{16,}$/.test(tok) && !Number.isSafeInteger(Number(tok))) {
        out += text.slice(last, i) + '"' + tok + '"';
        last = j;
      }
      i = j - 1;
    }
  }
  return JSON.parse(out + text.slice(last));
}

/** Yields created by a run: the receipts marked is_promise_yield. */
export function yieldsOf(receipts) {
  const out = [];
  (receipts || []).forEach((r, index) => {
    if (!r.is_promise_yield) return;
    const call = (r.actions || []).map((a) => a.FunctionCall).find(Boolean) || {};
    out.push({
      receiptIndex: index,
      dataId: r.input_data_id,
      receiverId: r.receiver_id,
      method: call.method_name,
      args: call.args,
      argsBase64: call.args_base64,
      gas: call.gas,
    });
  });
  return out;
}

/**
 * A state map ({base64 key: base64 value}) as rows for display: keys and
 * values as text where they are UTF-8, base64 always.
 */
export function stateRows(state) {
  return Object.keys(state || {}).sort().map((k) => {
    const key = fromBase64(k);
    const value = fromBase64(state[k]);
    return { keyBase64: k, valueBase64: state[k], key: utf8OrNull(key), value: utf8OrNull(value),
             keyBytes: key.length, valueBytes: value.length };
  });
}
