/**
 * A small seeded random number generator (xoshiro128**, Blackman and Vigna) whose whole state is
 * four 32-bit words, so a model that uses it can be stored and restored mid-stream and go on to
 * draw exactly the numbers it would have drawn. Nothing in the analytic functions calls
 * Math.random: every random choice comes from one of these, seeded by the caller.
 */
export type RandomState = [number, number, number, number];

export class SeededRandom {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  constructor(seed: number | RandomState) {
    if (typeof seed === "number") {
      // splitmix32 spreads a single seed over the four words (an all-zero state would be stuck).
      let s = seed >>> 0;
      const next = (): number => {
        s = (s + 0x9e3779b9) >>> 0;
        let z = s;
        z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
        z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
        return (z ^ (z >>> 16)) >>> 0;
      };
      this.a = next();
      this.b = next();
      this.c = next();
      this.d = next();
    } else {
      [this.a, this.b, this.c, this.d] = seed;
    }
    if ((this.a | this.b | this.c | this.d) === 0) this.d = 1;
  }

  /** The next 32 random bits as an unsigned integer. */
  nextUint32(): number {
    const result = Math.imul(rotl(Math.imul(this.b, 5), 7), 9) >>> 0;
    const t = this.b << 9;
    this.c ^= this.a;
    this.d ^= this.b;
    this.b ^= this.c;
    this.a ^= this.d;
    this.c ^= t;
    this.d = rotl(this.d, 11);
    return result;
  }

  /** Uniform in the open interval (0, 1): never 0, so log(-log(u)) is always finite. */
  nextOpen(): number {
    return (this.nextUint32() + 0.5) / 4294967296;
  }

  state(): RandomState {
    return [this.a >>> 0, this.b >>> 0, this.c >>> 0, this.d >>> 0];
  }
}

function rotl(x: number, k: number): number {
  return (x << k) | (x >>> (32 - k));
}
