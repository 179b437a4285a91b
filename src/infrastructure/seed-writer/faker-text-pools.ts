import { faker } from '@faker-js/faker';
import {
  TextPools,
  TextPoolSizes,
  TextPoolsPort,
} from '../../application/generate-seed-set/ports/text-pools.port';

/**
 * Text pools from @faker-js/faker (en locale), seeded and given a fixed reference date so the
 * same seed always yields the same names, streets and cities. Called once per run.
 */
export class FakerTextPools implements TextPoolsPort {
  build(seed: number, referenceDate: Date, sizes: TextPoolSizes): TextPools {
    faker.seed(seed);
    faker.setDefaultRefDate(referenceDate);
    const list = (n: number, make: () => string): string[] => Array.from({ length: n }, make);
    return {
      femaleFirstNames: list(sizes.firstNames, () => faker.person.firstName('female')),
      maleFirstNames: list(sizes.firstNames, () => faker.person.firstName('male')),
      lastNames: list(sizes.lastNames, () => faker.person.lastName()),
      streetNames: list(sizes.streetNames, () => faker.location.street()),
      cityNames: list(sizes.cityNames, () => faker.location.city()),
    };
  }
}
