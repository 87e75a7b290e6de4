import { setFlagsFromString } from 'node:v8';

/**
 * How far V8 lets the helper's heap grow past what its last full collection kept: as much again.
 * By default V8 lets a small heap grow to several times that before it collects again. The idle
 * release (IdleMemoryRelease) gives memory back only when no call comes for a moment; when calls
 * come back to back (several provider instances, or polls less than its delay apart) the garbage
 * of each 10,000-machine poll piled up, about 18 MB more per poll, the helper at about 280 MB
 * before V8 collected. With this flag it collects sooner, mostly off the main thread, and peaked
 * near 230 MB with no CPU cost measurable beside the noise. Half as much again (50) kept it near
 * 210 MB but cost about a tenth more CPU per such poll. See the aws-status-poll benchmark, whose
 * polls through the helper come back to back.
 */
export const HELPER_HEAP_GROWTH_FLAG = '--heap-growing-percent=100';

/**
 * Sets HELPER_HEAP_GROWTH_FLAG for this process, at run time: given on the command line, it
 * would change the options the helper runs with, which every call must share with it.
 */
export function limitHeapGrowth(): void {
  setFlagsFromString(HELPER_HEAP_GROWTH_FLAG);
}
