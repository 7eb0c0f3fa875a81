// Peak resident memory of this process. The kernel's own high-water mark (getrusage's
// maxrss) also sees short spikes between samples; it covers the whole process lifetime,
// which is why every model measurement of the suite runs in a process of its own.
export function peakRssMb(): number {
  return process.resourceUsage().maxRSS / 1024; // KiB -> MiB
}
