import { Ctx, Resolver } from 'type-graphql';
import { inUse, uniqueKey } from '../../write/constraints';
import { runMutation } from '../../write/mutation';
import { DeleteInput, MutationField, MutationInput, Payload, payload } from '../../write/payloads';
import { Context } from '../../context';
import { addCitations, CitationsInput, removeCitations } from '../source';
import { Organization } from './organization.entity';
import { CreateOrganizationInput, UpdateOrganizationInput } from './organization.input';
import {
  createOrganization,
  deleteOrganization,
  organizationSources,
  updateOrganization,
} from './organization.service';

const OrganizationPayload = Payload(Organization, 'Organization', 'organization');
const OrganizationSourcesInput = CitationsInput(
  'OrganizationSources',
  organizationSources,
  'sources that report on the organization',
);

type SourcesLink = InstanceType<typeof OrganizationSourcesInput>;

const taken = {
  organization_slug_key: uniqueKey('slug', 'another organization has this slug'),
  organization_wikidata_id_key: uniqueKey('wikidataId', 'another organization has this Wikidata id'),
};
const referred = {
  delegation_sender_organization_id_fkey: inUse('the organization sent a recorded delegation'),
  person_position_organization_id_fkey: inUse('people hold recorded positions in the organization'),
};

/** A municipality's bodies are in its editors' scope; bodies of no municipality are kept by unscoped keys (see organization.service.ts). */
@Resolver()
export class OrganizationMutationsResolver {
  @MutationField(() => OrganizationPayload, {
    description:
      'Adds an organization, with the sources that report on it (a key with a municipality scope: a body of one of its municipalities).',
  })
  async createOrganization(
    @Ctx() context: Context,
    @MutationInput(CreateOrganizationInput) input: CreateOrganizationInput,
  ) {
    return payload(
      await runMutation(
        context,
        { name: 'createOrganization', input, recordType: 'Organization', constraints: taken },
        (tx) => createOrganization(tx, input),
      ),
      input,
    );
  }

  @MutationField(() => OrganizationPayload, {
    description:
      "Changes an organization's slug, names, kind or what it belongs to (a scoped key: bodies of its own municipalities, staying with them).",
  })
  async updateOrganization(
    @Ctx() context: Context,
    @MutationInput(UpdateOrganizationInput) input: UpdateOrganizationInput,
  ) {
    return payload(
      await runMutation(context, { name: 'updateOrganization', input, constraints: taken }, (tx) =>
        updateOrganization(tx, input),
      ),
      input,
    );
  }

  @MutationField(() => OrganizationPayload, {
    description:
      'Deletes an organization recorded in error, with its citations; refused (IN_USE) while delegations or positions name it.',
  })
  async deleteOrganization(@Ctx() context: Context, @MutationInput(DeleteInput) input: DeleteInput) {
    return payload(
      await runMutation(context, { name: 'deleteOrganization', input, constraints: referred }, (tx) =>
        deleteOrganization(tx, input),
      ),
      input,
    );
  }

  @MutationField(() => OrganizationPayload, { description: 'Cites sources for the organization.' })
  async addOrganizationSources(@Ctx() context: Context, @MutationInput(OrganizationSourcesInput) input: SourcesLink) {
    return payload(
      await runMutation(context, { name: 'addOrganizationSources', input }, (tx) =>
        addCitations<Organization>(tx, organizationSources, input),
      ),
      input,
    );
  }

  @MutationField(() => OrganizationPayload, { description: 'Removes sources cited for the organization.' })
  async removeOrganizationSources(
    @Ctx() context: Context,
    @MutationInput(OrganizationSourcesInput) input: SourcesLink,
  ) {
    return payload(
      await runMutation(context, { name: 'removeOrganizationSources', input }, (tx) =>
        removeCitations<Organization>(tx, organizationSources, input),
      ),
      input,
    );
  }
}
