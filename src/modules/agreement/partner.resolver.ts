import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { Context } from '../../context';
import { Municipality, municipalityById } from '../municipality';
import { partnersOf } from './partner.loaders';
import { Partner } from './partner.type';

@Resolver(() => Partner)
export class PartnerResolver {
  @FieldResolver(() => Municipality, { description: 'The partner municipality.' })
  async municipality(@Root() partner: Partner, @Ctx() context: Context): Promise<Municipality> {
    return (await municipalityById(context).load(partner.municipalityId))!;
  }
}

@Resolver(() => Municipality)
export class MunicipalityPartnersResolver {
  @FieldResolver(() => [Partner], {
    description:
      'Municipalities tied to this one by agreements, each once with all the agreements between them; by name, then slug.',
  })
  partners(@Root() municipality: Municipality, @Ctx() context: Context): Promise<Partner[]> {
    return partnersOf(context).load(municipality.id);
  }
}
