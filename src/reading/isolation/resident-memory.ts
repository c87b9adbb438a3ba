/**
 * A process's resident memory, all threads together, from /proc (Linux). V8's heap limits do
 * not see WebAssembly memory (Tesseract) nor native buffers (libvips, pdf.js typed arrays): the
 * resident set does. Null where /proc is not there.
 */
import { readFile } from 'node:fs/promises';

export async function residentBytes(pid: number): Promise<number | null> {
  try {
    const status = await readFile(`/proc/${pid}/status`, 'latin1');
    const kib = /^VmRSS:\s+(\d+)\s+kB/m.exec(status)?.[1];
    return kib === undefined ? null : Number(kib) * 1024;
  } catch {
    return null;
  }
}
