import { randomInt } from 'node:crypto';

const LOWER = 'abcdefghijkmnopqrstuvwxyz';
const UPPER = 'ABCDEFGHJKLMNPQRSTUVWXYZ';
const DIGITS = '23456789';
const SYMBOLS = '!#%+,-.:=@^_~';
const ALL = LOWER + UPPER + DIGITS + SYMBOLS;
const ROOT_PASSWORD_LENGTH = 40;

/** Uniform integer in [0, max); the cryptographic source by default, injectable for tests. */
export type RandomIntSource = (max: number) => number;

/**
 * A root password Linode's strength check accepts (it is required when deploying an image):
 * 40 characters from the crypto RNG, every character class present. It is sent once in the
 * create call and never logged, stored or returned.
 */
export function generateRootPassword(random: RandomIntSource = randomInt): string {
  const characters = [LOWER, UPPER, DIGITS, SYMBOLS].map((set) => pick(set, random));
  while (characters.length < ROOT_PASSWORD_LENGTH) characters.push(pick(ALL, random));
  // Fisher–Yates, so the guaranteed classes are not always at the front.
  for (let index = characters.length - 1; index > 0; index -= 1) {
    const other = random(index + 1);
    [characters[index], characters[other]] = [characters[other] as string, characters[index] as string];
  }
  return characters.join('');
}

function pick(set: string, random: RandomIntSource): string {
  return set.charAt(random(set.length));
}
