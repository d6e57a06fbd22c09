import { Args, Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { Context } from '../../context';
import { Agreement } from '../agreement';
import { Municipality } from '../municipality';
import { VisitConnection } from './visit.connection';
import { Visit } from './visit.entity';
import { VisitRelationArgs } from './visit.arguments';
import { visitPages } from './visit.loaders';
import { agreementsVisitWasAbout, municipalitiesVisitWasAbout, visitsDiscussing } from './visit-subjects.loaders';

/*
 * What a visit was about, read from both ends (written by addVisitAbout*, see
 * visit-subjects.service.ts). The visit module imports the agreement and municipality modules,
 * so the reverse fields live here too.
 */

@Resolver(() => Visit)
export class VisitSubjectsResolver {
  @FieldResolver(() => [Agreement], {
    description: 'Agreements the visit was about (discussed, or to be made operational), by title.',
  })
  aboutAgreements(@Root() visit: Visit, @Ctx() context: Context): Promise<Agreement[]> {
    return agreementsVisitWasAbout(context).load(visit.id);
  }

  @FieldResolver(() => [Municipality], {
    description: 'Third municipalities the visit was about (neither its host nor its sender), by name.',
  })
  aboutMunicipalities(@Root() visit: Visit, @Ctx() context: Context): Promise<Municipality[]> {
    return municipalitiesVisitWasAbout(context).load(visit.id);
  }
}

@Resolver(() => Agreement)
export class AgreementDiscussedResolver {
  @FieldResolver(() => [Visit], {
    description: 'Visits that were about this agreement (Visit.aboutAgreements), earliest first.',
  })
  discussedOnVisits(@Root() agreement: Agreement, @Ctx() context: Context): Promise<Visit[]> {
    return visitsDiscussing(context).load(agreement.id);
  }
}

@Resolver(() => Municipality)
export class MunicipalityVisitsAboutResolver {
  @FieldResolver(() => VisitConnection, {
    description:
      "Other cities' visits that were about this municipality (Visit.aboutMunicipalities); default latest first.",
  })
  async visitsAbout(
    @Root() municipality: Municipality,
    @Ctx() context: Context,
    @Args() { filter, orderBy, ...page }: VisitRelationArgs,
  ): Promise<VisitConnection> {
    return new VisitConnection(await visitPages(context, 'about', page, filter, orderBy).load(municipality.id));
  }
}
