/**
 * The countries invented towns are placed in, weighted roughly by how often their cities
 * appear in twinning lists, with a box around each country's middle for coordinates.
 */
export interface Country {
  code: string;
  weight: number;
  latitude: number;
  longitude: number;
  /** Half the side of the box, in degrees. */
  spread: number;
}

const country = (code: string, weight: number, latitude: number, longitude: number, spread = 3): Country =>
  ({ code, weight, latitude, longitude, spread });

export const COUNTRIES: readonly Country[] = [
  country('IR', 10, 32.5, 53.7, 5), country('RU', 10, 56, 45, 8), country('DE', 8, 51, 10), country('FR', 8, 46.5, 2.5),
  country('US', 8, 39, -96, 10), country('CN', 7, 33, 108, 8), country('IT', 6, 42.8, 12.5), country('PL', 5, 52, 19),
  country('JP', 5, 36.5, 138), country('TR', 5, 39, 35, 4), country('GB', 5, 53, -1.5, 2), country('ES', 4, 40, -3.7),
  country('UA', 4, 49, 31, 4), country('KZ', 3, 48, 67, 6), country('BR', 3, -14, -51, 8), country('IN', 3, 22, 79, 7),
  country('AZ', 2, 40.3, 47.7, 1), country('AM', 2, 40.2, 44.9, 0.6), country('TJ', 2, 38.8, 71, 1.5),
  country('AF', 2, 34, 66, 3), country('IQ', 2, 33, 44, 3), country('SY', 2, 35, 38.5, 1.5), country('LB', 1, 33.9, 35.8, 0.4),
  country('UZ', 2, 41.4, 64.6, 3), country('TM', 1, 39, 59.5, 3), country('BY', 2, 53.7, 27.9, 2),
  country('RS', 1, 44, 20.9, 1), country('EG', 2, 26.8, 30.8, 4), country('KR', 2, 36.4, 127.9, 1.2), country('MX', 2, 23.6, -102.5, 6),
];
