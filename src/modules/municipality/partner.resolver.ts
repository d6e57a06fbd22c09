import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { Context } from '../../context';
import { Municipality } from './municipality.entity';
import { municipalityById } from './municipality.loaders';
import { Partner } from './partner.type';

@Resolver(() => Partner)
export class PartnerResolver {
  @FieldResolver(() => Municipality, { description: 'The partner municipality.' })
  async municipality(@Root() partner: Partner, @Ctx() context: Context): Promise<Municipality> {
    return (await municipalityById(context).load(partner.municipalityId))!;
  }
}
