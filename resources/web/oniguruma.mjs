// SPDX-License-Identifier: GPL-3.0-or-later
// Stands in for starry-night's own WebAssembly loader, which fetches the binary from a CDN (and
// again on every later registration). The page fetches nothing: the binary is part of this
// bundle (esbuild's binary loader) and is compiled in place, which is what the page's
// 'wasm-unsafe-eval' allows.
import wasm from 'vscode-oniguruma/release/onig.wasm';

export async function getOniguruma() {
  return wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength);
}
