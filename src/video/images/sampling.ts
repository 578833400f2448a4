/**
 * GetImages' and image generation's sampled times: StartTimestamp, then every SamplingInterval up to
 * EndTimestamp. AWS: "If the timestamp range is less than the sampling interval, the image from the
 * startTimestamp will be returned if available", so the start always counts, and so does the end when a step
 * lands on it (the range is inclusive).
 */
export function sampleTimes(startMs: number, endMs: number, intervalMs: number): number[] {
  const times: number[] = [];
  for (let time = startMs; time <= endMs; time += intervalMs) times.push(time);
  return times;
}
