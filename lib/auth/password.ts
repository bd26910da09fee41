import bcrypt from 'bcryptjs';

const COST = 11;

export function hashPassword(plain: string): Promise<string> {
  return bcrypt.hash(plain, COST);
}

export function verifyPassword(plain: string, hash: string): Promise<boolean> {
  return bcrypt.compare(plain, hash);
}

// Compared against when the email is unknown, so a wrong email costs as long as a wrong password.
export const DUMMY_HASH = '$2b$11$/Y/yz7hBuze/1Nw8Nu.XV.VZ/RgUI73WGfTW1HHtnoiJfsqKO2rL2';
