/** Seeded data for the analytic function tests: the same rows on every run. */
import { SeededRandom } from "../../../../src/analytics/functions/rng";

export function generator(seed: number): { uniform: () => number; gaussian: () => number; int: (lo: number, hi: number) => number } {
  const random = new SeededRandom(seed);
  const uniform = (): number => random.nextOpen();
  // Box-Muller: a standard normal draw from two uniforms.
  const gaussian = (): number => Math.sqrt(-2 * Math.log(uniform())) * Math.cos(2 * Math.PI * uniform());
  const int = (lo: number, hi: number): number => lo + Math.floor(uniform() * (hi - lo + 1));
  return { uniform, gaussian, int };
}
