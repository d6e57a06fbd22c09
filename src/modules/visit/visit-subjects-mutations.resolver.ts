import { Ctx, Resolver } from 'type-graphql';
import { addLinks, LinkInput, LinkSpec, removeLinks } from '../../write/links';
import { runMutation } from '../../write/mutation';
import { MutationField, MutationInput, payload } from '../../write/payloads';
import { Context } from '../../context';
import { Visit } from './visit.entity';
import { VisitPayload } from './visit.payload';
import { visitAboutAgreements, visitAboutMunicipalities } from './visit-subjects.service';

const AgreementsInput = LinkInput('VisitAboutAgreements', visitAboutAgreements, 'agreements the visit was about');
const MunicipalitiesInput = LinkInput(
  'VisitAboutMunicipalities',
  visitAboutMunicipalities,
  'third municipalities the visit was about',
);

type Link = InstanceType<typeof AgreementsInput> & Record<string, unknown>;

const SCOPE =
  'A key with a municipality scope needs the visit in its scope (its sender or host), not the agreement or municipality named.';

function change(context: Context, name: string, spec: LinkSpec, input: Link, adding: boolean) {
  return runMutation(context, { name, input }, (tx) =>
    adding ? addLinks<Visit>(tx, spec, input) : removeLinks<Visit>(tx, spec, input),
  );
}

/** What a visit was about, written after the fact from the visit's side (see visit-subjects.service.ts). */
@Resolver()
export class VisitSubjectsMutationsResolver {
  @MutationField(() => VisitPayload, {
    description: `Records agreements the visit was about (discussed, to be made operational); one named already is DUPLICATE. ${SCOPE}`,
  })
  async addVisitAboutAgreements(@Ctx() context: Context, @MutationInput(AgreementsInput) input: Link) {
    return payload(await change(context, 'addVisitAboutAgreements', visitAboutAgreements, input, true), input);
  }

  @MutationField(() => VisitPayload, {
    description: `Removes agreements from what the visit was about; one not named is NOT_FOUND. ${SCOPE}`,
  })
  async removeVisitAboutAgreements(@Ctx() context: Context, @MutationInput(AgreementsInput) input: Link) {
    return payload(await change(context, 'removeVisitAboutAgreements', visitAboutAgreements, input, false), input);
  }

  @MutationField(() => VisitPayload, {
    description: `Records third municipalities the visit was about (a city the delegations discussed); one named already is DUPLICATE. ${SCOPE}`,
  })
  async addVisitAboutMunicipalities(@Ctx() context: Context, @MutationInput(MunicipalitiesInput) input: Link) {
    return payload(await change(context, 'addVisitAboutMunicipalities', visitAboutMunicipalities, input, true), input);
  }

  @MutationField(() => VisitPayload, {
    description: `Removes municipalities from what the visit was about; one not named is NOT_FOUND. ${SCOPE}`,
  })
  async removeVisitAboutMunicipalities(@Ctx() context: Context, @MutationInput(MunicipalitiesInput) input: Link) {
    return payload(
      await change(context, 'removeVisitAboutMunicipalities', visitAboutMunicipalities, input, false),
      input,
    );
  }
}
